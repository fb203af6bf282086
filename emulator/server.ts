import http from 'node:http';
import type { Socket } from 'node:net';
import type { CallLog } from './calls';
import type { Handler, HandlerContext } from './context';
import { clusterHandlers } from './ecs/clusters';
import { serviceDeploymentHandlers } from './ecs/serviceDeployments';
import { serviceHandlers } from './ecs/services';
import { tagHandlers } from './ecs/tags';
import { taskDefinitionHandlers } from './ecs/taskDefinitions';
import { taskHandlers } from './ecs/tasks';
import { ApiError } from './protocol/errors';
import type { Faults } from './faults';
import { logsHandlers } from './logs/api';
import type { LiveTailHub } from './logs/liveTail';
import type { JsonObject } from './model';
import { isObject } from './protocol/params';

/**
 * The HTTP front: AWS JSON 1.1 as the SDK speaks it. `X-Amz-Target` names the operation
 * (`AmazonEC2ContainerServiceV20141113.ListServices`, `Logs_20140328.FilterLogEvents`), the body is
 * the request, the answer is JSON or `{"__type", "message"}` with a 4xx/5xx status. A request needs a
 * SigV4 `Authorization` header (any credentials pass; the signature is not verified). Paths under
 * `/__admin/` are the test-control API, handled by `admin`.
 */

const ECS_PREFIX = 'AmazonEC2ContainerServiceV20141113';
const LOGS_PREFIX = 'Logs_20140328';
const MAX_BODY = 16 * 1024 * 1024;

/** Every ECS operation the emulator implements, by name. */
export const ecsHandlers: Record<string, Handler> = {
  ...clusterHandlers,
  ...taskDefinitionHandlers,
  ...serviceHandlers,
  ...taskHandlers,
  ...serviceDeploymentHandlers,
  ...tagHandlers,
};

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

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...extra,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: ApiError, requestId: string): void {
  send(res, error.status, { __type: error.type, message: error.message }, requestId, {
    'x-amzn-errortype': error.type,
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new ApiError('SerializationException', 'Request body too large.', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** SigV4 as the SDK sends it: `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=..., Signature=...`. */
function checkAuthorization(header: string | undefined, service: 'ecs' | 'logs'): ApiError | undefined {
  if (header === undefined || header === '') {
    return new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
  }
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    );
  if (!m) {
    return new ApiError(
      'IncompleteSignatureException',
      'Authorization header requires Credential, SignedHeaders and Signature parameters (AWS Signature Version 4).',
      400,
    );
  }
  if (m[4] !== service) {
    return new ApiError(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${service}'.`,
      400,
    );
  }
  return undefined;
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
    const dot = target.lastIndexOf('.');
    const prefix = target.slice(0, dot);
    const operation = target.slice(dot + 1);
    const service = prefix === ECS_PREFIX ? 'ecs' : prefix === LOGS_PREFIX ? 'logs' : undefined;
    let params: JsonObject = {};
    let parseError: ApiError | undefined;
    try {
      const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
      if (isObject(parsed)) params = parsed;
      else parseError = new ApiError('SerializationException', 'The request body must be a JSON object.');
    } catch {
      parseError = new ApiError('SerializationException', 'The request body is not valid JSON.');
    }
    if (!service) throw new ApiError('UnknownOperationException', `Unknown target ${target}.`, 400);
    deps.calls.add({ service, operation, at: Date.now(), params });
    const authError = checkAuthorization(req.headers.authorization, service);
    if (authError) throw authError;
    if (parseError) throw parseError;
    const handler =
      service === 'ecs'
        ? ecsHandlers[operation]
        : operation === 'StartLiveTail'
          ? undefined
          : logsHandlers[operation];
    if (!handler && !(service === 'logs' && operation === 'StartLiveTail')) {
      throw new ApiError('UnknownOperationException', `The emulator does not implement ${operation}.`, 400);
    }
    const decision = deps.faults.decide(service, operation);
    if (decision.latencyMs > 0) await deps.delay(decision.latencyMs);
    if (decision.error) throw decision.error;
    if (!handler) {
      deps.liveTail.validate(params);
      deps.liveTail.start(params, res, requestId, decision.dropStreamAfterMs);
      return;
    }
    send(res, 200, handler(deps.ctx, params), requestId);
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
