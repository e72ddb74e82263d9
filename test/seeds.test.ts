import { parseForESLint } from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import plugin from '../rules/src/index';
import { parseConfigText } from '../rules/src/config/project-config';
import { rules } from '../rules/src/rules';
import {
  expectedRules,
  listSeedFiles,
  PRODUCT_RULE_IDS,
  SEED_TREES,
  seedConfigPath,
  seedHeader,
  seedRelativePath,
  seedTreeRoot,
} from './helpers/seeds';

const REPO_ROOT = resolve(__dirname, '..');
const vulnerableFiles = listSeedFiles('vulnerable');
const fixedFiles = listSeedFiles('fixed');
const allSeedFiles = [...vulnerableFiles, ...fixedFiles];

function demonstratedRules(): Set<string> {
  return new Set(vulnerableFiles.flatMap((file) => expectedRules(file)));
}

describe('seed codebase layout', () => {
  it('holds a realistic amount of code in both trees', () => {
    // The seeds are the product demo and the benchmark fixture: a handful of files would not
    // exercise cross-module patterns (routers mounted elsewhere, helpers imported from security/).
    assert.ok(vulnerableFiles.length >= 15, `only ${vulnerableFiles.length} vulnerable files`);
    for (const ext of ['.ts', '.tsx', '.js', '.cjs', '.mjs']) {
      assert.ok(
        vulnerableFiles.some((file) => extname(file) === ext),
        `no ${ext} seed: the plugin lints that extension`,
      );
    }
  });

  it('gives every vulnerable file a fixed twin at the same path, and nothing else', () => {
    assert.deepEqual(fixedFiles.map(seedRelativePath), vulnerableFiles.map(seedRelativePath));
  });

  it('opens every file with a header naming its failure modes, the CNIL finding and its rules', () => {
    for (const file of allSeedFiles) {
      const header = seedHeader(file);
      const where = seedRelativePath(file);
      const tree = file.startsWith(seedTreeRoot('vulnerable')) ? 'vulnerable' : 'fixed';
      assert.ok(header.length >= 3, `${tree}/${where}: no header comment`);
      const [label, marker] =
        tree === 'vulnerable' ? ['Vulnerable:', 'Shows:'] : ['Fixed:', 'Fixes:'];
      assert.ok(
        header[0]!.startsWith(label),
        `${tree}/${where}: header must start with "${label}"`,
      );
      assert.ok(
        header.some((line) => line.startsWith(marker)),
        `${tree}/${where}: header has no "${marker}" line`,
      );
      assert.ok(
        header.some((line) => line.includes('CNIL')),
        `${tree}/${where}: header does not name the CNIL finding`,
      );
      assert.doesNotThrow(() => expectedRules(file), `${tree}/${where}`);
    }
  });

  it('expects no rule from fixed files and at least one from each vulnerable file', () => {
    for (const file of fixedFiles) {
      assert.deepEqual(expectedRules(file), [], `fixed/${seedRelativePath(file)}`);
    }
    for (const file of vulnerableFiles) {
      assert.ok(expectedRules(file).length > 0, `vulnerable/${seedRelativePath(file)}`);
    }
  });

  it('lists only product rule ids, each once per file', () => {
    for (const file of vulnerableFiles) {
      const ids = expectedRules(file);
      const where = `vulnerable/${seedRelativePath(file)}`;
      assert.equal(new Set(ids).size, ids.length, `${where}: a rule id is listed twice`);
      for (const id of ids) {
        assert.ok(PRODUCT_RULE_IDS.includes(id), `${where}: unknown rule id "${id}"`);
      }
    }
  });

  it('demonstrates every product rule in at least one vulnerable file', () => {
    const demonstrated = demonstratedRules();
    const missing = PRODUCT_RULE_IDS.filter((id) => !demonstrated.has(id));
    assert.deepEqual(missing, [], `rules without a vulnerable seed: ${missing.join(', ')}`);
  });

  it('has seeds for every rule in the catalog, and no catalog rule outside the product list', () => {
    const demonstrated = demonstratedRules();
    for (const id of Object.keys(rules)) {
      assert.ok(PRODUCT_RULE_IDS.includes(id), `catalog rule "${id}" is not a product rule id`);
      assert.ok(demonstrated.has(id), `catalog rule "${id}" has no vulnerable seed`);
    }
  });

  it('parses every seed file with the TypeScript ESTree parser the presets use', () => {
    for (const file of allSeedFiles) {
      const ext = extname(file);
      assert.doesNotThrow(
        () =>
          parseForESLint(readFileSync(file, 'utf8'), {
            filePath: file,
            ecmaVersion: 'latest',
            sourceType: 'module',
            ecmaFeatures: { jsx: ext === '.tsx' || ext === '.jsx' },
            range: true,
            loc: true,
          }),
        file,
      );
    }
  });

  for (const tree of SEED_TREES) {
    it(`validates the ${tree} tree's healthdata.config.json and finds its helpers in the code`, () => {
      const path = seedConfigPath(tree);
      const loaded = parseConfigText(readFileSync(path, 'utf8'), path);
      assert.deepEqual(loaded.problems, []);
      const { config } = loaded;
      // A quick fix inserts `import { name } from '<import>'`, resolved from the config's folder:
      // the module must exist in this tree and export the name.
      for (const fix of [
        config.auth.fix,
        config.encryption.fix,
        config.redaction.fix,
        config.deidentification.fix,
      ]) {
        assert.ok(fix?.import, 'every fix helper of the seed project names its module');
        const base = resolve(dirname(path), fix.import);
        const module = ['.ts', '.js'].map((ext) => base + ext).find((file) => existsSync(file));
        assert.ok(module, `${tree}: ${fix.import} does not exist`);
        assert.match(
          readFileSync(module, 'utf8'),
          new RegExp(`export (async )?(function|const|class) ${fix.name}\\b`),
          `${tree}: ${fix.import} does not export ${fix.name}`,
        );
      }
      if (tree !== 'fixed') return;
      // Every project-specific name the config declares is used by the corrected code; a
      // declaration nothing uses would let the fixed tree pass without showing the feature.
      const declared = [
        ...config.auth.middleware,
        ...config.encryption.helpers,
        ...config.redaction.helpers,
        ...config.deidentification.helpers,
        ...config.deletion.helpers,
        ...config.audit.functions,
      ];
      const code = fixedFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
      for (const name of declared) {
        const pattern = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const uses = code.match(new RegExp(`\\b${pattern}\\b`, 'g'))?.length ?? 0;
        const definitions =
          code.match(new RegExp(`export (async )?(function|const|class) ${pattern}\\b`, 'g'))
            ?.length ?? 0;
        assert.ok(
          uses > definitions,
          `"${name}" is declared in healthdata.config.json but no fixed code uses it`,
        );
      }
    });
  }

  it('uses the same healthdata.config.json in both trees', () => {
    assert.equal(
      readFileSync(seedConfigPath('vulnerable'), 'utf8'),
      readFileSync(seedConfigPath('fixed'), 'utf8'),
    );
  });
});

