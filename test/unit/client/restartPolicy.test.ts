import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy } from '../../../client/src/restartPolicy';

describe('language server restart policy', () => {
  it('backs off exponentially, tells the user once, gives up after 4 crashes in 3 minutes', () => {
    let now = 0;
    const policy = new RestartPolicy({ now: () => now });
    const decisions = [0, 1, 2, 3, 4].map(() => {
      now += 1000;
      return policy.onCrash();
    });
    assert.deepEqual(
      decisions.map((d) => [d.restart, d.delayMs, d.notify]),
      [
        [true, 500, true],
        [true, 1000, false],
        [true, 2000, false],
        [true, 4000, false],
        [false, 0, false],
      ],
    );
  });

  it('crashes older than the window are forgotten; the delay is capped', () => {
    let now = 0;
    const policy = new RestartPolicy({ now: () => now, maxRestarts: 100, maxDelayMs: 3000 });
    for (let i = 0; i < 10; i++) policy.onCrash();
    assert.equal(policy.onCrash().delayMs, 3000);
    now += 3 * 60 * 1000 + 1;
    const later = policy.onCrash();
    assert.deepEqual([later.restart, later.delayMs, later.crashes, later.notify], [true, 500, 1, false]);
  });
});
