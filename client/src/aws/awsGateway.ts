/**
 * The `EcsGateway` over the AWS SDK. Every request goes through `send()`: it waits for a token of
 * its ECS bucket (interactive before background), retries throttling/5xx/network errors with full
 * jitter until a deadline (5 s for what the user clicked, 30 s for background refresh), and is
 * counted. Listings are batched to the API's maxima (ListServices 100 + DescribeServices 10 run
 * concurrently, ListTasks/DescribeTasks 100, ListClusters/DescribeClusters 100), cached with a short
 * TTL, and de-duplicated while in flight; task definition revisions are cached forever.
 */
import { listContainerInstancePages, listTaskDefinitionRefs, listTaskPages } from './awsListings';
import { toCluster, toService, toTaskDefinition } from './awsMappers';
import { chunk, mapConcurrent } from './batching';
import { ResultCache } from './cache';
import { isRetryable, toGatewayError } from './errors';
import {
  connectionKey,
  fail,
  ok,
  parseTaskDefinitionArn,
  type Cluster,
  type Connection,
  type ContainerInstance,
  type EcsGateway,
  type Page,
  type Priority,
  type ReadOptions,
  type Result,
  type Service,
  type Task,
  type TaskDefinition,
  type TaskDefinitionRef,
  type TaskQuery,
} from './gateway';
import { EcsLimiter } from './limiter';
import { EcsClientPool, loadEcsSdk } from './sdkClients';
import { sleep } from './abortableDelay';
import {
  RequestError,
  WRITE_OPERATIONS,
  type AwsGatewayOptions,
  type GatewayStats,
  type GatewayWrite,
  type RetryPolicy,
  type Sender,
} from './gatewayRequests';

export class AwsGateway implements EcsGateway {
  readonly cache = new ResultCache();
  readonly stats: GatewayStats = { calls: {}, throttled: 0, retries: 0 };
  private readonly pool = new EcsClientPool();
  private readonly limiters = new Map<string, EcsLimiter>();
  private readonly listTtl: number;
  private readonly writeListeners = new Set<(write: GatewayWrite) => void>();

  constructor(private readonly options: AwsGatewayOptions = {}) {
    this.listTtl = options.listTtlMs ?? 15_000;
  }

  /** Calls `listener` after each successful write (register, update service, stop task...). */
  onDidWrite(listener: (write: GatewayWrite) => void): { dispose(): void } {
    this.writeListeners.add(listener);
    return { dispose: () => this.writeListeners.delete(listener) };
  }

