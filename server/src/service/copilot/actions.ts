/**
 * Quick fixes in Copilot manifests: "did you mean" for unknown fields, manifest types, platforms and
 * other allowed values. Validation attaches the replacements to the diagnostic
 * (`data.copilotReplacements`); the fix replaces the flagged text, keeping its quotes.
 */
import { type CodeAction, CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../core/diagnostic';
import type { CopilotManifestDocument } from '../core/ecsDocument';

const MAX_ALTERNATIVES = 3;

function replacementsOf(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const names = (data as { copilotReplacements?: unknown }).copilotReplacements;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

/** Quick fixes for the given diagnostics of a manifest. */
export function copilotCodeActions(
  doc: CopilotManifestDocument,
  diagnostics: readonly Diagnostic[],
): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const current = doc.textDocument.getText(diagnostic.range);
    const quote = /^['"]/.exec(current)?.[0] ?? '';
    replacementsOf(diagnostic.data)
      .slice(0, MAX_ALTERNATIVES)
      .forEach((name, i) => {
        out.push({
          title: `Did you mean "${name}"?`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: i === 0,
          edit: {
            changes: {
              [doc.textDocument.uri]: [{ range: diagnostic.range, newText: `${quote}${name}${quote}` }],
            },
          },
        });
      });
  }
  return out;
}
