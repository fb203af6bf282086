import { clientException } from '../protocol/errors';
import type { Json, JsonObject } from '../model';
import { isObject } from '../protocol/params';

/**
 * The checks ECS makes on RegisterTaskDefinition, with ECS's error messages (ClientException).
 * Only what the service itself rejects is here; advice-level rules belong to the language server.
 */

/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition does not accept. */
export const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'deregisteredAt',
  'deleteRequestedAt',
  'registeredBy',
];

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const COMPATIBILITIES = ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'];
const NETWORK_MODES = ['none', 'bridge', 'awsvpc', 'host'];

/** The memory sizes from `from` to `to` MiB in steps of `step`. */
function memoryRange(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m += step) out.push(m);
  return out;
}

/** Fargate cpu units → allowed memory (MiB), as the developer guide's task size table has it. */
const FARGATE_MEMORY: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, memoryRange(1024, 4096, 1024)],
  [1024, memoryRange(2048, 8192, 1024)],
  [2048, memoryRange(4096, 16384, 1024)],
  [4096, memoryRange(8192, 30720, 1024)],
  [8192, memoryRange(16384, 61440, 4096)],
  [16384, memoryRange(32768, 122880, 8192)],
]);

/** Fargate cpu units → allowed memory (MiB); none for a cpu that is no Fargate size. */
export function fargateMemoryOptions(cpu: number): number[] {
  return [...(FARGATE_MEMORY.get(cpu) ?? [])];
}

/** Parses task-level cpu ("256", "1 vCPU", "0.25 vcpu") into cpu units. */
export function parseCpu(value: Json | undefined): number | undefined {
  return parseUnits(value, /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i);
}

/** Parses task-level memory ("512", "2 GB", "2GB") into MiB. */
export function parseMemory(value: Json | undefined): number | undefined {
  return parseUnits(value, /^\s*(\d+(?:\.\d+)?)\s*(gb)?\s*$/i);
}

/** A number, or a numeric string with an optional unit (group 2) worth 1024 of the base unit. */
function parseUnits(value: Json | undefined, pattern: RegExp): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = pattern.exec(value);
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  return m[2] ? Math.round(n * 1024) : n;
}

/** Throws the ClientException ECS answers for an invalid RegisterTaskDefinition request. */
export function validateRegistration(p: JsonObject): void {
  for (const field of READ_ONLY_FIELDS) {
    if (field in p) {
      throw clientException(
        `Unknown parameter in input: "${field}". ${field} is set by Amazon ECS and cannot be registered; remove it.`,
      );
    }
  }
  const family = p.family;
  if (typeof family !== 'string' || family === '') throw clientException('Family must be specified.');
  if (!NAME.test(family)) {
    throw clientException(
      'Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.',
    );
  }
  const containers = p.containerDefinitions;
  if (!Array.isArray(containers) || containers.length === 0)
    throw clientException('Container list cannot be empty.');
  if (containers.length > 10)
    throw clientException('Too many containers. A task definition can have at most 10 containers.');

  const requires = p.requiresCompatibilities ?? [];
  if (!Array.isArray(requires)) throw clientException('requiresCompatibilities must be a list.');
  for (const r of requires) {
    if (typeof r !== 'string' || !COMPATIBILITIES.includes(r)) {
      throw clientException(
        `Invalid requiresCompatibilities value: ${JSON.stringify(r)}. Valid values: ${COMPATIBILITIES.join(', ')}.`,
      );
    }
  }
  const networkMode = p.networkMode ?? 'bridge';
  if (typeof networkMode !== 'string' || !NETWORK_MODES.includes(networkMode)) {
    throw clientException(
      `Invalid networkMode: ${JSON.stringify(networkMode)}. Valid values: ${NETWORK_MODES.join(', ')}.`,
    );
  }
  const fargate = requires.includes('FARGATE');
  const cpu = parseCpu(p.cpu);
  const memory = parseMemory(p.memory);
  if (p.cpu !== undefined && cpu === undefined)
    throw clientException(`Invalid 'cpu' setting for task: ${JSON.stringify(p.cpu)}.`);
  if (p.memory !== undefined && memory === undefined) {
    throw clientException(`Invalid 'memory' setting for task: ${JSON.stringify(p.memory)}.`);
  }
  if (fargate) {
    if (networkMode !== 'awsvpc') throw clientException("Fargate only supports network mode 'awsvpc'.");
    if (cpu === undefined) throw clientException("Fargate requires that 'cpu' be defined at the task level.");
    if (memory === undefined)
      throw clientException("Fargate requires that 'memory' be defined at the task level.");
    const allowed = fargateMemoryOptions(cpu);
    if (!allowed.includes(memory)) {
      throw clientException(
        `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. ` +
          `Choose a different combination or use 'requiresCompatibilities' with value EC2.`,
      );
    }
  } else if (cpu !== undefined && (cpu < 128 || cpu > 196608)) {
    throw clientException('Invalid CPU value. The value must be between 128 and 196608 CPU units.');
  }

  const names = new Set<string>();
  let essential = 0;
  for (const raw of containers) {
    if (!isObject(raw)) throw clientException('Each container definition must be an object.');
    validateContainer(raw, {
      fargate,
      networkMode,
      taskMemory: memory,
      executionRole: typeof p.executionRoleArn === 'string',
    });
    const name = raw.name as string;
    if (names.has(name))
      throw clientException(
        `Container names must be unique within a task definition: '${name}' is repeated.`,
      );
    names.add(name);
    if (raw.essential !== false) essential++;
  }
  if (essential === 0) throw clientException('A task definition must have at least one essential container.');
}

