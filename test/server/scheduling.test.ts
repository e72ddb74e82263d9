import assert from 'node:assert/strict';
import { IdleCollector } from '../../server/src/idleCollector';
import {
  MAX_IMMEDIATE_LINT_IN_PAUSES,
  MAX_LINT_DELAY_MS,
  MIN_LINT_DELAY_MS,
  lintDelayMs,
  TypingPace,
} from '../../server/src/lintDelay';

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

describe('typing pace', () => {
  it('lints an edit after a pause at once, and waits inside a burst of typing', () => {
    const pace = new TypingPace();
    const lines = 2_000;
    const delay = lintDelayMs(lines);
    assert.equal(pace.delayAfterEdit('a', lines, 1_000), 0, 'the first edit');
    assert.equal(pace.delayAfterEdit('a', lines, 1_000 + delay - 1), delay, 'a key right after');
    assert.equal(pace.delayAfterEdit('a', lines, 1_000 + 2 * delay - 2), delay, 'still typing');
    assert.equal(pace.delayAfterEdit('a', lines, 1_000 + 3 * delay), 0, 'after a pause');
    assert.equal(pace.delayAfterEdit('b', lines, 1_000 + 3 * delay), 0, 'another document');
    assert.equal(pace.waitAfterLastEdit('a'), 0, 'the wait of the latest edit, for pull mode');
    pace.delayAfterEdit('a', lines, 1_000 + 3 * delay + 1);
    assert.equal(pace.waitAfterLastEdit('a'), delay);
    assert.equal(pace.waitAfterLastEdit('never-edited'), 0);
  });

  it('measures the pause against the document size, and starts afresh once closed', () => {
    const pace = new TypingPace();
    pace.delayAfterEdit('big', 10_000, 0);
    assert.equal(pace.delayAfterEdit('big', 10_000, 100), MAX_LINT_DELAY_MS);
    pace.delayAfterEdit('small', 100, 0);
    assert.equal(pace.delayAfterEdit('small', 100, MIN_LINT_DELAY_MS), 0);
    pace.forget('big');
    assert.equal(pace.delayAfterEdit('big', 10_000, 101), 0);
  });

  it('counts the pause from the end of the last lint: edits read after a lint are a burst', () => {
    const pace = new TypingPace();
    const delay = lintDelayMs(2_000);
    assert.equal(pace.delayAfterEdit('a', 2_000, 0), 0, 'a key after a pause: at once');
    // That lint ran from 1 to 61 ms; the keys typed meanwhile are read when it ends.
    pace.linted('a', 60, 61);
    assert.equal(pace.delayAfterEdit('a', 2_000, 62), delay, 'typed during the lint');
    assert.equal(pace.delayAfterEdit('a', 2_000, 62 + 2 * delay), 0, 'a key after a pause');
  });

  it('waits after a pause too when a lint of the document costs more than two pauses', () => {
    const pace = new TypingPace();
    const delay = lintDelayMs(10_000);
    pace.linted('big', MAX_IMMEDIATE_LINT_IN_PAUSES * delay, -1_000);
    assert.equal(pace.delayAfterEdit('big', 10_000, 0), 0, 'a lint of two pauses: at once');
    pace.linted('big', MAX_IMMEDIATE_LINT_IN_PAUSES * delay + 1, 1_000);
    assert.equal(pace.delayAfterEdit('big', 10_000, 10_000), delay, 'longer: waits the pause');
    pace.forget('big');
    assert.equal(pace.delayAfterEdit('big', 10_000, 20_000), 0, 'closed and reopened');
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
