/**
 * Copilot's own rules (ECS501–ECS510): platform, task sizes, storage, Spot, env files, container
 * references and count ranges, checked for the manifest as written and for each environment with its
 * overrides applied (`EnvView`).
 */
import { isMap, isSeq } from 'yaml';
import type { ParsedYaml } from '../core/parseYaml';
import { didYouMean, suggest } from '../core/suggest';
import {
  describeValues,
  fargateMemoryFor,
  FARGATE_CPUS,
  isValidFargatePair,
} from '../taskDefinition/fargate';
import { type Sink, keyTarget, target, withReplacements } from './findings';
import { type ManifestType, PLATFORM_STRINGS } from './manifestTypes';
import {
  type YamlNode,
  isTemplatedYaml,
  keyText,
  numberValue,
  pairsOf,
  scalarValue,
  stringValue,
  valueAt,
} from './yamlNodes';

// ---- Copilot's rules, per environment ----------------------------------------------------------------------

/** The manifest as one environment sees it: the override's value when it sets one, else the base's. */
export interface EnvView {
  readonly parsed: ParsedYaml;
  readonly type: ManifestType;
  readonly name: string | undefined;
  readonly base: unknown;
  readonly override: unknown;
  get(...path: string[]): YamlNode | undefined;
}

export function envView(parsed: ParsedYaml, type: ManifestType, base: unknown, override: unknown): EnvView {
  return {
    parsed,
    type,
    name: stringValue(parsed, valueAt(base, 'name')),
    base,
    override,
    get: (...path) => {
      // The deepest map an override sets wins, field by field, as Copilot merges them.
      const fromOverride = override ? valueAt(override, ...path) : undefined;
      return fromOverride ?? valueAt(base, ...path);
    },
  };
}

export const ECS_WORKLOADS: ReadonlySet<ManifestType> = new Set([
  'Load Balanced Web Service',
  'Backend Service',
  'Worker Service',
  'Scheduled Job',
]);

interface PlatformInfo {
  readonly node: YamlNode | undefined;
  readonly windows: boolean;
  readonly arm: boolean;
}

function platformOf(view: EnvView): PlatformInfo {
  const node = view.get('platform');
  if (isMap(node)) {
    // Copilot lowercases both (PlatformArgs.validate, validate.go:1180 at v1.33.2).
    const os = stringValue(view.parsed, valueAt(node, 'osfamily'))?.toLowerCase() ?? '';
    const arch = stringValue(view.parsed, valueAt(node, 'architecture'))?.toLowerCase() ?? '';
    return { node, windows: os.startsWith('windows'), arm: arch === 'arm64' || arch === 'arm' };
  }
  const text = stringValue(view.parsed, node)?.toLowerCase() ?? '';
  return { node, windows: text.startsWith('windows/'), arm: text.startsWith('linux/arm') };
}

function checkPlatform(view: EnvView, sink: Sink): void {
  const node = view.get('platform');
  const text = stringValue(view.parsed, node);
  if (node && text !== undefined) {
    const allowed: readonly string[] =
      view.type === 'Request-Driven Web Service' ? ['linux/amd64', 'linux/x86_64'] : PLATFORM_STRINGS;
    // Copilot compares the lowercased string (PlatformString.validate, validate.go:1197 at v1.33.2).
    if (!allowed.includes(text.toLowerCase())) {
      const names = suggest(text, allowed);
      sink.report(
        'ECS501',
        target(node, { offset: 0, length: 1 }),
        `Platform "${text}" is not supported${view.type === 'Request-Driven Web Service' ? ' by App Runner' : ''}; use one of ${allowed.join(', ')}.${didYouMean(names)}`,
      );
      withReplacements(sink, names);
    }
  }
  if (isMap(node)) {
    const arch = valueAt(node, 'architecture');
    const os = stringValue(view.parsed, valueAt(node, 'osfamily'))?.toLowerCase() ?? '';
    const archText = stringValue(view.parsed, arch)?.toLowerCase();
    if (os.startsWith('windows') && (archText === 'arm64' || archText === 'arm')) {
      sink.report(
        'ECS501',
        target(arch, { offset: 0, length: 1 }),
        'Windows tasks run only on x86_64: use `architecture: x86_64`.',
      );
    }
  }
}

