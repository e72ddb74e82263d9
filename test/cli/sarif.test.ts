import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { rules } from '../../rules/src/rules';
import {
  BROKEN_TS,
  cleanTemps,
  ensureBuilt,
  firstSeedFinding,
  ROOT,
  runCli,
  tempProject,
  writeFile,
} from './helpers';

interface SarifRule {
  id: string;
  helpUri?: string;
  shortDescription: { text: string };
  properties: { tags: string[]; 'security-severity'?: string; precision: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[];
  partialFingerprints: Record<string, string>;
  fixes?: unknown[];
  suppressions?: { kind: string; status: string; justification?: string }[];
  baselineState?: string;
  message: { text: string };
}

interface SarifPhysical {
  artifactLocation: { uri: string };
  region: { startLine: number };
}

interface SarifProvenance {
  locations: { physicalLocation: SarifPhysical }[];
  relatedLocations?: { id: number; physicalLocation: SarifPhysical; message: { text: string } }[];
  codeFlows?: {
    threadFlows: { locations: { location: { physicalLocation: SarifPhysical } }[] }[];
  }[];
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

// The OASIS SARIF 2.1.0 schema (draft-04); its one non-Unicode-safe pattern needs unicodeRegExp off.
const schema = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/sarif-2.1.0.schema.json'), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
addFormats(ajv as never);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

function sarif(args: string[], cwd = ROOT): SarifLog {
  const run = runCli(['--format', 'sarif', ...args], cwd);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout) as SarifLog;
}

describe('SARIF output', function () {
  before(ensureBuilt);
  after(cleanTemps);

  it('the validator rejects a log that breaks the schema', function () {
    const log = sarif(['seeds/fixed']);
    assertValid(log);
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
    const results = [{ ruleId: 'x', message: {}, level: 'fatal' }];
    assert.equal(validate({ ...log, runs: [{ ...log.runs[0], results }] }), false);
  });

  it('describes every rule of the catalog from its meta', function () {
    const log = sarif(['seeds/fixed']);
    const driver = log.runs[0]!.tool.driver;
    assert.equal(driver.name, 'health-data-lint');
    assert.equal(driver.informationUri, 'https://github.com/health-data-lint/health-data-lint');
    for (const [id, rule] of Object.entries(rules)) {
      const descriptor = driver.rules.find((r) => r.id === `health-data/${id}`);
      assert.ok(descriptor, `rules[] has health-data/${id}`);
      const docs = rule.meta.docs as unknown as {
        description: string;
        url: string;
        references: string[];
        securitySeverity: number;
      };
      assert.equal(descriptor.shortDescription.text, docs.description);
      assert.equal(descriptor.helpUri, docs.url);
      assert.deepEqual(descriptor.properties.tags, [...docs.references, 'security']);
      assert.equal(descriptor.properties['security-severity'], String(docs.securitySeverity));
    }
    assert.ok(driver.rules.some((r) => r.id === 'health-data-lint/suppression'));
  });

  it('is valid on a project with findings, with relative URIs and fingerprints', function () {
    const dir = tempProject({ 'src/my file.ts': BROKEN_TS });
    const log = sarif(['.'], dir);
    assertValid(log);
    const run = log.runs[0]!;
    const [result] = run.results;
    assert.equal(run.results.length, 1);
    assert.equal(run.tool.driver.rules[result!.ruleIndex]!.id, result!.ruleId);
    const location = result!.locations[0]!.physicalLocation.artifactLocation;
    assert.equal(location.uri, 'src/my%20file.ts');
    assert.equal(location.uriBaseId, '%SRCROOT%');
    assert.match(run.originalUriBaseIds['%SRCROOT%']!.uri, /^file:\/\/.*\/$/);
    assert.match(result!.partialFingerprints['healthDataLint/v1']!, /^[0-9a-f]{32}$/);
  });

  for (const concurrency of ['1', '2']) {
    it(`carries the provenance path as related locations and a code flow (concurrency ${concurrency})`, function () {
      const log = sarif(['--concurrency', concurrency, 'seeds/vulnerable']);
      assertValid(log);
      const file = 'seeds/vulnerable/migration/migration-exporter.ts';
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      const queryLine =
        lines.findIndex((l) => l.includes('const resultats = await pool.query(')) + 1;
      const writeLine =
        lines.findIndex((l) => l.includes('await writeFile(`${stagingPath}.resultats')) + 1;
      const results = log.runs[0]!.results as (SarifResult & SarifProvenance)[];
      const write = results.find(
        (r) =>
          r.ruleId === 'health-data/no-unencrypted-write' &&
          r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('migration-exporter.ts') &&
          r.locations[0]!.physicalLocation.region.startLine === writeLine,
      );
      assert.ok(write, 'the clear-text write of the extract is reported');
      const source = write.relatedLocations?.[0];
      assert.equal(source?.id, 1);
      assert.equal(source?.physicalLocation.region.startLine, queryLine);
      assert.match(source?.message.text ?? '', /^Patient data comes from here: .*`patients`/);
      const flow = write.codeFlows?.[0]?.threadFlows[0]?.locations ?? [];
      assert.deepEqual(
        flow.map((step) => step.location.physicalLocation.region.startLine),
        [queryLine, writeLine],
        'source, then the write itself',
      );
      // A cross-file fact: the app mounts a router whose route lives in another file.
      const mount = results.find(
        (r) =>
          r.ruleId === 'health-data/no-unauthenticated-endpoint' &&
          r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('api/app.ts'),
      );
      const site = mount?.relatedLocations?.find((r) =>
        r.physicalLocation.artifactLocation.uri.endsWith('api/routes/patients.ts'),
      );
      assert.ok(site, JSON.stringify(mount?.relatedLocations));
      assert.match(site.message.text, /is defined here/);
    });
  }

  it('is valid on the vulnerable seeds, with fixes and listed suppressions', function () {
    const log = sarif(['--list-suppressions', 'seeds/vulnerable']);
    assertValid(log);
    if (!firstSeedFinding()) this.skip();
    const results = log.runs[0]!.results;
    assert.ok(results.length > 0);
    for (const result of results)
      assert.equal(log.runs[0]!.tool.driver.rules[result.ruleIndex]!.id, result.ruleId);
  });

  describe('baselineState', function () {
    function compared(): string {
      const dir = tempProject({ 'kept.ts': BROKEN_TS, 'fixed.ts': BROKEN_TS });
      assert.equal(runCli(['--write-baseline', 'baseline.json', '.'], dir).status, 0);
      writeFile(dir, 'fixed.ts', 'export {};\n');
      writeFile(dir, 'added.ts', BROKEN_TS);
      return dir;
    }
    const uri = (result: SarifResult) => result.locations[0]!.physicalLocation.artifactLocation.uri;

    it('is absent from every result when no baseline is used', function () {
      const log = sarif(['.'], compared());
      assert.equal(log.runs[0]!.results.length, 2);
      assert.ok(log.runs[0]!.results.every((r) => r.baselineState === undefined));
    });

    it('marks every result new, and leaves out what the baseline hides, for code scanning', function () {
      const log = sarif(['--baseline', 'baseline.json', '.'], compared());
      assertValid(log);
      const results = log.runs[0]!.results;
      assert.deepEqual(
        results.map((r) => [uri(r), r.baselineState]),
        [['added.ts', 'new']],
      );
    });

    it('with --list-suppressions, is the whole comparison: new, unchanged and absent', function () {
      const dir = compared();
      const log = sarif(['--baseline', 'baseline.json', '--list-suppressions', '.'], dir);
      assertValid(log);
      const results = log.runs[0]!.results;
      assert.deepEqual(
        results.map((r) => [uri(r), r.baselineState]),
        [
          ['added.ts', 'new'],
          ['kept.ts', 'unchanged'],
          ['fixed.ts', 'absent'],
        ],
      );
      const [, unchanged, absent] = results;
      assert.deepEqual(unchanged!.suppressions, [
        { kind: 'external', status: 'accepted', justification: 'recorded in baseline.json' },
      ]);
      const recorded = (
        JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as {
          entries: { file: string; fingerprint: string }[];
        }
      ).entries.find((entry) => entry.file === 'fixed.ts');
      assert.equal(absent!.partialFingerprints['healthDataLint/v1'], recorded?.fingerprint);
      assert.equal(absent!.ruleId, 'health-data-lint/parse-error');
      assert.equal(log.runs[0]!.tool.driver.rules[absent!.ruleIndex]!.id, absent!.ruleId);
      assert.match(absent!.message.text, /no longer found/);
    });
  });

  it('carries suppressions with their justification', function () {
    const seed = firstSeedFinding();
    if (!seed) this.skip();
    const dir = tempProject({
      'healthdata.config.json': readFileSync(
        join(ROOT, 'seeds/vulnerable/healthdata.config.json'),
        'utf8',
      ).replace(/"\$schema":[^\n]*\n/, ''),
    });
    const lines = readFileSync(join(ROOT, seed.file), 'utf8').split('\n');
    lines.splice(
      seed.line - 1,
      0,
      `// eslint-disable-next-line ${seed.ruleId} -- until 2999-01-01: approved`,
    );
    const file = seed.file.replace(/^seeds\/vulnerable\//, '');
    writeFile(dir, file, lines.join('\n'));
    const log = sarif(['--list-suppressions', '.'], dir);
    assertValid(log);
    const suppressed = log.runs[0]!.results.filter((r) => r.suppressions);
    assert.ok(suppressed.length > 0);
    assert.deepEqual(suppressed[0]!.suppressions, [
      { kind: 'inSource', status: 'accepted', justification: 'until 2999-01-01: approved' },
    ]);
    const without = sarif(['.'], dir);
    assert.equal(
      without.runs[0]!.results.filter((r) => r.suppressions).length,
      0,
      'suppressed results appear only with --list-suppressions',
    );
  });
});
