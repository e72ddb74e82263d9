import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

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
