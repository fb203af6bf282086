import { invalidParameter } from './errors';

/** Bounds of one paginated operation. */
export interface PageBounds {
  /** Page size when the request gives none. */
  defaultSize: number;
  /** Largest page size the operation accepts. */
  maxSize: number;
  /** Name of the page size parameter in error messages (maxResults, limit). */
  sizeParam?: string;
}

/** One page and the token of the next one. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Cuts `items` into pages like AWS: an opaque `nextToken` (here the offset, encoded) that is absent
 * on the last page, a page size parameter bounded per operation, and InvalidParameterException for
 * an out-of-range size or a token the service did not issue.
 */
export function paginate<T>(items: readonly T[], size: unknown, token: unknown, bounds: PageBounds): Page<T> {
  const param = bounds.sizeParam ?? 'maxResults';
  let pageSize = bounds.defaultSize;
  if (size !== undefined && size !== null) {
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > bounds.maxSize) {
      throw invalidParameter(`${param} must be between 1 and ${bounds.maxSize}.`);
    }
    pageSize = size;
  }
  const offset = token === undefined || token === null || token === '' ? 0 : decodeToken(token);
  const page = items.slice(offset, offset + pageSize);
  const next = offset + page.length;
  return next < items.length ? { items: page, nextToken: encodeToken(next) } : { items: page };
}

/** An opaque token for a position in a listing. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, v: 1 })).toString('base64');
}

/** Reads a token made by `encodeToken`; anything else is InvalidParameterException. */
export function decodeToken(token: unknown): number {
  if (typeof token !== 'string') throw invalidParameter('Invalid nextToken.');
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'o' in parsed) {
      const o = parsed.o;
      if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
    }
  } catch {
    // fall through to the error below
  }
  throw invalidParameter('Invalid nextToken.');
}

/**
 * The answer of a List operation: one page of `items` under `field` (clusterArns, taskArns...),
 * with `nextToken` only when there is more, sized and positioned by the request's `maxResults`
 * and `nextToken`.
 */
export function listPage<T>(
  field: string,
  items: readonly T[],
  request: { maxResults?: unknown; nextToken?: unknown },
  bounds: PageBounds,
): Record<string, unknown> {
  const page = paginate(items, request.maxResults, request.nextToken, bounds);
  return { [field]: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
