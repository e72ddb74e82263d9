import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, runCli } from './cli/helpers';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The developer README, and the one for users on the extension's details page (the .vsix's).
for (const [name, text] of [
  ['README.md', readme],
  ['client/README.md', readFileSync(join(root, 'client', 'README.md'), 'utf8')],
] as const) {
  describe(`${name} documents the extension manifest`, () => {
    it('lists every setting the extension contributes, with its default', () => {
      const properties = manifest.contributes.configuration.properties as Record<
        string,
        { default: unknown }
      >;
      for (const [key, schema] of Object.entries(properties)) {
        const row = text.split('\n').find((line) => line.startsWith(`| \`${key}\``));
        assert.ok(row, `${key} missing from the ${name} settings table`);
        const shown =
          typeof schema.default === 'object'
            ? JSON.stringify(schema.default)
            : String(schema.default);
        assert.ok(row.includes(`\`${shown}\``), `${key}: default ${shown} not shown in "${row}"`);
      }
    });

    it('lists every command the extension contributes', () => {
      for (const command of manifest.contributes.commands as Array<{
        command: string;
        title: string;
      }>) {
        assert.ok(
          text.includes(`(\`${command.command}\`)`),
          `${command.command} missing from ${name}`,
        );
      }
    });
  });
}

describe('README: npm start', function () {
  this.timeout(120_000);
  before(ensureBuilt);

  it('prints what the CLI prints with no option, with the numbers the README gives', () => {
    const demo = spawnSync(process.execPath, [join(root, 'scripts/demo.mjs'), 'seeds'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const cli = runCli(['seeds'], root);
    const [header, ...body] = demo.stdout.split('\n\n');
    assert.match(header!, /^Health Data Lint: seeds/);
    assert.equal(body.join('\n\n'), cli.stdout);
    const summary = /(\d+) files linted, (\d+) findings/.exec(cli.stdout);
    assert.ok(summary, cli.stdout.slice(-400));
    assert.ok(
      readme.replace(/\s+/g, ' ').includes(`${summary[2]} findings in ${summary[1]} files`),
      `README should say "${summary[2]} findings in ${summary[1]} files"`,
    );
  });
});
