/**
 * The recovering parser gives exactly jsonc-parser's `parseTree` result — tree, lengths of unfinished
 * nodes, parent links and every error with its offset — on real task definitions broken the way
 * typing breaks them, and on hand-picked corner cases of jsonc-parser's scanner and recovery.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { type Node, type ParseError, parseTree } from 'jsonc-parser';
import { type ParsedJson, parseJson } from '../../../server/src/service/core/parse';
import { recoveringParseTree } from '../../../server/src/service/core/recoveringJson';

const root = path.resolve(__dirname, '..', '..', '..', '..');

/** A node without its parent link (checked separately), so trees compare structurally. */
interface Plain {
  type: string;
  offset: number;
  length: number;
  colonOffset?: number;
  value?: unknown;
  children?: Plain[];
}

function plain(node: Node, parent: Node | undefined, where: string): Plain {
  assert.equal(node.parent, parent, `parent link at ${where}`);
  const out: Plain = { type: node.type, offset: node.offset, length: node.length };
  if (node.colonOffset !== undefined) out.colonOffset = node.colonOffset;
  if ('value' in node) out.value = node.value;
  if (node.children) out.children = node.children.map((c, i) => plain(c, node, `${where}/${i}`));
  return out;
}

function assertSameAsLibrary(text: string, label: string): void {
  const expectedErrors: ParseError[] = [];
  const expected = parseTree(text, expectedErrors, { disallowComments: true, allowTrailingComma: false });
  const actualErrors: ParseError[] = [];
  const actual = recoveringParseTree(text, actualErrors);
  const context = `${label}: ${JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text)}`;
  assert.deepStrictEqual(actualErrors, expectedErrors, `errors of ${context}`);
  assert.deepStrictEqual(
    actual && plain(actual, undefined, ''),
    expected && plain(expected, undefined, ''),
    `tree of ${context}`,
  );
}

/** Real task definitions: the valid fixtures and the collected corpus. */
function realTexts(): { name: string; text: string }[] {
  const dirs = [
    path.join(root, 'test', 'fixtures', 'taskdefs', 'valid'),
    path.join(root, 'test', 'fixtures', 'taskdefs', 'invalid'),
    path.join(root, 'test', 'corpus'),
  ];
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.json'))
        out.push({ name: path.relative(root, file), text: fs.readFileSync(file, 'utf8') });
    }
  };
  dirs.forEach(walk);
  return out;
}

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** What an edit in progress leaves: characters typed, deleted, pasted twice, or a cut-off file. */
const TYPED = [
  ',',
  ':',
  '"',
  '{',
  '}',
  '[',
  ']',
  '/',
  '*',
  '\\',
  '-',
  '.',
  'e',
  '1',
  't',
  'n',
  ' ',
  '\n',
  '\t',
  'x',
  '\u0001',
  '\r',
];

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const kind = Math.floor(next() * 6);
  switch (kind) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + (TYPED[Math.floor(next() * TYPED.length)] ?? '') + text.slice(at);
    case 2: {
      const length = 1 + Math.floor(next() * 40);
      return text.slice(0, at) + text.slice(at + length);
    }
    case 3: {
      const length = 1 + Math.floor(next() * 60);
      return text.slice(0, at) + text.slice(at, at + length) + text.slice(at);
    }
    case 4:
      return text.slice(0, at);
    default: {
      const c = TYPED[Math.floor(next() * TYPED.length)] ?? '';
      return text.slice(0, at) + c + text.slice(at + 1);
    }
  }
}

