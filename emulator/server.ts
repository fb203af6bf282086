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
  BodyTooLargeError,
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
  /** Required in the `x-emulator-admin-token` header of every `/__admin/` request. */
  adminToken: string;
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
    const authError = checkAuthorization(req.headers.authorization, service.name, deps.ctx.state.region);
    if (authError) throw authError;
    if (parseError) throw parseError;
    const streams = service.streamingOperations;
    const stream = streams && Object.hasOwn(streams, operation) ? streams[operation] : undefined;
    // Own properties only: `constructor`, `__proto__`, `toString`... are not operations (AWS answers
    // UnknownOperationException for any target it does not model).
    const handler =
      stream || !Object.hasOwn(service.operations, operation) ? undefined : service.operations[operation];
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
    if (error instanceof BodyTooLargeError) {
      sendError(res, error.apiError, requestId);
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
  const refusal = checkAdminRequest(req, deps.adminToken);
  if (refusal) {
    send(res, refusal.status, { error: refusal.error }, requestId);
    return;
  }
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

const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/i;

/**
 * The test-control API changes state and reports every request's parameters, so it only answers a
 * caller that (1) names a loopback Host (a web page cannot reach it through DNS rebinding), (2) sends
 * a JSON body as `application/json` (a cross-site form post cannot), and (3) knows the token the
 * emulator printed at start (`x-emulator-admin-token`).
 */
function checkAdminRequest(
  req: http.IncomingMessage,
  token: string,
): { status: number; error: string } | undefined {
  const host = req.headers.host ?? '';
  if (!LOOPBACK_HOST.test(host)) return { status: 403, error: 'admin requests must use a loopback Host' };
  if (req.headers['x-emulator-admin-token'] !== token)
    return { status: 401, error: 'missing or wrong x-emulator-admin-token header' };
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (hasBody && type !== 'application/json')
    return { status: 415, error: 'admin request bodies must be application/json' };
  return undefined;
}
