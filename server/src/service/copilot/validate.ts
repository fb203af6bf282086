/**
 * Validation of Copilot manifests: YAML syntax (ECS001), the manifest model (types ECS010, unknown
 * keys with did-you-mean ECS012, enum values ECS013, required fields ECS014) — `environments.<name>`
 * overrides included — and Copilot's own rules (ECS501–ECS510), checked for the manifest as written
 * and for each environment with its overrides applied.
 */
import { type Pair, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CopilotManifestDocument } from '../core/ecsDocument';
import {
  describeValues,
  fargateMemoryFor,
  FARGATE_CPUS,
  isValidFargatePair,
} from '../taskDefinition/fargate';
import type { ParsedYaml } from '../core/parseYaml';
import { didYouMean, suggest } from '../core/suggest';
import { DiagnosticSink, type RuleMeta, type Target } from '../core/diagnosticSink';
import { MANIFEST_FIELDS, isManifestType } from './model';
import { MANIFEST_DOCS, MANIFEST_TYPES, type ManifestType, PLATFORM_STRINGS } from './manifestTypes';
import { type CopilotField, type CopilotShape, describeCopilotShape, formsOf } from './schema';
import {
  type YamlNode,
  isTemplatedYaml,
  keyText,
  numberValue,
  pairOf,
  pairsOf,
  rootMap,
  scalarValue,
  spanOf,
  stringValue,
  valueAt,
} from './yamlNodes';

const COPILOT_DOCS = 'https://aws.github.io/copilot-cli/docs/manifest';

/** Every code Copilot manifests report beyond the shared syntax/model codes. */
export const COPILOT_RULE_META: readonly RuleMeta[] = [
  {
    code: 'ECS501',
    title: 'Invalid Copilot platform',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#platform`,
  },
  {
    code: 'ECS502',
    title: 'Windows tasks need at least 1024 CPU units and 2048 MiB',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#platform`,
  },
  {
    code: 'ECS503',
    title: 'Ephemeral storage must be 20 to 200 GiB',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#storage-ephemeral`,
  },
  {
    code: 'ECS504',
    title: 'Fargate Spot is not available for ARM or Windows tasks',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#count-spot`,
  },
  {
    code: 'ECS505',
    title: 'env_file must end with .env',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#env_file`,
  },
  {
    code: 'ECS506',
    title: 'cpu/memory is not a Fargate task size',
    severity: 'error',
    awsDocs:
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size',
  },
  {
    code: 'ECS507',
    title: 'cpu/memory not available on App Runner',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/rd-web-service/#cpu`,
  },
  {
    code: 'ECS508',
    title: 'depends_on names no container of the task',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/sidecars/`,
  },
  {
    code: 'ECS509',
    title: 'mount_points source_volume names no storage volume',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/sidecars/`,
  },
  {
    code: 'ECS510',
    title: 'Invalid count range',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#count-range`,
  },
];

const META_BY_CODE: ReadonlyMap<string, RuleMeta> = new Map<string, RuleMeta>([
  ...COPILOT_RULE_META.map((m) => [m.code, m] as const),
  ['ECS001', { code: 'ECS001', title: 'YAML syntax error', severity: 'error' }],
  ['ECS002', { code: 'ECS002', title: 'A manifest must be a YAML map', severity: 'error' }],
  ['ECS010', { code: 'ECS010', title: 'Wrong type', severity: 'error', awsDocs: COPILOT_DOCS }],
  ['ECS012', { code: 'ECS012', title: 'Unknown field', severity: 'error', awsDocs: COPILOT_DOCS }],
  ['ECS013', { code: 'ECS013', title: 'Not an allowed value', severity: 'error', awsDocs: COPILOT_DOCS }],
  ['ECS014', { code: 'ECS014', title: 'Required field missing', severity: 'error', awsDocs: COPILOT_DOCS }],
]);

/** Go durations (`30s`, `1m30s`, `1.5h`, `500ms`). */
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const YAML11_BOOL =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE)$/;

type Sink = DiagnosticSink;

/** Attaches "did you mean" replacements to the last finding, for the quick fix (copilot/actions.ts). */
function withReplacements(sink: Sink, names: readonly string[]): void {
  const last = sink.diagnostics[sink.diagnostics.length - 1];
  if (last && names.length > 0) last.data = { copilotReplacements: [...names] };
}

function target(node: unknown, fallback: Target): Target {
  const span = spanOf(node as YamlNode);
  return span && span.length > 0 ? span : fallback;
}

function keyTarget(pair: Pair): Target {
  return target(pair.key, { offset: 0, length: 1 });
}