describe('recovering JSON parser', () => {
  it('equals jsonc-parser on corner cases of its scanner and recovery', () => {
    for (const text of [
      '',
      '   ',
      '\n',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '{"a":1,}',
      '[1,]',
      '[,1]',
      '{,"a":1}',
      '{"a" 1}',
      '{"a":}',
      '{"a"}',
      '{"a":1 "b":2}',
      '{"a" "b":2}',
      '{"a":1,,"b":2}',
      '{a:1}',
      '{1:1}',
      '// c\n{}',
      '/* c */{}',
      '/* open {}',
      '{"a":/}',
      '{"a":tru}',
      '{"a":truex}',
      '{"a":undefined}',
      '{"a":01}',
      '{"a":1.}',
      '{"a":1.e5}',
      '{"a":1e}',
      '{"a":1e+}',
      '{"a":1e-}',
      '{"a":2e',
      '{"a":2e-',
      '{"a":-}',
      '{"a":-x}',
      '{"a":--1}',
      '{"a":-0.5E+3}',
      '{"a":"unterminated}',
      '{"a":"line\nbreak"}',
      '{"a":"tab\tinside"}',
      '{"a":"bad \\x escape"}',
      '{"a":"\\u12"}',
      '{"a":"\\u00e9\\n\\"q\\""}',
      '{"a":"ends with backslash\\',
      '{} {}',
      '{}}',
      '[]]',
      '[[[',
      '{"a":[1,2}',
      '{"a":{"b":1]',
      '{"a":1,"b"',
      '{"a":1,"b":',
      '{"a":1,"b":[',
      '\u00a0{}',
      '\ufeff{}',
      '\u000b{"a":1}',
      '{"a":\u000c1}',
      '{"a":1}\r\n',
      '{"a":\r\n1\r}',
      '{"a" : true , "b" : false , "c" : null}',
      '{"a":1}x',
      '{"a" x : 1}',
      '[1 2 3]',
      '["a" "b"]',
      '{"a":{"b":{"c":',
    ]) {
      assertSameAsLibrary(text, 'corner case');
    }
  });

  it('equals jsonc-parser on valid real task definitions', () => {
    const texts = realTexts();
    assert.ok(texts.length >= 20, `real task definitions found: ${texts.length}`);
    for (const { name, text } of texts) assertSameAsLibrary(text, name);
  });

  it('equals jsonc-parser on 6,000 real task definitions broken as typing breaks them', () => {
    const texts = realTexts();
    const next = random(20261202);
    let cases = 0;
    for (let round = 0; cases < 6000; round++) {
      const source = texts[round % texts.length];
      if (!source) break;
      // One to three edits at once: a paste, then a half-typed key.
      let text = source.text;
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) text = mutate(text, next);
      assertSameAsLibrary(text, `${source.name}, round ${round}`);
      cases++;
    }
    assert.equal(cases, 6000);
  });

  it('re-parsing only what an edit changed gives what a fresh parse gives, over 3,000 edits in a row', () => {
    const texts = realTexts();
    const next = random(7);
    let reusedSome = 0;
    for (let chain = 0; chain < 30; chain++) {
      const source = texts[(chain * 7) % texts.length];
      if (!source) break;
      let text = source.text;
      let previous: { text: string; json: ParsedJson } = { text, json: parseJson(text) };
      // A typing session: 100 edits, each parsed with the previous version's tree, which it consumes.
      for (let step = 0; step < 100; step++) {
        const edited = next() < 0.15 && text !== source.text ? source.text : mutate(text, next);
        const incremental = parseJson(edited, previous);
        const fresh = parseJson(edited);
        const where: string = `${source.name}, chain ${chain}, step ${step}`;
        assert.deepStrictEqual(incremental.syntaxErrors, fresh.syntaxErrors, `errors at ${where}`);
        assert.deepStrictEqual(
          incremental.root && plain(incremental.root, undefined, ''),
          fresh.root && plain(fresh.root, undefined, ''),
          `tree at ${where}`,
        );
        if (incremental.root && previous.json.root && sharesNode(incremental.root, previous.json.root))
          reusedSome++;
        previous = { text: edited, json: incremental };
        text = edited;
      }
    }
    // The test means something only if containers really were taken over.
    assert.ok(reusedSome > 1000, `edits that reused part of the previous tree: ${reusedSome}`);
  });
});

/** True when some container of `now` is a node of `before` (taken over, not parsed again). */
function sharesNode(now: Node, before: Node): boolean {
  const old = new Set<Node>();
  const collect = (n: Node): void => {
    if (n.type === 'object' || n.type === 'array') old.add(n);
    n.children?.forEach(collect);
  };
  collect(before);
  const stack = [now];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n !== now && old.has(n)) return true;
    n.children?.forEach((c) => stack.push(c));
  }
  return false;
}
