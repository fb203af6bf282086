import type { Rng } from '../../clock';
import type {
  ClusterRecord,
  ContainerInstanceRecord,
  Json,
  TaskDefinitionRecord,
  TaskRecord,
} from '../../model';
import { invalidParameter } from '../../protocol/errors';
import { isObject } from '../../protocol/params';
import type { EmulatorState } from '../../state';
import { parseCpu, parseMemory } from '../validateTaskDefinition';
import { parseExpression, wildcard, type Expr } from './clusterQuery';

export { parseExpression } from './clusterQuery';

/**
 * Task placement on EC2 container instances, as "Amazon ECS task placement" (developer guide)
 * describes it: an instance must be ACTIVE with its agent connected, satisfy every placement
 * constraint (`distinctInstance`; `memberOf` with a cluster query language expression), and have
 * the task's CPU, memory and static host ports free; among those, the placement strategies pick
 * one (`binpack` cpu/memory, `spread` on `instanceId` or `attribute:NAME`, `random`).
 *
 * Failure reasons are the ones of "Amazon ECS API failure reasons": `AGENT`, `RESOURCE:CPU`,
 * `RESOURCE:MEMORY`, `RESOURCE:PORTS`, "MemberOf placement constraint unsatisfied",
 * "DistinctInstance placement constraint unsatisfied".
 */

/** Agent-reserved TCP ports of a container instance (registeredResources PORTS). */
export const DEFAULT_RESERVED_PORTS = [22, 2375, 2376, 51678, 51679];

/**
 * RunTask's InvalidParameterException when an EC2 cluster has no (ACTIVE) container instance, and
 * the reason in the service event; the text AWS answers, as reported verbatim in
 * aws/amazon-ecs-cli#1122 and aws/aws-cdk#30171 (the API reference does not list it).
 */
export const NO_CONTAINER_INSTANCES = 'No Container Instances were found in your cluster.';

export interface PlacementConstraint {
  type: 'distinctInstance' | 'memberOf';
  expression?: string;
}

export interface PlacementStrategy {
  type: 'binpack' | 'spread' | 'random';
  field?: string;
}

export interface Requirements {
  cpu: number;
  memory: number;
  ports: number[];
}

export interface InstanceRejection {
  instance: ContainerInstanceRecord;
  reason: string;
}

export type PlacementResult =
  | { instance: ContainerInstanceRecord }
  | { instance?: undefined; noInstances: true }
  | { instance?: undefined; noInstances: false; rejections: InstanceRejection[] };

/** What a task of `td` reserves on an instance: task-level cpu/memory, else the containers' sums. */
export function requirementsOf(td: TaskDefinitionRecord): Requirements {
  const defs = Array.isArray(td.body.containerDefinitions) ? td.body.containerDefinitions : [];
  const networkMode = typeof td.body.networkMode === 'string' ? td.body.networkMode : 'bridge';
  let cpu = 0;
  let memory = 0;
  const ports: number[] = [];
  for (const d of defs) {
    if (!isObject(d)) continue;
    cpu += typeof d.cpu === 'number' ? d.cpu : 0;
    // memoryReservation is what is subtracted from the instance when given, else memory.
    memory +=
      typeof d.memoryReservation === 'number'
        ? d.memoryReservation
        : typeof d.memory === 'number'
          ? d.memory
          : 0;
    const mappings = Array.isArray(d.portMappings) ? d.portMappings : [];
    for (const pm of mappings) {
      if (!isObject(pm)) continue;
      if (networkMode === 'host' && typeof pm.containerPort === 'number') ports.push(pm.containerPort);
      else if (networkMode === 'bridge' && typeof pm.hostPort === 'number' && pm.hostPort > 0)
        ports.push(pm.hostPort);
    }
  }
  return {
    cpu: parseCpu(td.body.cpu) ?? cpu,
    memory: parseMemory(td.body.memory) ?? memory,
    ports,
  };
}

/** Reads `placementConstraints` (at most 10) of a RunTask / CreateService request. */
export function readConstraints(list: Json[] | undefined): PlacementConstraint[] {
  const out: PlacementConstraint[] = [];
  for (const c of list ?? []) {
    if (!isObject(c) || (c.type !== 'distinctInstance' && c.type !== 'memberOf'))
      throw invalidParameter('Placement constraint type must be distinctInstance or memberOf.');
    if (c.type === 'memberOf') {
      if (typeof c.expression !== 'string' || c.expression.trim() === '')
        throw invalidParameter('A memberOf placement constraint needs an expression.');
      parseExpression(c.expression); // syntax errors are InvalidParameterException up front
      out.push({ type: 'memberOf', expression: c.expression });
    } else out.push({ type: 'distinctInstance' });
  }
  if (out.length > 10) throw invalidParameter('You can specify at most 10 placement constraints.');
  return out;
}

