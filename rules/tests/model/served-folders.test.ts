import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { discoverRoutes, healthModel } from '../../src/model';
import {
  DATA_FOLDER_WORDS,
  dataFolderWord,
  folderPathParts,
  folderSegments,
  patientFolderWrites,
  staticServeAuthenticated,
  staticServes,
  staticUseCall,
  useMountOf,
} from '../../src/model/served-folders';
import { runProbeRule } from './probe';

const express = "import express from 'express';\nconst app = express();\n";

interface Served {
  server: string;
  /** Source of the folder expression. */
  folder: string;
  parts: string[];
  segments: string[];
  word: string | undefined;
  mount: string | undefined;
  /** Source of the `use` call the server is an argument of. */
  use: string | undefined;
  authenticated: boolean;
}

/** Every folder the code serves as static files, with what the model says about it. */
function served(code: string, extra: readonly string[] = []): Served[] {
  const results: Served[] = [];
  runProbeRule(code, (context) => {
    const scopeOf = (node: TSESTree.Node) => context.sourceCode.getScope(node);
    const textOf = (node: TSESTree.Node) => context.sourceCode.getText(node);
    return {
      'Program:exit'(program: TSESTree.Program) {
        const model = healthModel(context);
        const routes = discoverRoutes(program);
        for (const { call, server, folder } of staticServes(program, scopeOf)) {
          const segments = folderSegments(folder, scopeOf);
          const mount = useMountOf(call);
          const use = staticUseCall(call);
          results.push({
            server,
            folder: textOf(folder),
            parts: folderPathParts(folder, scopeOf),
            segments,
            word: dataFolderWord(segments, model),
            mount,
            use: use && textOf(use.callee),
            authenticated: staticServeAuthenticated(call, mount, routes, extra, textOf),
          });
        }
      },
    };
  });
  return results;
}

/** The folders the code writes patient data to: path words and what is written. */
function writes(code: string): { words: string[]; data: string; related: number }[] {
  const results: { words: string[]; data: string; related: number }[] = [];
  runProbeRule(code, (context) => ({
    'Program:exit'(program: TSESTree.Program) {
      const scopeOf = (node: TSESTree.Node) => context.sourceCode.getScope(node);
      for (const write of patientFolderWrites(program, healthModel(context), scopeOf))
        results.push({
          words: write.folderWords,
          data: write.data,
          related: write.related.length,
        });
    },
  }));
  return results;
}

/**
 * Served folders: the words that say a folder holds data, the literal pieces of a folder
 * expression, the folders a file writes patient data to, and whether authentication runs before
 * the static server.
 */
describe('model: served folders', () => {
  it('data-folder words cover uploads, exports, backups, dumps and extracts, in English and French', () => {
    for (const word of ['uploads', 'televersements', 'donnees', 'exports', 'sauvegarde', 'dumps'])
      assert.ok(DATA_FOLDER_WORDS.has(word), word);
    for (const word of ['public', 'assets', 'dist']) assert.ok(!DATA_FOLDER_WORDS.has(word), word);
  });

  it('pieces of a folder expression: literals, path.join, templates, constants, concatenations', () => {
    const [joined, template, constant, sum, fallback] =
      served(`${express}import path from 'node:path';
const DIR = 'backups/daily';
app.use(express.static(path.join(__dirname, '..', 'exports')));
app.use(express.static(\`\${root}/uploads\`));
app.use(express.static(DIR));
app.use(express.static(base + '/dumps'));
app.use(express.static(process.env.DIR || './extracts'));`);
    assert.deepEqual(joined!.parts, ['..', 'exports']);
    assert.deepEqual(joined!.segments, ['exports']);
    // A template is a path with its expressions as parameters.
    assert.deepEqual(template!.parts, [':param/uploads']);
    assert.deepEqual(constant!.parts, ['backups/daily']);
    assert.deepEqual(constant!.segments, ['backups', 'daily']);
    assert.deepEqual(sum!.parts, ['/dumps']);
    assert.deepEqual(fallback!.segments, ['extracts']);
  });

  it('the data word of the last three segments: a folder word, an export word, a patient container', () => {
    const words = served(`${express}app.use(express.static('srv/exports/daily'));
app.use(express.static('public'));
app.use(express.static('static/patients'));
app.use(express.static('a/uploads/b/c/d'));`).map((s) => s.word);
    assert.deepEqual(words, ['exports', undefined, 'patients', undefined]);
  });

  it('the mount path and the use call of a static server', () => {
    const [mounted, bare, nested] =
      served(`${express}app.use('/exports', express.static('exports'));
app.use(express.static('public'));
const serve = express.static('uploads');`);
    assert.equal(mounted!.mount, '/exports');
    assert.equal(mounted!.use, 'app.use');
    assert.equal(bare!.mount, undefined);
    assert.equal(bare!.use, 'app.use');
    assert.equal(nested!.use, undefined);
  });

  it('authentication before the server: in the same use, in an earlier use covering it, not after', () => {
    const results = served(`${express}app.use('/a', requireAuth, express.static('exports'));
app.use('/b', express.static('exports'));
app.use(requireAuth);
app.use('/c', express.static('exports'));`).map((s) => s.authenticated);
    assert.deepEqual(results, [true, false, true]);
  });

  it('authentication middleware named by the configuration', () => {
    const code = `${express}app.use('/a', gardien, express.static('exports'));`;
    assert.deepEqual(
      served(code).map((s) => s.authenticated),
      [false],
    );
    assert.deepEqual(
      served(code, ['gardien']).map((s) => s.authenticated),
      [true],
    );
  });

  it('folders written with patient data, with the provenance of what is written', () => {
    const found = writes(`import fs from 'node:fs';
async function nightly() {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  fs.writeFileSync('reports/nightly.json', JSON.stringify(rows));
  fs.writeFileSync('./build/info.json', JSON.stringify(buildInfo));
}`);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.words, ['reports', 'nightly.json']);
    assert.equal(found[0]!.data, 'patient records');
    assert.ok(found[0]!.related >= 2);
  });
});
