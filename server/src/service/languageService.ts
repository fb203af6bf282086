/**
 * The ECS language service: pure functions over a parsed document. No vscode, no LSP connection,
 * no I/O — the LSP server and the CLI linter are both thin shells around it.
 */
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getCodeActions } from './taskDefinition/actions';
import { doComplete } from './taskDefinition/complete';
import { type RuleSeverity, applySeverityOverrides } from './core/diagnostic';
import { type DetectionSettings, defaultDetectionSettings } from './core/documentKind';
import { type EcsDocument, parseEcsDocument } from './core/ecsDocument';
import { copilotCodeActions } from './copilot/actions';
import { completeCopilotManifest, hoverCopilotManifest } from './copilot/complete';
import { copilotSymbols } from './copilot/symbols';
import { doHover } from './taskDefinition/hover';
import { completeServiceDefinition, hoverServiceDefinition } from './serviceDefinition/complete';
import {
  EMPTY_TASK_DEFINITION_INDEX,
  type TaskDefinitionIndex,
} from './serviceDefinition/taskDefinitionIndex';
import {
  type RenameResult,
  findDefinition,
  findReferences,
  prepareRename,
  rename,
} from './taskDefinition/navigation';
import { documentSymbols } from './taskDefinition/symbols';
import { makeDiagnostic } from './core/diagnostic';
import { overlapsTemplate } from './core/templates';
import { validateCopilotManifest } from './copilot/validate';
import { redactSecretValues } from './secretValues';
import { validateServiceDefinition } from './serviceDefinition/validate';
import { taskDefinitionDiagnostics } from './taskDefinition/validate';

// ---- validation: syntax first, then the checks of the document's kind -------------------------------

export function syntaxDiagnostics(doc: EcsDocument): Diagnostic[] {
  return doc.json.syntaxErrors.map((e) =>
    makeDiagnostic(doc.textDocument, e.offset, e.length, 'ECS001', e.message),
  );
}

/**
 * Diagnostics of a value that is unknown until rendered (a Go-template expression or a Jsonnet
 * computation) judge something that is not there yet: drop them, syntax errors aside.
 */
function withoutTemplatedFindings(doc: EcsDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const spans = doc.json.templateSpans;
  if (!spans || spans.length === 0) return diagnostics;
  const td = doc.textDocument;
  return diagnostics.filter((d) => {
    if (d.code === 'ECS001') return true;
    const start = td.offsetAt(d.range.start);
    return !overlapsTemplate(spans, start, Math.max(1, td.offsetAt(d.range.end) - start));
  });
}

function kindDiagnostics(doc: EcsDocument, taskDefinitions: TaskDefinitionIndex | undefined): Diagnostic[] {
  switch (doc.kind) {
    case 'copilotManifest':
      return validateCopilotManifest(doc);
    case 'serviceDefinition':
      return [...syntaxDiagnostics(doc), ...validateServiceDefinition(doc, taskDefinitions)];
    default:
      return [...syntaxDiagnostics(doc), ...taskDefinitionDiagnostics(doc)];
  }
}

/**
 * Every diagnostic of a document. `taskDefinitions` lets a service definition be checked against
 * the task definition it runs (the server passes the workspace's; without it those checks are skipped).
 */