/** Reads `placementStrategy` (at most 5). */
export function readStrategy(list: Json[] | undefined): PlacementStrategy[] {
  const out: PlacementStrategy[] = [];
  for (const s of list ?? []) {
    if (!isObject(s) || (s.type !== 'binpack' && s.type !== 'spread' && s.type !== 'random'))
      throw invalidParameter('Placement strategy type must be binpack, spread or random.');
    const field = typeof s.field === 'string' ? s.field : undefined;
    if (s.type === 'binpack' && field?.toLowerCase() !== 'cpu' && field?.toLowerCase() !== 'memory')
      throw invalidParameter('The binpack placement strategy field must be cpu or memory.');
    if (s.type === 'spread' && (field === undefined || field === ''))
      throw invalidParameter('The spread placement strategy needs a field.');
    out.push({ type: s.type, ...(field !== undefined ? { field } : {}) });
  }
  if (out.length > 5) throw invalidParameter('You can specify at most 5 placement strategies.');
  return out;
}

// ------------------------------------------------------------------ placement

export class Placement {
  constructor(
    private readonly state: EmulatorState,
    private readonly rng: Rng,
  ) {}

  /** Live tasks on an instance. */
  tasksOn(ci: ContainerInstanceRecord): TaskRecord[] {
    const out: TaskRecord[] = [];
    for (const t of this.state.liveTasks.values()) if (t.containerInstanceArn === ci.arn) out.push(t);
    return out;
  }

  /** CPU, memory and ports still free on an instance. */
  remaining(ci: ContainerInstanceRecord): Requirements {
    let cpu = ci.registeredCpu;
    let memory = ci.registeredMemory;
    const ports = [...ci.reservedPorts];
    for (const t of this.tasksOn(ci)) {
      cpu -= t.reserved?.cpu ?? 0;
      memory -= t.reserved?.memory ?? 0;
      ports.push(...(t.reserved?.ports ?? []));
    }
    return { cpu, memory, ports };
  }

  private valueOf(target: string, ci: ContainerInstanceRecord): string[] {
    if (target.startsWith('attribute:')) {
      const a = ci.attributes.find((x) => x.name === target.slice('attribute:'.length));
      return a ? [a.value ?? ''] : [];
    }
    switch (target) {
      case 'ec2InstanceId':
        return [ci.ec2InstanceId];
      case 'agentConnected':
        return [String(ci.agentConnected)];
      case 'runningTasksCount':
        return [String(this.tasksOn(ci).filter((t) => t.lastStatus === 'RUNNING').length)];
      case 'task:group':
        return [...new Set(this.tasksOn(ci).map((t) => t.group))];
      default:
        return [];
    }
  }

  /** Evaluates a memberOf expression on an instance. */
  matches(expr: Expr, ci: ContainerInstanceRecord): boolean {
    if (expr.kind !== 'cmp')
      return expr.kind === 'and'
        ? expr.parts.every((p) => this.matches(p, ci))
        : expr.parts.some((p) => this.matches(p, ci));
    const { target, op, values } = expr.cmp;
    const actual = this.valueOf(target, ci);
    const eq = (pattern: string): boolean => actual.some((a) => wildcard(pattern).test(a));
    const num = (f: (a: number, b: number) => boolean): boolean =>
      actual.some((a) => f(Number(a), Number(values[0])));
    switch (op) {
      case 'exists':
        return actual.length > 0;
      case '!exists':
      case 'not_exists':
        return actual.length === 0;
      case '==':
      case 'equals':
      case 'in':
        return values.some(eq);
      case '!=':
      case 'not_equals':
      case 'not_in':
        return !values.some(eq);
      case '=~':
      case 'matches':
        return actual.some((a) => new RegExp(values[0] ?? '').test(a));
      case '!~':
      case 'not_matches':
        return !actual.some((a) => new RegExp(values[0] ?? '').test(a));
      case '>':
        return num((a, b) => a > b);
      case '<':
        return num((a, b) => a < b);
      case '>=':
        return num((a, b) => a >= b);
      default:
        return num((a, b) => a <= b);
    }
  }

