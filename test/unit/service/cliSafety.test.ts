/**
 * `ecs-lint` on inputs a CI job may hand it by mistake or malice: unparseable nesting, a FIFO, a
 * device, a huge file — each a message and exit code 2, promptly — and secrets never echoed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const cli = path.join(root, 'out', 'server', 'src', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-lint-'));

function run(...args: string[]): {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
} {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 15_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('ecs-lint on hostile input', () => {
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a manifest nested too deep to parse: exit 2 with a message, no stack trace', () => {
    const file = write('copilot/api/manifest.yml', `${'- '.repeat(5000)}\n---\n  x\n`);
    const r = run(file);
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr,
      /^ecs-lint: cannot check .*manifest\.yml:1:\d+: YAML nested deeper than 256 levels/,
    );
    assert.doesNotMatch(r.stderr, /RangeError|\n\s+at /);
  });

  it('a FIFO with no writer: refused at once, exit 2', { skip: process.platform === 'win32' }, () => {
    const fifo = path.join(dir, 'fifo-task-def.json');
    spawnSync('mkfifo', [fifo]);
    const start = Date.now();
    const r = run(fifo);
    assert.equal(r.status, 2, `status ${r.status} signal ${r.signal}`);
    assert.match(r.stderr, /cannot read .*fifo-task-def\.json: not a regular file/);
    assert.ok(Date.now() - start < 5000);
  });

  it('/dev/zero: refused, exit 2 (not an out-of-memory abort)', { skip: !fs.existsSync('/dev/zero') }, () => {
    const r = run('/dev/zero');
    assert.equal(r.status, 2, `status ${r.status} signal ${r.signal}`);
    assert.match(r.stderr, /cannot read \/dev\/zero: not a regular file/);
  });

  it('a file over 5 MB: refused with the limit named, accepted with a larger --max-size', () => {
    const file = write('big-task-def.json', `{"family":"web","x":"${'a'.repeat(6 * 1024 * 1024)}"}`);
    const r = run(file);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /cannot read .*big-task-def\.json: 6\.0 MB is over the 5\.0 MB limit .*--max-size/,
    );
    const larger = run('--max-size', String(8 * 1024 * 1024), file);
    assert.notEqual(larger.status, 2, larger.stderr);
    assert.equal(run('--max-size', 'lots', file).status, 2);
  });

  it('never prints a valueFrom or an environment value', () => {
    const task = {
      family: 'web',
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx',
          memory: 512,
          secrets: [{ name: 'DB_PASSWORD', valueFrom: 'hunter2-the-actual-password' }],
          logConfiguration: {
            logDriver: 'splunk',
            secretOptions: [{ name: 'splunk-token', valueFrom: 'tok en-8c1f not a ref' }],
          },
          environment: [
            { name: 'PIN', value: 98765432 },
            { name: 'API_KEY', value: true },
          ],
        },
      ],
    };
    const file = write('secret-task-def.json', JSON.stringify(task, null, 2));
    for (const format of ['text', 'json', 'sarif']) {
      const r = run('--format', format, file);
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      for (const secret of ['hunter2', 'tok en-8c1f', '98765432']) {
        assert.ok(
          !r.stdout.includes(secret),
          `${format} output shows ${secret}:\n${r.stdout.slice(0, 2000)}`,
        );
      }
    }
    const text = run(file).stdout;
    assert.match(text, /ECS130: valueFrom <redacted> is not a secret reference/);
    assert.match(text, /ECS010: `value` must be a string, not the number <redacted>/);
  });
});
