import assert from 'node:assert/strict';
import { Linter } from 'eslint';
import plugin from '../../../src/index';

/**
 * Lints a snippet with a preset of the plugin, the way the catalogue tests check that an entry
 * reaches every rule that reads its family. The snippet must parse.
 */
const linter = new Linter({ configType: 'flat', cwd: '/project' });

export function lintWithPlugin(
  code: string,
  {
    preset = 'recommended',
    filename = 'src/export.ts',
  }: {
    preset?: 'recommended' | 'strict';
    filename?: string;
  } = {},
): Linter.LintMessage[] {
  const config = plugin.configs[preset] as Linter.Config[];
  const messages = linter.verify(code, config, { filename: `/project/${filename}` });
  assert.deepEqual(
    messages.filter((m) => !m.ruleId),
    [],
    'the probe code must parse',
  );
  return messages;
}

/** The rules (without the `health-data/` prefix) that report on a snippet, sorted. */
export function rulesReporting(code: string, filename?: string): string[] {
  return [
    ...new Set(
      lintWithPlugin(code, { filename }).map((m) => m.ruleId!.replace('health-data/', '')),
    ),
  ].sort();
}
