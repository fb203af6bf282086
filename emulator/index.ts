import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CallLog } from './calls';
import { Rng, SimClock } from './clock';
import type { HandlerContext } from './context';
import { Faults, type FaultController, type FaultRule } from './faults';
import { LiveTailHub, type LiveTailEnd } from './logs/liveTail';
import { loadScenario, SCENARIOS, type ScenarioName } from './scenarios';
import { createEmulatorServer } from './server';
import { registerSessionHub, SessionHub } from './ssm/hub';
import type { SessionRecord } from './ssm/agent';
import { Engine } from './ecs/sim/engine';
import type { HookOutcome } from './ecs/sim/lifecycle';
import { EmulatorState } from './state';

/**
 * A local Amazon ECS + CloudWatch Logs emulator speaking the real AWS JSON 1.1 wire protocol, so the
 * real `@aws-sdk/client-ecs` and `@aws-sdk/client-cloudwatch-logs` talk to it as they talk to AWS:
 *
 *   const emu = await startEmulator({ scenario: 'demo', speed: 20 });
 *   const ecs = new ECSClient({ endpoint: emu.url, region: emu.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 *   const logs = new CloudWatchLogsClient({ endpoint: emu.url, region: emu.region, credentials, disableHostPrefix: true });
 *   ...
 *   await emu.stop();
 *
 * Out-of-process tests drive it through `/__admin/*` with the `x-emulator-admin-token` header set to
 * `adminToken` (see README "Emulator").
 */

export type { FaultController, FaultRule } from './faults';
export type { CallRecord } from './calls';
export type { LiveTailEnd } from './logs/liveTail';
export type { ScenarioName } from './scenarios';
export type { SessionRecord } from './ssm/agent';
export type { HookOutcome } from './ecs/sim/lifecycle';
export { CallLog } from './calls';
export { EmulatorState } from './state';

