/**
 * Where checks report findings: a code, a place in the document and a message become a
 * `Diagnostic` with the code's default severity and AWS documentation link. Task-definition rules,
 * the model checker, service definitions and Copilot manifests all report through a sink.
 */
import type { Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { makeDiagnostic } from './diagnostic';
import type { DiagnosticData } from './diagnosticData';
import { isPlaceholder } from './templates';

export type DefaultSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface RuleMeta {
  readonly code: string;
  readonly title: string;
  readonly severity: DefaultSeverity;
  /** The AWS documentation page of the rule, when AWS documents it. */
  readonly awsDocs?: string;
}

/** A place in the document: a node (its whole extent) or an explicit span. */
export type Target = Node | { readonly offset: number; readonly length: number };

const severities: Record<DefaultSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** True when the target is a string value holding a template hole. */
function isPlaceholderNode(target: Target): boolean {
  const node = target as Partial<Node>;
  return node.type === 'string' && typeof node.value === 'string' && isPlaceholder(node.value);
}

/** Collects diagnostics for a set of rule metadata. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly document: TextDocument,
    private readonly metaByCode: ReadonlyMap<string, RuleMeta>,
  ) {}

  report(code: string, target: Target, message: string, data?: DiagnosticData): void {
    // A template hole (`<TASK_NAME>`, `${VAR}`, `YOUR_ACCOUNT_ID`) is an unknown value: nothing to judge.
    if (isPlaceholderNode(target)) return;
    const meta = this.metaByCode.get(code);
    const severity = severities[meta?.severity ?? 'error'];
    const d = meta?.awsDocs
      ? makeDiagnostic(this.document, target.offset, target.length, code, message, severity, meta.awsDocs)
      : makeDiagnostic(this.document, target.offset, target.length, code, message, severity);
    if (data) d.data = data;
    this.diagnostics.push(d);
  }
}
