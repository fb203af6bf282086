import { invalidParameter } from './errors';
import type { Json, JsonObject, Tag } from '../model';

/**
 * Readers for request members. The SDK sends well-typed JSON, but raw HTTP clients may not:
 * a member of the wrong type is InvalidParameterException, never a crash.
 */

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optString(p: JsonObject, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParameter(`${name} must be a string.`);
  return v;
}

export function reqString(p: JsonObject, name: string): string {
  const v = optString(p, name);
  if (v === undefined || v === '') throw invalidParameter(`${name} must be specified.`);
  return v;
}

export function optNumber(p: JsonObject, name: string): number | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidParameter(`${name} must be a number.`);
  return v;
}

export function optBoolean(p: JsonObject, name: string): boolean | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidParameter(`${name} must be a boolean.`);
  return v;
}

export function optStringArray(p: JsonObject, name: string): string[] | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw invalidParameter(`${name} must be a list of strings.`);
  return v as string[];
}

export function optArray(p: JsonObject, name: string): Json[] | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidParameter(`${name} must be a list.`);
  return v;
}

export function optObject(p: JsonObject, name: string): JsonObject | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalidParameter(`${name} must be an object.`);
  return v;
}

/** ECS tags (`[{key, value}]`): at most 50, key 1..128, value 0..256. */
export function readTags(p: JsonObject, name = 'tags'): Tag[] {
  const list = optArray(p, name) ?? [];
  if (list.length > 50) throw invalidParameter('Too many tags: a resource can have at most 50 tags.');
  return list.map((t) => {
    if (!isObject(t) || typeof t.key !== 'string') throw invalidParameter('Each tag needs a key.');
    const value = typeof t.value === 'string' ? t.value : '';
    if (t.key.length < 1 || t.key.length > 128)
      throw invalidParameter('Tag keys must be 1 to 128 characters long.');
    if (value.length > 256) throw invalidParameter('Tag values must be at most 256 characters long.');
    return { key: t.key, value };
  });
}

/** Merges tags by key (TagResource semantics). */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const map = new Map(existing.map((t) => [t.key, t.value]));
  for (const t of added) map.set(t.key, t.value);
  if (map.size > 50) throw invalidParameter('Too many tags: a resource can have at most 50 tags.');
  return [...map].map(([key, value]) => ({ key, value }));
}

/** Epoch ms → the epoch-seconds number AWS JSON 1.1 uses for timestamps. */
export function secs(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.round(ms) / 1000;
}

/** Drops undefined members so responses carry only what AWS would send. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  for (const k of Object.keys(obj)) if (obj[k] === undefined) delete obj[k];
  return obj;
}
