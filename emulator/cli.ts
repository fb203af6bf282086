import type { FaultKind } from './faults';
import { startEmulator, type FaultRule } from '.';
import { SCENARIOS, type ScenarioName } from './scenarios';

/**
 * `npm run emulator -- [--port N] [--scenario demo|empty|big] [--services N] [--speed X] [--seed N]
 * [--live-tail-timeout-ms N] [--aws-rate-limits]`: runs the emulator until Ctrl-C / SIGTERM.
 */

const USAGE = `Usage: npm run emulator -- [options]
  --port N                 port on 127.0.0.1 (default 4599; 0 picks a free one)
  --scenario NAME          demo | empty | big | crashloop (default demo)
  --services N             services of the big scenario (default 1000)
  --speed X                simulated-time multiplier (default 1)
  --region R               default us-east-1
  --seed N                 pseudo-random seed (default 1)
  --live-tail-timeout-ms N Live Tail session timeout (default 3 hours)
  --aws-rate-limits        throttle like AWS's documented request rates
  --fault OP:KIND[:RATE]   inject a fault (repeatable), e.g. --fault ListServices:throttle:0.3
                           kinds: throttle, accessDenied, expiredToken, serverError, latency, dropStream
                           (OP may be * for every operation)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const faults: FaultRule[] = [];

function parseFault(spec: string): FaultRule {
  const [operation, kind, rate] = spec.split(':');
  const kinds = ['throttle', 'accessDenied', 'expiredToken', 'serverError', 'latency', 'dropStream'];
  if (!operation || !kind || !kinds.includes(kind))
    fail(`--fault ${spec}: expected OPERATION:KIND[:RATE], KIND one of ${kinds.join(', ')}`);
  const rule: FaultRule = { operation, kind: kind as FaultKind };
  if (rate !== undefined) {
    const n = Number(rate);
    if (!(n >= 0 && n <= 1)) fail(`--fault ${spec}: RATE must be between 0 and 1`);
    rule.rate = n;
  }
  return rule;
}

function parse(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    }
    if (!arg.startsWith('--')) fail(`Unexpected argument: ${arg}`);
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (key === 'aws-rate-limits') {
      out[key] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`--${key} needs a value`);
    if (key === 'fault') faults.push(parseFault(value));
    else out[key] = value;
  }
  return out;
}

function num(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value === true || !Number.isFinite(n) || n < 0) fail(`--${name} must be a non-negative number`);
  return n;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const known = [
    'port',
    'scenario',
    'services',
    'speed',
    'region',
    'seed',
    'live-tail-timeout-ms',
    'aws-rate-limits',
  ];
  for (const key of Object.keys(args)) if (!known.includes(key)) fail(`Unknown option --${key}`);
  const scenario = args.scenario ?? 'demo';
  if (!SCENARIOS.includes(scenario as ScenarioName))
    fail(`--scenario must be one of ${SCENARIOS.join(', ')}`);
  const speed = num(args.speed, 'speed');
  if (speed === 0) fail('--speed must be greater than 0');
  const began = Date.now();
  const timeout = num(args['live-tail-timeout-ms'], 'live-tail-timeout-ms');
  const services = num(args.services, 'services');
  const seed = num(args.seed, 'seed');
  const emulator = await startEmulator({
    port: num(args.port, 'port') ?? 4599,
    scenario: scenario as ScenarioName,
    ...(services !== undefined ? { services } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(typeof args.region === 'string' ? { region: args.region } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(timeout !== undefined ? { liveTailSessionTimeoutMs: timeout } : {}),
  }).catch((error: unknown) =>
    fail(`Could not start the emulator: ${error instanceof Error ? error.message : String(error)}`),
  );
  if (args['aws-rate-limits'] === true) emulator.faults.useAwsRateLimits(true);
  if (faults.length > 0) emulator.faults.set(faults);
  const s = emulator.state;
  console.log(
    `ECS emulator listening on ${emulator.url} (scenario ${scenario}: ${s.clusters.size} clusters, ${s.services.size} services, ` +
      `${s.liveTasks.size} tasks; speed ${speed ?? 1}; region ${emulator.region}; ready in ${Date.now() - began} ms)`,
  );
  console.log(
    `Admin token: ${emulator.adminToken} (header x-emulator-admin-token for ${emulator.url}/__admin/)`,
  );
  console.log(`Try: aws --endpoint-url ${emulator.url} --region ${emulator.region} ecs list-clusters`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the emulator`);
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
