import * as assert from 'node:assert/strict';

import { RestartPolicy } from '../../../extension/src/client/restartPolicy';

describe('RestartPolicy', () => {
  it('restarts and announces only the first time', () => {
    let now = 0;
    const policy = new RestartPolicy(4, 180_000, () => now);
    assert.deepEqual(policy.onCrash(), { restart: true, announce: true });
    now += 1000;
    assert.deepEqual(policy.onCrash(), { restart: true, announce: false });
  });

  it('gives up after too many crashes in the window, and recovers after it', () => {
    let now = 0;
    const policy = new RestartPolicy(2, 1000, () => now);
    assert.equal(policy.onCrash().restart, true);
    assert.equal(policy.onCrash().restart, true);
    assert.equal(policy.onCrash().restart, false);
    now += 2000;
    assert.equal(policy.onCrash().restart, true);
  });

  it('reset gives a fresh budget', () => {
    const policy = new RestartPolicy(1, 1000, () => 0);
    policy.onCrash();
    assert.equal(policy.onCrash().restart, false);
    policy.reset();
    assert.equal(policy.onCrash().restart, true);
  });
});
