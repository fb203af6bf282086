/** Large Copilot manifests parse in linear time and keep the duplicate-key diagnostic. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/service/languageService';

const service = createLanguageService();
const URI = 'file:///w/copilot/api/manifest.yml';

function diagnostics(text: string): { line: number; character: number; message: string }[] {
  const doc = service.parse(TextDocument.create(URI, 'yaml', 1, text));
  return service.validate(doc).map((d) => ({
    line: d.range.start.line,
    character: d.range.start.character,
    message: typeof d.message === 'string' ? d.message : d.message.value,
  }));
}

describe('manifest scale', () => {
  it('a 20,000-entry map parses in linear time, with its duplicate key reported', () => {
    const manifest = (n: number): string => {
      const entries = Array.from({ length: n }, (_, i) => `  V${i}: value${i}`);
      entries.push('  V7: again');
      return `name: api\ntype: Backend Service\nvariables:\n${entries.join('\n')}\n`;
    };
    // The best of three runs at each size, in this process: a ratio, not a wall-clock limit, so a
    // loaded machine cannot fail it. Linear is ~10× for 10× the entries; pairwise key checks ~100×.
    const time = (text: string): number =>
      Math.min(
        ...[0, 1, 2].map(() => {
          const start = performance.now();
          diagnostics(text);
          return performance.now() - start;
        }),
      );
    const big = manifest(20_000);
    const found = diagnostics(big).filter((d) => d.message === 'Map keys must be unique');
    assert.deepEqual(found, [{ line: 20_003, character: 2, message: 'Map keys must be unique' }]);
    const small = time(manifest(2_000));
    const large = time(big);
    assert.ok(
      large / small < 35,
      `20,000 entries took ${Math.round(large)} ms, 2,000 took ${Math.round(small)} ms`,
    );
  });

  it('duplicate keys are found in nested maps, flow maps and sequences of maps, as before', () => {
    const text = [
      'name: api',
      'type: Backend Service',
      'name: again',
      'variables: { A: 1, B: 2, A: 3 }',
      'sidecars:',
      '  s:',
      '    port: 80',
      '    port: 81',
      'taskdef_overrides:',
      '  - path: a',
      '    value: 1',
      '    path: b',
      '',
    ].join('\n');
    const found = diagnostics(text)
      .filter((d) => d.message === 'Map keys must be unique')
      .map((d) => [d.line, d.character]);
    assert.deepEqual(found, [
      [2, 0],
      [3, 25],
      [7, 4],
      [11, 4],
    ]);
  });
});
