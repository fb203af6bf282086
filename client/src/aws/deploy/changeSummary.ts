/**
 * What a deploy changes, in words a confirmation dialog can show: images and tags, task and
 * container cpu/memory, environment variable keys and secret names. Values of environment
 * variables and secrets never appear: a changed value is reported as "changed", nothing more.
 */
import {
  READ_ONLY_TASK_DEFINITION_FIELDS,
  isJsonObject,
  normalizeForDiff,
  type JsonObject,
} from './normalize';

/** One container's image before and after. */
export interface ImageChange {
  container: string;
  from?: string;
  to?: string;
}

/** A named key whose presence or (masked) value changed. */
export interface KeyChange {
  container: string;
  key: string;
  change: 'added' | 'removed' | 'changed';
}

/** A numeric setting (cpu, memory) of the task or of one container. */
export interface SizeChange {
  /** `task` or a container name. */
  scope: string;
  field: 'cpu' | 'memory' | 'memoryReservation';
  from?: string;
  to?: string;
}

export interface ChangeSummary {
  images: ImageChange[];
  sizes: SizeChange[];
  environment: KeyChange[];
  secrets: KeyChange[];
  containersAdded: string[];
  containersRemoved: string[];
  /** Any other difference (roles, ports, health checks...) exists. */
  otherChanges: boolean;
  /** Nothing differs at all. */
  identical: boolean;
}

interface ContainerView {
  name: string;
  raw: JsonObject;
}

