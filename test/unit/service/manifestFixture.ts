/** Shared helpers of the service-definition and Copilot tests: `«»`-marked fixtures and diagnostics. */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { type LanguageService, createLanguageService } from '../../../server/src/service/languageService';
import {
  type TaskDefinitionIndex,
  createTaskDefinitionIndex,
  summarizeTaskDefinition,
} from '../../../server/src/service/serviceDefinition/taskDefinitionIndex';

/** A diagnostic's message as plain text. */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** Strips `«»` markers and returns the clean text with the marked [start, end) offsets. */
export function marked(text: string): { text: string; ranges: [number, number][] } {
  const ranges: [number, number][] = [];
  let clean = '';
  let start = -1;
  for (const ch of text) {
    if (ch === '«') start = clean.length;
    else if (ch === '»') ranges.push([start, clean.length]);
    else clean += ch;
  }
  return { text: clean, ranges };
}

/** A language service whose workspace holds the given task definitions (`uri` → JSON text). */
export function serviceWithTasks(tasks: Readonly<Record<string, string>> = {}): LanguageService {
  let index: TaskDefinitionIndex = createTaskDefinitionIndex([]);
  const service = createLanguageService(undefined, { taskDefinitions: () => index });
  const summaries = Object.entries(tasks).flatMap(([uri, text]) => {
    const s = summarizeTaskDefinition(service.parse(TextDocument.create(uri, 'json', 1, text)));
    return s ? [s] : [];
  });
  index = createTaskDefinitionIndex(summaries);
  return service;
}

export function diagnosticsAt(service: LanguageService, uri: string, text: string): Diagnostic[] {
  const languageId = uri.endsWith('.yml') || uri.endsWith('.yaml') ? 'yaml' : 'json';
  return service.validate(service.parse(TextDocument.create(uri, languageId, 1, text)));
}

/** Asserts that `code` is reported exactly at the marked ranges of `fixture`. */
export function assertCodeAt(service: LanguageService, uri: string, fixture: string, code: string): void {
  const { text, ranges } = marked(fixture);
  const doc = TextDocument.create(uri, 'json', 1, text);
  const found = diagnosticsAt(service, uri, text).filter((d) => d.code === code);
  const actual = found.map((d) => [doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)]);
  assert.deepEqual(
    actual,
    ranges,
    `${code}: expected ${JSON.stringify(ranges.map(([s, e]) => text.slice(s, e)))}, got ${JSON.stringify(
      found.map(
        (d) => `${text.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end))}: ${messageOf(d)}`,
      ),
    )}`,
  );
}

/** Asserts that `text` produces no error and no warning. */
export function assertClean(service: LanguageService, uri: string, text: string): void {
  const bad = diagnosticsAt(service, uri, text).filter(
    (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
  );
  assert.deepEqual(
    bad.map(
      (d) => `${String(d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${messageOf(d)}`,
    ),
    [],
  );
}
