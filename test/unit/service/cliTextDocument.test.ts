/** `ecs-lint`'s text document answers exactly as `vscode-languageserver-textdocument`'s does. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LintTextDocument, lineStarts } from '../../../server/src/cliTextDocument';

/** Texts with every kind of line break, at the start, the end and next to each other. */
function texts(): string[] {
  const fixed = [
    '',
    '\n',
    '\r',
    '\r\n',
    '\n\r',
    'a',
    'a\n',
    '\nb',
    'a\r\nb\rc\nd',
    '{\n  "a": 1\r\n}\r',
    '\r\r\n\n',
  ];
  // A deterministic generator: the same cases on every run.
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const alphabet = ['a', ' ', '"', '\n', '\r', '\r\n', 'é', '😀'];
  for (let n = 0; n < 200; n++) {
    let t = '';
    const length = next() % 30;
    for (let i = 0; i < length; i++) t += alphabet[next() % alphabet.length] ?? '';
    fixed.push(t);
  }
  return fixed;
}

describe('LintTextDocument', () => {
  it('has the line starts, positions, offsets and lines of a TextDocument', () => {
    for (const text of texts()) {
      const ours = new LintTextDocument('file:///a.json', 'json', 1, text);
      const theirs = TextDocument.create('file:///a.json', 'json', 1, text);
      const context = JSON.stringify(text);
      assert.equal(ours.lineCount, theirs.lineCount, context);
      assert.equal(lineStarts(text).length, theirs.lineCount, context);
      assert.equal(ours.getText(), theirs.getText(), context);
      for (let offset = -2; offset <= text.length + 2; offset++)
        assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${context} @${offset}`);
      for (let line = -1; line <= theirs.lineCount + 1; line++) {
        assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${context} line ${line}`);
        assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${context} line ${line}`);
        for (let character = -1; character <= text.length + 1; character++) {
          const position = { line, character };
          assert.equal(ours.offsetAt(position), theirs.offsetAt(position), `${context} ${line}:${character}`);
        }
      }
      const range = { start: ours.positionAt(1), end: ours.positionAt(text.length - 1) };
      assert.equal(ours.getText(range), theirs.getText(range), context);
    }
  });
});
