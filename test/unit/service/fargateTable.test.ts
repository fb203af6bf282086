/**
 * The Fargate task size table, row by row, against AWS's own table: both ends of every row are
 * accepted, one step past each end is reported (ECS106, on the memory value) with what is allowed.
 *
 * The truth is AWS's table, written out here independently of server/src: the RegisterTaskDefinition
 * `memory` parameter (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html#ECS-RegisterTaskDefinition-request-memory)
 * and "Task size" in the ECS developer guide
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size):
 *   cpu 256 (.25 vCPU): memory 512, 1024, 2048
 *   cpu 512 (.5 vCPU):  1024 to 4096 in 1024 steps
 *   cpu 1024 (1 vCPU):  2048 to 8192 in 1024 steps
 *   cpu 2048 (2 vCPU):  4096 to 16384 in 1024 steps
 *   cpu 4096 (4 vCPU):  8192 to 30720 in 1024 steps
 *   cpu 8192 (8 vCPU):  16384 to 61440 in 4096 steps (Linux platform 1.4.0 or later)
 *   cpu 16384 (16 vCPU): 32768 to 122880 in 8192 steps (Linux platform 1.4.0 or later)
 * Windows on Fargate takes only the 1, 2 and 4 vCPU rows (same page, "Windows containers").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FARGATE_SIZES,
  describeValues,
  fargateCpusFor,
  fargateMemoryFor,
  isValidFargatePair,
  nearest,
  parseCpu,
  parseMemory,
} from '../../../server/src/service/taskDefinition/fargate';
import { service, withCaret } from './editorFixture';
import { validate, validateMarked } from './markedRanges';

interface AwsRow {
  readonly cpu: number;
  readonly low: number;
  readonly high: number;
  /** Step between valid values; the 256 row is a list whose next values would be 1024 apart. */
  readonly step: number;
  readonly list?: readonly number[];
  readonly windows: boolean;
}

const AWS_TABLE: readonly AwsRow[] = [
  { cpu: 256, low: 512, high: 2048, step: 1024, list: [512, 1024, 2048], windows: false },
  { cpu: 512, low: 1024, high: 4096, step: 1024, windows: false },
  { cpu: 1024, low: 2048, high: 8192, step: 1024, windows: true },
  { cpu: 2048, low: 4096, high: 16384, step: 1024, windows: true },
  { cpu: 4096, low: 8192, high: 30720, step: 1024, windows: true },
  { cpu: 8192, low: 16384, high: 61440, step: 4096, windows: false },
  { cpu: 16384, low: 32768, high: 122880, step: 8192, windows: false },
];

function awsValues(row: AwsRow): number[] {
  if (row.list) return [...row.list];
  const out: number[] = [];
  for (let v = row.low; v <= row.high; v += row.step) out.push(v);
  return out;
}

/** A valid Fargate task but for its size; `cpu` and `memory` are JSON text (may carry «» marks). */
const task = (cpu: string, memory: string, extra = ''): string =>
  `{"family":"web","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc","cpu":${cpu},"memory":${memory}${extra},` +
  `"containerDefinitions":[{"name":"web","image":"public.ecr.aws/nginx/nginx:1.27","essential":true}]}`;

const SIZE_CODES = ['ECS105', 'ECS106', 'ECS206', 'ECS107'];

