/**
 * Validation of service definitions (create-service / update-service input): the generated model
 * (types, unknown keys, enums, required members), the service rules of ECS (facts 37–42 of the ECS
 * rules, codes ECS137–ECS142 and their further checks ECS2xx–ECS4xx), and — when the task definition
 * the service runs is known — checks across the two files.
 */
import type { Node } from 'jsonc-parser';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { EcsDocument } from '../core/ecsDocument';
import { checkAgainstModel } from '../core/modelCheck';
import { didYouMean, listOf, suggest } from '../core/suggest';
import { DiagnosticSink } from '../core/diagnosticSink';
import { itemsOf, numberOf, propertyOf, stringOf, valueOf } from '../core/properties';
import { checkDeploymentStrategy } from './deploymentStrategyRules';
import { META_BY_CODE } from './ruleMeta';
import { DESCRIBE_SERVICE_ONLY_FIELDS, type ServiceView, serviceViewOf } from './serviceView';
import {
  EMPTY_TASK_DEFINITION_INDEX,
  type TaskDefinitionIndex,
  type TaskDefinitionSummary,
} from './taskDefinitionIndex';

/**
 * Root members that may come from elsewhere: the AWS CLI takes `--service-name` / `--service` next to
 * `--cli-input-json`, and ecspresso fills in the service name from its configuration.
 */
const OPTIONAL_AT_ROOT: ReadonlySet<string> = new Set(['serviceName', 'service']);

const SERVICE_NAME = /^[A-Za-z0-9_-]{1,255}$/;

interface Context {
  readonly view: ServiceView;
  readonly sink: DiagnosticSink;
  readonly task: TaskDefinitionSummary | undefined;
  /** The file name of the task definition, for messages. */
  readonly taskName: string;
}

function keyOf(root: Node, name: string): Node | undefined {
  return propertyOf(root, name)?.key;
}

/** The launch type the service uses: `launchType`, else FARGATE when every capacity provider is Fargate's. */
function effectiveLaunchType(view: ServiceView): string | undefined {
  const launchType = view.string('launchType');
  if (launchType !== undefined) return launchType;
  const providers = itemsOf(view.value('capacityProviderStrategy'))
    .map((p) => stringOf(valueOf(p, 'capacityProvider')))
    .filter((p): p is string => p !== undefined);
  if (providers.length > 0 && providers.every((p) => p === 'FARGATE' || p === 'FARGATE_SPOT'))
    return 'FARGATE';
  return undefined;
}

function checkNameAndCount(ctx: Context): void {
  const { view, sink } = ctx;
  const nameNode = view.value(view.isUpdate ? 'service' : 'serviceName');
  const name = view.string(view.isUpdate ? 'service' : 'serviceName');
  // update-service also takes a service ARN.
  if (nameNode && name !== undefined && !SERVICE_NAME.test(name) && !name.startsWith('arn:')) {
    sink.report(
      'ECS137',
      nameNode,
      `Service name "${name}" is not valid: use 1 to 255 letters, digits, hyphens (-) and underscores (_).`,
    );
  }
  const strategy = view.string('schedulingStrategy') ?? 'REPLICA';
  // ecspresso keeps the running count when desiredCount is absent (as update-service does).
  if (
    !view.isUpdate &&
    view.consumer !== 'ecspresso' &&
    // A fragment merged into a service by a script (only `loadBalancers`, say) names no service.
    ['serviceName', 'service', 'taskDefinition'].some((k) => propertyOf(view.root, k) !== undefined) &&
    strategy === 'REPLICA' &&
    view.value('desiredCount') === undefined
  ) {
    const anchor = keyOf(view.root, 'schedulingStrategy') ?? { offset: view.root.offset, length: 1 };
    sink.report(
      'ECS237',
      anchor,
      'A REPLICA service needs `desiredCount` in create-service input (ecspresso and update-service keep the current count when it is absent).',
      { fix: 'addProperties', path: [], properties: { desiredCount: 1 } },
    );
  }
}