  /** The limiter of a connection (one set of ECS buckets per account and Region). */
  limiter(c: Connection): EcsLimiter {
    const key = connectionKey(c);
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new EcsLimiter(this.options.limiter);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  /**
   * One API request: limiter, deadline, retries with jitter. Throws a `RequestError`. `deadlineMs`
   * overrides the priority's budget (writes that must not be cut short).
   */
  async send<O>(
    c: Connection,
    operation: string,
    priority: Priority,
    sender: Sender<O>,
    retry: RetryPolicy = 'retryable',
    deadlineMs?: number,
  ): Promise<O> {
    const budget =
      deadlineMs ??
      (priority === 'interactive'
        ? (this.options.interactiveDeadlineMs ?? 5000)
        : (this.options.backgroundDeadlineMs ?? 30_000));
    const deadline = Date.now() + budget;
    // The failure that made us retry: when the deadline then cuts the next attempt short, that
    // failure (say, throttling) is the reason we ran out of time, not the abort it caused.
    let previous: unknown;
    for (let attempt = 0; ; attempt++) {
      let abort: AbortController | undefined;
      try {
        const [sdk, client] = await Promise.all([loadEcsSdk(), this.pool.get(c)]);
        await this.limiter(c).acquire(operation, priority);
        this.stats.calls[operation] = (this.stats.calls[operation] ?? 0) + 1;
        const controller = new AbortController();
        abort = controller;
        const timer = setTimeout(() => controller.abort(), Math.max(1, deadline - Date.now()));
        try {
          const output = await sender(sdk, client, { abortSignal: controller.signal });
          if (WRITE_OPERATIONS.has(operation)) this.wrote(c, operation);
          return output;
        } finally {
          clearTimeout(timer);
        }
      } catch (error) {
        if (abort?.signal.aborted && previous !== undefined) throw new RequestError(operation, previous);
        previous = error;
        const kind = toGatewayError(error, c).kind;
        if (kind === 'Throttled') this.stats.throttled++;
        // Full jitter: a random pause up to an exponentially growing cap.
        const pause = Math.random() * Math.min(2000, 150 * 2 ** attempt);
        const again =
          retry === 'retryable' ? isRetryable(error) : retry === 'throttled' && kind === 'Throttled';
        if (!again || Date.now() + pause >= deadline) throw new RequestError(operation, error);
        this.stats.retries++;
        this.options.log?.(
          'debug',
          `${operation} failed (${kind}); retry ${attempt + 1} in ${Math.round(pause)} ms`,
        );
        await sleep(pause);
      }
    }
  }

  private wrote(c: Connection, operation: string): void {
    this.invalidate(c);
    for (const listener of this.writeListeners) {
      try {
        listener({ connection: c, operation });
      } catch (error) {
        this.options.log?.('warn', `A write listener failed: ${String(error)}`);
      }
    }
  }

  /** Runs `load` through the cache; exceptions become `GatewayError` values. */
  private read<T>(
    c: Connection,
    key: string,
    defaultMaxAge: number,
    o: ReadOptions | undefined,
    load: (priority: Priority) => Promise<T>,
  ): Promise<Result<T>> {
    const priority = o?.priority ?? 'interactive';
    return this.cache.get(`${connectionKey(c)}#${key}`, o?.maxAge ?? defaultMaxAge, async () => {
      try {
        return ok(await load(priority));
      } catch (error) {
        const operation = error instanceof RequestError ? error.operation : undefined;
        const original = error instanceof RequestError ? error.original : error;
        const gatewayError = toGatewayError(original, c, operation);
        this.options.log?.('warn', `${operation ?? key}: ${gatewayError.detail}`);
        return fail(gatewayError);
      }
    });
  }

  listClusters(c: Connection, o?: ReadOptions): Promise<Result<readonly Cluster[]>> {
    return this.read(c, 'clusters', this.listTtl, o, async (p) => {
      const arns: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await this.send(c, 'ListClusters', p, (sdk, client, opts) =>
          client.send(new sdk.ListClustersCommand({ maxResults: 100, nextToken }), opts),
        );
        arns.push(...(page.clusterArns ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      const described = await mapConcurrent(chunk(arns, 100), 4, (clusters) =>
        this.send(c, 'DescribeClusters', p, (sdk, client, opts) =>
          client.send(new sdk.DescribeClustersCommand({ clusters }), opts),
        ),
      );
      return described
        .flatMap((r) => r.clusters ?? [])
        .map(toCluster)
        .sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  private async listServiceArns(
    c: Connection,
    cluster: string,
    nextToken: string | undefined,
    p: Priority,
  ): Promise<{ arns: string[]; nextToken?: string }> {
    const page = await this.send(c, 'ListServices', p, (sdk, client, opts) =>
      client.send(new sdk.ListServicesCommand({ cluster, maxResults: 100, nextToken }), opts),
    );
    return { arns: page.serviceArns ?? [], ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  }

  private async describeServiceArns(
    c: Connection,
    cluster: string,
    arns: readonly string[],
    p: Priority,
  ): Promise<{ services: Service[]; failures: string[] }> {
    const responses = await mapConcurrent(
      chunk(arns, 10),
      this.options.describeConcurrency ?? 10,
      (services) =>
        this.send(c, 'DescribeServices', p, (sdk, client, opts) =>
          client.send(new sdk.DescribeServicesCommand({ cluster, services }), opts),
        ),
    );
    const services = responses.flatMap((r) => r.services ?? []).map(toService);
    const failures = responses
      .flatMap((r) => r.failures ?? [])
      .map((f) => `${f.arn ?? '?'}: ${f.reason ?? ''}`);
    if (failures.length > 0) this.options.log?.('info', `DescribeServices failures: ${failures.join(', ')}`);
    return { services, failures };
  }

  listServices(
    c: Connection,
    cluster: string,
    nextToken?: string,
    o?: ReadOptions,
  ): Promise<Result<Page<Service>>> {
    return this.read(c, `services:${cluster}:${nextToken ?? ''}`, this.listTtl, o, async (p) => {
      const page = await this.listServiceArns(c, cluster, nextToken, p);
      const { services, failures } = await this.describeServiceArns(c, cluster, page.arns, p);
      return {
        items: services.sort((a, b) => a.name.localeCompare(b.name)),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
        ...(failures.length > 0 ? { failures } : {}),
      };
    });
  }

  listAllServices(
    c: Connection,
    cluster: string,
    o?: ReadOptions & { readonly onPage?: (services: readonly Service[]) => void },
  ): Promise<Result<readonly Service[]>> {
    return this.read(c, `services-all:${cluster}:`, this.listTtl, o, async (p) => {
      // Pipelined: page N is described while page N+1 is listed.
      const described: Promise<Service[]>[] = [];
      let nextToken: string | undefined;
      do {
        const page = await this.listServiceArns(c, cluster, nextToken, p);
        described.push(
          this.describeServiceArns(c, cluster, page.arns, p).then(({ services }) => {
            o?.onPage?.(services);
            return services;
          }),
        );
        nextToken = page.nextToken;
      } while (nextToken);
      return (await Promise.all(described)).flat().sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  describeServices(
    c: Connection,
    cluster: string,
    names: readonly string[],
    o?: ReadOptions,
  ): Promise<Result<readonly Service[]>> {
    return this.read(c, `describe-services:${cluster}:${[...names].sort().join(',')}`, 0, o, async (p) => {
      const { services } = await this.describeServiceArns(c, cluster, names, p);
      return services;
    });
  }

  listTasks(c: Connection, cluster: string, q: TaskQuery, o?: ReadOptions): Promise<Result<readonly Task[]>> {
    const limit = q.limit ?? 1000;
    const key = `tasks:${cluster}:${q.serviceName ?? '*'}:${q.desiredStatus}:${limit}`;
    return this.read(c, key, this.listTtl, o, async (p) => {
      return listTaskPages(
        (operation, sender) => this.send(c, operation, p, sender),
        cluster,
        q,
        this.options.log,
      );
    });
  }

  listContainerInstances(
    c: Connection,
    cluster: string,
    o?: ReadOptions,
  ): Promise<Result<readonly ContainerInstance[]>> {
    return this.read(c, `instances:${cluster}:`, this.listTtl, o, async (p) =>
      listContainerInstancePages((operation, sender) => this.send(c, operation, p, sender), cluster),
    );
  }

  listTaskDefinitionFamilies(
    c: Connection,
    nextToken?: string,
    o?: ReadOptions,
  ): Promise<Result<Page<string>>> {
    return this.read(c, `td-families:${nextToken ?? ''}`, this.listTtl * 4, o, async (p) => {
      const r = await this.send(c, 'ListTaskDefinitionFamilies', p, (sdk, client, opts) =>
        client.send(
          new sdk.ListTaskDefinitionFamiliesCommand({ status: 'ALL', maxResults: 100, nextToken }),
          opts,
        ),
      );
      return { items: r.families ?? [], ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
    });
  }

  listTaskDefinitionRevisions(
    c: Connection,
    family: string,
    o?: ReadOptions,
  ): Promise<Result<readonly TaskDefinitionRef[]>> {
    return this.read(c, `td-revisions:${family}`, this.listTtl * 2, o, async (p) => {
      return listTaskDefinitionRefs((operation, sender) => this.send(c, operation, p, sender), family);
    });
  }

  describeTaskDefinition(
    c: Connection,
    arnOrFamilyRevision: string,
    o?: ReadOptions,
  ): Promise<Result<TaskDefinition>> {
    const { family, revision } = parseTaskDefinitionArn(arnOrFamilyRevision);
    // A revision never changes; `family` alone means "latest", which does.
    const immutable = revision > 0;
    const key = immutable ? `td:${family}:${revision}` : `td-latest:${family}`;
    return this.read(
      c,
      key,
      immutable ? Infinity : 0,
      immutable ? { ...o, maxAge: Infinity } : o,
      async (p) => {
        const r = await this.send(c, 'DescribeTaskDefinition', p, (sdk, client, opts) =>
          client.send(new sdk.DescribeTaskDefinitionCommand({ taskDefinition: arnOrFamilyRevision }), opts),
        );
        if (!r.taskDefinition)
          throw Object.assign(new Error(`Task definition ${arnOrFamilyRevision} not found`), {
            name: 'ResourceNotFoundException',
          });
        return toTaskDefinition(r.taskDefinition);
      },
    );
  }

  invalidate(c?: Connection, cluster?: string): void {
    if (c && cluster) {
      const prefix = `${connectionKey(c)}#`;
      for (const scope of ['services', 'services-all', 'tasks', 'instances'])
        this.cache.invalidate(`${prefix}${scope}:${cluster}:`);
      return;
    }
    // Immutable revisions stay: re-reading them would only cost calls.
    this.cache.invalidate(c ? `${connectionKey(c)}#` : '', (key) => key.includes('#td:'));
  }

  dispose(): void {
    this.pool.dispose();
  }
}

/** The gateway the extension uses. */
export function createAwsGateway(options: AwsGatewayOptions = {}): AwsGateway {
  return new AwsGateway(options);
}
