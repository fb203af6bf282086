/**
 * CloudWatch Logs clients, one per connection, loaded on first use like the ECS ones. Against a
 * custom endpoint the client needs `disableHostPrefix`, or StartLiveTail would go to
 * `streaming-<endpoint host>`.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { Connection } from './gateway';
import { ClientPool, credentialsFor, FAST_FAIL } from './sdkClients';

export type LogsSdk = typeof import('@aws-sdk/client-cloudwatch-logs');

let logsSdk: Promise<LogsSdk> | undefined;

/** The CloudWatch Logs SDK module, imported on the first call. */
export function loadLogsSdk(): Promise<LogsSdk> {
  logsSdk ??= import('@aws-sdk/client-cloudwatch-logs');
  return logsSdk;
}

export interface LogsClientOptions {
  /** SDK attempts per request (default 1: callers decide how to retry). */
  readonly maxAttempts?: number;
}

/** One CloudWatch Logs client per connection. */
export class LogsClientPool extends ClientPool<CloudWatchLogsClient> {
  constructor(options: LogsClientOptions = {}) {
    super((c) => createLogsClient(c, options));
  }
}

/** A new CloudWatch Logs client for a connection. */
export async function createLogsClient(
  c: Connection,
  options: LogsClientOptions = {},
): Promise<CloudWatchLogsClient> {
  const [sdk, credentials] = await Promise.all([loadLogsSdk(), credentialsFor(c)]);
  return new sdk.CloudWatchLogsClient({
    region: c.region,
    credentials,
    ...FAST_FAIL,
    // Live Tail streams may stay open for hours: no request timeout on this client.
    requestHandler: { connectionTimeout: FAST_FAIL.requestHandler.connectionTimeout },
    maxAttempts: options.maxAttempts ?? 1,
    ...(c.endpoint ? { endpoint: c.endpoint, disableHostPrefix: true } : {}),
  });
}