export function validate(doc: EcsDocument, taskDefinitions?: TaskDefinitionIndex): Diagnostic[] {
  if (!doc.kind) return [];
  // A text that could not be parsed (nested too deep) has one diagnostic, saying why; no rule runs.
  const unparsed = doc.yaml?.unparsed
    ? doc.yaml.syntaxErrors
    : doc.json.unparsed
      ? doc.json.syntaxErrors
      : undefined;
  if (unparsed) {
    return unparsed.map((e) => makeDiagnostic(doc.textDocument, e.offset, e.length, 'ECS001', e.message));
  }
  const all = redactSecretValues(doc, withoutTemplatedFindings(doc, kindDiagnostics(doc, taskDefinitions)));
  // Document order, so editors, the CLI and tests read them top to bottom.
  return all.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

// ---- the service ------------------------------------------------------------------------------------

export interface LanguageServiceSettings {
  readonly detection: DetectionSettings;
  readonly severityOverrides: Readonly<Record<string, RuleSeverity>>;
  /** The Region quick fixes write where one is missing and the task names none (e.g. `AWS_REGION`). */
  readonly defaultRegion?: string;
}

export const defaultLanguageServiceSettings: LanguageServiceSettings = {
  detection: defaultDetectionSettings,
  severityOverrides: {},
};

export interface LanguageService {
  parse(textDocument: TextDocument): EcsDocument;
  validate(doc: EcsDocument): Diagnostic[];
  /** Completion items at a position (keys, values, snippets, names, Fargate sizes). */
  doComplete(doc: EcsDocument, position: Position): CompletionList;
  /** The API docs of the key or value under the caret. */
  doHover(doc: EcsDocument, position: Position): Hover | null;
  /** The outline: task fields, containers with their ports, volumes. */
  findDocumentSymbols(doc: EcsDocument): DocumentSymbol[];
  /** From a container/volume reference to its declaration. */
  findDefinition(doc: EcsDocument, position: Position): Location[];
  /** Every occurrence of the container/volume name under the caret. */
  findReferences(doc: EcsDocument, position: Position, includeDeclaration: boolean): Location[];
  /** The range and text of a renameable name, or `undefined` where nothing can be renamed. */
  prepareRename(doc: EcsDocument, position: Position): { range: Range; placeholder: string } | undefined;
  /** Renames a container or volume and every reference to it. */
  doRename(doc: EcsDocument, position: Position, newName: string): RenameResult;
  /** Quick fixes for the given diagnostics (those the editor sends for a range). */
  getCodeActions(doc: EcsDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
}

/** What the service knows beyond one document, supplied by its host (the server, the CLI, tests). */
export interface LanguageServiceInputs {
  /** Task definitions of the workspace, for checks and completion in service definitions. */
  readonly taskDefinitions?: () => TaskDefinitionIndex;
}

export function createLanguageService(
  getSettings: () => LanguageServiceSettings = () => defaultLanguageServiceSettings,
  inputs: LanguageServiceInputs = {},
): LanguageService {
  const taskDefinitions = (): TaskDefinitionIndex =>
    inputs.taskDefinitions?.() ?? EMPTY_TASK_DEFINITION_INDEX;
  const validateWithSettings = (doc: EcsDocument): Diagnostic[] =>
    applySeverityOverrides(validate(doc, taskDefinitions()), getSettings().severityOverrides);
  return {
    parse: (textDocument) => parseEcsDocument(textDocument, getSettings().detection),
    validate: validateWithSettings,
    // Service definitions and Copilot manifests have their own completion and hover.
    doComplete: (doc, position) => {
      if (doc.kind === 'copilotManifest') return completeCopilotManifest(doc, position);
      if (doc.kind === 'serviceDefinition')
        return completeServiceDefinition(doc, position, taskDefinitions());
      return doComplete(doc, position);
    },
    doHover: (doc, position) => {
      if (doc.kind === 'copilotManifest') return hoverCopilotManifest(doc, position);
      if (doc.kind === 'serviceDefinition') return hoverServiceDefinition(doc, position, taskDefinitions());
      return doHover(doc, position);
    },
    findDocumentSymbols: (doc) =>
      doc.kind === 'copilotManifest' ? copilotSymbols(doc) : documentSymbols(doc),
    findDefinition,
    findReferences,
    prepareRename,
    doRename: rename,
    getCodeActions: (doc, diagnostics) => {
      if (doc.kind === 'copilotManifest') return copilotCodeActions(doc, diagnostics);
      const region = getSettings().defaultRegion;
      return getCodeActions(
        doc,
        diagnostics,
        () => validateWithSettings(doc),
        region ? { defaultRegion: region } : {},
      );
    },
  };
}
