import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EcsLimiter, PriorityTokenBucket, type Clock } from '../../../client/src/aws/limiter';

/** A clock the test advances by hand; timers fire when their time comes. */
class FakeClock implements Clock {
  t = 0;
  private timers: { at: number; fn: () => void }[] = [];
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): object {
    this.timers.push({ at: this.t + ms, fn });
    return {};
  }
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
      await Promise.resolve();
    }
    this.t = end;
    await Promise.resolve();
  }
}

type Priority = 'interactive' | 'background';

/**
 * A bucket `new PriorityTokenBucket(...params)` on a fake clock, asked at once for one token per
 * entry of `priorities`; resolves after the first tick with the order they were granted in
 * (`i0`, `b1`, ...: priority initial and index).
 */
async function requested(
  params: [capacity: number, ratePerSecond: number, reserve: number, backgroundRate: number],
  priorities: Priority[],
): Promise<{ clock: FakeClock; bucket: PriorityTokenBucket; granted: string[] }> {
  const clock = new FakeClock();
  const bucket = new PriorityTokenBucket(...params, clock);
  const granted: string[] = [];
  priorities.forEach((p, i) => void bucket.acquire(p).then(() => granted.push(`${p[0]}${i}`)));
  await clock.advance(0);
  return { clock, bucket, granted };
}

describe('PriorityTokenBucket', () => {
  it('lets a burst through at once, then paces at the sustained rate', async () => {
    const { clock, granted } = await requested([5, 2, 0, 2], Array<'interactive'>(8).fill('interactive'));
    assert.equal(granted.length, 5);
    await clock.advance(500);
    assert.equal(granted.length, 6);
    await clock.advance(1000);
    assert.equal(granted.length, 8);
  });

  it('serves interactive requests before queued background ones', async () => {
    const { clock, bucket, granted } = await requested(
      [2, 1, 0, 1],
      ['interactive', 'interactive', 'background', 'background'],
    );
    assert.deepEqual(granted, ['i0', 'i1']);
    void bucket.acquire('interactive').then(() => granted.push('late-click'));
    await clock.advance(1000);
    assert.deepEqual(granted, ['i0', 'i1', 'late-click']);
  });

  it('never lets background requests dig into the reserve kept for clicks', async () => {
    const { clock, bucket, granted } = await requested(
      [10, 10, 5, 100],
      Array<'background'>(20).fill('background'),
    );
    assert.equal(granted.length, 5);
    assert.ok(bucket.available() >= 5);
    const click: string[] = [];
    void bucket.acquire('interactive').then(() => click.push('now'));
    await clock.advance(0);
    assert.deepEqual(click, ['now']);
  });

  it('limits background to its share of the sustained rate', async () => {
    // 20/s overall, background 5/s, burst of background limited to capacity - reserve = 5.
    const { clock, granted } = await requested([10, 20, 5, 5], Array<'background'>(30).fill('background'));
    const afterBurst = granted.length;
    await clock.advance(2000);
    assert.equal(afterBurst, 5);
    assert.ok(granted.length - afterBurst <= 11, `background got ${granted.length - afterBurst} in 2 s`);
  });
});

describe('EcsLimiter', () => {
  it('keeps one bucket per ECS throttling group, below AWS rates', () => {
    const limiter = new EcsLimiter();
    const services = limiter.bucket('serviceReads');
    assert.equal(services.capacity, 80);
    assert.equal(services.ratePerSecond, 16);
    assert.equal(limiter.bucket('register').capacity, 16);
    assert.ok(limiter.bucket('register').ratePerSecond < 1);
  });

  it('draws ListServices and DescribeServices from the same bucket', async () => {
    const clock = new FakeClock();
    const limiter = new EcsLimiter({ clock });
    await limiter.acquire('ListServices', 'interactive');
    await limiter.acquire('DescribeServices', 'interactive');
    assert.equal(Math.round(limiter.bucket('serviceReads').available()), 78);
    assert.equal(limiter.bucket('taskReads').available(), 80);
  });
});
