/**
 * The two CloudWatch Logs calls a tail makes, behind a small port so that the tail logic (Live Tail
 * sessions, polling, backfill) stays free of SDK types, plus the adapter over the real SDK client.
 * The SDK module is loaded on first use, never at activation.
 */
import type { CloudWatchLogsClient, StartLiveTailResponseStream } from '@aws-sdk/client-cloudwatch-logs';
import type { TailEvent } from './logEvents';
import { loadLogsSdk } from './logsClient';

export interface LiveTailRequest {
  /** Log group ARNs (at most 10). */
  readonly logGroupArns: readonly string[];
  /** Only with exactly one group (a CloudWatch rule); at most 100. */
  readonly logStreamNames?: readonly string[];
  readonly filterPattern?: string;
}

/** What a Live Tail session streams, without the SDK's union type. */
export type LiveTailMessage =
  | { readonly kind: 'start'; readonly sessionId?: string; readonly requestId?: string }
  | { readonly kind: 'update'; readonly events: TailEvent[]; readonly sampled: boolean };

export interface FilterRequest {
  readonly logGroupName: string;
  /** At most 100 (a CloudWatch rule). */
  readonly logStreamNames?: readonly string[];
  readonly startTime?: number;
  readonly endTime?: number;
  readonly filterPattern?: string;
  readonly nextToken?: string;
  readonly limit?: number;
}

export interface FilterPage {
  readonly events: TailEvent[];
  readonly nextToken?: string;
}

/** The CloudWatch Logs operations a tail uses; errors are thrown as the SDK throws them. */
export interface LogsApi {
  startLiveTail(request: LiveTailRequest, signal: AbortSignal): Promise<AsyncIterable<LiveTailMessage>>;
  filterLogEvents(request: FilterRequest, signal: AbortSignal): Promise<FilterPage>;
}

/** The group name from a Live Tail `logGroupIdentifier` (an ARN, possibly ending in `:*`, or a name). */
export function groupNameOf(identifier: string): string {
  const marker = ':log-group:';
  const at = identifier.indexOf(marker);
  const name = at >= 0 ? identifier.slice(at + marker.length) : identifier;
  return name.endsWith(':*') ? name.slice(0, -2) : name;
}

async function* liveTailMessages(
  stream: AsyncIterable<StartLiveTailResponseStream>,
): AsyncGenerator<LiveTailMessage, void, undefined> {
  for await (const item of stream) {
    if (item.sessionStart) {
      yield { kind: 'start', sessionId: item.sessionStart.sessionId, requestId: item.sessionStart.requestId };
    } else if (item.sessionUpdate) {
      const events: TailEvent[] = [];
      for (const e of item.sessionUpdate.sessionResults ?? []) {
        events.push({
          logGroup: groupNameOf(e.logGroupIdentifier ?? ''),
          logStream: e.logStreamName ?? '',
          timestamp: e.timestamp ?? 0,
          ...(e.ingestionTime !== undefined ? { ingestionTime: e.ingestionTime } : {}),
          message: e.message ?? '',
        });
      }
      yield { kind: 'update', events, sampled: item.sessionUpdate.sessionMetadata?.sampled === true };
    } else if (item.SessionTimeoutException) {
      // Modelled stream errors can arrive as members rather than thrown: rethrow them as errors.
      throw Object.assign(new Error(item.SessionTimeoutException.message ?? 'Live Tail session timed out'), {
        name: 'SessionTimeoutException',
      });
    } else if (item.SessionStreamingException) {
      throw Object.assign(new Error(item.SessionStreamingException.message ?? 'Live Tail stream failed'), {
        name: 'SessionStreamingException',
      });
    }
  }
}

/** A LogsApi over an SDK client (one per connection and Region), which may still be being created. */
export function sdkLogsApi(clientOrPromise: CloudWatchLogsClient | Promise<CloudWatchLogsClient>): LogsApi {
  const sdk = loadLogsSdk();
  const ready = Promise.all([sdk, clientOrPromise]);
  // Failures surface on the first call; this keeps an unused adapter from an unhandled rejection.
  ready.catch(() => undefined);
  return {
    async startLiveTail(request, signal) {
      const [{ StartLiveTailCommand }, client] = await ready;
      const response = await client.send(
        new StartLiveTailCommand({
          logGroupIdentifiers: [...request.logGroupArns],
          ...(request.logStreamNames?.length ? { logStreamNames: [...request.logStreamNames] } : {}),
          ...(request.filterPattern ? { logEventFilterPattern: request.filterPattern } : {}),
        }),
        { abortSignal: signal },
      );
      if (!response.responseStream) throw new Error('StartLiveTail returned no response stream');
      return liveTailMessages(response.responseStream);
    },
    async filterLogEvents(request, signal) {
      const [{ FilterLogEventsCommand }, client] = await ready;
      const response = await client.send(
        new FilterLogEventsCommand({
          logGroupName: request.logGroupName,
          ...(request.logStreamNames?.length ? { logStreamNames: [...request.logStreamNames] } : {}),
          ...(request.startTime !== undefined ? { startTime: request.startTime } : {}),
          ...(request.endTime !== undefined ? { endTime: request.endTime } : {}),
          ...(request.filterPattern ? { filterPattern: request.filterPattern } : {}),
          ...(request.nextToken ? { nextToken: request.nextToken } : {}),
          ...(request.limit !== undefined ? { limit: request.limit } : {}),
        }),
        { abortSignal: signal },
      );
      const events: TailEvent[] = (response.events ?? []).map((e) => ({
        logGroup: request.logGroupName,
        logStream: e.logStreamName ?? '',
        timestamp: e.timestamp ?? 0,
        ...(e.ingestionTime !== undefined ? { ingestionTime: e.ingestionTime } : {}),
        message: e.message ?? '',
        ...(e.eventId !== undefined ? { eventId: e.eventId } : {}),
      }));
      return { events, ...(response.nextToken ? { nextToken: response.nextToken } : {}) };
    },
  };
}
