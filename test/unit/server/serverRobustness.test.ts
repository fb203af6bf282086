/**
 * The language server process against hostile documents: it never exits, publishes at most
 * `ecsWorkbench.maxDiagnostics` diagnostics, the same for the same text, and one diagnostic for a
 * document it cannot or will not parse.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-types';
import { LspSession } from './lspSession';

function messageOf(d: Diagnostic | undefined): string {
  return typeof d?.message === 'string' ? d.message : '';
}

/** A task definition with `n` containers that each break a few rules (unknown keys, bad types). */
function brokenTask(n: number): string {
  const containers = Array.from(
    { length: n },
    (_, i) =>
      `{"name":"c${i}","image":"nginx","cpu":"lots","essentail":true,"portMappings":[{"containerPort":"x"}]}`,
  );
  return `{"family":"web","containerDefinitions":[${containers.join(',')}]}`;
}

describe('language server process', () => {
  const sessions: LspSession[] = [];
  after(async () => {
    for (const s of sessions) await s.stop();
  });

  it('survives a Copilot manifest of "- " × 5,000 then --- then an indented line (past the 150 ms index timer)', async () => {
    const s = await LspSession.start();
    sessions.push(s);
    const uri = 'file:///w/copilot/api/manifest.yml';
    s.open(uri, 'yaml', `${'- '.repeat(5000)}\n---\n  x\n`);
    await s.until(() => s.published.has(uri), 5000, 'diagnostics');
    await new Promise((r) => setTimeout(r, 600));
    assert.ok(s.alive, `the server exited: ${JSON.stringify(s.exit)} ${s.logs.join('').slice(0, 500)}`);
    const published = s.published.get(uri)?.diagnostics ?? [];
    assert.equal(published.length, 1);
    assert.match(messageOf(published[0]), /nested deeper than 256 levels/);
    const hover = await s.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 2 },
    });
    assert.equal(hover, null);
  });

  it('publishes at most maxDiagnostics, the last one counting the rest, the same for the same text', async () => {
    const s = await LspSession.start({ maxDiagnostics: 50 });
    sessions.push(s);
    const text = brokenTask(2000);
    const a = 'file:///w/a-task-def.json';
    const b = 'file:///w/b-task-def.json';
    s.open(a, 'json', text);
    await s.until(() => s.published.has(a), 20_000, 'diagnostics of a');
    const first = s.published.get(a)?.diagnostics ?? [];
    assert.equal(first.length, 50);
    assert.match(messageOf(first[49]), /^… and [\d,]+ more \(at most 50 problems/);
    // The same text in another document, after the server has been busy: the same findings.
    s.open(b, 'json', text);
    await s.until(() => s.published.has(b), 20_000, 'diagnostics of b');
    assert.deepEqual(s.published.get(b)?.diagnostics, first);
  });

  it('defaults to 500 diagnostics per document', async () => {
    const s = await LspSession.start();
    sessions.push(s);
    const uri = 'file:///w/web-task-def.json';
    s.open(uri, 'json', brokenTask(2000));
    await s.until(() => s.published.has(uri), 20_000, 'diagnostics');
    const published = s.published.get(uri)?.diagnostics ?? [];
    assert.equal(published.length, 500);
    assert.match(messageOf(published[499]), /^… and [\d,]+ more/);
  });

  it('a 10 MB paste is one diagnostic, and hover still answers in time', async () => {
    const s = await LspSession.start();
    sessions.push(s);
    const uri = 'file:///w/web-task-def.json';
    s.open(uri, 'json', '{"family":"web"}');
    const version = s.change(uri, [
      {
        range: { start: { line: 0, character: 15 }, end: { line: 0, character: 15 } },
        text: `,"x":"${'a'.repeat(10_000_000)}"`,
      },
    ]);
    const start = Date.now();
    await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    assert.ok(Date.now() - start < 2000, `hover took ${Date.now() - start} ms`);
    await s.until(() => s.published.get(uri)?.version === version, 5000, 'diagnostics of the paste');
    const published = s.published.get(uri)?.diagnostics ?? [];
    assert.equal(published.length, 1);
    assert.match(messageOf(published[0]), /larger than 1,000,000 characters/);
  });
});
