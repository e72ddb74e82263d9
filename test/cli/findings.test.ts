import { strict as assert } from 'node:assert';
import type { ESLint, Linter } from 'eslint';
import { normalizeResult, parseJustification } from '../../rules/src/cli/findings';

function message(line: number, column: number, extra: Partial<Linter.LintMessage> = {}) {
  return {
    ruleId: 'health-data/no-select-star-export',
    severity: 2 as const,
    message: 'SELECT * in an export',
    line,
    column,
    endLine: line,
    endColumn: column + 10,
    ...extra,
  };
}

function result(messages: Linter.LintMessage[]): ESLint.LintResult {
  return {
    filePath: '/project/src/export.ts',
    messages,
    suppressedMessages: [],
    errorCount: messages.length,
    fatalErrorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

const query = "  const rows = await db.query('SELECT * FROM patients');";

describe('findings', function () {
  it('fingerprints identical lines by occurrence, and keep them when lines move', function () {
    const source = `${query}\n${query}\n`;
    const first = normalizeResult(result([message(1, 30), message(2, 30)]), {
      file: 'src/export.ts',
      source,
      today: '2026-01-01',
    }).findings;
    assert.notEqual(first[0]!.fingerprint, first[1]!.fingerprint);
    const moved = normalizeResult(result([message(3, 34), message(5, 30)]), {
      file: 'src/export.ts',
      source: `// new header\n\n    ${query.trim()}\n// note\n${query}\n`,
      today: '2026-01-01',
    }).findings;
    assert.deepEqual(
      moved.map((f) => f.fingerprint),
      first.map((f) => f.fingerprint),
      're-indenting and inserting lines keep fingerprints',
    );
    const edited = normalizeResult(result([message(1, 30)]), {
      file: 'src/export.ts',
      source: query.replace('patients', 'patient_results'),
      today: '2026-01-01',
    }).findings;
    assert.notEqual(edited[0]!.fingerprint, first[0]!.fingerprint, 'editing the flagged line does');
  });

  it('maps fixes to offsets, the replaced text and line/column', function () {
    const source = `// x\n${query}\n`;
    const start = source.indexOf("'SELECT");
    const end = source.indexOf("')") + 1;
    const [finding] = normalizeResult(
      result([message(2, 30, { fix: { range: [start, end], text: "'SELECT id FROM patients'" } })]),
      { file: 'src/export.ts', source, today: '2026-01-01' },
    ).findings;
    assert.deepEqual(finding!.fix, {
      range: [start, end],
      before: "'SELECT * FROM patients'",
      text: "'SELECT id FROM patients'",
      start: { line: 2, column: 31 },
      end: { line: 2, column: 55 },
    });
  });

  it('reads reasons and expiry dates of suppressions', function () {
    assert.deepEqual(parseJustification(' reviewed by DPO '), { reason: 'reviewed by DPO' });
    assert.deepEqual(parseJustification('until 2027-03-31: legacy export'), {
      reason: 'legacy export',
      expires: '2027-03-31',
    });
    assert.deepEqual(parseJustification('until 2027-03-31'), { reason: '', expires: '2027-03-31' });
    assert.deepEqual(parseJustification('until 31/03/2027: x'), {
      reason: 'x',
      badDate: '31/03/2027',
    });
    assert.deepEqual(parseJustification(''), { reason: '' });
  });
});
