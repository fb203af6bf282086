import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResultCache } from '../../../client/src/aws/cache';
import { fail, ok, type Result } from '../../../client/src/aws/gateway';

describe('ResultCache', () => {
  it('shares one request between callers asking for the same key at the same time', async () => {
    const cache = new ResultCache();
    let loads = 0;
    let release: (() => void) | undefined;
    const load = async (): Promise<Result<string>> => {
      loads++;
      await new Promise<void>((r) => (release = r));
      return ok('clusters');
    };
    const a = cache.get('k', 1000, load);
    const b = cache.get('k', 1000, load);
    release?.();
    assert.deepEqual(await Promise.all([a, b]), [ok('clusters'), ok('clusters')]);
    assert.equal(loads, 1);
    assert.equal(cache.joined, 1);
  });

  it('serves values younger than maxAge and reloads older ones', async () => {
    let now = 0;
    const cache = new ResultCache(() => now);
    let loads = 0;
    const load = (): Promise<Result<number>> => Promise.resolve(ok(++loads));
    assert.deepEqual(await cache.get('k', 100, load), ok(1));
    now = 50;
    assert.deepEqual(await cache.get('k', 100, load), ok(1));
    now = 200;
    assert.deepEqual(await cache.get('k', 100, load), ok(2));
    assert.deepEqual(await cache.get('k', 0, load), ok(3));
    now = 1e12;
    assert.deepEqual(await cache.get('forever', Infinity, load), ok(4));
    now = 1e13;
    assert.deepEqual(await cache.get('forever', Infinity, load), ok(4));
  });

  it('does not keep failures, so the next read retries', async () => {
    const cache = new ResultCache();
    const error = { kind: 'Throttled', message: 'm', detail: 'd' } as const;
    assert.equal((await cache.get('k', 1000, () => Promise.resolve(fail<number>(error)))).ok, false);
    assert.deepEqual(await cache.get('k', 1000, () => Promise.resolve(ok(7))), ok(7));
  });

  it('invalidates by prefix, keeping what the caller says to keep', () => {
    const cache = new ResultCache();
    cache.set('a#services', 1);
    cache.set('a#td:web:1', 2);
    cache.set('b#services', 3);
    cache.invalidate('a#', (k) => k.includes('#td:'));
    assert.equal(cache.peek('a#services'), undefined);
    assert.equal(cache.peek('a#td:web:1'), 2);
    assert.equal(cache.peek('b#services'), 3);
  });
});
