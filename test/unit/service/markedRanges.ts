/**
 * Diagnostics of a fixture whose `«` and `»` mark the exact range of every diagnostic expected for a
 * code, so a test states every report site of the code, not only the first.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service/languageService';
import { marked } from './manifestFixture';

export { marked };

const service = createLanguageService();

export interface Validated {
  readonly text: string;
  readonly diagnostics: Diagnostic[];
  /** [start, end) offsets of every diagnostic of `code`, in document order. */
  rangesOf(code: string): [number, number][];
  /** Messages of every diagnostic of `code`, in document order. */
  messagesOf(code: string): string[];
  /** Codes of every diagnostic with severity error. */
  errorCodes(): string[];
}

/** Validates `text` (markers removed) as a task definition file. */
export function validate(text: string, uri = 'file:///w/app-task-def.json'): Validated {
  const doc = TextDocument.create(uri, 'json', 1, text);
  const diagnostics = service.validate(service.parse(doc));
  const of = (code: string): Diagnostic[] =>
    diagnostics
      .filter((d) => d.code === code)
      .sort((a, b) => doc.offsetAt(a.range.start) - doc.offsetAt(b.range.start));
  return {
    text,
    diagnostics,
    rangesOf: (code) => of(code).map((d) => [doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)]),
    messagesOf: (code) => of(code).map((d) => (typeof d.message === 'string' ? d.message : d.message.value)),
    errorCodes: () => diagnostics.filter((d) => d.severity === 1).map((d) => String(d.code)),
  };
}

/** Validates a `«»`-marked fixture and returns the expected ranges beside the diagnostics. */
export function validateMarked(fixture: string, uri?: string): Validated & { expected: [number, number][] } {
  const { text, ranges } = marked(fixture);
  return { ...validate(text, uri), expected: ranges };
}