describe('Fargate task sizes: the linter table is AWS table', () => {
  it('has exactly AWS rows, in order, with every memory value of each row', () => {
    assert.deepEqual(
      FARGATE_SIZES.map((s) => ({ cpu: s.cpu, memory: [...s.memory] })),
      AWS_TABLE.map((r) => ({ cpu: r.cpu, memory: awsValues(r) })),
    );
    assert.deepEqual(
      FARGATE_SIZES.filter((s) => s.windows).map((s) => s.cpu),
      AWS_TABLE.filter((r) => r.windows).map((r) => r.cpu),
    );
  });

  for (const row of AWS_TABLE) {
    const below = row.list || row.low <= row.step ? row.low / 2 : row.low - row.step;
    const above = row.high + row.step;
    it(`cpu ${row.cpu}: accepts ${row.low} and ${row.high}, reports ${below} and ${above}`, () => {
      for (const memory of [row.low, row.high]) {
        const v = validate(task(`"${row.cpu}"`, `"${memory}"`));
        assert.deepEqual(
          v.diagnostics.filter((d) => SIZE_CODES.includes(String(d.code))),
          [],
          `cpu ${row.cpu} memory ${memory}`,
        );
        assert.equal(isValidFargatePair(row.cpu, memory), true);
      }
      for (const memory of [below, above]) {
        const v = validateMarked(task(`"${row.cpu}"`, `«"${memory}"»`));
        assert.deepEqual(v.rangesOf('ECS106'), v.expected, `cpu ${row.cpu} memory ${memory}`);
        assert.deepEqual(v.rangesOf('ECS206'), []);
        const [message] = v.messagesOf('ECS106');
        assert.match(message ?? '', new RegExp(`^memory ${memory} is not valid with cpu ${row.cpu} `));
        // The message lists what this cpu takes, and which cpu takes the memory written, if any.
        const partners = AWS_TABLE.filter((r) => awsValues(r).includes(memory)).map((r) => r.cpu);
        assert.equal(
          (message ?? '').includes(`needs cpu`),
          partners.length > 0,
          `${message}: partners ${partners.join(', ')}`,
        );
        assert.equal(isValidFargatePair(row.cpu, memory), false);
      }
    });
  }

  it('reports a value between two steps of a row (the 8 and 16 vCPU rows step by 4 and 8 GiB)', () => {
    for (const [cpu, memory] of [
      [8192, 16384 + 1024],
      [8192, 61440 - 2048],
      [16384, 32768 + 4096],
      [16384, 122880 - 1024],
    ] as const) {
      const v = validateMarked(task(`"${cpu}"`, `«"${memory}"»`));
      assert.deepEqual(v.rangesOf('ECS106'), v.expected, `cpu ${cpu} memory ${memory}`);
    }
  });

  it('reports a cpu one row past either end of the table (ECS206, on the cpu value)', () => {
    for (const cpu of [128, 32768]) {
      const v = validateMarked(task(`«"${cpu}"»`, '"2048"'));
      assert.deepEqual(v.rangesOf('ECS206'), v.expected, `cpu ${cpu}`);
      assert.deepEqual(v.rangesOf('ECS106'), []);
    }
  });

  it('reads sizes written as numbers and as vCPU / GB text at the ends of a row', () => {
    assert.deepEqual(validate(task('1024', '8192')).rangesOf('ECS106'), []);
    assert.deepEqual(validate(task('"1 vCPU"', '"8 GB"')).rangesOf('ECS106'), []);
    const v = validateMarked(task('"1 vCPU"', '«"9 GB"»'));
    assert.deepEqual(v.rangesOf('ECS106'), v.expected);
  });

  it('takes only the 1, 2 and 4 vCPU rows for Windows (ECS107 on the cpu value)', () => {
    const windows =
      ',"runtimePlatform":{"operatingSystemFamily":"WINDOWS_SERVER_2022_CORE","cpuArchitecture":"X86_64"}';
    for (const row of AWS_TABLE) {
      const v = validateMarked(task(`«"${row.cpu}"»`, `"${row.low}"`, windows));
      assert.deepEqual(v.rangesOf('ECS107'), row.windows ? [] : v.expected, `cpu ${row.cpu}`);
    }
  });
});

