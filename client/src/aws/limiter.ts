/**
 * A client-side token-bucket limiter per ECS throttling bucket, so the explorer never empties the
 * account's shared buckets (the console, CI and other tools draw from the same ones).
 *
 * Each bucket runs at a fraction of AWS's documented burst/sustained rate. Interactive requests
 * (what the user clicked) are served first and may use the whole client bucket; background
 * requests (auto-refresh) may only take tokens while more than half the bucket is left, and at a
 * quarter of the sustained rate, so a click never waits behind a refresh.
 */
import type { Priority } from './gateway';

/** ECS token buckets ("Request throttling for the Amazon ECS API"). */
export type EcsBucket =
  'clusterReads' | 'serviceReads' | 'taskReads' | 'taskDefinitionReads' | 'register' | 'serviceWrites';

/** AWS's documented [burst, sustained per second] per bucket. */
export const AWS_ECS_BUCKETS: Readonly<Record<EcsBucket, { burst: number; rate: number }>> = {
  clusterReads: { burst: 50, rate: 20 },
  serviceReads: { burst: 100, rate: 20 },
  taskReads: { burst: 100, rate: 20 },
  taskDefinitionReads: { burst: 50, rate: 20 },
  register: { burst: 20, rate: 1 },
  serviceWrites: { burst: 50, rate: 5 },
};

/** The bucket each operation draws from. */
export const OPERATION_BUCKET: Readonly<Record<string, EcsBucket>> = {
  ListClusters: 'clusterReads',
  DescribeClusters: 'clusterReads',
  // Not in the documented table: paced with the cluster reads, the smallest read bucket.
  ListContainerInstances: 'clusterReads',
  DescribeContainerInstances: 'clusterReads',
  ListServices: 'serviceReads',
  DescribeServices: 'serviceReads',
  ListServiceDeployments: 'serviceReads',
  DescribeServiceDeployments: 'serviceReads',
  ListTasks: 'taskReads',
  DescribeTasks: 'taskReads',
  ListTaskDefinitions: 'taskDefinitionReads',
  ListTaskDefinitionFamilies: 'taskDefinitionReads',
  DescribeTaskDefinition: 'taskDefinitionReads',
  RegisterTaskDefinition: 'register',
  UpdateService: 'serviceWrites',
  CreateService: 'serviceWrites',
  DeleteService: 'serviceWrites',
  StopServiceDeployment: 'serviceWrites',
  ContinueServiceDeployment: 'serviceWrites',
  StopTask: 'taskReads',
};

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { unref?(): void };
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
};

export interface LimiterOptions {
  /** Fraction of AWS's burst and rate the client allows itself (default 0.8). */
  readonly share?: number;
  /** Fraction of the client bucket background requests must leave untouched (default 0.5). */
  readonly backgroundReserve?: number;
  /** Fraction of the sustained rate background requests may use (default 0.25). */
  readonly backgroundRate?: number;
  readonly clock?: Clock;
}

interface Waiter {
  readonly priority: Priority;
  readonly resolve: () => void;
}

/** One token bucket with a priority queue in front of it. */
export class PriorityTokenBucket {
  private tokens: number;
  private backgroundTokens: number;
  private last: number;
  private readonly interactive: Waiter[] = [];
  private readonly background: Waiter[] = [];
  private timer: { unref?(): void } | undefined;
  /** Times a request had to wait for a token (for tests and the benchmark). */
  waits = 0;

  constructor(
    readonly capacity: number,
    readonly ratePerSecond: number,
    private readonly reserve: number,
    private readonly backgroundRatePerSecond: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = capacity;
    this.backgroundTokens = Math.max(1, capacity - reserve);
    this.last = clock.now();
  }

  /** Resolves when a request of this priority may go. */
  acquire(priority: Priority): Promise<void> {
    return new Promise<void>((resolve) => {
      (priority === 'interactive' ? this.interactive : this.background).push({ priority, resolve });
      this.pump();
    });
  }

  /** Tokens left now (after refill). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Requests queued. */
  queued(): number {
    return this.interactive.length + this.background.length;
  }

  private refill(): void {
    const now = this.clock.now();
    const seconds = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.capacity, this.tokens + seconds * this.ratePerSecond);
    this.backgroundTokens = Math.min(
      Math.max(1, this.capacity - this.reserve),
      this.backgroundTokens + seconds * this.backgroundRatePerSecond,
    );
  }

  private pump(): void {
    this.refill();
    while (this.interactive.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.interactive.shift()?.resolve();
    }
    while (
      this.interactive.length === 0 &&
      this.background.length > 0 &&
      this.tokens - 1 >= this.reserve &&
      this.backgroundTokens >= 1
    ) {
      this.tokens -= 1;
      this.backgroundTokens -= 1;
      this.background.shift()?.resolve();
    }
    if (this.queued() > 0 && this.timer === undefined) {
      this.waits++;
      const ms = this.msUntilNext();
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, ms);
      this.timer.unref?.();
    }
  }

  private msUntilNext(): number {
    const needMain = this.interactive.length > 0 ? 1 - this.tokens : 1 + this.reserve - this.tokens;
    let ms = Math.max(0, needMain) / this.ratePerSecond;
    if (this.interactive.length === 0) {
      ms = Math.max(ms, Math.max(0, 1 - this.backgroundTokens) / this.backgroundRatePerSecond);
    }
    return Math.max(1, Math.ceil(ms * 1000));
  }
}

/** The buckets of one account+Region (here: one connection). */
export class EcsLimiter {
  private readonly buckets = new Map<EcsBucket, PriorityTokenBucket>();

  constructor(private readonly options: LimiterOptions = {}) {}

  bucket(name: EcsBucket): PriorityTokenBucket {
    let b = this.buckets.get(name);
    if (!b) {
      const aws = AWS_ECS_BUCKETS[name];
      const share = this.options.share ?? 0.8;
      const capacity = Math.max(1, Math.floor(aws.burst * share));
      const rate = aws.rate * share;
      b = new PriorityTokenBucket(
        capacity,
        rate,
        Math.floor(capacity * (this.options.backgroundReserve ?? 0.5)),
        rate * (this.options.backgroundRate ?? 0.25),
        this.options.clock,
      );
      this.buckets.set(name, b);
    }
    return b;
  }

  /** Waits for a token of the bucket `operation` draws from (operations without one go at once). */
  async acquire(operation: string, priority: Priority): Promise<void> {
    const name = OPERATION_BUCKET[operation];
    if (name) await this.bucket(name).acquire(priority);
  }
}
