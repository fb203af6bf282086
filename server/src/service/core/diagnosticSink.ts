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

export type DefaultSeverity = 'error' | 'warning' | 'info';

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
};

/** Collects diagnostics for a set of rule metadata. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly document: TextDocument,
    private readonly metaByCode: ReadonlyMap<string, RuleMeta>,
  ) {}

  report(code: string, target: Target, message: string, data?: DiagnosticData): void {
    const meta = this.metaByCode.get(code);
    const severity = severities[meta?.severity ?? 'error'];
    const d = meta?.awsDocs
      ? makeDiagnostic(this.document, target.offset, target.length, code, message, severity, meta.awsDocs)
      : makeDiagnostic(this.document, target.offset, target.length, code, message, severity);
    if (data) d.data = data;
    this.diagnostics.push(d);
  }
}
