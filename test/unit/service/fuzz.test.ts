/**
 * Robustness: validation never throws and always answers, whatever the text. Inputs are seeded
 * (reproducible) mutations and truncations of the fixtures, a 10 MB file, binary content and deeply
 * nested arrays. The rules run without their safety net (`rethrow`), so a rule that would throw on
 * some shape fails this test instead of silently dropping its findings.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type ParseError, parseTree } from 'jsonc-parser';
import { fastParseTree } from '../../../server/src/service/core/fastJson';
import { createLanguageService } from '../../../server/src/service/languageService';
import { taskDefinitionDiagnostics } from '../../../server/src/service/taskDefinition/validate';

const service = createLanguageService();
const fixturesDir = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'taskdefs');

/** mulberry32: a small seeded PRNG, so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  'null',
  'true',
  '0',
  '-1',
  '1e999',
  '"FARGATE"',
  '"awsvpc"',
  '\\',
  '\u0000',
  '\ud800',
  '"name"',
  '"containerDefinitions"',
  '"taskDefinition"',
];
const VALUES = [
  'null',
  '[]',
  '{}',
  '""',
  '0',
  '-5',
  '1.5',
  'true',
  '"x"',
  '[[[]]]',
  '{"a":{}}',
  '"256"',
  '99999999999999999999',
];

function mutate(text: string, random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const at = Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 6)) {
    case 0: // truncate
      return text.slice(0, at);
    case 1: // delete a span
      return text.slice(0, at) + text.slice(at + Math.floor(random() * 40));
    case 2: // insert a token
      return text.slice(0, at) + pick(TOKENS) + text.slice(at);
    case 3: {
      // replace a value after a colon with a value of another type
      const colon = text.indexOf(':', at);
      if (colon < 0) return text;
      const end = text.slice(colon + 1).search(/[,}\]]/);
      return text.slice(0, colon + 1) + pick(VALUES) + (end < 0 ? '' : text.slice(colon + 1 + end));
    }
    case 4: // duplicate a span
      return text.slice(0, at) + text.slice(Math.max(0, at - 50), at) + text.slice(at);
    default: // flip a character
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + text.slice(at + 1);
  }
}

function check(text: string, uri = 'file:///w/fuzz-task-def.json'): number {
  const doc = service.parse(TextDocument.create(uri, 'json', 1, text));
  taskDefinitionDiagnostics(doc, true);
  const diagnostics = service.validate(doc);
  assert.ok(Array.isArray(diagnostics));
  for (const d of diagnostics) {
    assert.ok(d.range.start.line <= d.range.end.line, 'ranges are well formed');
    assert.equal(typeof d.code, 'string');
  }
  return diagnostics.length;
}

function fixtures(): string[] {
  const out: string[] = [];
  for (const sub of ['valid', 'invalid']) {
    const dir = path.join(fixturesDir, sub);
    for (const f of fs.readdirSync(dir))
      if (f.endsWith('.json')) out.push(fs.readFileSync(path.join(dir, f), 'utf8'));
  }
  return out;
}

describe('fuzz: validation never throws', () => {
  it('survives 3,000 seeded mutations and truncations of the fixtures', () => {
    const sources = fixtures();
    assert.ok(sources.length >= 8);
    const random = prng(20261123);
    for (let i = 0; i < 3000; i++) {
      let text = sources[i % sources.length] ?? '';
      const rounds = 1 + Math.floor(random() * 4);
      for (let r = 0; r < rounds; r++) text = mutate(text, random);
      try {
        check(text);
      } catch (error) {
        assert.fail(`iteration ${i} threw on ${JSON.stringify(text.slice(0, 300))}: ${String(error)}`);
      }
    }
  });

  it('takes the fast parse path only where it equals jsonc-parser', () => {
    const sources = fixtures();
    const random = prng(42);
    let fastTaken = 0;
    for (let i = 0; i < 1500; i++) {
      let text = sources[i % sources.length] ?? '';
      if (i % 3 !== 0) text = mutate(text, random);
      const fast = fastParseTree(text);
      const errors: ParseError[] = [];
      const reference = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
      if (fast) {
        fastTaken++;
        assert.deepEqual(
          errors,
          [],
          `the fast path accepted invalid JSON: ${JSON.stringify(text.slice(0, 200))}`,
        );
        assert.deepStrictEqual(fast, reference);
      } else if (errors.length === 0) {
        assert.fail(`the fast path gave up on valid JSON: ${JSON.stringify(text.slice(0, 200))}`);
      }
    }
    assert.ok(fastTaken >= 500, `fast path taken ${fastTaken} times`);
  });

  it('survives every prefix of a fixture (typing from scratch)', () => {
    const text = fs.readFileSync(path.join(fixturesDir, 'valid', 'fargate-web-sidecar.json'), 'utf8');
    for (let end = 0; end <= text.length; end += 7) check(text.slice(0, end));
  });

  it('answers on a 10 MB task definition', () => {
    const container = JSON.stringify({
      name: 'c',
      image: 'nginx:1.27',
      memory: 128,
      environment: Array.from({ length: 40 }, (_, i) => ({ name: `VAR_${i}`, value: 'x'.repeat(40) })),
    });
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const c = container.replace('"c"', `"c${i}"`);
      parts.push(c);
      size += c.length + 1;
    }
    const text = `{"family":"huge","containerDefinitions":[${parts.join(',')}]}`;
    assert.ok(text.length >= 10 * 1024 * 1024);
    const count = check(text);
    assert.ok(count >= 1, 'too many containers is reported');
  });

  it('answers on binary content', () => {
    const random = prng(7);
    const bytes = Buffer.alloc(256 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    assert.ok(check(bytes.toString('utf8')) >= 1);
    assert.ok(check(bytes.toString('latin1'), 'file:///w/binary.json') >= 0);
    check(`{"family":"x","containerDefinitions":[{"name":"${bytes.toString('latin1').slice(0, 4000)}"}]}`);
  });

  it('answers on arrays nested 10,000 deep, at the root and inside a task definition', () => {
    const deep = '['.repeat(10000) + ']'.repeat(10000);
    assert.ok(check(deep) >= 1);
    assert.ok(check(`{"family":"x","containerDefinitions":${deep}}`) >= 1);
    assert.ok(check(`{"containerDefinitions":[{"name":${'['.repeat(10000)}`) >= 1);
    assert.ok(check(`{"volumes":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`) >= 1);
  });
});
