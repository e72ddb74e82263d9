import assert from 'node:assert/strict';
import { IdleCollector } from '../../server/src/idleCollector';
import { MAX_LINT_DELAY_MS, MIN_LINT_DELAY_MS, lintDelayMs } from '../../server/src/lintDelay';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('typing debounce', () => {
  it('lints a small file after the shortest pause', () => {
    assert.equal(lintDelayMs(1), MIN_LINT_DELAY_MS);
    assert.equal(lintDelayMs(300), MIN_LINT_DELAY_MS);
  });

  it('waits longer on larger files, never beyond the longest pause', () => {
    assert.ok(lintDelayMs(2_000) > lintDelayMs(1_000));
    assert.ok(lintDelayMs(2_000) < MAX_LINT_DELAY_MS);
    assert.equal(lintDelayMs(10_000), MAX_LINT_DELAY_MS);
    assert.equal(lintDelayMs(1_000_000), MAX_LINT_DELAY_MS);
  });
});

describe('idle collection', () => {
  it('collects once, only after a pause in the work', async () => {
    let collections = 0;
    const collector = new IdleCollector(300, () => collections++);
    try {
      collector.touch();
      await sleep(50);
      collector.touch();
      await sleep(50);
      assert.equal(collections, 0, 'work 50 ms apart postpones the collection');
      await sleep(400);
      assert.equal(collections, 1);
      await sleep(400);
      assert.equal(collections, 1, 'no further collection without new work');
    } finally {
      collector.dispose();
    }
  });

  it('does nothing when gc is not exposed', () => {
    const collector = new IdleCollector(1, undefined);
    assert.doesNotThrow(() => collector.touch());
  });
});
