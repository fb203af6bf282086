import type http from 'node:http';
import type { JsonObject } from '../model';
import { ApiError } from './errors';
import { isObject } from './params';

/**
 * The shared wire layer of the emulator. This folder holds what every AWS service speaks, so that a
 * service folder (ecs/, logs/, ...) only holds its operations:
 *
 * - awsJson.ts (here): AWS JSON 1.1, the protocol of ECS and CloudWatch Logs. `X-Amz-Target` names
 *   the operation (`AmazonEC2ContainerServiceV20141113.ListServices`, `Logs_20140328.FilterLogEvents`),
 *   the body is the request, the answer is JSON or `{"__type", "message"}` with a 4xx/5xx status.
 * - sigv4.ts: the `Authorization` header check (scoped to the service's signing name).
 * - eventStream.ts: the binary event stream framing of streaming answers (Live Tail).
 * - errors.ts: ApiError (type, message, HTTP status) and the errors every service shares.
 * - params.ts: reading and validating request members; pagination.ts: nextToken/maxResults.
 *
 * To add a service, make a folder that exports a `ServiceDefinition` (see ../context.ts): its SigV4
 * signing name, its `X-Amz-Target` prefix and its operations table, and list it in ../server.ts.
 * A service on the AWS Query protocol (IAM, EC2: form-encoded `Action=...` requests answered in XML)
 * needs a sibling of this module, query.ts, and a branch in ../server.ts that picks it when the
 * request has no `X-Amz-Target`; nothing here speaks Query yet.
 */

export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
/**
 * Largest request body read. AWS documents no single body limit for ECS's JSON API; its largest
 * documented inputs are far below this (a task definition is at most 64 KiB, a PutLogEvents batch
 * 1,048,576 bytes), so 16 MiB only bounds memory. Beyond it the answer is HTTP 413.
 */
export const MAX_BODY = 16 * 1024 * 1024;

/** Thrown by readBody when a body exceeds MAX_BODY; the server answers 413 and closes. */
export class BodyTooLargeError extends Error {
  readonly apiError = new ApiError(
    'SerializationException',
    `Request body larger than ${MAX_BODY} bytes.`,
    413,
  );
}

/** Writes a JSON answer (also used for the admin API). */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': AWS_JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...extra,
  });
  res.end(text);
}

/** Writes an error in the AWS JSON 1.1 shape; the SDK maps `__type` to its exception classes. */
export function sendJsonError(res: http.ServerResponse, error: ApiError, requestId: string): void {
  sendJson(res, error.status, { __type: error.type, message: error.message }, requestId, {
    'x-amzn-errortype': error.type,
  });
}

/**
 * Reads a request body (at most MAX_BODY bytes). A larger body is read to its end and discarded,
 * then rejected with BodyTooLargeError, so that the client, still sending, receives the 413 answer
 * rather than a connection reset.
 */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => {
      if (size > MAX_BODY) reject(new BodyTooLargeError());
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** Splits `Prefix.Operation`, the value of `X-Amz-Target`. */
export function parseTarget(target: string): { prefix: string; operation: string } {
  const dot = target.lastIndexOf('.');
  return { prefix: target.slice(0, dot), operation: target.slice(dot + 1) };
}

/**
 * Parses a request body (empty means `{}`). A body that is not a JSON object yields an error rather
 * than throwing: the request is still logged (and its signature checked) before the error is answered.
 */
export function parseJsonBody(text: string): { params: JsonObject; error?: ApiError } {
  try {
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
    if (isObject(parsed)) return { params: parsed };
    return {
      params: {},
      error: new ApiError('SerializationException', 'The request body must be a JSON object.'),
    };
  } catch {
    return {
      params: {},
      error: new ApiError('SerializationException', 'The request body is not valid JSON.'),
    };
  }
}
