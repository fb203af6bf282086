import type { Handler } from '../context';
import { clientException, invalidParameter } from '../protocol/errors';
import type { Json, JsonObject, TaskDefinitionRecord } from '../model';
import { listPage } from '../protocol/pagination';
import { isObject, optString, optStringArray, readTags, reqString, secs } from '../protocol/params';
import { validateRegistration } from './validateTaskDefinition';

/** RegisterTaskDefinition, DeregisterTaskDefinition, DescribeTaskDefinition, List* for task definitions. */

/** The task definition as DescribeTaskDefinition returns it. */
export function taskDefinitionView(td: TaskDefinitionRecord): Record<string, unknown> {
  const out: JsonObject = { ...td.body, registeredAt: secs(td.registeredAt) ?? 0, status: td.status };
  if (td.deregisteredAt !== undefined) out.deregisteredAt = secs(td.deregisteredAt) ?? 0;
  return out;
}

function normaliseContainer(c: JsonObject, networkMode: string): JsonObject {
  const ports = Array.isArray(c.portMappings) ? c.portMappings : [];
  return {
    ...c,
    cpu: typeof c.cpu === 'number' ? c.cpu : 0,
    portMappings: ports.map((pm) => {
      if (!isObject(pm)) return pm;
      const out: JsonObject = { ...pm, protocol: typeof pm.protocol === 'string' ? pm.protocol : 'tcp' };
      if ((networkMode === 'awsvpc' || networkMode === 'host') && typeof pm.containerPort === 'number') {
        out.hostPort = pm.containerPort;
      }
      return out;
    }),
    essential: c.essential !== false,
    environment: Array.isArray(c.environment) ? c.environment : [],
    mountPoints: Array.isArray(c.mountPoints) ? c.mountPoints : [],
    volumesFrom: Array.isArray(c.volumesFrom) ? c.volumesFrom : [],
    systemControls: Array.isArray(c.systemControls) ? c.systemControls : [],
  };
}

function requiresAttributes(p: JsonObject, networkMode: string): Json[] {
  const names = new Set<string>(['com.amazonaws.ecs.capability.docker-remote-api.1.18']);
  const containers = Array.isArray(p.containerDefinitions) ? p.containerDefinitions : [];
  for (const c of containers) {
    if (!isObject(c)) continue;
    const lc = c.logConfiguration;
    if (isObject(lc) && lc.logDriver === 'awslogs') {
      names.add('com.amazonaws.ecs.capability.logging-driver.awslogs');
      names.add('com.amazonaws.ecs.capability.docker-remote-api.1.19');
      if (typeof p.executionRoleArn === 'string') names.add('ecs.capability.execution-role-awslogs');
    }
    if (isObject(c.healthCheck)) names.add('ecs.capability.container-health-check');
    if (Array.isArray(c.secrets) && c.secrets.length > 0)
      names.add('ecs.capability.secrets.asm.environment-variables');
  }
  if (networkMode === 'awsvpc') names.add('ecs.capability.task-eni');
  if (typeof p.taskRoleArn === 'string') names.add('com.amazonaws.ecs.capability.task-iam-role');
  return [...names].map((name) => ({ name }));
}

const registerTaskDefinition: Handler = (ctx, p) => {
  validateRegistration(p);
  const { state, clock } = ctx;
  const family = p.family as string;
  const tags = readTags(p);
  const revisions = state.families.get(family) ?? [];
  const revision = revisions.length + 1;
  const arn = state.taskDefinitionArn(family, revision);
  const networkMode = typeof p.networkMode === 'string' ? p.networkMode : 'bridge';
  const requires = Array.isArray(p.requiresCompatibilities) ? p.requiresCompatibilities : [];
  const { tags: _tags, ...rest } = p;
  const body: JsonObject = {
    ...rest,
    taskDefinitionArn: arn,
    containerDefinitions: (p.containerDefinitions as Json[]).map((c) =>
      normaliseContainer(c as JsonObject, networkMode),
    ),
    family,
    networkMode,
    revision,
    volumes: Array.isArray(p.volumes) ? p.volumes : [],
    requiresAttributes: requiresAttributes(p, networkMode),
    placementConstraints: Array.isArray(p.placementConstraints) ? p.placementConstraints : [],
    compatibilities: requires.includes('FARGATE')
      ? ['EC2', 'FARGATE']
      : requires.includes('EXTERNAL')
        ? ['EXTERNAL']
        : ['EC2'],
    registeredBy: `arn:aws:iam::${state.accountId}:root`,
  };
  if (typeof p.cpu === 'number') body.cpu = String(p.cpu);
  if (typeof p.memory === 'number') body.memory = String(p.memory);
  const td: TaskDefinitionRecord = {
    arn,
    family,
    revision,
    status: 'ACTIVE',
    body,
    registeredAt: clock.now(),
    tags,
  };
  revisions.push(td);
  state.families.set(family, revisions);
  state.taskDefinitions.set(arn, td);
  return { taskDefinition: taskDefinitionView(td), tags };
};

