import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const script = path.resolve(__dirname, '../../../../scripts/checkCycles.mjs');

function check(files: Record<string, string>): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const run = spawnSync(process.execPath, [script, dir], { encoding: 'utf8', timeout: 20_000 });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('import cycle check', () => {
  it('fails on a cycle through a type-only import and a folder index, naming both modules', () => {
    const result = check({
      'a.ts': "import type { B } from './b';\nexport type A = B;\n",
      'b/index.ts': "import { c } from '../c';\nexport type B = number;\nexport const d = c;\n",
      'c.ts': "export { a } from './a';\nexport const c = 1;\n",
    });
    assert.equal(result.status, 1);
    assert.match(result.output, /import cycles: 1/);
    assert.match(result.output, /a\.ts <-> b\/index\.ts <-> c\.ts/);
  });

  it('passes a tree without cycles, and ignores package imports', () => {
    const result = check({
      'a.ts': "import fs from 'node:fs';\nimport { b } from './b';\nexport const a = b + String(fs);\n",
      'b.ts': 'export const b = 1;\n',
    });
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /none in 2 modules/);
  });
});
