/**
 * Logs benchmark: an emulator (separate process, so its own memory is not counted) receives
 * 100 and 1,000 events/s across 10 log streams through PutLogEvents; this process tails them as the
 * extension does (runTail → TailModel → terminal text), with Live Tail and with the FilterLogEvents
 * polling fallback, in the same run. Measured per case: events written and shown per second,
 * event-to-screen latency p50/p95 (event timestamp → its line written to the terminal sink), Live
 * Tail sampling, FilterLogEvents calls per group per second, and heap after a forced GC, sampled
 * every 5 s from the moment the buffer is full to the end of the case (flat = bounded).
 * Prints one JSON object per line.
 *
 * Run: `npm run bench:logs` (or `npx tsc -p . && node --expose-gc out/bench/logs.js
 *      [--rates 100,1000] [--modes liveTail,poll] [--buffer 10000] [--plateau 40]`)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { sdkLogsApi } from '../client/src/aws/logsApi';
import { runTail, type TailMode } from '../client/src/aws/logTail';
import { logGroupArn, type LogTarget } from '../client/src/aws/logTargets';
import { TailModel } from '../client/src/logs/tailModel';
import { runBench } from './timing';

const STREAMS = 10;
const TICK_MS = 100;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** Latencies in 1 ms buckets up to 60 s: a fixed-size histogram, so measuring adds nothing to the heap. */
class Histogram {
  private readonly buckets = new Uint32Array(60_001);
  private n = 0;
  add(ms: number): void {
    const i = Math.max(0, Math.min(60_000, Math.round(ms)));
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    this.n++;
  }
  percentile(p: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let ms = 0; ms < this.buckets.length; ms++) {
      seen += this.buckets[ms] ?? 0;
      if (seen >= rank) return ms;
    }
    return NaN;
  }
}

