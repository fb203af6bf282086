import type { Handler, HandlerContext } from '../context';
import { ApiError, invalidParameter, resourceNotFound } from '../protocol/errors';
import type { Json, JsonObject, LogEventRecord, LogGroupRecord, LogStreamRecord } from '../model';
import { paginate } from '../protocol/pagination';
import {
  compact,
  isObject,
  optArray,
  optBoolean,
  optNumber,
  optString,
  optStringArray,
  reqString,
} from '../protocol/params';
import { compileFilterPattern } from './filterPattern';
import { groupNameOf } from './groupNames';

/**
 * CloudWatch Logs operations: DescribeLogGroups, DescribeLogStreams, GetLogEvents,
 * FilterLogEvents, plus CreateLogGroup / CreateLogStream / PutLogEvents / DeleteLogGroup so
 * tests can write their own lines. Timestamps here are epoch milliseconds, as in the Logs API.
 */

/** Looks up a log group by name or ARN; ResourceNotFoundException if absent. */
export function requireGroup(ctx: HandlerContext, ref: string): LogGroupRecord {
  const group = ctx.state.logs.groups.get(groupNameOf(ref));
  if (!group) throw resourceNotFound('The specified log group does not exist.');
  return group;
}

function groupFrom(ctx: HandlerContext, p: JsonObject): LogGroupRecord {
  const name = optString(p, 'logGroupName');
  const id = optString(p, 'logGroupIdentifier');
  if (name !== undefined && id !== undefined) {
    throw invalidParameter('LogGroupName and LogGroupIdentifier are mutually exclusive parameters.');
  }
  const ref = name ?? id;
  if (ref === undefined || ref === '')
    throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
  return requireGroup(ctx, ref);
}

function groupView(g: LogGroupRecord): Record<string, unknown> {
  let bytes = 0;
  for (const s of g.streams.values()) bytes += s.storedBytes;
  return compact({
    logGroupName: g.name,
    creationTime: g.createdAt,
    retentionInDays: g.retentionInDays,
    metricFilterCount: 0,
    arn: `${g.arn}:*`,
    storedBytes: bytes,
    logGroupClass: 'STANDARD',
    logGroupArn: g.arn,
  });
}

function streamView(g: LogGroupRecord, s: LogStreamRecord): Record<string, unknown> {
  const first = s.events[0];
  const last = s.events[s.events.length - 1];
  return compact({
    logStreamName: s.name,
    creationTime: s.createdAt,
    firstEventTimestamp: first?.timestamp,
    lastEventTimestamp: last?.timestamp,
    lastIngestionTime: last?.ingestionTime,
    uploadSequenceToken: `4960${String(s.dropped + s.events.length).padStart(52, '0')}`,
    arn: `${g.arn}:log-stream:${s.name}`,
    storedBytes: 0,
  });
}

