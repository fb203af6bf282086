import type { ServerResponse } from 'node:http';
import type { SimClock } from './clock';
import type { Engine } from './ecs/sim/engine';
import type { LiveTailHub } from './logs/liveTail';
import type { JsonObject } from './model';
import type { EmulatorState } from './state';

/** What every API handler works with. */
export interface HandlerContext {
  readonly state: EmulatorState;
  readonly engine: Engine;
  readonly clock: SimClock;
}

/** One API operation: request members in, response members out (errors are thrown ApiErrors). */
export type Handler = (ctx: HandlerContext, params: JsonObject) => Record<string, unknown>;

/** The services the emulator speaks, by SigV4 signing name (also the `service` of calls and faults). */
export type ServiceName = 'ecs' | 'logs' | 'ssm';

/** The long-lived parts a streaming operation works with. */
export interface StreamHubs {
  readonly liveTail: LiveTailHub;
}

/** Where a streaming operation writes its answer. */
export interface StreamTarget {
  readonly res: ServerResponse;
  readonly requestId: string;
  /** Fault injection: cut the connection this many wall ms into the stream. */
  readonly dropAfterMs?: number | undefined;
}

/**
 * A streaming operation (Live Tail): validates the request (throwing ApiErrors) and then answers on
 * the HTTP response itself, for as long as the stream lasts.
 */
export type StreamHandler = (hubs: StreamHubs, params: JsonObject, target: StreamTarget) => void;

/**
 * One AWS service as the HTTP front dispatches to it; each service folder exports one and server.ts
 * lists them. Adding a service (IAM, SSM, ...) is a folder with its handlers and one of these.
 */
export interface ServiceDefinition {
  /** SigV4 signing name: the service part of the credential scope. */
  readonly name: ServiceName;
  /** AWS JSON 1.1 `X-Amz-Target` prefix, e.g. `AmazonEC2ContainerServiceV20141113`. */
  readonly targetPrefix: string;
  /** Every operation the emulator implements for the service, by name. */
  readonly operations: Record<string, Handler>;
  /** Operations whose answer is an event stream, by name. */
  readonly streamingOperations?: Record<string, StreamHandler>;
}