function checkLaunchType(ctx: Context): void {
  const { view, sink, task } = ctx;
  const launchTypeNode = view.value('launchType');
  const launchType = view.string('launchType');
  const strategyKey = keyOf(view.root, 'capacityProviderStrategy');
  const strategy = view.value('capacityProviderStrategy');
  if (launchTypeNode && strategyKey && itemsOf(strategy).length > 0) {
    sink.report(
      'ECS138',
      strategyKey,
      'A service takes either `launchType` or `capacityProviderStrategy`, not both: remove one of them.',
      { fix: 'removeProperty', path: ['launchType'] },
    );
  }
  const platformVersion = view.value('platformVersion');
  if (platformVersion && (launchType === 'EC2' || launchType === 'EXTERNAL')) {
    sink.report(
      'ECS238',
      keyOf(view.root, 'platformVersion') ?? platformVersion,
      `\`platformVersion\` applies only to Fargate; this service uses the ${launchType} launch type. Remove it or use FARGATE.`,
      { fix: 'removeProperty', path: ['platformVersion'] },
    );
  }
  const effective = effectiveLaunchType(view);
  const compat = task?.requiresCompatibilities;
  if (task && compat && effective && launchTypeNode && launchType !== undefined) {
    const needed = effective === 'MANAGED_INSTANCES' ? 'MANAGED_INSTANCES' : effective;
    // A task without requiresCompatibilities is EC2-compatible by default.
    const list = compat.length > 0 ? compat : ['EC2'];
    if (!list.includes(needed)) {
      sink.report(
        'ECS338',
        launchTypeNode,
        `Launch type ${launchType} is not among the compatibilities of task definition ${ctx.taskName} (${listOf(list)}). Add ${needed} to its \`requiresCompatibilities\` or use ${listOf(list)}.`,
      );
    }
  }
}

function checkNetwork(ctx: Context): void {
  const { view, sink, task } = ctx;
  const network = view.value('networkConfiguration');
  const awsvpc = valueOf(network, 'awsvpcConfiguration');
  const effective = effectiveLaunchType(view);
  const taskAwsvpc = task?.networkModeKnown ? task.networkMode === 'awsvpc' : undefined;
  if (!awsvpc && (taskAwsvpc === true || effective === 'FARGATE')) {
    const why =
      taskAwsvpc === true
        ? `task definition ${ctx.taskName} uses the awsvpc network mode`
        : 'Fargate tasks always use the awsvpc network mode';
    const anchor = keyOf(view.root, 'networkConfiguration') ??
      (taskAwsvpc === true ? view.value('taskDefinition') : view.value('launchType')) ??
      keyOf(view.root, 'capacityProviderStrategy') ?? { offset: view.root.offset, length: 1 };
    sink.report(
      'ECS139',
      anchor,
      `The ${why}: the service needs \`networkConfiguration.awsvpcConfiguration\` with its subnets (and security groups).`,
    );
  }
  const publicIp = valueOf(awsvpc, 'assignPublicIp');
  const launchType = view.string('launchType');
  if (
    stringOf(publicIp) === 'ENABLED' &&
    publicIp &&
    !view.templated(publicIp) &&
    (launchType === 'EC2' || launchType === 'EXTERNAL')
  ) {
    sink.report(
      'ECS339',
      publicIp,
      `assignPublicIp ENABLED is supported only for Fargate tasks; with the ${launchType} launch type the API rejects it ("Assign public IP is not supported for this launch type"). Use DISABLED (and a NAT gateway or VPC endpoints for outbound traffic), or run on Fargate.`,
      {
        fix: 'replaceValue',
        path: ['networkConfiguration', 'awsvpcConfiguration', 'assignPublicIp'],
        values: ['DISABLED'],
      },
    );
  }
  if (network && task?.networkModeKnown && task.networkMode !== 'awsvpc' && effective !== 'FARGATE') {
    sink.report(
      'ECS239',
      keyOf(view.root, 'networkConfiguration') ?? network,
      `Task definition ${ctx.taskName} uses the ${task.networkMode ?? 'bridge (default)'} network mode: ECS accepts \`networkConfiguration\` only for awsvpc tasks. Remove it or set \`"networkMode": "awsvpc"\` in the task definition.`,
      { fix: 'removeProperty', path: ['networkConfiguration'] },
    );
  }
}

