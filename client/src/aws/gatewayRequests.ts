/** The request plumbing types of the AWS gateway: options, counters, retry policy, senders, write events. */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Connection } from './gateway';
import type { LimiterOptions } from './limiter';
import type { EcsSdk } from './sdkClients';

export interface AwsGatewayOptions {
  /** Where diagnostics go (never credentials). */
  readonly log?: (level: 'debug' | 'info' | 'warn', message: string) => void;
  readonly limiter?: LimiterOptions;
  /** How long listings are served from memory (default 15 s). */
  readonly listTtlMs?: number;
  /** Total time an interactive read may take, retries included (default 5 s). */
  readonly interactiveDeadlineMs?: number;
  /** Same for background reads (default 30 s). */
  readonly backgroundDeadlineMs?: number;
  /** Concurrent DescribeServices calls per page (default 10: one page of ListServices at once). */
  readonly describeConcurrency?: number;
}

/** Counters for tests, the benchmark and the log. */
export interface GatewayStats {
  /** Requests sent, by operation (retries included). */
  readonly calls: Record<string, number>;
  /** Requests that came back throttled. */
  throttled: number;
  /** Retries made after a retryable error. */
  retries: number;
}

/**
 * Which failures `send` retries: any retryable one (reads, idempotent writes), only throttling (the
 * request was refused, so nothing happened: safe for RegisterTaskDefinition, which has no client
 * token), or none.
 */
export type RetryPolicy = 'retryable' | 'throttled' | 'never';

export type Sender<O> = (sdk: EcsSdk, client: ECSClient, options: { abortSignal: AbortSignal }) => Promise<O>;

/** A failed request, carrying its operation; `read` and the write helpers turn it into a `GatewayError`. */
export class RequestError extends Error {
  constructor(
    readonly operation: string,
    readonly original: unknown,
  ) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/** Operations that change what the explorer shows: after one succeeds, cached listings of its connection go. */
export const WRITE_OPERATIONS = new Set([
  'CreateService',
  'UpdateService',
  'DeleteService',
  'RegisterTaskDefinition',
  'DeregisterTaskDefinition',
  'DeleteTaskDefinitions',
  'RunTask',
  'StartTask',
  'StopTask',
  'StopServiceDeployment',
  'UpdateServicePrimaryTaskSet',
]);

/** A write that succeeded, for views that show what it changed. */
export interface GatewayWrite {
  readonly connection: Connection;
  readonly operation: string;
}