function containers(td: JsonObject | undefined): ContainerView[] {
  const list = td?.containerDefinitions;
  if (!Array.isArray(list)) return [];
  return list.filter(isJsonObject).map((c, i) => ({
    name: typeof c.name === 'string' ? c.name : `#${i + 1}`,
    raw: c,
  }));
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** name → value pairs of `environment` / `secrets` (value = `value` or `valueFrom`). */
function pairs(container: JsonObject | undefined, key: 'environment' | 'secrets'): Map<string, string> {
  const result = new Map<string, string>();
  const list = container?.[key];
  if (!Array.isArray(list)) return result;
  for (const item of list) {
    if (!isJsonObject(item) || typeof item.name !== 'string') continue;
    result.set(item.name, text(key === 'environment' ? item.value : item.valueFrom) ?? '');
  }
  return result;
}

function keyChanges(container: string, before: Map<string, string>, after: Map<string, string>): KeyChange[] {
  const changes: KeyChange[] = [];
  for (const [key, value] of after) {
    if (!before.has(key)) changes.push({ container, key, change: 'added' });
    else if (before.get(key) !== value) changes.push({ container, key, change: 'changed' });
  }
  for (const key of before.keys()) if (!after.has(key)) changes.push({ container, key, change: 'removed' });
  return changes;
}

/** Stable JSON of a container without the fields summarised separately. */
function restOf(container: JsonObject | undefined): string {
  if (!container) return '';
  const rest: JsonObject = { ...container };
  for (const key of ['image', 'cpu', 'memory', 'memoryReservation', 'environment', 'secrets'])
    delete rest[key];
  return stable(rest);
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isJsonObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

const TASK_SUMMARISED = new Set(['containerDefinitions', 'cpu', 'memory']);
const IGNORED = new Set([...READ_ONLY_TASK_DEFINITION_FIELDS, 'tags']);

/**
 * Compares the task definition a service runs (`before`, undefined when unknown) with the one
 * about to be deployed. Both may be raw describe output or register input.
 */
export function summarizeChanges(before: JsonObject | undefined, after: JsonObject): ChangeSummary {
  const summary: ChangeSummary = {
    images: [],
    sizes: [],
    environment: [],
    secrets: [],
    containersAdded: [],
    containersRemoved: [],
    otherChanges: false,
    identical: false,
  };
  const beforeContainers = new Map(containers(before).map((c) => [c.name, c.raw]));
  const afterContainers = containers(after);
  // "Other" differences are judged on normalised forms, so ECS's filled-in defaults do not count.
  const normalBefore = before ? normalizeForDiff(before) : undefined;
  const normalAfter = normalizeForDiff(after);
  const normalBeforeContainers = new Map(containers(normalBefore).map((c) => [c.name, c.raw]));
  const normalAfterContainers = new Map(containers(normalAfter).map((c) => [c.name, c.raw]));
  for (const field of ['cpu', 'memory'] as const) {
    const from = text(before?.[field]);
    const to = text(after[field]);
    if (from !== to) summary.sizes.push({ scope: 'task', field, from, to });
  }
  for (const { name, raw } of afterContainers) {
    const old = beforeContainers.get(name);
    if (!old && before) summary.containersAdded.push(name);
    const fromImage = text(old?.image);
    const toImage = text(raw.image);
    if (fromImage !== toImage) summary.images.push({ container: name, from: fromImage, to: toImage });
    for (const field of ['cpu', 'memory', 'memoryReservation'] as const) {
      const from = text(old?.[field] === 0 && field === 'cpu' ? undefined : old?.[field]);
      const to = text(raw[field] === 0 && field === 'cpu' ? undefined : raw[field]);
      if (old && from !== to) summary.sizes.push({ scope: name, field, from, to });
    }
    summary.environment.push(...keyChanges(name, pairs(old, 'environment'), pairs(raw, 'environment')));
    summary.secrets.push(...keyChanges(name, pairs(old, 'secrets'), pairs(raw, 'secrets')));
    if (old && restOf(normalBeforeContainers.get(name)) !== restOf(normalAfterContainers.get(name))) {
      summary.otherChanges = true;
    }
  }
  const afterNames = new Set(afterContainers.map((c) => c.name));
  for (const name of beforeContainers.keys()) if (!afterNames.has(name)) summary.containersRemoved.push(name);
  if (normalBefore) {
    const keys = new Set([...Object.keys(normalBefore), ...Object.keys(normalAfter)]);
    for (const key of keys) {
      if (TASK_SUMMARISED.has(key) || IGNORED.has(key)) continue;
      if (stable(normalBefore[key]) !== stable(normalAfter[key])) summary.otherChanges = true;
    }
  }
  summary.identical =
    before !== undefined &&
    summary.images.length === 0 &&
    summary.sizes.length === 0 &&
    summary.environment.length === 0 &&
    summary.secrets.length === 0 &&
    summary.containersAdded.length === 0 &&
    summary.containersRemoved.length === 0 &&
    !summary.otherChanges;
  return summary;
}

/** The tag (or digest) of an image reference, for short display. */
export function imageTag(image: string | undefined): string {
  if (!image) return '(none)';
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1, at + 1 + 19);
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : 'latest';
}

/** Human-readable lines, values masked. */
export function describeChanges(summary: ChangeSummary): string[] {
  if (summary.identical) return ['No changes to the task definition (same content, new revision).'];
  const lines: string[] = [];
  for (const c of summary.containersAdded) lines.push(`Container ${c}: added`);
  for (const c of summary.containersRemoved) lines.push(`Container ${c}: removed`);
  for (const i of summary.images) {
    lines.push(
      i.from
        ? `Image ${i.container}: ${i.from} → ${i.to ?? '(none)'}`
        : `Image ${i.container}: ${i.to ?? '(none)'}`,
    );
  }
  for (const s of summary.sizes) {
    const where = s.scope === 'task' ? 'Task' : `Container ${s.scope}`;
    lines.push(`${where} ${s.field}: ${s.from ?? '(unset)'} → ${s.to ?? '(unset)'}`);
  }
  for (const e of summary.environment)
    lines.push(`Environment ${e.container}: ${e.key} ${e.change} (value hidden)`);
  for (const e of summary.secrets) lines.push(`Secret ${e.container}: ${e.key} ${e.change} (value hidden)`);
  if (summary.otherChanges) lines.push('Other settings changed (see Diff with Deployed).');
  return lines;
}