export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Starting state (default `empty`). */
  scenario?: ScenarioName;
  /** Number of services of the `big` scenario (default 1000). */
  services?: number;
  /** Simulated-time multiplier for task start-up, health, rollouts and log output (default 1). */
  speed?: number;
  /** Default us-east-1. */
  region?: string;
  /** Default 123456789012. */
  accountId?: string;
  /** Wall-clock ms before a Live Tail session ends with SessionTimeoutException (default 3 hours). */
  liveTailSessionTimeoutMs?: number;
  /** Seed of the pseudo-random generator: same seed, same ids and log lines (default 1). */
  seed?: number;
  /** Token `/__admin/` requests must send in `x-emulator-admin-token` (default: random per start). */
  adminToken?: string;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`, the endpoint for both SDK clients. */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  /** The `x-emulator-admin-token` header value `/__admin/` requests need (see README "Emulator"). */
  readonly adminToken: string;
  /** Stops the server, ends live tail sessions, clears every timer and socket. */
  stop(): Promise<void>;
  /** Fault injection and AWS-like rate limiting. */
  readonly faults: FaultController;
  /** Every API request received. */
  readonly calls: CallLog;
  /** The emulator's state, for assertions (read-only by convention). */
  readonly state: EmulatorState;
  /** Moves simulated time forward by `ms` deterministically, processing everything due. */
  advance(ms: number): void;
  /** Ends every open Live Tail session: `timeout` (SessionTimeoutException), `error` (SessionStreamingException) or `drop` (cut connection). */
  endLiveTailSessions(how?: LiveTailEnd): number;
  /**
   * What a lifecycle hook's Lambda function (by hookTargetArn) answers: SUCCEEDED, FAILED (the
   * deployment rolls back) or IN_PROGRESS (until the hook times out); undefined forgets it. Without
   * one, a function whose name contains `fail` fails and others succeed (see ecs/sim/lifecycle.ts).
   */
  setHookOutcome(hookTargetArn: string, outcome: HookOutcome | undefined): void;
  /** Clears faults and calls, ends live tail sessions and reloads a scenario (default: the one started with). */
  reset(scenario?: ScenarioName): void;
  /** ECS Exec and Session Manager sessions, open and ended (for assertions). */
  sessions(): SessionRecord[];
}

const TICK_MS = 100;

/** Starts an emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new Error('speed must be a positive number');
  const scenario = options.scenario ?? 'empty';
  const serviceCount = options.services ?? 1000;
  const rng = new Rng(options.seed ?? 1);
  const clock = new SimClock(speed);
  const state = new EmulatorState(region, accountId, clock, rng);
  const makeEngine = (name: ScenarioName): Engine =>
    new Engine(state, clock, rng, { logIntervalMs: name === 'big' ? [30000, 90000] : [1000, 4000] });
  let engine = makeEngine(scenario);
  const ctx: { -readonly [K in keyof HandlerContext]: HandlerContext[K] } = { state, engine, clock };
  const faults = new Faults(rng, accountId);
  const calls = new CallLog();
  const liveTail = new LiveTailHub(state, rng, {
    sessionTimeoutMs: options.liveTailSessionTimeoutMs ?? 3 * 60 * 60 * 1000,
    speed,
  });
  // Not from the seeded generator: the token must not be guessable, and drawing it must not shift
  // the seeded ids.
  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  const sessionHub = new SessionHub();
  registerSessionHub(state, sessionHub);
  const pendingDelays = new Map<NodeJS.Timeout, () => void>();
  let stopped = false;

  const advance = (ms: number): void => {
    if (!(ms >= 0)) throw new Error('advance needs a non-negative number of ms');
    const from = clock.simNow();
    clock.jump(ms);
    engine.step(from);
  };
  const reset = (name: ScenarioName = scenario): void => {
    faults.clear();
    faults.useAwsRateLimits(false);
    calls.reset();
    liveTail.endAll('drop');
    sessionHub.reset();
    state.clear();
    engine = makeEngine(name);
    ctx.engine = engine;
    loadScenario(ctx, name, serviceCount);
  };

  loadScenario(ctx, scenario, serviceCount);
  const setHookOutcome = (arn: string, outcome: HookOutcome | undefined): void => {
    if (outcome === undefined) engine.lifecycle.hookOutcomes.delete(arn);
    else if (outcome === 'SUCCEEDED' || outcome === 'FAILED' || outcome === 'IN_PROGRESS')
      engine.lifecycle.hookOutcomes.set(arn, outcome);
    else throw new Error('outcome must be SUCCEEDED, FAILED or IN_PROGRESS');
  };

  const { server, destroySockets } = createEmulatorServer({
    ctx,
    faults,
    calls,
    liveTail,
    adminToken,
    newRequestId: () => rng.uuid(),
    delay: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pendingDelays.delete(timer);
          resolve();
        }, ms);
        pendingDelays.set(timer, resolve);
      }),
    admin: (route, method, body, query) => {
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      switch (`${method} ${route}`) {
        case 'GET /health':
          return { ok: true, url, region, accountId, speed };
        case 'GET /faults':
          return { rules: faults.list() };
        case 'POST /faults': {
          const rules = Array.isArray(body) ? body : Array.isArray(b.rules) ? b.rules : [body];
          faults.set(rules as FaultRule[]);
          return { rules: faults.list() };
        }
        case 'DELETE /faults':
        case 'POST /faults/clear':
          faults.clear();
          return { rules: [] };
        case 'POST /rate-limits':
          faults.useAwsRateLimits(b.enabled !== false);
          return { enabled: b.enabled !== false };
        case 'GET /calls': {
          const op = query.get('operation') ?? undefined;
          return {
            total: calls.count(op),
            byOperation: calls.byOperation(),
            ...(query.get('details') === '1' ? { calls: calls.list(op) } : {}),
          };
        }
        case 'POST /calls/reset':
          calls.reset();
          return { total: 0 };
        case 'POST /reset': {
          const name = b.scenario;
          if (name !== undefined && !SCENARIOS.includes(name as ScenarioName))
            throw new Error('unknown scenario');
          reset(name as ScenarioName | undefined);
          return { ok: true };
        }
        case 'POST /live-tail/end': {
          const how = b.how ?? b.kind ?? 'timeout';
          if (how !== 'timeout' && how !== 'drop' && how !== 'error')
            throw new Error('how must be timeout, drop or error');
          return { ended: liveTail.endAll(how) };
        }
        case 'POST /hook-outcomes': {
          if (typeof b.hookTargetArn !== 'string') throw new Error('hookTargetArn must be a string');
          setHookOutcome(b.hookTargetArn, b.outcome === null ? undefined : (b.outcome as HookOutcome));
          return { hookOutcomes: Object.fromEntries(engine.lifecycle.hookOutcomes) };
        }
        case 'POST /advance': {
          const ms = typeof b.ms === 'number' ? b.ms : NaN;
          advance(ms);
          return { simulatedMs: clock.simNow() };
        }
        case 'GET /state':
          return {
            clusters: state.clusters.size,
            services: state.services.size,
            tasks: state.tasks.size,
            liveTasks: state.liveTasks.size,
            taskDefinitions: state.taskDefinitions.size,
            logGroups: state.logs.groups.size,
            liveTailSessions: liveTail.count,
          };
        default:
          return undefined;
      }
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  sessionHub.attach(server, port);

  let last = Date.now();
  const ticker = setInterval(() => {
    const now = Date.now();
    const from = clock.simNow();
    clock.tick((now - last) * speed);
    last = now;
    engine.step(from);
  }, TICK_MS);
  ticker.unref();

  return {
    url,
    port,
    region,
    accountId,
    adminToken,
    faults,
    calls,
    state,
    advance,
    reset,
    setHookOutcome,
    endLiveTailSessions: (how = 'timeout') => liveTail.endAll(how),
    sessions: () => sessionHub.sessions(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(ticker);
      for (const [timer, resolve] of pendingDelays) {
        clearTimeout(timer);
        resolve();
      }
      pendingDelays.clear();
      liveTail.endAll('drop');
      sessionHub.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      destroySockets();
      await closed;
    },
  };
}
