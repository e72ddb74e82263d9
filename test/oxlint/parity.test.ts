import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import * as host from '../../rules/src/host';
import { rules } from '../../rules/src/rules';
import { listSeedFiles, SEED_TREES, SEEDS_ROOT } from '../helpers/seeds';
import { OXLINT_GAPS, SEED_FINDING_GAPS, type SeedFindingGap } from './gaps';

/**
 * The seeds linted by ESLint and by oxlint, running the same built plugin (rules/dist, as users
 * install it) with the strict preset, give the same findings — rule, line and column — except
 * for the differences listed in ./gaps.ts. Runs the oxlint binary of the pinned dev dependency.
 */

const ROOT = resolve(__dirname, '..', '..');
const BUILT_PLUGIN = join(ROOT, 'rules', 'dist', 'index.js');
const requireFromRoot = createRequire(join(ROOT, 'package.json'));

interface OxlintDiagnostic {
  message: string;
  code?: string;
  filename: string;
  labels: { span: { line: number; column: number } }[];
}

/** The oxlint command line, or why it cannot run on this platform. */
function findOxlint(): { bin: string } | { missing: string } {
  // oxlint runs JS plugins on 64-bit little-endian platforms only (its docs, JS plugins).
  if (
    endianness() !== 'LE' ||
    !['x64', 'arm64', 'ppc64', 's390x', 'riscv64'].includes(process.arch)
  )
    return { missing: `oxlint runs no JS plugin on ${process.arch} (${endianness()})` };
  let bin: string;
  try {
    const manifest = requireFromRoot.resolve('oxlint/package.json');
    const { bin: bins } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      bin: Record<string, string>;
    };
    bin = join(dirname(manifest), bins.oxlint!);
  } catch {
    return { missing: 'the oxlint dev dependency is not installed (npm ci)' };
  }
  const probe = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const output = `${probe.stderr ?? ''}\n${probe.error?.message ?? ''}`;
    // The binding's loader names each package it tried; the platform's own is the last.
    const binding = [...output.matchAll(/Cannot find module '(@oxlint\/binding-[^']+)'/g)].at(
      -1,
    )?.[1];
    const why = binding ? `${binding} is not installed` : `oxlint --version exited ${probe.status}`;
    return { missing: `no oxlint binary for ${process.platform}-${process.arch}: ${why}` };
  }
  return { bin };
}

const key = (file: string, line: number, column: number, rule: string) =>
  `${file}:${line}:${column} ${rule}`;

/** A seed file's path as the gap list names it: `vulnerable/…` or `fixed/…`. */
const seedPath = (file: string) => relative(SEEDS_ROOT, resolve(ROOT, file)).split('\\').join('/');

type Plugin = typeof host.plugin;

function eslintFindings(plugin: Plugin, related?: host.RelatedStore): Set<string> {
  const linter = new Linter({ configType: 'flat', cwd: ROOT });
  const config: Linter.Config[] = [
    ...(plugin.configs.strict as unknown as Linter.Config[]),
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
    ...(related ? [host.hostConfig({ related })] : []),
  ];
  const found = new Set<string>();
  for (const tree of SEED_TREES) {
    for (const file of listSeedFiles(tree)) {
      for (const message of linter.verify(readFileSync(file, 'utf8'), config, file)) {
        assert.ok(message.ruleId, `${file}: ${message.message}`);
        found.add(key(seedPath(file), message.line, message.column, message.ruleId));
      }
    }
  }
  return found;
}

const oxlint = findOxlint();
// Said in the suite's title, so that a skipped parity check is never mistaken for a pass.
const skipped = 'missing' in oxlint ? ` (skipped: ${oxlint.missing})` : '';

