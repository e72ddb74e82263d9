import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('README documents the extension manifest', () => {
  it('lists every setting the extension contributes, with its default', () => {
    const properties = manifest.contributes.configuration.properties as Record<
      string,
      { default: unknown }
    >;
    for (const [key, schema] of Object.entries(properties)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${key}\``));
      assert.ok(row, `${key} missing from the README settings table`);
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
        readme.includes(`(\`${command.command}\`)`),
        `${command.command} missing from the README`,
      );
    }
  });
});