describe('seed codebase linted with the strict preset', () => {
  const linter = new Linter({ configType: 'flat', cwd: REPO_ROOT });
  // Inline directives are ignored so that an eslint-disable comment cannot make a seed pass.
  const config = [
    ...(plugin.configs.strict as Linter.Config[]),
    { linterOptions: { noInlineConfig: true } },
  ];

  function reportedRules(file: string): string[] {
    const messages = linter.verify(readFileSync(file, 'utf8'), config, file);
    const fatal = messages.filter((message) => message.fatal || message.ruleId === null);
    assert.deepEqual(
      fatal.map((message) => `${message.line}:${message.column} ${message.message}`),
      [],
      `${file} did not lint cleanly`,
    );
    assert.ok(linter.getSourceCode(), `${file}: no preset configuration matched the file`);
    const ids = messages.map((message) => message.ruleId!.replace(/^health-data\//, ''));
    return [...new Set(ids)].sort();
  }

  for (const file of vulnerableFiles) {
    it(`vulnerable/${seedRelativePath(file)} reports exactly its @expect-rules (catalog rules)`, () => {
      const expected = expectedRules(file)
        .filter((id) => Object.hasOwn(rules, id))
        .sort();
      assert.deepEqual(reportedRules(file), expected);
    });
  }

  for (const file of fixedFiles) {
    it(`fixed/${seedRelativePath(file)} reports nothing`, () => {
      assert.deepEqual(reportedRules(file), []);
    });
  }
});
