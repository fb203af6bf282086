/**
 * Bounds on what one document can cost the server: how much text is analysed, how many diagnostics
 * are published. A paste of megabytes or a file of a hundred thousand findings must never stall the
 * editor's requests or grow the server without limit; the user gets one clear diagnostic instead.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from './service/core/diagnostic';
import type { EcsDocument, PreviousVersion } from './service/core/ecsDocument';
import type { LanguageService } from './service/languageService';
import type { TextEncoding } from './service/core/encoding';

/**
 * Documents longer than this (UTF-16 code units, about 1 MB of ASCII) are not parsed. A real task
 * definition, service definition or Copilot manifest is a few KB; a 1 MB task definition already takes
 * about 0.6 s to check, and parse trees take many times the text's size in memory.
 */
export const MAX_ANALYSED_LENGTH = 1_000_000;

/** Default of the `ecsWorkbench.maxDiagnostics` setting. */
export const DEFAULT_MAX_DIAGNOSTICS = 500;

/**
 * The parsed model of `textDocument`, or, beyond `MAX_ANALYSED_LENGTH`, a model with no tree and one
 * diagnostic saying why. The kind is then decided by the path alone (the text is not read), so an
 * unrelated large JSON file stays unrelated.
 */
export function parseWithinLimits(
  service: LanguageService,
  textDocument: TextDocument,
  encoding?: TextEncoding,
  previous?: PreviousVersion,
): EcsDocument {
  if (textDocument.getText().length <= MAX_ANALYSED_LENGTH)
    return service.parse(textDocument, encoding, previous);
  const { uri, languageId, version } = textDocument;
  const byPath = service.parse(TextDocument.create(uri, languageId, version, ''));
  const error = {
    message: `The document is larger than ${MAX_ANALYSED_LENGTH.toLocaleString('en-US')} characters: it is not checked (no ECS document comes near that size)`,
    offset: 0,
    length: 1,
  };
  const json = { root: undefined, syntaxErrors: [error], unparsed: true };
  if (byPath.kind === 'copilotManifest') {
    return { ...byPath, textDocument, yaml: { ...byPath.yaml, syntaxErrors: [error], unparsed: true } };
  }
  return { ...byPath, textDocument, json };
}

/**
 * At most `max` diagnostics: the first `max - 1` in document order and, when some were left out, a
 * last one saying how many (`… and 12,345 more`) at the place of the first one left out.
 */
export function limitDiagnostics(diagnostics: Diagnostic[], max: number): Diagnostic[] {
  const limit = Math.max(1, Math.floor(max));
  if (diagnostics.length <= limit) return diagnostics;
  const kept = diagnostics.slice(0, limit - 1);
  const omitted = diagnostics.length - kept.length;
  const first = diagnostics[limit - 1];
  const at = first?.range.start ?? { line: 0, character: 0 };
  kept.push({
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `… and ${omitted.toLocaleString('en-US')} more (at most ${limit.toLocaleString('en-US')} problems are listed per document: setting ecsWorkbench.maxDiagnostics)`,
  });
  return kept;
}