function checkDaemon(ctx: Context): void {
  const { view, sink } = ctx;
  const strategyNode = view.value('schedulingStrategy');
  if (view.string('schedulingStrategy') !== 'DAEMON' || !strategyNode) return;
  const controller = view.stringAt('deploymentController', 'type');
  const reasons: string[] = [];
  if (effectiveLaunchType(view) === 'FARGATE') reasons.push('Fargate does not support daemon services');
  if (controller === 'CODE_DEPLOY' || controller === 'EXTERNAL') {
    reasons.push(`the ${controller} deployment controller does not support daemon services`);
  }
  if (reasons.length > 0) {
    sink.report(
      'ECS140',
      strategyNode,
      `DAEMON scheduling is not allowed here: ${reasons.join('; ')}. Use REPLICA, or the EC2 launch type with the ECS deployment controller.`,
      { fix: 'replaceValue', path: ['schedulingStrategy'], values: ['REPLICA'] },
    );
  }
}

function checkLoadBalancers(ctx: Context): void {
  const { view, sink, task } = ctx;
  if (!task) return;
  const names = task.containers.map((c) => c.name);
  itemsOf(view.value('loadBalancers')).forEach((lb, i) => {
    const nameNode = valueOf(lb, 'containerName');
    const portNode = valueOf(lb, 'containerPort');
    const name = view.templated(nameNode) ? undefined : stringOf(nameNode);
    if (name === undefined || !nameNode) return;
    const container = task.containers.find((c) => c.name === name);
    if (!container) {
      if (!task.containersComplete) return;
      const close = suggest(name, names);
      sink.report(
        'ECS141',
        nameNode,
        `Container "${name}" is not in task definition ${ctx.taskName}; its containers: ${names.join(', ') || 'none'}.${didYouMean(close)}`,
        close.length
          ? { fix: 'replaceValue', path: ['loadBalancers', i, 'containerName'], values: close }
          : undefined,
      );
      return;
    }
    const port = view.templated(portNode) ? undefined : numberOf(portNode);
    if (port === undefined || !portNode || !container.portsComplete) return;
    const ports = container.ports.map((p) => p.containerPort).filter((p): p is number => p !== undefined);
    if (!ports.includes(port)) {
      sink.report(
        'ECS241',
        portNode,
        `Container "${name}" of task definition ${ctx.taskName} has no port mapping with containerPort ${port}; its container ports: ${ports.join(', ') || 'none'}.`,
        ports.length
          ? { fix: 'replaceValue', path: ['loadBalancers', i, 'containerPort'], values: ports }
          : undefined,
      );
    }
  });
}

function checkServiceConnect(ctx: Context): void {
  const { view, sink, task } = ctx;
  if (!task || !task.containersComplete || task.containers.some((c) => !c.portsComplete)) return;
  const portNames = task.containers
    .flatMap((c) => c.ports.map((p) => p.name))
    .filter((n): n is string => !!n);
  const services = valueOf(view.value('serviceConnectConfiguration'), 'services');
  itemsOf(services).forEach((service, i) => {
    const node = valueOf(service, 'portName');
    const portName = view.templated(node) ? undefined : stringOf(node);
    if (portName === undefined || !node || portNames.includes(portName)) return;
    const close = suggest(portName, portNames);
    sink.report(
      'ECS341',
      node,
      `Service Connect portName "${portName}" is not the name of a port mapping in task definition ${ctx.taskName}; named ports: ${portNames.join(', ') || 'none (add "name" to a port mapping)'}.${didYouMean(close)}`,
      close.length
        ? {
            fix: 'replaceValue',
            path: ['serviceConnectConfiguration', 'services', i, 'portName'],
            values: close,
          }
        : undefined,
    );
  });
}