interface TaskShape {
  fargate: boolean;
  networkMode: string;
  taskMemory: number | undefined;
  executionRole: boolean;
}

function validateContainer(c: JsonObject, task: TaskShape): void {
  if (typeof c.name !== 'string' || c.name === '')
    throw clientException('Container.name should not be null or empty.');
  if (!NAME.test(c.name)) {
    throw clientException(
      `Container name '${c.name}' contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`,
    );
  }
  if (typeof c.image !== 'string' || c.image.trim() === '')
    throw clientException('Container.image should not be null or empty.');
  const memory = typeof c.memory === 'number' ? c.memory : undefined;
  const reservation = typeof c.memoryReservation === 'number' ? c.memoryReservation : undefined;
  if (task.taskMemory === undefined && memory === undefined && reservation === undefined) {
    throw clientException(
      `Invalid setting for container '${c.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
    );
  }
  if (memory !== undefined && reservation !== undefined && memory < reservation) {
    throw clientException(
      `Invalid setting for container '${c.name}'. 'memory' must be greater than or equal to 'memoryReservation'.`,
    );
  }
  if (memory !== undefined && memory < 6) {
    throw clientException(
      `Invalid setting for container '${c.name}'. The minimum allowed value for 'memory' is 6 MiB.`,
    );
  }
  const ports = Array.isArray(c.portMappings) ? c.portMappings : [];
  for (const pm of ports) {
    if (!isObject(pm)) continue;
    if (
      (task.networkMode === 'awsvpc' || task.networkMode === 'host') &&
      typeof pm.hostPort === 'number' &&
      typeof pm.containerPort === 'number' &&
      pm.hostPort !== pm.containerPort
    ) {
      throw clientException(
        `When networkMode=${task.networkMode}, the host ports and container ports in port mappings must match.`,
      );
    }
  }
  if (task.networkMode === 'none' && ports.length > 0) {
    throw clientException("Port mappings are not allowed when networkMode is 'none'.");
  }
  const lc = c.logConfiguration;
  if (isObject(lc)) {
    if (
      task.fargate &&
      typeof lc.logDriver === 'string' &&
      !['awslogs', 'splunk', 'awsfirelens'].includes(lc.logDriver)
    ) {
      throw clientException(
        `Log driver ${lc.logDriver} is not supported on Fargate. Supported: awslogs, splunk, awsfirelens.`,
      );
    }
    if (lc.logDriver === 'awslogs') {
      const opts = isObject(lc.options) ? lc.options : {};
      for (const key of ['awslogs-group', 'awslogs-region']) {
        if (typeof opts[key] !== 'string' || opts[key] === '') {
          throw clientException(`Log driver awslogs option '${key}' should not be null or empty.`);
        }
      }
      if (
        task.fargate &&
        (typeof opts['awslogs-stream-prefix'] !== 'string' || opts['awslogs-stream-prefix'] === '')
      ) {
        throw clientException(
          "Log driver awslogs option 'awslogs-stream-prefix' is required when using Fargate.",
        );
      }
      if (task.fargate && !task.executionRole) {
        throw clientException(
          'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
        );
      }
    }
  }
  if (task.fargate && c.privileged === true)
    throw clientException("The 'privileged' parameter is not supported on Fargate.");
}
