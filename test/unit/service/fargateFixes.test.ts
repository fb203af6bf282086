/**
 * What the Fargate size rule says and offers, in full: the message (what is wrong and what is
 * allowed) and the quick fix's data (the values offered, nearest first, written as the file writes
 * them: a string stays a string, a number a number). Table: see fargateTable.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/service/languageService';

const service = createLanguageService();

const task = (cpu: string, memory: string, extra = ''): string =>
  `{"family":"web","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc"${cpu ? `,"cpu":${cpu}` : ''}${memory ? `,"memory":${memory}` : ''}${extra},` +
  `"containerDefinitions":[{"name":"web","image":"public.ecr.aws/nginx/nginx:1.27","essential":true}]}`;
const windows =
  ',"runtimePlatform":{"operatingSystemFamily":"WINDOWS_SERVER_2022_CORE","cpuArchitecture":"X86_64"}';

function findings(text: string, code: string): { message: string; data: unknown }[] {
  const doc = TextDocument.create('file:///w/web-task-def.json', 'json', 1, text);
  return service
    .validate(service.parse(doc))
    .filter((d) => d.code === code)
    .map((d) => ({
      message: typeof d.message === 'string' ? d.message : d.message.value,
      data: d.data as unknown,
    }));
}

describe('Fargate size findings in full', () => {
  it('ECS206: a cpu off the table, with the cpus that take the memory written, nearest offered', () => {
    assert.deepEqual(findings(task('"300"', '"2048"'), 'ECS206'), [
      {
        message:
          'cpu 300 is not a Fargate task size; valid cpu: 256, 512, 1024, 2048, 4096, 8192, 16384 (with memory 2048: 256, 512, 1024).',
        data: { fix: 'replaceValue', path: ['cpu'], values: ['256'] },
      },
    ]);
    assert.deepEqual(findings(task('900', '3000'), 'ECS206'), [
      {
        message: 'cpu 900 is not a Fargate task size; valid cpu: 256, 512, 1024, 2048, 4096, 8192, 16384.',
        data: { fix: 'replaceValue', path: ['cpu'], values: [1024] },
      },
    ]);
    // A cpu off the table is the only finding: memory is not judged against it.
    assert.deepEqual(findings(task('"300"', '"3000"'), 'ECS106'), []);
  });

  it('ECS106: memory not valid with the cpu, the cpus it needs, the nearest value first', () => {
    assert.deepEqual(findings(task('"512"', '"5000"'), 'ECS106'), [
      {
        message:
          'memory 5000 is not valid with cpu 512 (0.5 vCPU) on Fargate; valid: 1024, 2048, 3072, 4096.',
        data: { fix: 'replaceValue', path: ['memory'], values: ['4096', '1024', '2048', '3072'] },
      },
    ]);
    const [big] = findings(task('2048', '20480'), 'ECS106');
    assert.ok(big);
    assert.equal(
      big.message,
      'memory 20480 is not valid with cpu 2048 (2 vCPU) on Fargate; valid: 4096..16384 (step 1024); memory 20480 (20 GiB) needs cpu 4096 or 8192.',
    );
    assert.deepEqual((big.data as { values: unknown[] }).values.slice(0, 2), [16384, 4096]);
  });

  it('ECS107: a Linux-only cpu on Windows, 1 vCPU offered as written', () => {
    assert.deepEqual(findings(task('"512"', '"2048"', windows), 'ECS107'), [
      {
        message: 'cpu 512 (0.5 vCPU) is not available to Windows tasks on Fargate; valid: 1024, 2048, 4096.',
        data: { fix: 'replaceValue', path: ['cpu'], values: ['1024'] },
      },
    ]);
    assert.deepEqual(
      findings(task('8192', '16384', windows), 'ECS107').map((f) => f.data),
      [{ fix: 'replaceValue', path: ['cpu'], values: [1024] }],
    );
  });

  it('ECS105: each missing size is added with its smallest value', () => {
    assert.deepEqual(
      findings(task('', '"512"'), 'ECS105').map((f) => f.data),
      [{ fix: 'addProperties', path: [], properties: { cpu: '256' } }],
    );
    assert.deepEqual(
      findings(task('"256"', ''), 'ECS105').map((f) => f.data),
      [{ fix: 'addProperties', path: [], properties: { memory: '512' } }],
    );
    assert.match(
      findings(task('"256"', ''), 'ECS105')[0]?.message ?? '',
      /^Fargate requires a task-level `memory`/,
    );
  });

  it('judges nothing on EC2', () => {
    const ec2 = `{"family":"web","cpu":"300","memory":"5000","containerDefinitions":[{"name":"web","image":"nginx:1.27","memory":256}]}`;
    for (const code of ['ECS105', 'ECS106', 'ECS206', 'ECS107'])
      assert.deepEqual(findings(ec2, code), [], code);
  });
});
