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
import { type EcsDocument, type PreviousVersion, parseEcsDocument } from './core/ecsDocument';
import type { TextEncoding } from './core/encoding';
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
import { encodingMessage, isForeignEncoding } from './core/encoding';
import { nullValueDiagnostics } from './core/nullValues';
import { skeletonOrOutput } from './core/skeleton';
import { overlapsTemplate } from './core/templates';
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { validateCopilotManifest } from './copilot/validate';
import { redactSecretValues } from './secretValues';
import { validateServiceDefinition } from './serviceDefinition/validate';
import { taskDefinitionDiagnostics } from './taskDefinition/validate';

// ---- validation: syntax first, then the checks of the document's kind -------------------------------

/** Syntax errors shown per document: after that many, one more line says how many follow. */
export const MAX_SYNTAX_ERRORS = 10;

export function syntaxDiagnostics(doc: EcsDocument): Diagnostic[] {
  const errors = doc.json.syntaxErrors;
  return errors.slice(0, MAX_SYNTAX_ERRORS).map((e, i) => {
    const more = errors.length - MAX_SYNTAX_ERRORS;
    const message =
      i === MAX_SYNTAX_ERRORS - 1 && more > 0
        ? `${e.message} (and ${more} more syntax error${more === 1 ? '' : 's'} after this one, not shown)`
        : e.message;
    return makeDiagnostic(doc.textDocument, e.offset, e.length, 'ECS001', message);
  });
}

/**
 * Syntax errors that leave the structure intact, so rules still hold: a trailing comma, a comment, a
 * missing comma between members (the parser keeps both members as written) and a missing closing
 * brace or bracket (what was typed so far is parsed as written — the commonest states while typing).
 */
const HARMLESS_SYNTAX =
  /^(?:Trailing comma|Comments are not allowed|Comma expected|Closing brace `\}` expected|Closing bracket `\]` expected)/;

/**
 * The regions a syntax error broke: the innermost object or array around each error. A rule finding
 * inside one judges a structure the parser had to guess, so it is dropped (the error is the finding).
 */
function brokenRegions(doc: EcsDocument): { start: number; end: number }[] {
  const root = doc.json.root;
  const out: { start: number; end: number }[] = [];
  for (const e of doc.json.syntaxErrors) {
    if (HARMLESS_SYNTAX.test(e.message)) continue;
    let node: Node | undefined = root ? findNodeAtOffset(root, e.offset, true) : undefined;
    while (node && node.type !== 'object' && node.type !== 'array') node = node.parent;
    node ??= root;
    if (node) out.push({ start: node.offset, end: node.offset + node.length });
    else out.push({ start: 0, end: Number.MAX_SAFE_INTEGER });
  }
  return out;
}

function withoutCascades(doc: EcsDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  if (doc.json.syntaxErrors.length === 0) return diagnostics;
  const regions = brokenRegions(doc);
  if (regions.length === 0) return diagnostics;
  const td = doc.textDocument;
  return diagnostics.filter((d) => {
    if (d.code === 'ECS001' || d.code === 'ECS003') return true;
    const start = td.offsetAt(d.range.start);
    return !regions.some((r) => start >= r.start && start < r.end);
  });
}

/** ECS003 for a file that is not plain UTF-8, or nothing. */
function encodingDiagnostics(doc: EcsDocument): Diagnostic[] {
  const encoding = doc.kind !== 'copilotManifest' ? doc.encoding : undefined;
  const message = encoding && encodingMessage(encoding);
  if (!encoding || !message) return [];
  const severity = isForeignEncoding(encoding) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
  return [makeDiagnostic(doc.textDocument, 0, 1, 'ECS003', message, severity)];
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
    if (d.code === 'ECS001' || d.code === 'ECS006') return true;
    const start = td.offsetAt(d.range.start);
    return !overlapsTemplate(spans, start, Math.max(1, td.offsetAt(d.range.end) - start));
  });
}

/** What validation needs beyond the document. */
export interface ValidateOptions {
  /** Fields a deploy pipeline fills in (`image`, `logConfiguration`): not reported as missing. */
  readonly pipelineFilledFields?: readonly string[];
}

function kindDiagnostics(
  doc: EcsDocument,
  taskDefinitions: TaskDefinitionIndex | undefined,
  options: ValidateOptions,
): Diagnostic[] {
  if (doc.kind === 'copilotManifest') return validateCopilotManifest(doc);
  const encoding = encodingDiagnostics(doc);
  // A UTF-16/32 file read as UTF-8 is no JSON: the encoding is the one finding.
  if (doc.encoding && isForeignEncoding(doc.encoding)) return encoding;
  const skeleton = skeletonOrOutput(doc.json.root);
  if (skeleton) {
    const root = doc.json.root;
    return [
      ...encoding,
      ...syntaxDiagnostics(doc),
      makeDiagnostic(
        doc.textDocument,
        root?.offset ?? 0,
        1,
        'ECS007',
        skeleton,
        DiagnosticSeverity.Information,
      ),
    ];
  }
  // No `null` token in the text, no null member: skip the walk.
  const nulls = doc.textDocument.getText().includes('null')
    ? nullValueDiagnostics(doc.textDocument, doc.json.root, doc.consumer ?? 'unknown')
    : [];
  const rules =
    doc.kind === 'serviceDefinition'
      ? validateServiceDefinition(doc, taskDefinitions)
      : taskDefinitionDiagnostics(doc, false, options);
  const parserWarnings = (doc.json.warnings ?? []).map((w) =>
    makeDiagnostic(doc.textDocument, w.offset, w.length, w.code, w.message, DiagnosticSeverity.Warning),
  );
  return [
    ...encoding,
    ...syntaxDiagnostics(doc),
    ...parserWarnings,
    ...withoutCascades(doc, [...nulls, ...rules]),
  ];
}

/**
 * Every diagnostic of a document. `taskDefinitions` lets a service definition be checked against
 * the task definition it runs (the server passes the workspace's; without it those checks are skipped).
 */
export function validate(
  doc: EcsDocument,
  taskDefinitions?: TaskDefinitionIndex,
  options: ValidateOptions = {},
): Diagnostic[] {
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
  const all = redactSecretValues(
    doc,
    withoutTemplatedFindings(doc, kindDiagnostics(doc, taskDefinitions, options)),
  );
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
  /**
   * Fields a deploy pipeline fills in (`ecsWorkbench.pipelineFilledFields`, e.g. `["image"]` for
   * amazon-ecs-render-task-definition): not reported as missing.
   */
  readonly pipelineFilledFields?: readonly string[];
}

export const defaultLanguageServiceSettings: LanguageServiceSettings = {
  detection: defaultDetectionSettings,
  severityOverrides: {},
};

export interface LanguageService {
  /**
   * Parses a document; `encoding` is what its bytes were found in, where the host read them.
   * `previous` is its last parsed version, whose tree this parse takes over where the edit left it.
   */
  parse(textDocument: TextDocument, encoding?: TextEncoding, previous?: PreviousVersion): EcsDocument;
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
  const validateWithSettings = (doc: EcsDocument): Diagnostic[] => {
    const settings = getSettings();
    const options = settings.pipelineFilledFields
      ? { pipelineFilledFields: settings.pipelineFilledFields }
      : {};
    return applySeverityOverrides(validate(doc, taskDefinitions(), options), settings.severityOverrides);
  };
  return {
    parse: (textDocument, encoding, previous) =>
      parseEcsDocument(textDocument, getSettings().detection, encoding, previous),
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