function valueDescription(node: unknown): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  const v = scalarValue(node);
  if (typeof v === 'string') return `the string ${JSON.stringify(v).slice(0, 40)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return String(v);
  return 'an empty value';
}

/** Walks a YAML node against a shape of the manifest model. */
class ManifestWalker {
  constructor(
    private readonly parsed: ParsedYaml,
    private readonly sink: Sink,
  ) {}

  value(node: unknown, shape: CopilotShape, name: string, anchor: Target): void {
    if (node === null || node === undefined || isAlias(node) || isTemplatedYaml(this.parsed, node)) return;
    // An empty value (`key:`) leaves the field unset, as yaml.v3 does.
    if (isScalar(node) && node.value === null) return;
    const forms = formsOf(shape);
    if (forms.some((f) => f.kind === 'any')) return;
    if (isMap(node)) {
      const form = forms.find((f) => f.kind === 'object' || f.kind === 'map');
      if (!form) return this.wrongType(node, shape, name, anchor);
      if (form.kind === 'object') this.object(node, form.fields, form.name, anchor);
      else for (const p of pairsOf(node)) this.value(p.value, form.values, keyText(p) ?? name, keyTarget(p));
      return;
    }
    if (isSeq(node)) {
      const form = forms.find((f) => f.kind === 'list');
      if (!form || form.kind !== 'list') return this.wrongType(node, shape, name, anchor);
      for (const item of node.items) this.value(item, form.items, name, target(item, anchor));
      return;
    }
    const scalarForms = forms.filter((f) => f.kind !== 'object' && f.kind !== 'map' && f.kind !== 'list');
    if (scalarForms.length === 0) return this.wrongType(node, shape, name, anchor);
    if (scalarForms.some((f) => this.scalarFits(node, f))) return;
    const enums = scalarForms.filter((f) => f.kind === 'enum');
    const v = scalarValue(node);
    if (enums.length > 0 && typeof v === 'string') {
      const values = enums.flatMap((f) => (f.kind === 'enum' ? f.values : []));
      const names = suggest(v, values);
      this.sink.report(
        'ECS013',
        target(node, anchor),
        `${JSON.stringify(v)} is not a valid \`${name}\`; allowed: ${values.join(', ')}${
          scalarForms.length > enums.length
            ? ` (or ${scalarForms
                .filter((f) => f.kind !== 'enum')
                .map(describeCopilotShape)
                .join(', ')})`
            : ''
        }.${didYouMean(names)}`,
      );
      withReplacements(this.sink, names);
      return;
    }
    this.wrongType(node, shape, name, anchor);
  }

  private scalarFits(node: unknown, shape: CopilotShape): boolean {
    const v = scalarValue(node);
    switch (shape.kind) {
      case 'string':
        return v !== undefined;
      case 'int':
        return typeof v === 'number' && Number.isInteger(v);
      case 'number':
        return typeof v === 'number';
      case 'bool':
        return typeof v === 'boolean' || (typeof v === 'string' && YAML11_BOOL.test(v));
      case 'duration':
        return (typeof v === 'string' && DURATION.test(v)) || v === 0;
      case 'enum':
        return (
          typeof v === 'string' &&
          (shape.caseInsensitive
            ? shape.values.some((e) => e.toLowerCase() === v.toLowerCase())
            : shape.values.includes(v))
        );
      default:
        return false;
    }
  }

  private wrongType(node: unknown, shape: CopilotShape, name: string, anchor: Target): void {
    this.sink.report(
      'ECS010',
      target(node, anchor),
      `\`${name}\` must be ${describeCopilotShape(shape)}, not ${valueDescription(node)}.`,
    );
  }

  /**
   * Checks a map against object fields. `satisfied` lists required fields provided elsewhere (an
   * environment override supplying the image, for instance).
   */
  object(
    node: unknown,
    fields: Readonly<Record<string, CopilotField>>,
    structure: string,
    anchor: Target,
    satisfied: ReadonlySet<string> = new Set(),
  ): void {
    if (!isMap(node)) return;
    const seen = new Set<string>();
    for (const pair of pairsOf(node)) {
      const key = keyText(pair);
      if (key === undefined || key === '<<') continue; // merge keys bring fields of an anchor
      seen.add(key);
      const f = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
      if (!f) {
        const names = suggest(key, Object.keys(fields));
        this.sink.report(
          'ECS012',
          keyTarget(pair),
          `Unknown field \`${key}\` in ${structure}: Copilot rejects manifests with unknown fields.${didYouMean(names)}`,
        );
        withReplacements(this.sink, names);
        continue;
      }
      this.value(pair.value, f.shape, key, keyTarget(pair));
    }
    if (pairsOf(node).some((p) => keyText(p) === '<<')) return; // the anchor may hold the required ones
    for (const [name, f] of Object.entries(fields)) {
      if (!f.required || seen.has(name) || satisfied.has(name)) continue;
      this.sink.report(
        'ECS014',
        anchor,
        `Missing required field \`${name}\` (${describeCopilotShape(f.shape)}) in ${structure}.`,
      );
    }
  }
}

