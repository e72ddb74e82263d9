import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_COMMANDS } from '../../server/src/protocol';
import { defaultSettings } from '../../server/src/settings';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const clientSource = readFileSync(join(ROOT, 'client/src/extension.ts'), 'utf8');

describe('extension manifest', () => {
  it('declares every setting the server reads, with the server defaults', () => {
    const properties = manifest.contributes.configuration.properties as Record<
      string,
      { default: unknown; description: string }
    >;
    const defaults = defaultSettings() as unknown as Record<string, unknown>;
    assert.deepEqual(
      Object.keys(properties).sort(),
      [
        ...Object.keys(defaults).map((key) => `healthData.${key}`),
        'healthData.trace.server',
      ].sort(),
    );
    for (const [key, value] of Object.entries(defaults)) {
      assert.deepEqual(properties[`healthData.${key}`]!.default, value, key);
    }
    for (const [key, property] of Object.entries(properties)) {
      assert.ok(property.description.length > 20, `${key} needs a description`);
    }
  });

  it('contributes exactly the commands the client registers, by the ids of server/src/protocol.ts', () => {
    const contributed = (manifest.contributes.commands as { command: string; category: string }[])
      .map((command) => command.command)
      .sort();
    assert.deepEqual(contributed, Object.values(EXTENSION_COMMANDS).sort());
    const registered = [...clientSource.matchAll(/registerCommand\(EXTENSION_COMMANDS\.(\w+)/g)]
      .map((match) => match[1])
      .sort();
    assert.deepEqual(registered, Object.keys(EXTENSION_COMMANDS).sort());
    assert.doesNotMatch(clientSource, /['"]healthData[./]\w+['"]/, 'an id written inline');
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Health Data Lint');
    }
  });

  it('activates on JavaScript and TypeScript only, with limited support in untrusted workspaces', () => {
    assert.deepEqual(manifest.activationEvents, [
      'onLanguage:javascript',
      'onLanguage:javascriptreact',
      'onLanguage:typescript',
      'onLanguage:typescriptreact',
    ]);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('validates healthdata.config.json with the schema the build puts in dist/', () => {
    const [validation] = manifest.contributes.jsonValidation;
    assert.equal(validation.fileMatch, 'healthdata.config.json');
    const schemaPath = join(ROOT, validation.url);
    assert.ok(existsSync(schemaPath), `${validation.url} is missing: run npm run build`);
    assert.deepEqual(
      JSON.parse(readFileSync(schemaPath, 'utf8')),
      JSON.parse(readFileSync(join(ROOT, 'rules/schema/healthdata.config.schema.json'), 'utf8')),
    );
  });
});
