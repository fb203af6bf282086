/** `ecs-lint --jobs N`: the same output, in the same order, on one thread or several. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const cli = path.join(root, 'out', 'server', 'src', 'cli.js');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ecs-lint --jobs', () => {
  const dirs = ['taskdefs/valid', 'taskdefs/invalid', 'servicedefs/valid'];
  const files = dirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, 'test', 'fixtures', dir))
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join('test', 'fixtures', dir, f)),
  );
  // Service definitions first, a missing file in the middle: files reported after the second pass.
  const args = [
    ...files.filter((f) => f.includes('servicedefs')),
    ...files,
    'missing-task-def.json',
    ...files,
  ];

  it('prints the same with 1, 2 and 3 threads, in the order of the files', () => {
    const one = run('--jobs', '1', '--format', 'json', ...args);
    assert.equal(one.status, 2);
    assert.match(one.stderr, /cannot read missing-task-def\.json: no such file/);
    const printed = (JSON.parse(one.stdout) as { file: string }[]).map((r) => r.file);
    assert.deepEqual(
      printed,
      args.filter((f) => f !== 'missing-task-def.json'),
    );
    for (const jobs of ['2', '--jobs=3']) {
      const many = jobs.startsWith('--')
        ? run(jobs, '--format', 'json', ...args)
        : run('-j', jobs, '--format', 'json', ...args);
      assert.deepEqual(many, one, `jobs ${jobs}`);
    }
    assert.deepEqual(run('--jobs', '2', ...args), run('--jobs', '1', ...args));
  });

  it('refuses a number of threads that is not a positive integer', () => {
    for (const value of ['0', 'many', '1.5']) {
      const r = run('--jobs', value, files[0] ?? '');
      assert.equal(r.status, 2);
      assert.match(r.stderr, new RegExp(`--jobs needs a positive number of threads, not '${value}'`));
    }
  });
});