/** A revision reference must name a revision (`family:N` or an ARN) for deregistration. */
function requireRevision(ctx: Parameters<Handler>[0], ref: string): TaskDefinitionRecord {
  const text = ref.startsWith('arn:') ? (ref.split('task-definition/')[1] ?? '') : ref;
  if (!/:\d+$/.test(text)) {
    throw clientException(
      'The specified task definition identifier is invalid. Specify a valid revision number.',
    );
  }
  const td = ctx.state.lookupTaskDefinition(ref);
  if (!td) throw clientException('The specified task definition does not exist.');
  return td;
}

const deregisterTaskDefinition: Handler = (ctx, p) => {
  const td = requireRevision(ctx, reqString(p, 'taskDefinition'));
  if (td.status === 'ACTIVE') {
    td.status = 'INACTIVE';
    td.deregisteredAt = ctx.clock.now();
  }
  return { taskDefinition: taskDefinitionView(td) };
};

const deleteTaskDefinitions: Handler = (ctx, p) => {
  const refs = optStringArray(p, 'taskDefinitions') ?? [];
  if (refs.length === 0 || refs.length > 10)
    throw invalidParameter('taskDefinitions must have 1 to 10 items.');
  const taskDefinitions: unknown[] = [];
  const failures: unknown[] = [];
  for (const ref of refs) {
    const td = ctx.state.lookupTaskDefinition(ref);
    if (!td) failures.push({ arn: ref, reason: 'TASK_DEFINITION_NOT_FOUND' });
    else if (td.status === 'ACTIVE')
      failures.push({
        arn: td.arn,
        reason: 'The task definition must be INACTIVE before it can be deleted.',
      });
    else {
      td.status = 'DELETE_IN_PROGRESS';
      taskDefinitions.push(taskDefinitionView(td));
    }
  }
  return { taskDefinitions, failures };
};

const describeTaskDefinition: Handler = (ctx, p) => {
  const ref = reqString(p, 'taskDefinition');
  const td = ctx.state.lookupTaskDefinition(ref);
  if (!td || td.status === 'DELETE_IN_PROGRESS') throw clientException('Unable to describe task definition.');
  const include = optStringArray(p, 'include') ?? [];
  return include.includes('TAGS')
    ? { taskDefinition: taskDefinitionView(td), tags: td.tags }
    : { taskDefinition: taskDefinitionView(td) };
};

const listTaskDefinitions: Handler = (ctx, p) => {
  const familyPrefix = optString(p, 'familyPrefix');
  const status = optString(p, 'status') ?? 'ACTIVE';
  const sort = optString(p, 'sort') ?? 'ASC';
  if (!['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'].includes(status))
    throw invalidParameter(`Invalid status: ${status}.`);
  if (sort !== 'ASC' && sort !== 'DESC') throw invalidParameter(`Invalid sort: ${sort}.`);
  const families = [...ctx.state.families.keys()].sort();
  const all: string[] = [];
  for (const family of families) {
    // Despite its name, familyPrefix selects one whole family (see the ECS API reference).
    if (familyPrefix !== undefined && family !== familyPrefix) continue;
    for (const td of ctx.state.families.get(family) ?? []) if (td.status === status) all.push(td.arn);
  }
  if (sort === 'DESC') all.reverse();
  return listPage('taskDefinitionArns', all, p, { defaultSize: 100, maxSize: 100 });
};

const listTaskDefinitionFamilies: Handler = (ctx, p) => {
  const prefix = optString(p, 'familyPrefix') ?? '';
  const status = optString(p, 'status') ?? 'ACTIVE';
  if (!['ACTIVE', 'INACTIVE', 'ALL'].includes(status)) throw invalidParameter(`Invalid status: ${status}.`);
  const out: string[] = [];
  for (const family of [...ctx.state.families.keys()].sort()) {
    if (!family.startsWith(prefix)) continue;
    const active = (ctx.state.families.get(family) ?? []).some((td) => td.status === 'ACTIVE');
    if (status === 'ALL' || (status === 'ACTIVE' && active) || (status === 'INACTIVE' && !active))
      out.push(family);
  }
  return listPage('families', out, p, { defaultSize: 100, maxSize: 100 });
};

export const taskDefinitionHandlers: Record<string, Handler> = {
  RegisterTaskDefinition: registerTaskDefinition,
  DeregisterTaskDefinition: deregisterTaskDefinition,
  DeleteTaskDefinitions: deleteTaskDefinitions,
  DescribeTaskDefinition: describeTaskDefinition,
  ListTaskDefinitions: listTaskDefinitions,
  ListTaskDefinitionFamilies: listTaskDefinitionFamilies,
};
