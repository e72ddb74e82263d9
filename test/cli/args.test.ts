import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, USAGE, UsageError } from '../../rules/src/cli/args';
import { didYouMean } from '../../rules/src/config/did-you-mean';

function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail(`${argv.join(' ')} was accepted`);
}

describe('command-line arguments', function () {
  describe('an unknown option', function () {
    const cases: [string, string][] = [
      ['--formt', '--format'],
      ['--fromat', '--format'],
      ['--quite', '--quiet'],
      ['--stdin-filname', '--stdin-filename'],
      ['--max-warning', '--max-warnings'],
      ['--Output', '--output'],
    ];
    for (const [typed, meant] of cases) {
      it(`${typed}: did you mean ${meant}?`, function () {
        assert.equal(usageError([typed]), `unknown option ${typed}; did you mean ${meant}?`);
      });
    }

    it('gets no guess when no option is close', function () {
      assert.equal(usageError(['--colour']), 'unknown option --colour');
      assert.equal(usageError(['-x']), 'unknown option -x');
    });
  });

  it('accepts every option the help names (the names a guess is drawn from)', function () {
    const withValue: Record<string, string[]> = {
      '--format': ['json'],
      '--output': ['out.txt'],
      '--max-warnings': ['0'],
      '--config-preset': ['strict'],
      '--baseline': ['b.json'],
      '--write-baseline': ['b.json'],
      '--concurrency': ['2'],
      '--stdin': ['--stdin-filename', 'a.ts'],
      '--stdin-filename': ['a.ts', '--stdin'],
      '--prune-baseline': ['--baseline', 'b.json'],
      '--changed-since': ['main'],
      '--report': ['inventory'],
    };
    const named = [...new Set(USAGE.match(/--[a-z][a-z-]*/g))];
    assert.ok(named.length > 10, named.join(' '));
    for (const option of named) {
      const argv = [option, ...(withValue[option] ?? [])];
      try {
        parseArgs(argv);
      } catch (error) {
        // An option this table does not know yet: any value will do, as long as it is taken.
        assert.match(String(error), /expects a value/, option);
        parseArgs([...argv, 'value']);
      }
    }
  });

  it('docs/ci.md documents every option the help names', function () {
    const docs = readFileSync(join(__dirname, '../../docs/ci.md'), 'utf8');
    const missing = [...new Set(USAGE.match(/--[a-z][a-z-]*/g))].filter(
      (option) => !new RegExp(`${option}(?![a-z-])`).test(docs),
    );
    assert.deepEqual(missing, []);
  });

  it('reads --quiet', function () {
    assert.equal(parseArgs([]).quiet, false);
    assert.equal(parseArgs(['--quiet']).quiet, true);
  });

  describe('--stdin', function () {
    it('takes the path the text stands for', function () {
      const options = parseArgs(['--stdin', '--stdin-filename', 'src/app.ts']);
      assert.equal(options.stdin, true);
      assert.equal(options.stdinFilename, 'src/app.ts');
    });

    it('refuses what cannot work with it', function () {
      assert.match(usageError(['--stdin']), /--stdin needs --stdin-filename/);
      assert.match(usageError(['--stdin-filename', 'a.ts']), /--stdin-filename is for --stdin/);
      assert.match(
        usageError(['--stdin', '--stdin-filename', 'a.ts', 'src']),
        /give no paths with it/,
      );
      assert.match(
        usageError(['--stdin', '--stdin-filename', 'notes.md']),
        /--stdin-filename must name a .*\.ts.* file, got "notes\.md"/,
      );
    });
  });

  it('guesses only close names, case ignored', function () {
    assert.equal(didYouMean('helth', ['health', 'identity']), 'health');
    assert.equal(didYouMean('Ignores', ['ignores']), 'ignores');
    assert.equal(didYouMean('xyz', ['health', 'identity']), undefined);
    // The closest wins when several are near.
    assert.equal(didYouMean('audt', ['auth', 'audit']), 'audit');
  });
});
