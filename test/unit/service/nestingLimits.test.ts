/**
 * Absurd nesting is one clear diagnostic in every format, the same in every caller, never a stack
 * overflow: YAML (Copilot manifests), JSON (fast path and jsonc-parser path) and Jsonnet.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { excessiveNesting } from '../../../server/src/service/core/parse';
import { createLanguageService } from '../../../server/src/service/languageService';

const service = createLanguageService();
const MANIFEST = 'file:///w/copilot/api/manifest.yml';
const TASK = 'file:///w/web-task-def.json';
const JSONNET = 'file:///w/ecs-task-def.jsonnet';
const DEEP = /nested deeper than 256 levels/;

function check(uri: string, text: string): Diagnostic[] {
  const languageId = uri.endsWith('.yml') ? 'yaml' : uri.endsWith('.jsonnet') ? 'jsonnet' : 'json';
  const doc = service.parse(TextDocument.create(uri, languageId, 1, text));
  const diagnostics = service.validate(doc);
  // Every feature answers on the document too.
  const position = { line: 0, character: 1 };
  service.doComplete(doc, position);
  service.doHover(doc, position);
  service.findDocumentSymbols(doc);
  return diagnostics;
}

function messageOf(d: Diagnostic | undefined): string {
  return typeof d?.message === 'string' ? d.message : (d?.message.value ?? '');
}

function assertOneNestingDiagnostic(diagnostics: Diagnostic[]): void {
  assert.equal(diagnostics.length, 1, diagnostics.map(messageOf).join('\n'));
  assert.match(messageOf(diagnostics[0]), DEEP);
}

/** Runs `f` with about `frames` frames already on the stack, as a deep caller would. */
function atStackDepth<T>(frames: number, f: () => T): T {
  return frames <= 0 ? f() : atStackDepth(frames - 1, f);
}

const N = 5000;
const yamlShapes: Record<string, string> = {
  'compact sequences': '- '.repeat(N) + 'x',
  'explicit keys': '? '.repeat(N) + 'x',
  'compact mappings': 'a: '.repeat(N) + 'x',
  'indented lines': Array.from({ length: N }, (_, i) => ' '.repeat(i) + 'k:').join('\n'),
  'flow sequences': 'a: ' + '['.repeat(N),
  'flow mappings': 'a: ' + '{a: '.repeat(N),
};

describe('nesting limits', () => {
  it('a Copilot manifest of "- " × 5,000, then ---, then an indented line: one diagnostic, no crash', () => {
    assertOneNestingDiagnostic(check(MANIFEST, '- '.repeat(N) + '\n---\n  x\n'));
  });

  for (const [name, shape] of Object.entries(yamlShapes)) {
    it(`YAML ${name} 5,000 deep: one diagnostic, with or without a following document`, () => {
      assertOneNestingDiagnostic(check(MANIFEST, shape));
      assertOneNestingDiagnostic(check(MANIFEST, `${shape}\n---\n  x\n`));
    });
  }

  it('JSON 1,000 deep (jsonc-parser copes, the rules would not): one diagnostic', () => {
    const text = `{"family":"x","containerDefinitions":${'['.repeat(1000)}${']'.repeat(1000)}}`;
    assertOneNestingDiagnostic(check(TASK, text));
  });

  it('JSON 24,700 deep gives the same one diagnostic in a fresh and in a deep caller', () => {
    const valid = '['.repeat(24_700) + ']'.repeat(24_700);
    const broken = `{"containerDefinitions":${'[{"a":'.repeat(24_700)}`;
    for (const text of [valid, broken]) {
      const expected = check(TASK, text);
      assertOneNestingDiagnostic(expected);
      for (const frames of [1000, 3000, 6000])
        assert.deepEqual(
          atStackDepth(frames, () => check(TASK, text)),
          expected,
        );
    }
  });

  it('Jsonnet 24,700 deep: one diagnostic', () => {
    assertOneNestingDiagnostic(check(JSONNET, '['.repeat(24_700) + ']'.repeat(24_700)));
    assertOneNestingDiagnostic(check(JSONNET, '{a:'.repeat(24_700)));
  });

  it('a manifest 100 levels deep, block and flow, is still parsed and checked', () => {
    const block = Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x\n';
    const flow = `name: api\ntype: Load Balanced Web Service\nvariables: { A: ${'['.repeat(60)}${']'.repeat(60)} }\n`;
    for (const text of [block, flow, `name: api\nsidecars:\n  - |\n    ${'- [{'.repeat(500)}\n`]) {
      for (const d of check(MANIFEST, text)) assert.doesNotMatch(messageOf(d), DEEP);
    }
  });

  it('no fixture of the repository is flagged', () => {
    const root = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' });
    let checked = 0;
    for (const file of files) {
      const full = path.join(root, file);
      if (!fs.statSync(full).isFile()) continue;
      const uri =
        file.endsWith('.yml') || file.endsWith('.yaml') ? `file:///w/copilot/${file}` : `file:///w/${file}`;
      for (const d of check(uri, fs.readFileSync(full, 'utf8')))
        assert.doesNotMatch(messageOf(d), DEEP, file);
      checked++;
    }
    assert.ok(checked > 10);
  });

  it('finds the same too-deep bracket as a character-by-character scan, strings and escapes included', () => {
    // The reading the scan must keep: a string ends at its quote or, unterminated, at a line break;
    // a backslash escapes the next character (a quote, a line break, another backslash).
    const reference = (text: string, limit: number): number => {
      let depth = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') {
          for (i++; i < text.length; i++) {
            if (text[i] === '\\') i++;
            else if (text[i] === '"' || text[i] === '\n') break;
          }
        } else if (c === '[' || c === '{') {
          if (++depth > limit) return i;
        } else if ((c === ']' || c === '}') && depth > 0) depth--;
      }
      return -1;
    };
    let state = 99;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const alphabet = ['[', '{', ']', '}', '"', '\\', '\n', 'a', ' ', ','];
    for (let round = 0; round < 4000; round++) {
      const length = Math.floor(next() * 80);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)] ?? '';
      const limit = Math.floor(next() * 6);
      assert.equal(excessiveNesting(text, limit), reference(text, limit), JSON.stringify(text));
    }
  });
});