const describeLogGroups: Handler = (ctx, p) => {
  const prefix = optString(p, 'logGroupNamePrefix');
  const pattern = optString(p, 'logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined) {
    throw invalidParameter('LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.');
  }
  const identifiers = optStringArray(p, 'logGroupIdentifiers');
  const groups = [...ctx.state.logs.groups.values()]
    .filter(
      (g) =>
        (prefix === undefined || g.name.startsWith(prefix)) &&
        (pattern === undefined || g.name.toLowerCase().includes(pattern.toLowerCase())),
    )
    .filter((g) => !identifiers || identifiers.some((id) => groupNameOf(id) === g.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = paginate(groups, p.limit, p.nextToken, { defaultSize: 50, maxSize: 50, sizeParam: 'limit' });
  return { logGroups: page.items.map(groupView), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

const describeLogStreams: Handler = (ctx, p) => {
  const group = groupFrom(ctx, p);
  const prefix = optString(p, 'logStreamNamePrefix');
  const orderBy = optString(p, 'orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime')
    throw invalidParameter(`Invalid orderBy: ${orderBy}.`);
  if (orderBy === 'LastEventTime' && prefix !== undefined) {
    throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const descending = optBoolean(p, 'descending') ?? false;
  const streams = [...group.streams.values()].filter(
    (s) => prefix === undefined || s.name.startsWith(prefix),
  );
  const lastTime = (s: LogStreamRecord): number => s.events[s.events.length - 1]?.timestamp ?? 0;
  streams.sort((a, b) =>
    orderBy === 'LastEventTime'
      ? lastTime(a) - lastTime(b) || (a.name < b.name ? -1 : 1)
      : a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : 0,
  );
  if (descending) streams.reverse();
  const page = paginate(streams, p.limit, p.nextToken, { defaultSize: 50, maxSize: 50, sizeParam: 'limit' });
  return {
    logStreams: page.items.map((s) => streamView(group, s)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
};

function parseEventToken(token: string): { dir: 'f' | 'b'; index: number } {
  const m = /^([fb])\/(\d{1,56})$/.exec(token);
  if (!m?.[1] || !m[2]) throw invalidParameter('The specified nextToken is invalid.');
  return { dir: m[1] as 'f' | 'b', index: Number(m[2]) };
}

function eventToken(dir: 'f' | 'b', index: number): string {
  return `${dir}/${String(index).padStart(56, '0')}`;
}

const getLogEvents: Handler = (ctx, p) => {
  const group = groupFrom(ctx, p);
  const stream = group.streams.get(reqString(p, 'logStreamName'));
  if (!stream) throw resourceNotFound('The specified log stream does not exist.');
  const limit = optNumber(p, 'limit') ?? 10000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10000)
    throw invalidParameter('limit must be between 1 and 10000.');
  const startTime = optNumber(p, 'startTime');
  const endTime = optNumber(p, 'endTime');
  const token = optString(p, 'nextToken');
  const startFromHead = optBoolean(p, 'startFromHead') ?? false;
  // Absolute indexes (dropped + position) of the events inside the time range.
  const base = stream.dropped;
  const inRange: number[] = [];
  stream.events.forEach((e, i) => {
    if (
      (startTime === undefined || e.timestamp >= startTime) &&
      (endTime === undefined || e.timestamp < endTime)
    )
      inRange.push(base + i);
  });
  const lo = inRange[0] ?? base + stream.events.length;
  const hi = (inRange[inRange.length - 1] ?? lo - 1) + 1;
  let from: number;
  let to: number;
  if (token !== undefined) {
    const t = parseEventToken(token);
    if (t.dir === 'f') {
      from = Math.max(t.index, lo);
      to = Math.min(from + limit, hi);
    } else {
      to = Math.min(t.index, hi);
      from = Math.max(to - limit, lo);
    }
  } else if (startFromHead) {
    from = lo;
    to = Math.min(lo + limit, hi);
  } else {
    to = hi;
    from = Math.max(hi - limit, lo);
  }
  to = Math.max(to, from);
  const events = stream.events
    .slice(from - base, to - base)
    .filter(
      (e) =>
        (startTime === undefined || e.timestamp >= startTime) &&
        (endTime === undefined || e.timestamp < endTime),
    )
    .map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime }));
  return { events, nextForwardToken: eventToken('f', to), nextBackwardToken: eventToken('b', from) };
};

interface Located {
  stream: LogStreamRecord;
  event: LogEventRecord;
}

const filterLogEvents: Handler = (ctx, p) => {
  const group = groupFrom(ctx, p);
  const names = optStringArray(p, 'logStreamNames');
  const prefix = optString(p, 'logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined) {
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  if (names && names.length > 100) throw invalidParameter('logStreamNames can have at most 100 items.');
  const limit = optNumber(p, 'limit') ?? 10000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10000)
    throw invalidParameter('limit must be between 1 and 10000.');
  const startTime = optNumber(p, 'startTime');
  const endTime = optNumber(p, 'endTime');
  const match = compileFilterPattern(optString(p, 'filterPattern'));
  const token = optString(p, 'nextToken');
  let after: { t: number; s: number } | undefined;
  if (token !== undefined) {
    try {
      const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as unknown;
      if (isObject(parsed) && typeof parsed.t === 'number' && typeof parsed.s === 'number')
        after = { t: parsed.t, s: parsed.s };
    } catch {
      // reported below
    }
    if (!after) throw invalidParameter('The specified nextToken is invalid.');
  }
  const found: Located[] = [];
  for (const stream of group.streams.values()) {
    if (names && !names.includes(stream.name)) continue;
    if (prefix !== undefined && !stream.name.startsWith(prefix)) continue;
    for (const event of stream.events) {
      if (startTime !== undefined && event.timestamp < startTime) continue;
      if (endTime !== undefined && event.timestamp > endTime) continue;
      if (after && (event.timestamp < after.t || (event.timestamp === after.t && event.seq <= after.s)))
        continue;
      if (!match(event.message)) continue;
      found.push({ stream, event });
    }
  }
  found.sort((a, b) => a.event.timestamp - b.event.timestamp || a.event.seq - b.event.seq);
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  const events: Json[] = page.map(({ stream, event }) => ({
    logStreamName: stream.name,
    timestamp: event.timestamp,
    message: event.message,
    ingestionTime: event.ingestionTime,
    eventId: String(event.seq).padStart(56, '0'),
  }));
  return {
    events,
    searchedLogStreams: [],
    ...(found.length > limit && last
      ? {
          nextToken: Buffer.from(JSON.stringify({ t: last.event.timestamp, s: last.event.seq })).toString(
            'base64',
          ),
        }
      : {}),
  };
};

const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

const createLogGroup: Handler = (ctx, p) => {
  const name = reqString(p, 'logGroupName');
  if (!LOG_GROUP_NAME.test(name)) throw invalidParameter('Invalid log group name.');
  if (ctx.state.logs.groups.has(name))
    throw new ApiError('ResourceAlreadyExistsException', 'The specified log group already exists');
  ctx.state.logs.ensureGroup(name, ctx.clock.now());
  return {};
};

const deleteLogGroup: Handler = (ctx, p) => {
  const group = requireGroup(ctx, reqString(p, 'logGroupName'));
  ctx.state.logs.groups.delete(group.name);
  return {};
};

const createLogStream: Handler = (ctx, p) => {
  const group = requireGroup(ctx, reqString(p, 'logGroupName'));
  const name = reqString(p, 'logStreamName');
  if (group.streams.has(name))
    throw new ApiError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  ctx.state.logs.ensureStream(group, name, ctx.clock.now());
  return {};
};

const DAY_MS = 24 * 60 * 60 * 1000;

const putLogEvents: Handler = (ctx, p) => {
  const group = requireGroup(ctx, reqString(p, 'logGroupName'));
  const streamName = reqString(p, 'logStreamName');
  if (!group.streams.has(streamName)) throw resourceNotFound('The specified log stream does not exist.');
  const raw = optArray(p, 'logEvents') ?? [];
  if (raw.length === 0 || raw.length > 10000) throw invalidParameter('logEvents must have 1 to 10000 items.');
  const events = raw.map((e) => {
    if (!isObject(e) || typeof e.timestamp !== 'number' || typeof e.message !== 'string') {
      throw invalidParameter('Each log event needs a numeric timestamp and a message.');
    }
    return { timestamp: e.timestamp, message: e.message };
  });
  for (let i = 1; i < events.length; i++) {
    if ((events[i]?.timestamp ?? 0) < (events[i - 1]?.timestamp ?? 0)) {
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
  }
  // PutLogEvents (API reference): "A batch of log events in a single request cannot span more than
  // 24 hours. Otherwise, the operation fails." — the whole request; while events "more than 2 hours
  // in the future" and "older than 14 days or preceding the log group's retention period" are
  // rejected one by one, "while processing remaining valid events", and reported in
  // rejectedLogEventsInfo (tooOldLogEventEndIndex exclusive, tooNewLogEventStartIndex inclusive,
  // expiredLogEventEndIndex exclusive; the batch is chronological, so each is a prefix or suffix).
  const first = events[0]?.timestamp ?? 0;
  const last = events[events.length - 1]?.timestamp ?? 0;
  if (last - first > DAY_MS) {
    throw invalidParameter(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }
  const now = ctx.clock.now();
  const tooOldBefore = now - 14 * DAY_MS;
  const retention = group.retentionInDays;
  const expiredBefore = retention !== undefined ? now - retention * DAY_MS : -Infinity;
  const tooNewAfter = now + 2 * 60 * 60 * 1000;
  let tooOldEnd = 0;
  while (tooOldEnd < events.length && (events[tooOldEnd]?.timestamp ?? 0) < tooOldBefore) tooOldEnd++;
  let expiredEnd = tooOldEnd;
  while (expiredEnd < events.length && (events[expiredEnd]?.timestamp ?? 0) < expiredBefore) expiredEnd++;
  let tooNewStart = events.length;
  while (tooNewStart > expiredEnd && (events[tooNewStart - 1]?.timestamp ?? 0) > tooNewAfter) tooNewStart--;
  const accepted = events.slice(expiredEnd, tooNewStart);
  if (accepted.length > 0) ctx.state.logs.put(group.name, streamName, accepted, now);
  const rejected: Record<string, number> = {};
  if (tooOldEnd > 0) rejected.tooOldLogEventEndIndex = tooOldEnd;
  if (expiredEnd > tooOldEnd) rejected.expiredLogEventEndIndex = expiredEnd;
  if (tooNewStart < events.length) rejected.tooNewLogEventStartIndex = tooNewStart;
  return {
    nextSequenceToken: String(Date.now()),
    ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
  };
};

export const logsHandlers: Record<string, Handler> = {
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
  CreateLogGroup: createLogGroup,
  DeleteLogGroup: deleteLogGroup,
  CreateLogStream: createLogStream,
  PutLogEvents: putLogEvents,
};
