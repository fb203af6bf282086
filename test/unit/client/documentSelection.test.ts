import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { readDocumentSelection, setDocumentSelection } from '../../../client/src/documentSelection';

/** An in-memory workspace state. */
function memento(initial: Record<string, unknown> = {}): vscode.Memento {
  const values = new Map(Object.entries(initial));
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T): T | undefined =>
      values.has(key) ? (values.get(key) as T) : fallback,
    update: (key: string, value: unknown): Promise<void> => {
      values.set(key, value);
      return Promise.resolve();
    },
  };
}

describe('document selection (opt-in/opt-out)', () => {
  it('moves a file between the opt-in and opt-out lists, never listing it twice', async () => {
    const state = memento();
    assert.deepEqual(readDocumentSelection(state), { optIn: [], optOut: [] });
    await setDocumentSelection(state, 'file:///w/a.json', true);
    await setDocumentSelection(state, 'file:///w/a.json', true);
    await setDocumentSelection(state, 'file:///w/b.json', false);
    assert.deepEqual(readDocumentSelection(state), {
      optIn: ['file:///w/a.json'],
      optOut: ['file:///w/b.json'],
    });
    const next = await setDocumentSelection(state, 'file:///w/a.json', false);
    assert.deepEqual(next, { optIn: [], optOut: ['file:///w/b.json', 'file:///w/a.json'] });
    assert.deepEqual(readDocumentSelection(state), next);
  });

  it('reads a malformed stored value as empty lists', () => {
    const state = memento({
      'ecsWorkbench.documentSelection': { optIn: 'x', optOut: [1, 'file:///w/c.json'] },
    });
    assert.deepEqual(readDocumentSelection(state), { optIn: [], optOut: ['file:///w/c.json'] });
    assert.deepEqual(readDocumentSelection(memento({ 'ecsWorkbench.documentSelection': 42 })), {
      optIn: [],
      optOut: [],
    });
  });
});