function checkDeployment(ctx: Context): void {
  const { view, sink } = ctx;
  const config = view.value('deploymentConfiguration');
  if (config?.type !== 'object') return;
  const maxNode = valueOf(config, 'maximumPercent');
  const minNode = valueOf(config, 'minimumHealthyPercent');
  const max = view.templated(maxNode) ? undefined : numberOf(maxNode);
  const min = view.templated(minNode) ? undefined : numberOf(minNode);
  if (minNode && min !== undefined && (min < 0 || min > 100)) {
    sink.report('ECS142', minNode, `minimumHealthyPercent must be between 0 and 100, not ${min}.`);
  } else if (min !== undefined && max !== undefined && maxNode && min > max) {
    sink.report(
      'ECS142',
      maxNode,
      `maximumPercent (${max}) is below minimumHealthyPercent (${min}): ECS cannot keep the minimum running under that maximum. Raise maximumPercent to at least ${min}.`,
    );
  } else if (view.string('schedulingStrategy') !== 'DAEMON' && max !== undefined && maxNode && max <= 100) {
    const effectiveMin = min ?? 100;
    if (effectiveMin >= 100) {
      sink.report(
        'ECS242',
        maxNode,
        `With maximumPercent ${max} and minimumHealthyPercent ${effectiveMin} a rolling update can neither start a new task nor stop an old one, so deployments stall. Raise maximumPercent above 100 (default 200) or lower minimumHealthyPercent.`,
      );
    }
  }
  const breaker = valueOf(config, 'deploymentCircuitBreaker');
  if (breaker?.type === 'object') {
    const enable = valueOf(breaker, 'enable');
    const rollback = valueOf(breaker, 'rollback');
    if (
      enable?.type === 'boolean' &&
      enable.value === false &&
      rollback?.type === 'boolean' &&
      rollback.value === true
    ) {
      sink.report(
        'ECS342',
        rollback,
        'The circuit breaker rolls back only when it is enabled: with `"enable": false` this `rollback` has no effect. Set `"enable": true`.',
        {
          fix: 'replaceValue',
          path: ['deploymentConfiguration', 'deploymentCircuitBreaker', 'enable'],
          values: [true],
        },
      );
    }
    const controller = view.stringAt('deploymentController', 'type');
    const enabled = enable?.type === 'boolean' && enable.value === true;
    if (enabled && (controller === 'CODE_DEPLOY' || controller === 'EXTERNAL')) {
      sink.report(
        'ECS442',
        propertyOf(config, 'deploymentCircuitBreaker')?.key ?? breaker,
        `The deployment circuit breaker works only with the ECS (rolling update) deployment controller, not ${controller}.`,
      );
    }
  }
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** Diagnostics of a service definition (syntax errors excluded: validate.ts reports them). */
export function validateServiceDefinition(
  doc: EcsDocument,
  index: TaskDefinitionIndex = EMPTY_TASK_DEFINITION_INDEX,
): Diagnostic[] {
  const view = serviceViewOf(doc);
  if (!view) return [];
  const sink = new DiagnosticSink(doc.textDocument, META_BY_CODE);
  checkAgainstModel(doc.json, view.root, view.rootName, sink, {
    optionalAtRoot: OPTIONAL_AT_ROOT,
    // ecspresso's Go SDK omits null and empty values: `"launchType": ""` is no launch type there.
    cliUnsetValues: view.consumer === 'ecspresso',
    emptyListsOmitted: view.consumer === 'ecspresso',
    onUnknownRootKey: (name, key) => {
      if (!DESCRIBE_SERVICE_ONLY_FIELDS.has(name)) return false;
      // ecspresso reads the file into the SDK's Service type, where these output fields are ignored.
      if (view.consumer === 'ecspresso') return true;
      sink.report(
        'ECS020',
        key,
        `\`${name}\` is read-only output of describe-services: create-service and update-service do not take it (the AWS CLI rejects it, some tools drop it). Remove it.`,
        { fix: 'removeProperty', path: [name] },
      );
      return true;
    },
  });
  const reference = view.value('taskDefinition');
  const referenceText = reference ? (stringOf(reference) ?? '') : undefined;
  const task = index.find(referenceText, doc.textDocument.uri);
  const ctx: Context = { view, sink, task, taskName: task ? fileName(task.uri) : '' };
  checkNameAndCount(ctx);
  checkLaunchType(ctx);
  checkNetwork(ctx);
  checkDaemon(ctx);
  checkLoadBalancers(ctx);
  checkServiceConnect(ctx);
  checkDeployment(ctx);
  checkDeploymentStrategy(view, sink);
  return sink.diagnostics;
}