// ---- Copilot's rules, per environment ----------------------------------------------------------------------

/** The manifest as one environment sees it: the override's value when it sets one, else the base's. */
interface EnvView {
  readonly parsed: ParsedYaml;
  readonly type: ManifestType;
  readonly name: string | undefined;
  readonly base: unknown;
  readonly override: unknown;
  get(...path: string[]): YamlNode | undefined;
}

function envView(parsed: ParsedYaml, type: ManifestType, base: unknown, override: unknown): EnvView {
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

const ECS_WORKLOADS: ReadonlySet<ManifestType> = new Set([
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
    const os = stringValue(view.parsed, valueAt(node, 'osfamily')) ?? '';
    const arch = stringValue(view.parsed, valueAt(node, 'architecture')) ?? '';
    return { node, windows: os.startsWith('windows'), arm: arch === 'arm64' };
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
    if (!allowed.includes(text)) {
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
    const os = stringValue(view.parsed, valueAt(node, 'osfamily')) ?? '';
    if (os.startsWith('windows') && stringValue(view.parsed, arch) === 'arm64') {
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

function checkRules(view: EnvView, sink: Sink): void {
  checkPlatform(view, sink);
  checkSizes(view, sink);
  checkStorage(view, sink);
  checkSpot(view, sink);
  checkEnvFiles(view, sink);
  checkContainerReferences(view, sink);
  checkCountRange(view, sink);
}

/** Diagnostics of a Copilot manifest (syntax, model, rules). */
export function validateCopilotManifest(doc: CopilotManifestDocument): Diagnostic[] {
  const parsed = doc.yaml;
  const sink = new DiagnosticSink(doc.textDocument, META_BY_CODE);
  for (const e of parsed.syntaxErrors)
    sink.report('ECS001', { offset: e.offset, length: e.length }, e.message);
  const root = rootMap(parsed);
  if (!root) {
    const contents = parsed.document.contents;
    if (contents && parsed.syntaxErrors.length === 0 && !(isScalar(contents) && contents.value === null)) {
      sink.report(
        'ECS002',
        target(contents, { offset: 0, length: 1 }),
        'A Copilot manifest is a YAML map with `name`, `type` and the fields of its type.',
      );
    }
    return sink.diagnostics;
  }
  const walker = new ManifestWalker(parsed, sink);
  const rootAnchor: Target = { offset: target(root, { offset: 0, length: 1 }).offset, length: 1 };
  const typeNode = valueAt(root, 'type');
  const typeValue = scalarValue(typeNode);
  if (!isManifestType(typeValue)) {
    // Without a known type only `name` and `type` can be judged.
    if (!typeNode) {
      sink.report(
        'ECS014',
        rootAnchor,
        `Missing required field \`type\`: one of ${MANIFEST_TYPES.join(', ')}.`,
      );
    } else if (!isTemplatedYaml(parsed, typeNode) && typeValue !== null) {
      const text = String(typeValue);
      const names = suggest(text, MANIFEST_TYPES);
      sink.report(
        'ECS013',
        target(typeNode, rootAnchor),
        `"${text}" is not a Copilot manifest type; allowed: ${MANIFEST_TYPES.join(', ')}.${didYouMean(names)}`,
      );
      withReplacements(sink, names);
    }
    if (!pairOf(root, 'name')) sink.report('ECS014', rootAnchor, 'Missing required field `name`.');
    return sink.diagnostics;
  }
  const type = typeValue;
  const fields = MANIFEST_FIELDS[type];
  const environments = valueAt(root, 'environments');
  const overrides = pairsOf(environments).filter((p) => isMap(p.value));
  // A required field that every listed environment overrides is satisfied (e.g. `image` per environment).
  const satisfied = new Set(
    Object.entries(fields)
      .filter(
        ([name, f]) => f.required && overrides.length > 0 && overrides.every((p) => valueAt(p.value, name)),
      )
      .map(([name]) => name),
  );
  walker.object(root, fields, type, rootAnchor, satisfied);
  checkRules(envView(parsed, type, root, undefined), sink);
  for (const pair of overrides) checkRules(envView(parsed, type, root, pair.value), sink);
  return dedupe(sink.diagnostics);
}

/** The same finding reached through several environments is reported once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    const key = `${String(d.code)}|${d.range.start.line}:${d.range.start.character}|${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The documentation page of a manifest's type, for hovers and messages. */
export function manifestDocs(type: ManifestType): string {
  return MANIFEST_DOCS[type];
}
