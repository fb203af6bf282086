/**
 * The linter of `ecs-lint`'s threads: one language service that parses and validates one file at a
 * time and keeps nothing of it but what is printed (and a task definition's summary for the index
 * that service definitions are checked against).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LintTextDocument } from './cliTextDocument';
import { uriToPath } from './service/core/ecsDocument';
import type { TextEncoding } from './service/core/encoding';
import {
  type LanguageServiceSettings,
  createLanguageService,
  defaultLanguageServiceSettings,
} from './service/languageService';
import {
  type TaskDefinitionSummary,
  createTaskDefinitionIndex,
  summarizeTaskDefinition,
} from './service/serviceDefinition/taskDefinitionIndex';

/** What linting one file gives: its diagnostics, that it must wait for the index, or why it failed. */
export interface Outcome {
  readonly diagnostics?: Diagnostic[];
  readonly summary?: TaskDefinitionSummary;
  readonly deferred?: boolean;
  /** The file cannot be checked (nested too deep, an internal failure): this message, exit code 2. */
  readonly problem?: string;
}

/**
 * What the output formats print of a diagnostic. Results keep only this (and workers send only
 * this): the rest (`data` for quick fixes, related information) is not printed.
 */
function printed(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message }));
}

/** A POSIX path whose file URL is `file://` and the path itself (nothing in it is escaped). */
const PLAIN_PATH = /^\/[A-Za-z0-9/._-]*$/;

export interface LinterSettings {
  readonly pipelineFilledFields?: readonly string[];
}

/** Parses and validates one file at a time, keeping nothing of it. */
export function createLinter(settings: LinterSettings): {
  first(file: string, text: string, encoding: TextEncoding | undefined): Outcome;
  setIndex(summaries: readonly TaskDefinitionSummary[]): void;
  second(file: string, text: string, encoding: TextEncoding | undefined): Outcome;
} {
  let taskDefinitions = createTaskDefinitionIndex([]);
  // Every file named on the command line is a task definition: the user chose it. The one opted-in
  // path is the file being linted; the settings are read while it is parsed and validated, and are
  // built once, not per read (the service asks for them twice per file).
  const optIn = [''];
  const serviceSettings: LanguageServiceSettings = {
    ...defaultLanguageServiceSettings,
    detection: { ...defaultLanguageServiceSettings.detection, optIn },
    ...(settings.pipelineFilledFields ? { pipelineFilledFields: settings.pipelineFilledFields } : {}),
  };
  const service = createLanguageService(() => serviceSettings, {
    taskDefinitions: () => taskDefinitions,
  });
  /** The parsed document, or why it cannot be checked. */
  const parse = (
    file: string,
    text: string,
    encoding: TextEncoding | undefined,
  ): ReturnType<typeof service.parse> | { problem: string } => {
    const absolute = path.resolve(file);
    // `pathToFileURL` (a WHATWG URL per file) is only needed where a character must be escaped.
    const plain = path.sep === '/' && PLAIN_PATH.test(absolute);
    const uri = plain ? `file://${absolute}` : pathToFileURL(absolute).href;
    optIn[0] = plain ? absolute : uriToPath(uri);
    const textDocument = new LintTextDocument(uri, 'json', 1, text);
    const doc = service.parse(textDocument, encoding);
    // A text nested too deep to parse is not checked: that is not a finding, it is an unusable input.
    const unparsed = doc.yaml?.unparsed
      ? doc.yaml.syntaxErrors[0]
      : doc.json.unparsed
        ? doc.json.syntaxErrors[0]
        : undefined;
    if (!unparsed) return doc;
    const at = textDocument.positionAt(unparsed.offset);
    return { problem: `cannot check ${file}:${at.line + 1}:${at.character + 1}: ${unparsed.message}` };
  };
  /** An internal failure on one file is a message and exit code 2, not a stack trace. */
  const guard = (file: string, step: () => Outcome): Outcome => {
    try {
      return step();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { problem: `cannot check ${file}: internal error: ${message}` };
    }
  };
  return {
    first: (file, text, encoding) =>
      guard(file, () => {
        const doc = parse(file, text, encoding);
        if ('problem' in doc) return doc;
        const summary = summarizeTaskDefinition(doc);
        // Only service definitions read the index; everything else is final now.
        if (doc.kind === 'serviceDefinition') return { summary, deferred: true };
        return { summary, diagnostics: printed(service.validate(doc)) };
      }),
    setIndex(summaries) {
      taskDefinitions = createTaskDefinitionIndex(summaries);
    },
    second: (file, text, encoding) =>
      guard(file, () => {
        const doc = parse(file, text, encoding);
        return 'problem' in doc ? doc : { diagnostics: printed(service.validate(doc)) };
      }),
  };
}
