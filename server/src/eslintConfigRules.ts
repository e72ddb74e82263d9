import { ESLint, type Linter } from 'eslint';
import { plugin } from '../../rules/src/host';
import { RULE_PREFIX } from './settings';

/** What the project's own ESLint config says about a file. */
export type EslintConfigAnswer =
  | { kind: 'rules'; rules: Linter.RulesRecord }
  /** The project's config ignores the file, or no configuration object matches it. */
  | { kind: 'ignored' }
  /** No config file, or one ESLint refuses: the server lints as if the setting were off. */
  | { kind: 'failed'; error: string };

/** The file names ESLint 9 and 10 look up; a change to one of them makes every answer stale. */
export const ESLINT_CONFIG_FILES = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];

/**
 * Our rules as the project's own ESLint config (`eslint.config.*`) sets them for a file, as the
 * CLI's `--use-eslint-config` runs them: rules the config does not turn on are off. Only the rule
 * entries are taken; the server still lints with its own parser and rules, so the workspace's
 * other plugins never run here. Loading the config executes workspace code: the server asks only
 * in a trusted workspace.
 */
export class EslintConfigRules {
  private readonly byCwd = new Map<string, ESLint>();
  private readonly byFile = new Map<string, Promise<EslintConfigAnswer>>();

  rulesFor(filename: string, cwd: string): Promise<EslintConfigAnswer> {
    let answer = this.byFile.get(filename);
    if (!answer) {
      answer = this.compute(filename, cwd);
      this.byFile.set(filename, answer);
    }
    return answer;
  }

  /** After an `eslint.config.*` changed: configs are loaded again on the next lint. */
  clear(): void {
    this.byCwd.clear();
    this.byFile.clear();
  }

  private async compute(filename: string, cwd: string): Promise<EslintConfigAnswer> {
    let eslint = this.byCwd.get(cwd);
    if (!eslint) {
      eslint = new ESLint({ cwd });
      this.byCwd.set(cwd, eslint);
    }
    let config: Linter.Config | undefined;
    try {
      config = (await eslint.calculateConfigForFile(filename)) as Linter.Config | undefined;
    } catch (error) {
      return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    if (!config) return { kind: 'ignored' };
    const rules: Linter.RulesRecord = {};
    for (const id of Object.keys(plugin.rules)) {
      const entry = config.rules?.[`${RULE_PREFIX}${id}`];
      rules[`${RULE_PREFIX}${id}`] = entry ?? 'off';
    }
    return { kind: 'rules', rules };
  }
}
