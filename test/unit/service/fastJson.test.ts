/** The fast parse path builds exactly jsonc-parser's tree for valid JSON and gives up on anything else. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { type ParseError, parseTree } from 'jsonc-parser';
import { fastParseTree } from '../../../server/src/service/core/fastJson';

const root = path.resolve(__dirname, '..', '..', '..', '..');

function reference(text: string): ReturnType<typeof parseTree> {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  assert.deepEqual(errors, [], 'the reference text is valid');
  return tree;
}

describe('fast JSON parse path', () => {
  it('equals jsonc-parser on every fixture and on tricky valid JSON', () => {
    const dir = path.join(root, 'test', 'fixtures', 'taskdefs', 'valid');
    const texts = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    texts.push(
      '  {"a" :\t[ 1, -0, 2.5e-3, 1E+2, true, false, null, "x\\"y\\u00e9\\n", {}, [] ] ,"b":{"c":{"d":[[]]}}}\r\n',
      '"just a string"',
      '0',
      '[]',
      '{"dup":1,"dup":2}',
      '{"emoji":"\ud83d\ude80 é","esc":"\\\\\\/"}',
    );
    for (const text of texts) {
      const fast = fastParseTree(text);
      assert.ok(fast, `fast path taken for ${text.slice(0, 40)}`);
      assert.deepStrictEqual(fast, reference(text));
    }
  });

  it('gives up on invalid or unusual input, leaving it to jsonc-parser', () => {
    for (const text of [
      '',
      '   ',
      '{',
      '{"a":1,}',
      '[1,]',
      '{"a" 1}',
      '{a:1}',
      '// c\n{}',
      '{"a":tru}',
      '{"a":truex}',
      '{"a":01}',
      '{"a":1.}',
      '{"a":-}',
      '{"a":"unterminated}',
      '{"a":"tab\tinside"}',
      '{"a":"bad \\x escape"}',
      '{} {}',
      '\ufeff{}',
      '['.repeat(500) + ']'.repeat(500),
    ]) {
      assert.equal(fastParseTree(text), undefined, JSON.stringify(text.slice(0, 40)));
    }
  });
});