  /** Why an instance cannot take the task, or undefined when it can. */
  private reject(
    ci: ContainerInstanceRecord,
    need: Requirements,
    group: string,
    constraints: readonly PlacementConstraint[],
  ): string | undefined {
    if (!ci.agentConnected) return 'AGENT';
    for (const c of constraints) {
      if (c.type === 'distinctInstance' && this.tasksOn(ci).some((t) => t.group === group))
        return 'DistinctInstance placement constraint unsatisfied.';
      if (c.type === 'memberOf' && !this.matches(parseExpression(c.expression ?? ''), ci))
        return 'MemberOf placement constraint unsatisfied.';
    }
    const free = this.remaining(ci);
    if (need.cpu > free.cpu) return 'RESOURCE:CPU';
    if (need.memory > free.memory) return 'RESOURCE:MEMORY';
    if (need.ports.some((p) => free.ports.includes(p))) return 'RESOURCE:PORTS';
    return undefined;
  }

  private fieldValue(field: string, ci: ContainerInstanceRecord): string {
    if (field === 'instanceId' || field === 'host') return ci.id;
    return this.valueOf(field, ci)[0] ?? '';
  }

  /** Picks an instance for one task of `td` in `group`, or says why none fits. */
  place(
    cluster: ClusterRecord,
    td: TaskDefinitionRecord,
    group: string,
    constraints: readonly PlacementConstraint[],
    strategy: readonly PlacementStrategy[],
  ): PlacementResult {
    const active = this.state.instancesOf(cluster).filter((ci) => ci.status === 'ACTIVE');
    if (active.length === 0) return { noInstances: true };
    const need = requirementsOf(td);
    const rejections: InstanceRejection[] = [];
    let candidates: ContainerInstanceRecord[] = [];
    for (const ci of active) {
      const reason = this.reject(ci, need, group, constraints);
      if (reason) rejections.push({ instance: ci, reason });
      else candidates.push(ci);
    }
    if (candidates.length === 0) return { noInstances: false, rejections };
    // Without a strategy: spread over Availability Zones, then instances (the console's default
    // "AZ balanced spread"), which is deterministic.
    const steps: readonly PlacementStrategy[] =
      strategy.length > 0
        ? strategy
        : [
            { type: 'spread', field: 'attribute:ecs.availability-zone' },
            { type: 'spread', field: 'instanceId' },
          ];
    for (const s of steps) {
      if (candidates.length <= 1) break;
      if (s.type === 'random') {
        candidates = [this.rng.pick(candidates)];
      } else if (s.type === 'binpack') {
        const key = (ci: ContainerInstanceRecord): number =>
          s.field?.toLowerCase() === 'cpu' ? this.remaining(ci).cpu : this.remaining(ci).memory;
        const least = Math.min(...candidates.map(key));
        candidates = candidates.filter((ci) => key(ci) === least);
      } else {
        const field = s.field ?? 'instanceId';
        const counts = new Map<string, number>();
        for (const ci of this.state.instancesOf(cluster)) {
          const v = this.fieldValue(field, ci);
          const n = this.tasksOn(ci).filter((t) => t.group === group && t.desiredStatus === 'RUNNING').length;
          counts.set(v, (counts.get(v) ?? 0) + n);
        }
        const fewest = Math.min(...candidates.map((ci) => counts.get(this.fieldValue(field, ci)) ?? 0));
        candidates = candidates.filter((ci) => (counts.get(this.fieldValue(field, ci)) ?? 0) === fewest);
      }
    }
    const instance = candidates[0];
    return instance ? { instance } : { noInstances: false, rejections };
  }
}

/**
 * The service event ECS writes when the scheduler cannot place a task ("Amazon ECS service event
 * messages", developer guide: "unable to place a task because no container instance met all of its
 * requirements").
 */
export function placementFailureEvent(serviceName: string, result: PlacementResult): string {
  const prefix = `(service ${serviceName}) was unable to place a task because no container instance met all of its requirements.`;
  const more = 'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';
  if (result.instance || result.noInstances) return `${prefix} Reason: ${NO_CONTAINER_INSTANCES} ${more}`;
  const closest = result.rejections.find((r) => r.reason.startsWith('RESOURCE:')) ?? result.rejections[0];
  if (!closest) return `${prefix} Reason: ${NO_CONTAINER_INSTANCES} ${more}`;
  const id = closest.instance.id;
  const what: Record<string, string> = {
    'RESOURCE:CPU': 'has insufficient CPU units available',
    'RESOURCE:MEMORY': 'has insufficient memory available',
    'RESOURCE:PORTS': 'is already using a port required by your task',
    AGENT: 'encountered error "AGENT"',
  };
  const detail = what[closest.reason];
  if (detail) return `${prefix} The closest matching (container-instance ${id}) ${detail}. ${more}`;
  return `${prefix} Reason: ${closest.reason} ${more}`;
}