describe('Fargate task sizes: the helpers over the table', () => {
  it('looks rows up by cpu and by memory', () => {
    assert.deepEqual(fargateMemoryFor(256), [512, 1024, 2048]);
    assert.equal(fargateMemoryFor(300), undefined);
    assert.deepEqual(fargateCpusFor(4096), [512, 1024, 2048]);
    assert.deepEqual(fargateCpusFor(16384), [2048, 4096, 8192]);
    assert.deepEqual(fargateCpusFor(3000), []);
    assert.equal(isValidFargatePair(300, 512), false);
  });

  it('parses cpu and memory as the API does, and nothing else', () => {
    assert.equal(parseCpu(' 256 '), 256);
    assert.equal(parseCpu('0.5 vCPU'), 512);
    assert.equal(parseCpu('16vcpu'), 16384);
    assert.equal(parseCpu(' 2   VCPU '), 2048);
    assert.equal(parseCpu('x256'), undefined);
    assert.equal(parseCpu('256x'), undefined);
    assert.equal(parseCpu('x1 vCPU'), undefined);
    assert.equal(parseCpu('1 vCPUs'), undefined);
    assert.equal(parseCpu(Number.NaN), undefined);
    assert.equal(parseCpu(true), undefined);
    assert.equal(parseMemory(' 512 '), 512);
    assert.equal(parseMemory('0.5 GB'), 512);
    assert.equal(parseMemory('1.25 GB'), 1280);
    assert.equal(parseMemory('30GB'), 30720);
    assert.equal(parseMemory(' 2   gb '), 2048);
    assert.equal(parseMemory(4096), 4096);
    assert.equal(parseMemory(Number.POSITIVE_INFINITY), undefined);
    assert.equal(parseMemory('x512'), undefined);
    assert.equal(parseMemory('512x'), undefined);
    assert.equal(parseMemory('x2 GB'), undefined);
    assert.equal(parseMemory('2 GBs'), undefined);
    assert.equal(parseMemory('1.x GB'), undefined);
    assert.equal(parseMemory(null), undefined);
  });

  it('picks the nearest value, the larger one on a tie', () => {
    assert.equal(nearest([512, 1024, 2048], 1500), 1024);
    assert.equal(nearest([512, 1024, 2048], 1600), 2048);
    assert.equal(nearest([1024, 2048], 1536), 2048);
    assert.equal(nearest([2048, 1024], 1536), 2048);
    assert.equal(nearest([3072, 1024, 2048], 2048), 2048);
    assert.equal(nearest([], 1), undefined);
  });

  it('describes a long regular run as a range, anything else as a list', () => {
    assert.equal(describeValues([1024, 2048, 3072, 4096, 5120]), '1024..5120 (step 1024)');
    assert.equal(describeValues([1024, 2048, 3072, 4096]), '1024, 2048, 3072, 4096');
    assert.equal(describeValues([1, 2, 3, 5, 8]), '1, 2, 3, 5, 8');
    assert.equal(describeValues([1, 2, 4, 5, 6]), '1, 2, 4, 5, 6');
  });
});

describe('Fargate task sizes: completion', () => {
  const labels = (text: string): string[] => {
    const { doc, position } = withCaret(text);
    return service.doComplete(doc, position).items.map((i) => String(i.label));
  };
  const windows = '"runtimePlatform": { "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE" }';

  it('offers a Windows task without cpu only the memory of the 1, 2 and 4 vCPU rows', () => {
    const offered = labels(`{ ${windows}, "requiresCompatibilities": ["FARGATE"], "memory": "|" }`).map(
      Number,
    );
    const expected = [
      ...new Set(
        AWS_TABLE.filter((r) => r.windows)
          .flatMap(awsValues)
          .sort((a, b) => a - b),
      ),
    ];
    assert.deepEqual(offered, expected);
    assert.equal(offered[0], 2048);
    assert.equal(offered.at(-1), 30720);
  });

  it('offers a Linux task without cpu every memory of the table, ascending', () => {
    const offered = labels('{ "requiresCompatibilities": ["FARGATE"], "memory": "|" }').map(Number);
    const expected = [...new Set(AWS_TABLE.flatMap(awsValues))].sort((a, b) => a - b);
    assert.deepEqual(offered, expected);
  });

  it('offers a Windows task only the 1, 2 and 4 vCPU cpu values', () => {
    assert.deepEqual(labels(`{ ${windows}, "cpu": "|" }`), ['1024', '2048', '4096']);
  });
});
