import assert from 'node:assert/strict';
import {
  type ConfigProblem,
  formatConfigProblem,
  interpretConfig,
  parseConfigText,
} from '../../src/config/project-config';

const FILE = '/repo/healthdata.config.json';
const placed = (problem: ConfigProblem) =>
  `${problem.line}:${problem.column} ${problem.key} ${problem.message}`;

describe('healthdata.config.json problems', () => {
  describe('a file that is not JSON', () => {
    const cases: [string, string, string][] = [
      ['a trailing comma', '{\n  "ignores": ["legacy/**"],\n}\n', '3:1'],
      ['a missing comma', '{\n  "ignores": []\n  "maxFileSizeKb": 10\n}\n', '3:3'],
      ['a comment', '{\n  // legacy code\n  "ignores": []\n}\n', '2:3'],
      ['an unclosed object', '{\n  "ignores": [\n', '3:1'],
      ['an empty file', '', '1:1'],
    ];
    for (const [name, text, position] of cases) {
      it(`${name}: names line and column, and lints with the defaults`, () => {
        const loaded = parseConfigText(text, FILE);
        assert.equal(loaded.problems.length, 1);
        const [problem] = loaded.problems;
        assert.equal(`${problem!.line}:${problem!.column}`, position);
        assert.match(problem!.message, /^is not valid JSON \(.+\); using defaults$/);
        assert.deepEqual(loaded.config.ignores, []);
      });
    }

    it('says what was expected in words', () => {
      const [problem] = parseConfigText('{ "a": 1 "b": 2 }', FILE).problems;
      assert.equal(problem!.message, 'is not valid JSON (comma expected); using defaults');
    });

    it('skips a byte-order mark, as before', () => {
      assert.deepEqual(parseConfigText('\ufeff{ "ignores": ["x/**"] }', FILE).problems, []);
    });
  });

  describe('an unknown key', () => {
    it('gets the nearest known key of its section, and its place in the file', () => {
      const text = [
        '{',
        '  "vocabulary": {',
        '    "helth": ["statutCovid"],',
        '    "health": ["grossesse"]',
        '  },',
        '  "redaction": { "fix": { "name": "redact", "improt": "./redact" } },',
        '  "ignorse": ["legacy/**"],',
        '  "colour": true',
        '}',
      ].join('\n');
      const loaded = parseConfigText(text, FILE);
      assert.deepEqual(loaded.problems.map(placed).sort(), [
        '3:5 vocabulary.helth is not a known key (did you mean "health"?); using the default for it',
        '6:45 redaction.fix.improt is not a known key (did you mean "import"?); using the default for it',
        '7:3 ignorse is not a known key (did you mean "ignores"?); using the default for it',
        '8:3 colour is not a known key; using the default for it',
      ]);
      // Everything valid is kept.
      assert.deepEqual(loaded.config.vocabulary.health, ['grossesse']);
    });

    it('places a wrong value at its key', () => {
      const [problem] = parseConfigText('{\n  "maxFileSizeKb": "big"\n}', FILE).problems;
      assert.equal(placed(problem!), '2:3 maxFileSizeKb must be integer; using the default for it');
    });

    it('has no place in ESLint settings, which are not a file', () => {
      const [problem] = interpretConfig(
        { vocabulary: { helth: [] } },
        'settings.healthData',
      ).problems;
      assert.equal(problem!.line, undefined);
      assert.match(problem!.message, /did you mean "health"\?/);
    });
  });

  it('prints as file:line:column when placed, as file alone when not', () => {
    assert.equal(
      formatConfigProblem({ file: FILE, key: 'ignorse', message: 'm', line: 7, column: 3 }),
      `${FILE}:7:3: "ignorse" m`,
    );
    assert.equal(
      formatConfigProblem({ file: 'settings.healthData', key: 'x', message: 'm' }),
      'settings.healthData: "x" m',
    );
  });
});

describe('healthdata.config.json preset and rules', () => {
  const text = `{
  "preset": "strict",
  "rules": {
    "health-data/no-select-star-export": "off",
    "health-data/no-patient-data-in-logs": ["warn", { "loggers": ["trace"] }],
    "health-data/no-cleartext-transport": 1,
    "health-data/no-unencrypted-write": ["error", { "checkDatabaseWrite": true }],
    "no-weak-pseudonymization": "off",
    "health-data/require-acess-audit": "warn",
    "health-data/no-hardcoded-credentials": "fatal"
  }
}
`;
  const loaded = parseConfigText(text, FILE);

  it('keeps the valid entries as written', () => {
    assert.equal(loaded.config.preset, 'strict');
    assert.deepEqual(loaded.config.rules, {
      'health-data/no-select-star-export': 'off',
      'health-data/no-patient-data-in-logs': ['warn', { loggers: ['trace'] }],
      'health-data/no-cleartext-transport': 1,
    });
  });

  it('names each bad entry by line and column, with the rule id it was meant to be', () => {
    assert.deepEqual(loaded.problems.map(placed).sort(), [
      '10:5 rules.health-data/no-hardcoded-credentials must be "off", "warn", "error", 0, 1, 2 or [severity, options]; using the default for it',
      '7:53 rules.health-data/no-unencrypted-write.1.checkDatabaseWrite is not a known key (did you mean "checkDatabaseWrites"?); using the default for it',
      '8:5 rules.no-weak-pseudonymization is not a known key (did you mean "health-data/no-weak-pseudonymization"?); using the default for it',
      '9:5 rules.health-data/require-acess-audit is not a known key (did you mean "health-data/require-access-audit"?); using the default for it',
    ]);
  });

  it('refuses a preset that does not exist', () => {
    const [problem] = parseConfigText('{ "preset": "lax" }', FILE).problems;
    assert.equal(problem!.key, 'preset');
  });
});
