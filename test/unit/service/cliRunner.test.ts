/** `ecs-lint`'s streamed loop: worker threads give exactly what one thread gives, in the same order. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  defaultThreads,
  lintFiles,
  MIN_CORES_FOR_WORKERS,
  PARALLEL_ABOVE,
} from '../../../server/src/cliRunner';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const cli = path.join(root, 'out', 'server', 'src', 'cli.js');

function fixtures(dir: string): string[] {
  const full = path.join(root, 'test', 'fixtures', dir);
  return fs
    .readdirSync(full)
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(full, f));
}

const read = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

describe('lintFiles', () => {
  let tmp = '';
  let files: string[] = [];
  before(() => {
    // Task definitions (valid, invalid, not JSON), service definitions that refer to them, a missing
    // file, and copies with other names: enough files for the workers to share them.
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-lint-runner-'));
    const sources = [
      ...fixtures('taskdefs/valid'),
      ...fixtures('taskdefs/invalid'),
      ...fixtures('servicedefs/valid'),
    ];
    files = [];
    for (let i = 0; i < 70; i++) {
      const source = sources[i % sources.length] ?? '';
      const copy = path.join(tmp, `${i}-${path.basename(source)}`);
      fs.copyFileSync(source, copy);
      files.push(copy);
      if (i === 33) files.push(path.join(tmp, 'missing.json'));
    }
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('gives the same results in worker threads as in one thread', async () => {
    const here = await lintFiles(files, read, { threads: 0 });
    assert.equal(here.unreadable, true);
    assert.equal(here.results.length, files.length - 1);
    assert.ok(here.results.some((r) => r.diagnostics.length > 0));
    for (const threads of [1, 2, 3]) {
      const inWorkers = await lintFiles(files, read, { threads });
      assert.deepEqual(inWorkers, here, `${threads} worker(s)`);
    }
  });

  it('checks service definitions against the task definitions of the whole command line', async () => {
    // The service definitions come first: their task definitions are only read later.
    const services = files.filter((f) => /service/i.test(path.basename(f)));
    const reordered = [...services, ...files.filter((f) => !services.includes(f))];
    const here = await lintFiles(reordered, read, { threads: 0 });
    const alone = await lintFiles(services, read, { threads: 0 });
    assert.deepEqual(await lintFiles(reordered, read, { threads: 2 }), here);
    assert.notDeepEqual(
      here.results.slice(0, services.length),
      alone.results,
      'the index changes what service definitions report',
    );
  });

  it('prints the same from the command line with workers (many files) as in one thread', async () => {
    const readable = files.filter((f) => fs.existsSync(f));
    const r = spawnSync(process.execPath, [cli, '--format', 'json', ...readable], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    const printed = JSON.parse(r.stdout) as {
      file: string;
      diagnostics: { code: string; message: string }[];
    }[];
    const here = await lintFiles(readable, read, { threads: 0 });
    assert.deepEqual(
      printed.map((p) => [p.file, p.diagnostics.map((d) => [d.code, d.message])]),
      here.results.map((h) => [h.file, h.diagnostics.map((d) => [String(d.code), d.message])]),
    );
  });
});

describe('defaultThreads', () => {
  const env = process.env.ECS_LINT_THREADS;
  before(() => delete process.env.ECS_LINT_THREADS);
  after(() => {
    if (env !== undefined) process.env.ECS_LINT_THREADS = env;
  });

  it('starts no worker on 2 cores, where one was measured slower than a single thread', () => {
    assert.equal(defaultThreads(1000, PARALLEL_ABOVE, 2), 0);
    assert.equal(defaultThreads(100_000, PARALLEL_ABOVE, 1), 0);
  });

  it('starts one worker per further core from 3 cores, and none for few files', () => {
    assert.equal(defaultThreads(1000, PARALLEL_ABOVE, MIN_CORES_FOR_WORKERS), MIN_CORES_FOR_WORKERS - 1);
    assert.equal(defaultThreads(1000, PARALLEL_ABOVE, 8), 7);
    assert.equal(defaultThreads(PARALLEL_ABOVE, PARALLEL_ABOVE, 8), 0);
    // Not more workers than there are shares of `parallelAbove` files.
    assert.equal(defaultThreads(3 * PARALLEL_ABOVE, PARALLEL_ABOVE, 8), 2);
  });

  it('takes ECS_LINT_THREADS over the cores', () => {
    process.env.ECS_LINT_THREADS = '3';
    try {
      assert.equal(defaultThreads(10, PARALLEL_ABOVE, 2), 3);
    } finally {
      delete process.env.ECS_LINT_THREADS;
    }
  });
});
