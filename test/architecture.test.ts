import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * The layers' arrows: rules ← server ← client. The server and the client reach the plugin only
 * through its host API (rules/src/host.ts), never its internals; the plugin knows nothing of them.
 */
const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(dir, name));
}

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('architecture', () => {
  it('the server and the client use the plugin through rules/src/host.ts only', () => {
    const deep: string[] = [];
    for (const file of [...sources('server/src'), ...sources('client/src')]) {
      for (const specifier of imports(file)) {
        if (specifier.includes('rules/src') && !specifier.endsWith('rules/src/host')) {
          deep.push(`${file}: ${specifier}`);
        }
      }
    }
    assert.deepEqual(deep, []);
  });

  it('the plugin imports nothing of the server or the client', () => {
    const upward = sources('rules/src').flatMap((file) =>
      imports(file)
        .filter((specifier) => /(^|\/)(server|client)\/src/.test(specifier))
        .map((specifier) => `${relative(ROOT, join(ROOT, file))}: ${specifier}`),
    );
    assert.deepEqual(upward, []);
  });

  it('the client uses the server only for shared ids and process flags', () => {
    const used = sources('client/src').flatMap((file) =>
      imports(file).filter((specifier) => specifier.includes('server/src')),
    );
    assert.deepEqual([...new Set(used)].sort(), [
      '../../server/src/protocol',
      '../../server/src/serverFlags',
    ]);
  });
});

/** Relative imports of a file, resolved to paths from the repository root (without extension). */
function relativeImports(file: string): string[] {
  return imports(file)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(ROOT, join(ROOT, dirname(file), specifier)));
}

/**
 * The folder of `rules/src` a path belongs to (`model`, `model/apis`, `fix`, `rules`, …); an entry
 * file at the top (`index`, `host`, `cli`, `report`) is a node of its own.
 */
function folderOf(path: string): string {
  const inside = relative('rules/src', path)
    .replace(/\.tsx?$/, '')
    .split(sep);
  return inside.length > 1 ? inside.slice(0, -1).join('/') : `./${inside[0]}`;
}

/** Rule files: one per rule, `rules/src/rules/<id>.ts`. */
const RULE_FILES = sources('rules/src/rules').filter((file) => !file.endsWith('index.ts'));

/** What a rule file may import: the model's entry, the fix kit, the report layer, createRule. */
const RULE_IMPORTS = /^rules\/src\/(model|report|fix\/[\w-]+|util\/create-rule)$/;

/** Lines a rule file may have: policy (what is reported, messages, options, suggestions) only. */
const MAX_RULE_LINES = 400;

describe('architecture of the plugin', () => {
  it('rules import the model only through its entry, plus the fix kit and the report layer', () => {
    const deep = RULE_FILES.flatMap((file) =>
      relativeImports(file)
        .filter((target) => !RULE_IMPORTS.test(target))
        .map((target) => `${file}: ${target}`),
    );
    assert.deepEqual(deep, []);
  });

  it(`no rule file is over ${MAX_RULE_LINES} lines`, () => {
    const long = RULE_FILES.map((file) => ({
      file,
      lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1,
    })).filter(({ lines }) => lines > MAX_RULE_LINES);
    assert.deepEqual(long, []);
  });

  it('no rule file keeps a table of words or APIs, or a regular expression of a data format', () => {
    // Knowledge is data in the model (model/vocabulary.ts, model/apis/, …), read by every rule.
    const tables = RULE_FILES.flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => /new (Set|Map)\(\[|^(export )?const [A-Z][A-Z0-9_]* = \//.test(line))
        .map(({ index }) => `${file}:${index + 1}`),
    );
    assert.deepEqual(tables, []);
  });

  it('the folders of rules/src import each other without a cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const file of sources('rules/src')) {
      const from = folderOf(file);
      for (const target of relativeImports(file)) {
        if (!target.startsWith('rules/src/')) continue;
        const to = folderOf(target);
        // A folder may use itself and its own subfolders (model → model/apis).
        if (to === from || to.startsWith(`${from}/`)) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (folder: string, path: string[]) => {
      if (state.get(folder) === 'done') return;
      if (state.get(folder) === 'open') {
        cycles.push([...path.slice(path.indexOf(folder)), folder].join(' → '));
        return;
      }
      state.set(folder, 'open');
      for (const next of edges.get(folder) ?? []) visit(next, [...path, folder]);
      state.set(folder, 'done');
    };
    for (const folder of [...edges.keys()].sort()) visit(folder, []);
    assert.deepEqual(cycles, []);
  });
});