function checkSizes(view: EnvView, sink: Sink): void {
  const cpuNode = view.get('cpu');
  const memoryNode = view.get('memory');
  const cpu = cpuNode ? numberValue(view.parsed, cpuNode) : 256;
  const memory = memoryNode ? numberValue(view.parsed, memoryNode) : 512;
  if (view.type === 'Request-Driven Web Service') {
    const cpus = [256, 512, 1024, 2048, 4096];
    const memories = [512, 1024, 2048, 3072, 4096, 6144, 8192, 10240, 12288];
    if (cpuNode && cpu !== undefined && !cpus.includes(cpu)) {
      sink.report(
        'ECS507',
        target(cpuNode, { offset: 0, length: 1 }),
        `App Runner cpu must be one of ${cpus.join(', ')}, not ${cpu}.`,
      );
    }
    if (memoryNode && memory !== undefined && !memories.includes(memory)) {
      sink.report(
        'ECS507',
        target(memoryNode, { offset: 0, length: 1 }),
        `App Runner memory must be one of ${memories.join(', ')} MiB, not ${memory}.`,
      );
    }
    return;
  }
  if (!ECS_WORKLOADS.has(view.type) || cpu === undefined || memory === undefined) return;
  const platform = platformOf(view);
  if (platform.windows && (cpu < 1024 || memory < 2048)) {
    const low = cpu < 1024 ? cpuNode : memoryNode;
    const anchor = low ?? platform.node;
    sink.report(
      'ECS502',
      target(anchor, { offset: 0, length: 1 }),
      `Windows tasks need at least 1024 CPU units and 2048 MiB of memory; this ${view.override ? 'environment' : 'manifest'} has cpu ${cpu} and memory ${memory}.`,
    );
    return;
  }
  if (!isValidFargatePair(cpu, memory) && (cpuNode || memoryNode)) {
    const valid = fargateMemoryFor(cpu);
    const anchor = valid ? (memoryNode ?? cpuNode) : (cpuNode ?? memoryNode);
    sink.report(
      'ECS506',
      target(anchor, { offset: 0, length: 1 }),
      valid
        ? `memory ${memory} is not valid with cpu ${cpu} on Fargate; valid: ${describeValues(valid)}.`
        : `cpu ${cpu} is not a Fargate task size; valid: ${FARGATE_CPUS.join(', ')}.`,
    );
  }
}

function checkStorage(view: EnvView, sink: Sink): void {
  const node = view.get('storage', 'ephemeral');
  const size = numberValue(view.parsed, node);
  if (node && size !== undefined && (size < 20 || size > 200)) {
    sink.report(
      'ECS503',
      target(node, { offset: 0, length: 1 }),
      `Ephemeral storage must be between 20 and 200 GiB, not ${size}.`,
    );
  }
}

function checkSpot(view: EnvView, sink: Sink): void {
  const platform = platformOf(view);
  if (!platform.arm && !platform.windows) return;
  const count = view.get('count');
  const spot = isMap(count) ? (valueAt(count, 'spot') ?? valueAt(count, 'range', 'spot_from')) : undefined;
  if (!spot) return;
  sink.report(
    'ECS504',
    target(spot, { offset: 0, length: 1 }),
    `Fargate Spot does not run ${platform.arm ? 'ARM64' : 'Windows'} tasks: remove the Spot setting or use a linux/x86_64 platform.`,
  );
}

function checkEnvFiles(view: EnvView, sink: Sink): void {
  const files: (YamlNode | undefined)[] = [view.get('env_file'), view.get('logging', 'env_file')];
  for (const pair of pairsOf(view.get('sidecars'))) files.push(valueAt(pair.value, 'env_file'));
  for (const node of files) {
    const file = stringValue(view.parsed, node);
    if (node && file !== undefined && !file.endsWith('.env')) {
      sink.report(
        'ECS505',
        target(node, { offset: 0, length: 1 }),
        `env_file "${file}" must be a file whose name ends with .env.`,
      );
    }
  }
}

function checkContainerReferences(view: EnvView, sink: Sink): void {
  const sidecars = pairsOf(view.get('sidecars'))
    .map(keyText)
    .filter((k): k is string => k !== undefined);
  const containers = view.name ? [view.name, ...sidecars] : sidecars;
  const dependsOnMaps: YamlNode[] = [];
  const main = view.get('image', 'depends_on');
  if (main) dependsOnMaps.push(main);
  for (const pair of pairsOf(view.get('sidecars'))) {
    const d = valueAt(pair.value, 'depends_on');
    if (d) dependsOnMaps.push(d);
  }
  for (const map of dependsOnMaps) {
    for (const pair of pairsOf(map)) {
      const name = keyText(pair);
      if (name === undefined || containers.includes(name) || isTemplatedYaml(view.parsed, pair.key)) continue;
      const close = suggest(name, containers);
      sink.report(
        'ECS508',
        keyTarget(pair),
        `depends_on names "${name}", which is neither a sidecar nor the main container; containers: ${containers.join(', ') || 'none'}.${didYouMean(close)}`,
      );
    }
  }
  const volumes = pairsOf(view.get('storage', 'volumes'))
    .map(keyText)
    .filter((k): k is string => k !== undefined);
  for (const pair of pairsOf(view.get('sidecars'))) {
    const mounts = valueAt(pair.value, 'mount_points');
    if (!isSeq(mounts)) continue;
    for (const mount of mounts.items) {
      const source = valueAt(mount, 'source_volume');
      const name = stringValue(view.parsed, source);
      if (!source || name === undefined || volumes.includes(name)) continue;
      const close = suggest(name, volumes);
      sink.report(
        'ECS509',
        target(source, { offset: 0, length: 1 }),
        `source_volume "${name}" is not a volume under storage.volumes; volumes: ${volumes.join(', ') || 'none'}.${didYouMean(close)}`,
      );
    }
  }
}