async function startEmulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
  const cli = path.join(__dirname, '..', 'emulator', 'cli.js');
  const child = spawn(process.execPath, [cli, '--port', '0', '--scenario', 'empty'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(text);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { url, child };
}

const heapMb = (): number => {
  global.gc?.();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
};

interface CaseResult {
  mode: TailMode;
  rate: number;
  seconds: number;
  written: number;
  shown: number;
  writtenPerSecond: number;
  shownPerSecond: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  sampled: boolean;
  filterCallsPerGroupPerSecond?: number;
  bufferLines: number;
  heapAtFullMb: number;
  heapEndMb: number;
  heapMaxAfterFullMb: number;
  heapSamplesMb: number[];
}

async function runCase(
  url: string,
  region: string,
  mode: TailMode,
  rate: number,
  bufferLines: number,
  plateauSeconds: number,
): Promise<CaseResult> {
  const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
  // The writer retries (a keep-alive socket can close under it); the tail does not need to.
  const writerClient = new CloudWatchLogsClient({ endpoint: url, region, credentials, maxAttempts: 3 });
  let filterCalls = 0;
  const tailClient = new CloudWatchLogsClient({
    endpoint: url,
    region,
    credentials,
    disableHostPrefix: true,
    maxAttempts: 1,
  });
  tailClient.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'FilterLogEventsCommand') filterCalls++;
      return next(args);
    },
    { step: 'initialize', name: 'countFilterCalls' },
  );
  const group = `/bench/${mode}-${rate}-${Date.now()}`;
  await writerClient.send(new CreateLogGroupCommand({ logGroupName: group }));
  const streams = Array.from({ length: STREAMS }, (_, i) => `app/app/${String(i).padStart(32, '0')}`);
  for (const logStreamName of streams) {
    await writerClient.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName }));
  }
  let writeErrors = 0;
  const targets: LogTarget[] = streams.map((logStream, i) => ({
    taskArn: `arn:aws:ecs:${region}:123456789012:task/bench/${String(i).padStart(32, '0')}`,
    taskId: String(i).padStart(32, '0'),
    containerName: 'app',
    region,
    accountId: '123456789012',
    logGroup: group,
    logGroupArn: logGroupArn('aws', region, '123456789012', group),
    logStream,
  }));

  let bytes = 0;
  const model = new TailModel({ capacity: bufferLines, write: (t) => (bytes += t.length), timestamps: true });
  model.setTargets(targets);
  const latencies = new Histogram();
  let shown = 0;
  let sampled = false;
  let live = mode === 'poll';
  const abort = new AbortController();
  const tailStarted = Date.now();
  const tail = runTail({
    targets,
    apiFor: () => sdkLogsApi(tailClient),
    mode,
    sinceMs: 0,
    signal: abort.signal,
    onEvents: (events) => {
      model.addEvents(events);
      // addEvents writes synchronously: this is when the lines reached the terminal.
      const now = Date.now();
      for (const e of events) latencies.add(now - e.timestamp);
      shown += events.length;
    },
    onNotice: (n) => {
      if (/sampling/.test(n.text)) sampled = true;
    },
    onState: (s) => {
      if (s === 'live') live = true;
    },
  });
  const liveDeadline = Date.now() + 10_000;
  while (!live && Date.now() < liveDeadline) await new Promise((r) => setTimeout(r, 20));

  // The writer: every 100 ms, rate/10 events spread over the 10 streams, timestamped now.
  let written = 0;
  let carry = 0;
  const writes = new Set<Promise<unknown>>();
  const writer = setInterval(() => {
    carry += (rate * TICK_MS) / 1000;
    const n = Math.floor(carry);
    carry -= n;
    const now = Date.now();
    const perStream = new Map<string, { timestamp: number; message: string }[]>();
    for (let i = 0; i < n; i++) {
      const stream = streams[written % STREAMS] ?? '';
      const events = perStream.get(stream) ?? [];
      events.push({
        timestamp: now,
        message: `${new Date(now).toISOString()} INFO request ${written} GET /api/items/${written % 997} 200 ${(written * 7) % 250}ms`,
      });
      perStream.set(stream, events);
      written++;
    }
    for (const [logStreamName, logEvents] of perStream) {
      const p = writerClient
        .send(new PutLogEventsCommand({ logGroupName: group, logStreamName, logEvents }))
        .catch((e: unknown) => {
          if (writeErrors++ === 0) console.error('PutLogEvents failed', e);
        })
        .finally(() => writes.delete(p));
      writes.add(p);
    }
  }, TICK_MS);

  const started = Date.now();
  const heapSamples: number[] = [];
  let heapAtFull = NaN;
  let fullAt: number | undefined;
  const fillDeadline = started + 300_000;
  while (fullAt === undefined || Date.now() - fullAt < plateauSeconds * 1000) {
    await new Promise((r) => setTimeout(r, 5000));
    if (fullAt === undefined && model.size >= bufferLines) {
      fullAt = Date.now();
      heapAtFull = heapMb();
    } else if (fullAt !== undefined) {
      heapSamples.push(heapMb());
    }
    if (fullAt === undefined && Date.now() > fillDeadline) break;
  }
  clearInterval(writer);
  await Promise.all([...writes]);
  const seconds = (Date.now() - started) / 1000;
  // Let the last events arrive (one Live Tail update, or one poll).
  await new Promise((r) => setTimeout(r, 3000));
  abort.abort();
  await tail;
  const tailSeconds = (Date.now() - tailStarted) / 1000;
  writerClient.destroy();
  tailClient.destroy();
  const result: CaseResult = {
    mode,
    rate,
    seconds: Math.round(seconds),
    written,
    shown,
    writtenPerSecond: Math.round(written / seconds),
    shownPerSecond: Math.round(shown / seconds),
    latencyP50Ms: latencies.percentile(50),
    latencyP95Ms: latencies.percentile(95),
    sampled,
    ...(mode === 'poll'
      ? { filterCallsPerGroupPerSecond: Math.round((filterCalls / tailSeconds) * 100) / 100 }
      : {}),
    bufferLines: model.size,
    heapAtFullMb: heapAtFull,
    heapEndMb: heapSamples.at(-1) ?? NaN,
    heapMaxAfterFullMb: Math.max(...heapSamples),
    heapSamplesMb: heapSamples,
  };
  if (writeErrors > 0) throw new Error(`${writeErrors} PutLogEvents calls failed`);
  void bytes;
  return result;
}

async function main(): Promise<void> {
  if (!global.gc) console.error('Run with node --expose-gc for stable heap figures.');
  const rates = arg('rates', '100,1000').split(',').map(Number);
  const modes = arg('modes', 'liveTail,poll').split(',') as TailMode[];
  const bufferLines = Number(arg('buffer', '10000'));
  const plateau = Number(arg('plateau', '40'));
  const { url, child } = await startEmulatorProcess();
  // Interrupted: take the emulator down too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      child.kill('SIGTERM');
      process.exit(130);
    });
  }
  try {
    for (const rate of rates) {
      for (const mode of modes) {
        const r = await runCase(url, 'us-east-1', mode, rate, bufferLines, plateau);
        console.log(JSON.stringify(r));
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
}

runBench(main);
