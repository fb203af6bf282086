/**
 * Service definitions, Copilot manifests, Jsonnet and templated text never make the service throw:
 * every prefix of the fixtures, random mutations and pathological inputs are validated, completed
 * and hovered at many positions.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serviceWithTasks } from './manifestFixture';

const fixtures = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures');
const service = serviceWithTasks({
  'file:///w/deploy/checkout-task-def.json': fs.readFileSync(
    path.join(fixtures, 'servicedefs', 'valid', 'checkout-task-def.json'),
    'utf8',
  ),
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function exercise(uri: string, text: string): void {
  const td = TextDocument.create(uri, uri.endsWith('.yml') ? 'yaml' : 'json', 1, text);
  const doc = service.parse(td);
  assert.ok(Array.isArray(service.validate(doc)));
  const step = Math.max(1, Math.floor(text.length / 25));
  for (let offset = 0; offset <= text.length; offset += step) {
    const position = td.positionAt(offset);
    service.doComplete(doc, position);
    service.doHover(doc, position);
  }
}

const samples: { uri: string; text: string }[] = [
  ...fs.readdirSync(path.join(fixtures, 'copilot', 'valid')).map((f) => ({
    uri: 'file:///w/copilot/x/manifest.yml',
    text: fs.readFileSync(path.join(fixtures, 'copilot', 'valid', f), 'utf8'),
  })),
  ...fs
    .readdirSync(path.join(fixtures, 'servicedefs', 'valid'))
    .filter((f) => f.includes('service-def'))
    .map((f) => ({
      uri: 'file:///w/deploy/ecs-service-def.json',
      text: fs.readFileSync(path.join(fixtures, 'servicedefs', 'valid', f), 'utf8'),
    })),
  {
    uri: 'file:///w/deploy/ecs-service-def.jsonnet',
    text: "local a = std.extVar('A');\n{ desiredCount: if a then 1 else 2, loadBalancers: [x for x in [1]], 'b': { c: [1, 2,], }, d: |||\n  text\n|||, }\n",
  },
];

describe('manifests: robustness', () => {
  it('answers on every prefix of every fixture', () => {
    for (const s of samples) {
      for (let end = 0; end <= s.text.length; end += Math.max(1, Math.floor(s.text.length / 60))) {
        exercise(s.uri, s.text.slice(0, end));
      }
    }
  });

  it('answers on random mutations', () => {
    const next = random(7);
    const noise = [
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      '"',
      "'",
      '\n',
      '  ',
      '- ',
      '{{',
      '}}',
      '${',
      '#',
      '&a',
      '*a',
      '<<: *a',
      '\t',
      '\\',
    ];
    for (const s of samples) {
      for (let round = 0; round < 40; round++) {
        let text = s.text;
        for (let k = 0; k < 6; k++) {
          const at = Math.floor(next() * text.length);
          const piece = noise[Math.floor(next() * noise.length)] ?? '';
          text =
            next() < 0.5
              ? text.slice(0, at) + piece + text.slice(at)
              : text.slice(0, at) + text.slice(at + 3);
        }
        exercise(s.uri, text);
      }
    }
  });

  it('answers on pathological input', () => {
    exercise('file:///w/copilot/x/manifest.yml', `${'a:\n  '.repeat(500)}b: 1\n`);
    exercise('file:///w/copilot/x/manifest.yml', '\u0000\u0001binary\uFFFD: [');
    exercise('file:///w/deploy/ecs-service-def.jsonnet', '['.repeat(5000));
    exercise('file:///w/deploy/ecs-service-def.jsonnet', '{'.repeat(3000) + 'a: ' + '}'.repeat(10));
    exercise('file:///w/deploy/ecs-service-def.json', `{ "desiredCount": ${'{{ x '.repeat(200)} }`);
  });
});