function checkCountRange(view: EnvView, sink: Sink): void {
  const range = valueAt(view.get('count'), 'range');
  if (!range) return;
  const text = stringValue(view.parsed, range);
  if (text !== undefined) {
    const m = /^(\d+)-(\d+)$/.exec(text);
    if (!m) {
      sink.report(
        'ECS510',
        target(range, { offset: 0, length: 1 }),
        `count.range "${text}" must be written min-max, e.g. 1-10.`,
      );
    } else if (Number(m[1]) > Number(m[2])) {
      sink.report(
        'ECS510',
        target(range, { offset: 0, length: 1 }),
        `count.range ${text} has its minimum above its maximum.`,
      );
    }
    return;
  }
  const min = numberValue(view.parsed, valueAt(range, 'min'));
  const maxNode = valueAt(range, 'max');
  const max = numberValue(view.parsed, maxNode);
  if (min !== undefined && max !== undefined && min > max) {
    sink.report(
      'ECS510',
      target(maxNode, { offset: 0, length: 1 }),
      `count.range max (${max}) is below min (${min}).`,
    );
  }
}

/** Copilot's presets (robfig/cron descriptors), `@every <duration>` and what it passes to AWS as is. */
const CRON_DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const AWS_SCHEDULE = /((?:rate|cron)\(.*\)|none)/; // unanchored, as Copilot's awsScheduleRegexp
const CRON_FIELD = /^[\d*?,/LW#A-Za-z-]+$/;

/** Whether Copilot turns `on.schedule` into an EventBridge expression (stack/scheduled_job.go:248). */
function isCopilotSchedule(text: string): boolean {
  if (AWS_SCHEDULE.test(text)) return true;
  const s = text.trim().replace(/^(?:CRON_)?TZ=\S+\s+/, '');
  if (CRON_DESCRIPTORS.includes(s)) return true;
  if (s.startsWith('@every ')) return /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(s.slice(7).trim());
  const fields = s.split(/\s+/);
  return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f));
}

function checkSchedule(view: EnvView, sink: Sink): void {
  if (view.type !== 'Scheduled Job') return;
  const node = view.get('on', 'schedule');
  const text = stringValue(view.parsed, node);
  if (!node || text === undefined || isTemplatedYaml(view.parsed, node) || isCopilotSchedule(text)) return;
  sink.report(
    'ECS512',
    target(node, { offset: 0, length: 1 }),
    `Schedule "${text}" is not one Copilot accepts: use a cron expression ("0 */2 * * *"), a preset (@daily, @weekly…), "@every 2h", rate(…)/cron(…) or "none" to run the job only on demand.`,
  );
}

/** SSM parameter names or secret ARNs placed under `variables` reach the container as literal text. */
const SECRET_REFERENCE = /^(?:\/copilot\/|arn:aws[\w-]*:(?:ssm|secretsmanager):)/;
function checkVariables(view: EnvView, sink: Sink): void {
  const maps: (YamlNode | undefined)[] = [view.get('variables'), view.get('logging', 'variables')];
  for (const pair of pairsOf(view.get('sidecars'))) maps.push(valueAt(pair.value, 'variables'));
  for (const map of maps) {
    for (const pair of pairsOf(map)) {
      // `${COPILOT_…}` parts are fine here: the prefix alone tells a parameter name.
      const text = scalarValue(pair.value);
      if (typeof text !== 'string' || !SECRET_REFERENCE.test(text)) continue;
      sink.report(
        'ECS513',
        target(pair.value, { offset: 0, length: 1 }),
        `Variable \`${keyText(pair) ?? ''}\` holds what looks like an SSM parameter or secret reference; under \`variables\` the container gets this text, not the secret. Move it to \`secrets\`.`,
      );
    }
  }
}

export function checkRules(view: EnvView, sink: Sink): void {
  checkSchedule(view, sink);
  checkVariables(view, sink);
  checkPlatform(view, sink);
  checkSizes(view, sink);
  checkStorage(view, sink);
  checkSpot(view, sink);
  checkEnvFiles(view, sink);
  checkContainerReferences(view, sink);
  checkCountRange(view, sink);
}
