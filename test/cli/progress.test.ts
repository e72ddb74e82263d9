import { strict as assert } from 'node:assert';
import { createProgress, formatElapsed } from '../../rules/src/cli/progress';

/** A clock the test moves by hand: progress is checked without waiting or timing anything. */
function harness(isTty: boolean) {
  let now = 0;
  const written: string[] = [];
  const progress = createProgress({
    write: (text) => written.push(text),
    isTty,
    logIntervalMs: 10_000,
    barDelayMs: 2_000,
    now: () => now,
  });
  return { progress, written, at: (ms: number) => (now = ms) };
}

describe('progress on stderr', function () {
  describe('in a log (stderr is not a terminal)', function () {
    it('writes a line of files done, total and time elapsed once per interval', function () {
      const { progress, written, at } = harness(false);
      at(4_000);
      progress.update(50, 400);
      assert.deepEqual(written, [], 'nothing before the first interval');
      at(10_000);
      progress.update(100, 400);
      at(12_000);
      progress.update(150, 400);
      at(83_000);
      progress.update(400, 400);
      progress.finish();
      assert.deepEqual(written, [
        'health-data-lint: 100/400 files, 10 s\n',
        'health-data-lint: 400/400 files, 1 min 23 s\n',
      ]);
    });

    it('writes nothing for a run shorter than the interval', function () {
      const { progress, written, at } = harness(false);
      at(9_000);
      progress.update(10, 10);
      progress.finish();
      assert.deepEqual(written, []);
    });
  });

  describe('on a terminal', function () {
    it('draws no bar for a short run', function () {
      const { progress, written, at } = harness(true);
      at(1_500);
      progress.update(10, 10);
      progress.finish();
      assert.deepEqual(written, []);
    });

    it('draws one line in place after a few seconds, and erases it at the end', function () {
      const { progress, written, at } = harness(true);
      at(1_000);
      progress.update(50, 200);
      at(2_500);
      progress.update(100, 200);
      at(2_550);
      progress.update(150, 200);
      at(3_000);
      progress.update(200, 200);
      progress.finish();
      assert.deepEqual(written, [
        '\rhealth-data-lint [==========          ] 100/200 files, 2 s\x1b[K',
        '\rhealth-data-lint [====================] 200/200 files, 3 s\x1b[K',
        '\r\x1b[K',
      ]);
      assert.ok(
        written.every((text) => !text.includes('\n')),
        'the bar never scrolls the terminal',
      );
    });
  });

  it('says elapsed time in seconds, then minutes', function () {
    assert.equal(formatElapsed(999), '0 s');
    assert.equal(formatElapsed(59_999), '59 s');
    assert.equal(formatElapsed(61_000), '1 min 01 s');
  });
});
