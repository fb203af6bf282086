/**
 * Diagnostics of the language service: every one has a stable code, a source, a precise range and,
 * where ECS documents the rule, a link. Severity can be overridden per code by settings.
 */
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const DIAGNOSTIC_SOURCE = 'ecs';
export const RULES_DOC_BASE = 'https://github.com/ecs-workbench/ecs-workbench/blob/main/docs/rules.md';

export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint' | 'off';

export function makeDiagnostic(
  document: TextDocument,
  offset: number,
  length: number,
  code: string,
  message: string,
  severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  href: string = `${RULES_DOC_BASE}#${code.toLowerCase()}`,
): Diagnostic {
  return {
    range: { start: document.positionAt(offset), end: document.positionAt(offset + length) },
    severity,
    code,
    codeDescription: { href },
    source: DIAGNOSTIC_SOURCE,
    message,
  };
}

const severityByName: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Applies per-rule overrides (`{"ECS104": "off", "ECS120": "error"}`). */
export function applySeverityOverrides(
  diagnostics: readonly Diagnostic[],
  overrides: Readonly<Record<string, RuleSeverity>>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const override = typeof d.code === 'string' ? overrides[d.code] : undefined;
    if (override === 'off') continue;
    out.push(override ? { ...d, severity: severityByName[override] } : d);
  }
  return out;
}
