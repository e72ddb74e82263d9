import assert from 'node:assert/strict';
import { RestartPolicy } from '../../client/src/restartPolicy';

describe('client restart policy after a server crash', () => {
  it('restarts and tells the user once, not on every crash', () => {
    const policy = new RestartPolicy(4, 180_000);
    const first = policy.onServerClosed(0);
    assert.deepEqual([first.restart, first.notify], [true, true]);
    assert.match(first.message, /restarted/);
    const second = policy.onServerClosed(1_000);
    assert.deepEqual([second.restart, second.notify], [true, false]);
  });

  it('stops restarting a server that keeps crashing, and says so once', () => {
    const policy = new RestartPolicy(4, 180_000);
    for (let i = 0; i < 4; i++) assert.equal(policy.onServerClosed(i * 1_000).restart, true);
    const giveUp = policy.onServerClosed(5_000);
    assert.deepEqual([giveUp.restart, giveUp.notify], [false, true]);
    assert.match(giveUp.message, /not restarted/);
    assert.equal(policy.onServerClosed(6_000).notify, false);
  });

  it('forgets crashes older than the window, and after a manual restart', () => {
    const policy = new RestartPolicy(2, 10_000);
    policy.onServerClosed(0);
    policy.onServerClosed(1_000);
    assert.equal(policy.onServerClosed(20_000).restart, true);
    policy.onServerClosed(21_000);
    assert.equal(policy.onServerClosed(22_000).restart, false);
    policy.reset();
    assert.equal(policy.onServerClosed(23_000).restart, true);
  });
});
