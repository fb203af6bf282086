import http from 'node:http';
import type { Socket } from 'node:net';
import type { CallLog } from './calls';
import type { HandlerContext, ServiceDefinition } from './context';
import { ecsService } from './ecs';
import type { Faults } from './faults';
import { logsService } from './logs';
import { ssmService } from './ssm';
import type { LiveTailHub } from './logs/liveTail';
import {
  parseJsonBody,
  parseTarget,
  readBody,
  sendJson as send,
  sendJsonError as sendError,
} from './protocol/awsJson';
import { ApiError } from './protocol/errors';
import { checkAuthorization } from './protocol/sigv4';

/**
 * The HTTP front: AWS JSON 1.1 as the SDK speaks it (see protocol/awsJson.ts). `X-Amz-Target` picks
 * the service by its prefix and the operation by its name, from the services' tables below. A
 * request needs a SigV4 `Authorization` header (any credentials pass; the signature is not
 * verified). Paths under `/__admin/` are the test-control API, handled by `admin`.
 */

/** Every service the emulator speaks; a new one is a folder exporting a ServiceDefinition, listed here. */
const SERVICES: readonly ServiceDefinition[] = [ecsService, logsService, ssmService];

/** Admin requests: path (without `/__admin`), method, parsed body and query. */
export type AdminHandler = (route: string, method: string, body: unknown, query: URLSearchParams) => unknown;

export interface ServerDeps {
  ctx: HandlerContext;
  faults: Faults;
  calls: CallLog;
  liveTail: LiveTailHub;
  admin: AdminHandler;
  /** Delays a response by wall ms, cancelled when the emulator stops. */
  delay(ms: number): Promise<void>;
  newRequestId(): string;
}

export interface EmulatorServer {
  server: http.Server;
  /** Destroys every open socket (after the live tail sessions were ended). */
  destroySockets: () => void;
}

export function createEmulatorServer(deps: ServerDeps): EmulatorServer {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    void handle(deps, req, res);
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    server,
    destroySockets: () => {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
  };
}

async function handle(deps: ServerDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const requestId = deps.newRequestId();
  try {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/__admin/')) {
      await handleAdmin(deps, req, res, url, requestId);
      return;
    }
    const text = await readBody(req);
    const target = req.headers['x-amz-target'];
    if (req.method !== 'POST' || typeof target !== 'string') {
      throw new ApiError(
        'UnknownOperationException',
        'Expected a POST with an X-Amz-Target header (AWS JSON 1.1).',
        400,
      );
    }
    const { prefix, operation } = parseTarget(target);
    const service = SERVICES.find((s) => s.targetPrefix === prefix);
    const { params, error: parseError } = parseJsonBody(text);
    if (!service) throw new ApiError('UnknownOperationException', `Unknown target ${target}.`, 400);
    deps.calls.add({ service: service.name, operation, at: Date.now(), params });
    const authError = checkAuthorization(req.headers.authorization, service.name);
    if (authError) throw authError;
    if (parseError) throw parseError;
    const streams = service.streamingOperations;
    const stream = streams && Object.hasOwn(streams, operation) ? streams[operation] : undefined;
    const handler = stream ? undefined : service.operations[operation];
    if (!handler && !stream) {
      throw new ApiError('UnknownOperationException', `The emulator does not implement ${operation}.`, 400);
    }
    const decision = deps.faults.decide(service.name, operation);
    if (decision.latencyMs > 0) await deps.delay(decision.latencyMs);
    if (decision.error) throw decision.error;
    if (stream) {
      stream(deps, params, { res, requestId, dropAfterMs: decision.dropStreamAfterMs });
      return;
    }
    if (handler) send(res, 200, handler(deps.ctx, params), requestId);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof ApiError) sendError(res, error, requestId);
    else sendError(res, new ApiError('ServerException', `Internal error: ${String(error)}`, 500), requestId);
  }
}

async function handleAdmin(
  deps: ServerDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  requestId: string,
): Promise<void> {
  const text = await readBody(req);
  let body: unknown = undefined;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      send(res, 400, { error: 'body is not JSON' }, requestId);
      return;
    }
  }
  try {
    const out = deps.admin(
      url.pathname.slice('/__admin'.length),
      req.method ?? 'GET',
      body,
      url.searchParams,
    );
    if (out === undefined)
      send(res, 404, { error: `no admin route ${req.method ?? ''} ${url.pathname}` }, requestId);
    else send(res, 200, out, requestId);
  } catch (error) {
    send(res, 400, { error: error instanceof Error ? error.message : String(error) }, requestId);
  }
}
