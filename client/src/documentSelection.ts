/**
 * The user's explicit choice of which files are task definitions, whatever their name or content
 * ("ECS: Treat File as Task Definition" / "ECS: Stop Treating File as Task Definition"). Kept per
 * workspace in workspace state, keyed by URI, and handed to the language server on start.
 */
import type * as vscode from 'vscode';
import type { DocumentSelectionChangedParams } from '../../server/src/protocol';

const STATE_KEY = 'ecsWorkbench.documentSelection';

function uniqueStrings(value: unknown): string[] {
  return Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : [];
}

/** The stored opt-in/opt-out lists (empty when nothing was stored or the stored value is malformed). */
export function readDocumentSelection(state: vscode.Memento): DocumentSelectionChangedParams {
  const raw = state.get<unknown>(STATE_KEY);
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return { optIn: uniqueStrings(record.optIn), optOut: uniqueStrings(record.optOut) };
}

/** Records that `uri` is (or is not) a task definition and returns the new lists. */
export async function setDocumentSelection(
  state: vscode.Memento,
  uri: string,
  treatAsTaskDefinition: boolean,
): Promise<DocumentSelectionChangedParams> {
  const current = readDocumentSelection(state);
  const without = (list: readonly string[]): string[] => list.filter((u) => u !== uri);
  const next: DocumentSelectionChangedParams = treatAsTaskDefinition
    ? { optIn: [...without(current.optIn), uri], optOut: without(current.optOut) }
    : { optIn: without(current.optIn), optOut: [...without(current.optOut), uri] };
  await state.update(STATE_KEY, next);
  return next;
}
