/**
 * Rule metadata written as tables: one row a code, instead of an object literal a code that repeats
 * its severity and documentation page. Every kind's room (task definitions, service definitions,
 * Copilot manifests) declares its codes through these builders.
 */
import type { DefaultSeverity, RuleMeta } from './diagnosticSink';

/** One code: its default severity, its title and, where documented, the page it links to. */
export type MetaRow = readonly [code: string, severity: DefaultSeverity, title: string, awsDocs?: string];

/** The metadata of each row, in the rows' order. */
export function metaTable(rows: readonly MetaRow[]): RuleMeta[] {
  return rows.map(([code, severity, title, awsDocs]) =>
    awsDocs === undefined ? { code, title, severity } : { code, title, severity, awsDocs },
  );
}

/** Codes of one check that all link one page: rows of code, title and severity when not an error. */
export function metaOnPage(
  awsDocs: string,
  rows: readonly (readonly [code: string, title: string, severity?: DefaultSeverity])[],
): RuleMeta[] {
  return metaTable(rows.map(([code, title, severity = 'error']) => [code, severity, title, awsDocs]));
}

/** Metadata by code, for a `DiagnosticSink`. */
export function metaByCode(meta: readonly RuleMeta[]): ReadonlyMap<string, RuleMeta> {
  return new Map(meta.map((m) => [m.code, m]));
}
