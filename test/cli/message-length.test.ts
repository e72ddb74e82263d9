import { strict as assert } from 'node:assert';
import { MAX_FINDING_MESSAGE_LENGTH } from '../../rules/src/model/redact';
import { ensureBuilt, runJson } from './helpers';

/**
 * Issue 22: the Problems panel shows about 100 characters of a message, so each finding says
 * what and where the patient data goes in one sentence of at most MAX_FINDING_MESSAGE_LENGTH
 * characters; where it came from is a related location.
 */
describe('finding messages on the seeds (issue 22)', function () {
  before(ensureBuilt);

  for (const tree of ['vulnerable', 'fixed'] as const) {
    it(`keeps every strict-preset message of seeds/${tree} within ${MAX_FINDING_MESSAGE_LENGTH} characters`, function () {
      const { report } = runJson([
        '--config-preset',
        'strict',
        '--format',
        'json',
        `seeds/${tree}`,
      ]);
      if (tree === 'vulnerable')
        assert.ok(report.findings.length > 50, 'the seeds report findings');
      const tooLong = report.findings
        .filter((finding) => finding.message.length > MAX_FINDING_MESSAGE_LENGTH)
        .map(
          (finding) =>
            `${finding.file}:${finding.line} ${finding.message.length}: ${finding.message}`,
        );
      assert.deepEqual(tooLong, []);
    });
  }

  it('leaves the origin of the data to a related source location', function () {
    const { report } = runJson([
      '--config-preset',
      'strict',
      '--format',
      'json',
      'seeds/vulnerable',
    ]);
    const log = report.findings.find(
      (finding) =>
        finding.ruleId === 'health-data/no-patient-data-in-logs' &&
        finding.file.endsWith('suivi.controller.ts'),
    );
    assert.ok(log, 'the seeds log patient rows in suivi.controller.ts');
    assert.equal(
      log.message,
      '`journaliser()` logs `rows` (patient records); log the record id instead.',
    );
    const related = (
      log as unknown as { related: { message: string; kind?: string; line: number }[] }
    ).related;
    const source = related.find((entry) => entry.kind === 'source');
    assert.ok(source, JSON.stringify(related));
    assert.equal(source.line, 17);
    assert.match(source.message, /query of `suivi_patients`/);
  });
});
