/** `ecs-lint` run as a process on fixture files: formats, positions and exit codes. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const cli = path.join(root, 'out', 'server', 'src', 'cli.js');
const invalid = 'test/fixtures/taskdefs/invalid/fargate-mistakes.json';
const valid = 'test/fixtures/taskdefs/valid/fargate-web-sidecar.json';

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonResult {
  file: string;
  diagnostics: {
    code: string;
    severity: string;
    message: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
}

describe('ecs-lint', () => {
  it('--format json prints 0-based LSP ranges and exits 1 on errors', () => {
    const r = run('--format', 'json', invalid, valid);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout) as JsonResult[];
    assert.deepEqual(
      out.map((f) => f.file),
      [invalid, valid],
    );
    assert.deepEqual(
      out[0]?.diagnostics.map((d) => [
        d.code,
        d.severity,
        d.range.start.line,
        d.range.start.character,
        d.range.end.line,
        d.range.end.character,
      ]),
      [
        ['ECS109', 'error', 4, 9, 4, 12],
        ['ECS106', 'error', 5, 12, 5, 18],
        ['ECS122', 'error', 10, 58, 10, 62],
        ['ECS125', 'error', 11, 40, 11, 45],
        ['ECS116', 'warning', 14, 2, 14, 10],
      ],
    );
    assert.match(out[0]?.diagnostics[1]?.message ?? '', /valid: 512, 1024, 2048/);
    assert.deepEqual(out[1]?.diagnostics, []);
  });

  it('--format sarif prints SARIF 2.1.0 with rules and 1-based regions', () => {
    const r = run('--format=sarif', invalid);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; helpUri: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string; uriBaseId: string };
              region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
            };
          }[];
        }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.ok(run0);
    assert.equal(run0.tool.driver.name, 'ecs-lint');
    const first = run0.results[0];
    assert.ok(first);
    assert.equal(first.ruleId, 'ECS109');
    assert.equal(run0.tool.driver.rules[first.ruleIndex]?.id, 'ECS109');
    assert.equal(first.level, 'error');
    assert.deepEqual(first.locations[0]?.physicalLocation.region, {
      startLine: 5,
      startColumn: 10,
      endLine: 5,
      endColumn: 13,
    });
    assert.deepEqual(first.locations[0]?.physicalLocation.artifactLocation, {
      uri: invalid,
      uriBaseId: '%SRCROOT%',
    });
    assert.equal(run0.results.find((x) => x.ruleId === 'ECS116')?.level, 'warning');
  });

  it('text looks like compiler output', () => {
    const r = run(invalid);
    assert.equal(r.status, 1);
    const lines = r.stdout.split('\n');
    assert.match(
      lines[0] ?? '',
      /^test\/fixtures\/taskdefs\/invalid\/fargate-mistakes\.json:5:10: error ECS109: /,
    );
    assert.match(r.stdout, /4 errors, 1 warning in 1 file/);
  });

  it('exits 0 when there are only clean files, and reports syntax errors as errors', () => {
    assert.equal(run(valid).status, 0);
    const broken = run('--format', 'json', 'test/fixtures/taskdefs/invalid/not-json.json');
    assert.equal(broken.status, 1);
    const codes = (JSON.parse(broken.stdout) as JsonResult[])[0]?.diagnostics.map((d) => d.code);
    assert.ok(codes?.includes('ECS001'), String(codes));
  });

  it('exits 2 with a clear message on bad usage or an unreadable file', () => {
    const missing = run('does-not-exist.json');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read does-not-exist\.json: no such file/);
    const format = run('--format', 'xml', valid);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /unknown format 'xml'/);
    const none = run();
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no files given/);
    const dirArg = run('test');
    assert.equal(dirArg.status, 2);
    assert.match(dirArg.stderr, /is a directory/);
    assert.equal(run('--help').status, 0);
  });
});