describe(`oxlint parity: the seeds under oxlint and ESLint${skipped}`, function () {
  this.timeout(120_000);
  let built: Plugin;

  before(function () {
    if ('missing' in oxlint) this.skip();
    assert.ok(existsSync(BUILT_PLUGIN), 'rules/dist is missing: run `npm run build` first');
    built = requireFromRoot(BUILT_PLUGIN) as Plugin;
  });

  function oxlintFindings(bin: string): Set<string> {
    const dir = mkdtempSync(join(tmpdir(), 'health-data-oxlint-'));
    try {
      const config = join(dir, '.oxlintrc.json');
      writeFileSync(
        config,
        JSON.stringify({
          // Only the plugin: oxlint's own rules and default plugins off.
          plugins: [],
          categories: { correctness: 'off' },
          jsPlugins: [BUILT_PLUGIN],
          rules: built.configs.strict[0]!.rules,
        }),
      );
      const trees = SEED_TREES.map((tree) => relative(ROOT, join(SEEDS_ROOT, tree)));
      const run = spawnSync(
        process.execPath,
        [bin, '-c', config, '--disable-nested-config', '-f', 'json', ...trees],
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      // Exit 1 only says there are findings.
      assert.ok(run.status === 0 || run.status === 1, `oxlint exited ${run.status}: ${run.stderr}`);
      const report = JSON.parse(run.stdout) as {
        diagnostics: OxlintDiagnostic[];
        number_of_files: number;
      };
      const seedFiles = SEED_TREES.flatMap((tree) => listSeedFiles(tree));
      assert.equal(report.number_of_files, seedFiles.length, 'oxlint linted every seed file');
      const found = new Set<string>();
      for (const diagnostic of report.diagnostics) {
        // A rule that throws, a parse error or a plugin that fails to load has no rule code.
        const rule = /^health-data\((.+)\)$/.exec(diagnostic.code ?? '')?.[1];
        assert.ok(rule, `${diagnostic.filename}: ${diagnostic.message}`);
        const at = diagnostic.labels[0]!.span;
        found.add(key(seedPath(diagnostic.filename), at.line, at.column, `health-data/${rule}`));
      }
      return found;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('reports the same findings (rule, line, column), apart from the documented gaps', function () {
    const eslint = eslintFindings(built);
    const oxlintFound = oxlintFindings((oxlint as { bin: string }).bin);
    assert.ok(eslint.size > 0, 'the vulnerable seeds have findings');
    const differences: SeedFindingGap[] = [];
    const documented = new Map(
      SEED_FINDING_GAPS.map((gap) => [key(gap.file, gap.line, gap.column, gap.rule), gap]),
    );
    for (const [found, other, onlyIn] of [
      [eslint, oxlintFound, 'eslint'],
      [oxlintFound, eslint, 'oxlint'],
    ] as const) {
      for (const finding of found) {
        if (other.has(finding)) continue;
        const [, file, line, column, rule] = /^(.+):(\d+):(\d+) health-data\/(.+)$/.exec(finding)!;
        differences.push({
          file: file!,
          line: Number(line),
          column: Number(column),
          rule: rule!,
          onlyIn,
          gap: documented.get(finding)?.gap ?? '(undocumented)',
        });
      }
    }
    const sort = (list: readonly SeedFindingGap[]) =>
      [...list].sort((a, b) =>
        key(a.file, a.line, a.column, a.rule).localeCompare(key(b.file, b.line, b.column, b.rule)),
      );
    // Stale entries fail too: the list says exactly how the two differ on the seeds.
    assert.deepEqual(sort(differences), sort(SEED_FINDING_GAPS));
  });
});

describe('oxlint gaps list (test/oxlint/gaps.ts)', function () {
  this.timeout(60_000);

  it('documents each gap once, for rules of the catalog, and every seed difference by a gap', function () {
    const ids = OXLINT_GAPS.map((gap) => gap.id);
    assert.equal(new Set(ids).size, ids.length, 'a gap id is listed twice');
    for (const gap of OXLINT_GAPS) {
      if (gap.rules === 'every rule') continue;
      for (const id of gap.rules)
        assert.ok(Object.hasOwn(rules, id), `${gap.id}: unknown rule ${id}`);
    }
    for (const finding of SEED_FINDING_GAPS) assert.ok(ids.includes(finding.gap), finding.gap);
  });

  it('lists under related-locations every rule that notes related locations on the seeds', function () {
    const store = host.createRelatedStore();
    eslintFindings(host.plugin, store);
    const noting = new Set<string>();
    for (const entry of store.files.values()) {
      for (const findingKey of entry.findings.keys()) {
        noting.add(findingKey.slice(0, findingKey.indexOf('\0')).replace(/^health-data\//, ''));
      }
    }
    assert.ok(noting.size > 0, 'the seeds give related locations under ESLint');
    const listed = OXLINT_GAPS.find((gap) => gap.id === 'related-locations')!.rules;
    const unlisted = [...noting].filter((id) => listed !== 'every rule' && !listed.includes(id));
    assert.deepEqual(unlisted, []);
  });

  it('lists under bulk-suggestions exactly the rules that offer suggestions', function () {
    const listed = OXLINT_GAPS.find((gap) => gap.id === 'bulk-suggestions')!.rules;
    const offering = Object.entries(rules)
      .filter(([, rule]) => rule.meta.hasSuggestions === true)
      .map(([id]) => id)
      .sort();
    assert.deepEqual(listed === 'every rule' ? listed : [...listed].sort(), offering);
  });
});
