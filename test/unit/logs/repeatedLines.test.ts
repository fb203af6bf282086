/**
 * Repeated identical lines (same stream, same millisecond) are separate events: none is lost or
 * shown twice, by Live Tail (across a dropped stream whose catch-up read is throttled) or by
 * polling. A catch-up read that keeps failing is retried until the gap is closed, and when it
 * cannot be, the tail says exactly which time range is missing. Real SDK, emulator.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TailEvent } from '../../../client/src/aws/logEvents';
import { type TailOptions } from '../../../client/src/aws/logTail';
import type { RunningEmulator } from '../../../emulator';
import { waitFor } from '../../waitFor';
import { collectTail, logTarget, suiteLogsEmulator, type CollectedTail } from './logsEmulator';

const until = <T>(what: string, condition: () => T | undefined | false, timeoutMs = 20_000): Promise<T> =>
  waitFor(what, condition, { timeoutMs, intervalMs: 20 });

/** Each tick puts 4 lines with one timestamp into one stream; two of them are identical. */
class RepeatingWriter {
  ticks = 0;
  readonly written: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly emu: RunningEmulator,
    readonly group: string,
    readonly stream: string,
  ) {}
  tick(): void {
    const now = Date.now();
    const n = this.ticks++;
    const lines = [`GET /health 200`, `GET /health 200`, `tick ${n} a`, `tick ${n} b`];
    this.emu.state.logs.put(
      this.group,
      this.stream,
      lines.map((message) => ({ timestamp: now, message })),
      now,
    );
    this.written.push(...lines);
  }
  start(everyMs: number): void {
    this.timer = setInterval(() => this.tick(), everyMs);
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** Lines by text → how many times. */
function counts(lines: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

function assertSameLines(received: readonly TailEvent[], written: readonly string[]): void {
  assert.equal(received.length, written.length, `${received.length} lines shown, ${written.length} written`);
  assert.deepEqual(counts(received.map((e) => e.message)), counts(written));
}

describe('log tail: repeated identical lines and failed catch-up reads', () => {
  const logs = suiteLogsEmulator({ scenario: 'empty', liveTailSessionTimeoutMs: 60 * 60 * 1000 });

  function tail(group: string, stream: string, extra: Partial<TailOptions>): CollectedTail {
    return collectTail(
      [logTarget(logs.emu, group, stream, '0123456789abcdef0123456789abcdef')],
      () => logs.api,
      extra,
    );
  }

  /**
   * With the tail open on `w`'s stream: waits for the first session and `backfilled` lines, writes
   * until `live` lines arrived, makes the next `failures` catch-up reads fail with `catchUp`, drops
   * the Live Tail stream, writes 20 more ticks after the reconnect, and waits for every line.
   */
  async function dropWhileWriting(
    w: RepeatingWriter,
    t: CollectedTail,
    o: { backfilled: number; live: number; catchUp: 'throttle' | 'serverError'; failures: number },
  ): Promise<void> {
    await until(
      'the first session and the backfill',
      () => t.sessions.length === 1 && t.received.length >= o.backfilled,
    );
    w.start(25);
    await until('live lines', () => t.received.length >= o.live);
    logs.emu.faults.set({ operation: 'FilterLogEvents', kind: o.catchUp, count: o.failures });
    assert.equal(logs.emu.endLiveTailSessions('drop'), 1);
    await until('a second session', () => t.sessions.length >= 2);
    const at = w.ticks;
    await until('lines after the reconnect', () => w.ticks >= at + 20);
    w.stop();
    await until('every line', () => t.received.length >= w.written.length, 20_000);
  }

  it('Live Tail: 0 lost, 0 duplicated, through a dropped stream with a throttled catch-up', async () => {
    const w = new RepeatingWriter(logs.emu, '/test/repeat-live', 'web/app/1');
    w.tick();
    w.tick(); // history: the backfill on open reads these
    const t = tail(w.group, w.stream, {});
    // The catch-up read after the drop is throttled twice before it gets through.
    await dropWhileWriting(w, t, { backfilled: 8, live: 80, catchUp: 'throttle', failures: 2 });
    await new Promise((r) => setTimeout(r, 300)); // nothing more may arrive
    await t.stop();
    assertSameLines(t.received, w.written);
    assert.ok(!t.notices.some((n) => /missing/.test(n.text)), t.notices.map((n) => n.text).join('\n'));
  });

  it('polling: 0 lost, 0 duplicated', async () => {
    const w = new RepeatingWriter(logs.emu, '/test/repeat-poll', 'web/app/1');
    w.tick();
    const t = tail(w.group, w.stream, { mode: 'poll', pollIntervalMs: 200 });
    w.start(25);
    await until('some ticks', () => w.ticks >= 40);
    w.stop();
    await until('every line', () => t.received.length >= w.written.length);
    await new Promise((r) => setTimeout(r, 600)); // two more polls: nothing more may arrive
    await t.stop();
    assertSameLines(t.received, w.written);
  });

  it('retries a failing catch-up read (5xx) until the gap is closed', async () => {
    const w = new RepeatingWriter(logs.emu, '/test/repeat-5xx', 'web/app/1');
    w.tick();
    const t = tail(w.group, w.stream, { catchUpRetryBaseMs: 50 });
    await dropWhileWriting(w, t, { backfilled: 4, live: 40, catchUp: 'serverError', failures: 4 });
    await t.stop();
    assertSameLines(t.received, w.written);
  });

  it('says which time range is missing when the catch-up read cannot be done', async () => {
    const w = new RepeatingWriter(logs.emu, '/test/repeat-gap', 'web/app/1');
    w.tick();
    const t = tail(w.group, w.stream, { catchUpRetryBaseMs: 20, catchUpAttempts: 3 });
    await until(
      'the first session and the backfill',
      () => t.sessions.length === 1 && t.received.length >= 4,
    );
    logs.emu.faults.set({ operation: 'FilterLogEvents', kind: 'serverError', count: 1000 });
    assert.equal(logs.emu.endLiveTailSessions('drop'), 1);
    w.start(25);
    const notice = await until('a notice naming the missing range', () =>
      t.notices.find((n) => /missing/.test(n.text)),
    );
    w.stop();
    logs.emu.faults.clear();
    await t.stop();
    assert.equal(notice.level, 'warning');
    assert.match(notice.text, /\d\d:\d\d:\d\d\.\d{3}.*\d\d:\d\d:\d\d\.\d{3}/, notice.text);
    assert.match(notice.text, /\/test\/repeat-gap/);
  });
});
