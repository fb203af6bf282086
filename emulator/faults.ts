import type { ServiceName } from './context';
import { Rng } from './clock';
import { ApiError } from './protocol/errors';

/** What a fault does to the requests it matches. */
export type FaultKind =
  'throttle' | 'accessDenied' | 'expiredToken' | 'serverError' | 'latency' | 'dropStream';

/**
 * A fault injected on demand. Matching requests fail (or are delayed, or, for StartLiveTail, have
 * their stream cut) with probability `rate`; `count` limits how many requests the rule affects.
 */
export interface FaultRule {
  /** Operation name (`ListServices`, `StartLiveTail`...) or `*` for every operation. */
  operation: string;
  /** Restrict the rule to one service. */
  service?: ServiceName;
  kind: FaultKind;
  /** Probability in [0, 1] that a matching request is affected (default 1). */
  rate?: number;
  /** Delay added by `latency` (default 1000 ms wall time). */
  latencyMs?: number;
  /** Affect only this many requests, then the rule is spent. */
  count?: number;
  /** `throttle` as a token bucket of this many requests per second (burst = tps) instead of `rate`. */
  tps?: number;
  /** `dropStream`: wall ms after the live tail stream starts before it is cut (default 200). */
  afterMs?: number;
}

/** What the HTTP layer must do with one request. */
export interface FaultDecision {
  latencyMs: number;
  error?: ApiError;
  dropStreamAfterMs?: number;
}

/** Fault injection and rate limiting, settable in-process or through `POST /__admin/faults`. */
export interface FaultController {
  /** Adds one rule or several. */
  set(rule: FaultRule | FaultRule[]): void;
  /** Removes every rule (AWS rate limits stay as configured). */
  clear(): void;
  /** The active rules. */
  list(): readonly FaultRule[];
  /** Turns on/off token buckets matching AWS's documented ECS and CloudWatch Logs request rates. */
  useAwsRateLimits(enabled: boolean): void;
}

class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * AWS's documented buckets ("Request throttling for the Amazon ECS API"; CloudWatch Logs quotas,
 * us-east-1): [burst, sustained per second], shared by the operations of each group.
 */
const AWS_BUCKETS: Record<string, { burst: number; rate: number; operations: string[] }> = {
  clusterReads: { burst: 50, rate: 20, operations: ['DescribeClusters', 'ListClusters'] },
  serviceReads: {
    burst: 100,
    rate: 20,
    operations: ['DescribeServices', 'ListServices', 'ListServiceDeployments', 'DescribeServiceDeployments'],
  },
  taskReads: { burst: 100, rate: 20, operations: ['DescribeTasks', 'ListTasks'] },
  taskDefinitionReads: {
    burst: 50,
    rate: 20,
    operations: ['DescribeTaskDefinition', 'ListTaskDefinitions', 'ListTaskDefinitionFamilies'],
  },
  register: { burst: 20, rate: 1, operations: ['RegisterTaskDefinition'] },
  serviceWrites: { burst: 50, rate: 5, operations: ['CreateService', 'UpdateService', 'DeleteService'] },
  filterLogEvents: { burst: 25, rate: 25, operations: ['FilterLogEvents'] },
  getLogEvents: { burst: 25, rate: 25, operations: ['GetLogEvents'] },
  startLiveTail: { burst: 5, rate: 5, operations: ['StartLiveTail'] },
};

/** The FaultController behind `emulator.faults`. */
export class Faults implements FaultController {
  private rules: { rule: FaultRule; remaining: number; bucket?: TokenBucket }[] = [];
  private awsBuckets: Map<string, TokenBucket> | undefined;

  constructor(
    private readonly rng: Rng,
    private readonly accountId: string,
  ) {}

  set(rule: FaultRule | FaultRule[]): void {
    for (const r of Array.isArray(rule) ? rule : [rule]) {
      validateRule(r);
      this.rules.push({
        rule: { ...r },
        remaining: r.count ?? Infinity,
        ...(r.kind === 'throttle' && r.tps !== undefined ? { bucket: new TokenBucket(r.tps, r.tps) } : {}),
      });
    }
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  useAwsRateLimits(enabled: boolean): void {
    if (!enabled) {
      this.awsBuckets = undefined;
      return;
    }
    this.awsBuckets = new Map();
    for (const group of Object.values(AWS_BUCKETS)) {
      const bucket = new TokenBucket(group.burst, group.rate);
      for (const op of group.operations) this.awsBuckets.set(op, bucket);
    }
  }

  /** Decides the fate of one request. */
  decide(service: ServiceName, operation: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    const awsBucket = this.awsBuckets?.get(operation);
    if (awsBucket && !awsBucket.take()) decision.error = throttled();
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.remaining <= 0) continue;
      if (rule.operation !== '*' && rule.operation !== operation) continue;
      if (rule.service !== undefined && rule.service !== service) continue;
      if (entry.bucket) {
        if (entry.bucket.take()) continue;
      } else if (this.rng.next() >= (rule.rate ?? 1)) continue;
      entry.remaining--;
      switch (rule.kind) {
        case 'latency':
          decision.latencyMs += rule.latencyMs ?? 1000;
          break;
        case 'dropStream':
          decision.dropStreamAfterMs = rule.afterMs ?? 200;
          break;
        default:
          decision.error ??= this.errorFor(rule.kind, service, operation);
      }
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return decision;
  }

  private errorFor(kind: FaultKind, service: ServiceName, operation: string): ApiError {
    switch (kind) {
      case 'accessDenied':
        return new ApiError(
          'AccessDeniedException',
          `User: arn:aws:sts::${this.accountId}:assumed-role/ReadOnly/emulator is not authorized to perform: ` +
            `${service}:${operation} on resource: * because no identity-based policy allows the ` +
            `${service}:${operation} action`,
        );
      case 'expiredToken':
        return new ApiError('ExpiredTokenException', 'The security token included in the request is expired');
      case 'serverError':
        return service === 'ecs'
          ? new ApiError('ServerException', 'Service Unavailable. Please try again later.', 500)
          : new ApiError('ServiceUnavailableException', 'The service cannot complete the request.', 503);
      default:
        return throttled();
    }
  }
}

/** What ECS and CloudWatch Logs answer when a token bucket is empty: HTTP 400, ThrottlingException. */
function throttled(): ApiError {
  return new ApiError('ThrottlingException', 'Rate exceeded');
}

const KINDS: readonly FaultKind[] = [
  'throttle',
  'accessDenied',
  'expiredToken',
  'serverError',
  'latency',
  'dropStream',
];

function validateRule(rule: FaultRule): void {
  if (typeof rule !== 'object' || rule === null) throw new Error('a fault rule must be an object');
  if (typeof rule.operation !== 'string' || rule.operation === '') {
    throw new Error('a fault rule needs an operation (name or "*")');
  }
  if (!KINDS.includes(rule.kind)) throw new Error(`fault kind must be one of ${KINDS.join(', ')}`);
  if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1))
    throw new Error('rate must be in [0, 1]');
}
