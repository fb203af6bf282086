import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitFor } from '../../waitFor';

describe('waitFor', () => {
  it('awaits an async condition instead of taking its Promise as the answer', async () => {
    let calls = 0;
    const value = await waitFor('the third call', () => Promise.resolve(++calls >= 3 ? calls : false), {
      intervalMs: 1,
    });
    assert.equal(value, 3);
  });

  it('fails at once when an assertion inside the condition fails, with that assertion', async () => {
    let calls = 0;
    const started = Date.now();
    await assert.rejects(
      waitFor(
        'an invariant',
        () => {
          calls++;
          assert.ok(calls < 2, 'at most one call may see this');
          return false;
        },
        { timeoutMs: 5_000, intervalMs: 1 },
      ),
      /at most one call may see this/,
    );
    assert.equal(calls, 2);
    assert.ok(Date.now() - started < 2_000);
  });

  it('retries other errors and reports the last one on timeout', async () => {
    await assert.rejects(
      waitFor(
        'a reachable server',
        () => {
          throw new Error('ECONNREFUSED 127.0.0.1:1');
        },
        { timeoutMs: 50, intervalMs: 5 },
      ),
      /timed out after 50 ms waiting for a reachable server; last error: Error: ECONNREFUSED 127\.0\.0\.1:1/,
    );
  });

  it('reports the last value seen, and honours the acceptance rule', async () => {
    await assert.rejects(
      waitFor('five items', () => [1, 2].length >= 5, { timeoutMs: 30, intervalMs: 5 }),
      /last value: false/,
    );
    assert.equal(await waitFor('zero, accepted as defined', () => 0, { accept: 'defined' }), 0);
    await assert.rejects(
      waitFor('zero, not truthy', () => 0, { timeoutMs: 20, intervalMs: 5 }),
      /last value: 0/,
    );
  });
});
