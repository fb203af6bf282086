/** Shared set-up of the log tail tests: an emulator, a Logs client on it without retries, tail targets. */
import { after, before } from 'node:test';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { TailEvent } from '../../../client/src/aws/logEvents';
import { runTail, type TailNotice, type TailOptions } from '../../../client/src/aws/logTail';
import { logGroupArn, type LogTarget } from '../../../client/src/aws/logTargets';
import { sdkLogsApi, type LogsApi } from '../../../client/src/aws/logsApi';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator';

/** A CloudWatch Logs client on `emu` that never retries (a failed call is seen as it happens). */
export function logsClient(emu: RunningEmulator): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    endpoint: emu.url,
    region: emu.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    disableHostPrefix: true,
    maxAttempts: 1,
  });
}

/** The tail target of `logStream` in `group`, as if written by the container `app` of task `taskId`. */
export function logTarget(emu: RunningEmulator, group: string, logStream: string, taskId: string): LogTarget {
  return {
    taskArn: `arn:aws:ecs:${emu.region}:${emu.accountId}:task/test/${taskId}`,
    taskId,
    containerName: 'app',
    region: emu.region,
    accountId: emu.accountId,
    logGroup: group,
    logGroupArn: logGroupArn('aws', emu.region, emu.accountId, group),
    logStream,
  };
}

export interface LogsEmulator {
  emu: RunningEmulator;
  client: CloudWatchLogsClient;
  api: LogsApi;
}

/**
 * The emulator of one suite with a Logs client and API on it: declares the suite's `before` hook
 * (start) and `after` hook (stop). Call it in a `describe` body; the fields are filled in once
 * `before` has run.
 */
export function suiteLogsEmulator(options: EmulatorOptions): LogsEmulator {
  const s = {} as LogsEmulator;
  before(async () => {
    s.emu = await startEmulator(options);
    s.client = logsClient(s.emu);
    s.api = sdkLogsApi(s.client);
  });
  after(async () => {
    s.client.destroy();
    await s.emu.stop();
  });
  return s;
}

/** A tail running in the background and what it delivered so far. */
export interface CollectedTail {
  readonly received: TailEvent[];
  readonly notices: TailNotice[];
  /** Live Tail session ids, in the order they started. */
  readonly sessions: string[];
  /** Aborts the tail and waits for it to end. */
  readonly stop: () => Promise<void>;
}

/** Runs a Live Tail of `targets` from a minute back (unless `extra` says otherwise), collecting all it reports. */
export function collectTail(
  targets: LogTarget[],
  apiFor: () => LogsApi,
  extra: Partial<TailOptions> = {},
): CollectedTail {
  const received: TailEvent[] = [];
  const notices: TailNotice[] = [];
  const sessions: string[] = [];
  const abort = new AbortController();
  const done = runTail({
    targets,
    apiFor,
    mode: 'liveTail',
    sinceMs: 60_000,
    signal: abort.signal,
    onEvents: (events) => received.push(...events),
    onNotice: (n) => notices.push(n),
    onSession: (id) => sessions.push(id),
    ...extra,
  });
  return {
    received,
    notices,
    sessions,
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}
