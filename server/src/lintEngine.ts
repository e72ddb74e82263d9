import { Linter } from 'eslint/universal';
import {
  type HealthDataConfig,
  type HostOptions,
  avoidRuleContextRetention,
  hostConfig,
  plugin,
  ruleConfiguration,
} from '../../rules/src/host';
import { RULE_PREFIX, type Settings } from './settings';

/** One finding as ESLint reports it; only our rules and fatal parse errors get this far. */
export type LintMessage = Linter.LintMessage;

export interface LintOutcome {
  messages: LintMessage[];
  /** Rules that threw on this file and were switched off so the others could still run. */
  failedRules: { ruleId: string; error: string }[];
  /** Set when linting failed for a reason no single rule explains; the file has no findings. */
  internalError?: string;
}

type FlatConfig = Linter.Config;

/** Every rule of the plugin with its level and options: what one file is linted with. */
export type LintRules = Linter.RulesRecord;

/**
 * Our rules for one file, as the CLI configures them (rules/src/rule-config.ts): the editor's
 * preset, else the project file's, else `recommended`; then the project's `rules`, then the
 * editor's. `project` is the file's healthdata.config.json, when one is read.
 */
export function rulesOf(
  settings: Pick<Settings, 'preset' | 'rules'>,
  project?: Pick<HealthDataConfig, 'preset' | 'rules'>,
): Linter.RulesRecord {
  return ruleConfiguration(project ?? {}, {
    preset: settings.preset === 'project' ? undefined : settings.preset,
    rules: settings.rules,
  }) as Linter.RulesRecord;
}

/**
 * The flat config the server lints with: the plugin's preset (its parser and module kinds, the
 * very config CI uses) with every rule of the plugin as `rulesOf` or the project's ESLint config
 * set them. Unused-directive reports are off because the workspace's disable comments mostly name
 * rules this linter never loads.
 */
export function buildConfigArray(rules: Linter.RulesRecord, host: HostOptions = {}): FlatConfig[] {
  const preset = plugin.configs.recommended as unknown as FlatConfig[];
  const known: Linter.RulesRecord = {};
  for (const [id, level] of Object.entries(rules)) {
    if (knownRule(id)) known[id] = level;
  }
  // In place of the preset's own rules, so that rules run in catalog order whatever the preset
  // (findings at one place then come in the order ESLint gives them with the plugin's preset).
  return [
    { ...preset[0]!, rules: known },
    ...preset.slice(1),
    {
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    },
    hostConfig(host),
  ];
}

/**
 * Whether some rule of the plugin declares `meta.fixable`: only then can fix-all change a file,
 * and only then does the server offer it. None does today: every edit changes behaviour, so the
 * rules offer suggestions (docs/rules/*.md).
 */
export function anyRuleFixable(): boolean {
  return Object.values(plugin.rules).some((rule) => rule.meta?.fixable !== undefined);
}

export function knownRule(id: string): boolean {
  return id.startsWith(RULE_PREFIX) && Object.hasOwn(plugin.rules, id.slice(RULE_PREFIX.length));
}

/** `meta.docs.url` of a rule, when the rule is ours. */
export function ruleDocsUrl(ruleId: string | null | undefined): string | undefined {
  if (!ruleId || !knownRule(ruleId)) return undefined;
  const docs = plugin.rules[ruleId.slice(RULE_PREFIX.length)]?.meta.docs as
    { url?: string } | undefined;
  return docs?.url;
}

/** Our findings and fatal parse errors; everything else (other plugins' directives) is noise here. */
export function isReported(message: LintMessage): boolean {
  return message.fatal === true || (message.ruleId?.startsWith(RULE_PREFIX) ?? false);
}

function ruleIdOfError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { ruleId?: unknown }).ruleId;
  if (typeof direct === 'string') return direct;
  // Errors thrown by a rule's `create` are only named in the message.
  const message = (error as { message?: unknown }).message;
  const match =
    typeof message === 'string' ? /Error while loading rule '([^']+)'/.exec(message) : null;
  return match?.[1];
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

/**
 * Runs ESLint's Linter over one text. Never throws: a rule that throws is switched off for this
 * file and the remaining rules run again, so one bug costs one rule, not the whole file.
 */
export class LintEngine {
  private readonly linters = new Map<string, Linter>();

  /** `host`: this host's options to the rules (configuration problems, trust). */
  constructor(private readonly host: HostOptions = {}) {}

  private linterFor(cwd: string): Linter {
    let linter = this.linters.get(cwd);
    if (!linter) {
      // ESLint's rule contexts otherwise keep every linted file alive until a full collection,
      // which costs edit latency and memory (rules/src/util/eslint-rule-contexts.ts).
      avoidRuleContextRetention(Linter);
      linter = new Linter({ configType: 'flat', cwd });
      this.linters.set(cwd, linter);
    }
    return linter;
  }

  /** `rules`: every rule of the plugin with its level, from `rulesOf` or the project's ESLint config. */
  lint(text: string, filename: string, cwd: string, rules: Linter.RulesRecord): LintOutcome {
    const linter = this.linterFor(cwd);
    const failedRules: LintOutcome['failedRules'] = [];
    const disabled: Linter.RulesRecord = {};
    const base = buildConfigArray(rules, this.host);
    for (;;) {
      const config = failedRules.length === 0 ? base : [...base, { rules: disabled }];
      try {
        const messages = linter.verify(text, config, { filename }).filter(isReported);
        return { messages, failedRules };
      } catch (error) {
        const ruleId = ruleIdOfError(error);
        if (!ruleId || Object.hasOwn(disabled, ruleId)) {
          return { messages: [], failedRules, internalError: describeError(error) };
        }
        failedRules.push({ ruleId, error: describeError(error) });
        disabled[ruleId] = 'off';
      }
    }
  }

  /**
   * The text with every safe fix applied (ESLint's multi-pass autofix); suggestions are never
   * applied here. Returns undefined when nothing changes or linting fails.
   */
  fixAll(
    text: string,
    filename: string,
    cwd: string,
    rules: Linter.RulesRecord,
    skipRules: readonly string[] = [],
  ): string | undefined {
    const linter = this.linterFor(cwd);
    const off = Object.fromEntries(skipRules.map((id) => [id, 'off' as const]));
    try {
      // Only our rules are configured, so every fix ESLint applies is one of theirs.
      const result = linter.verifyAndFix(
        text,
        [...buildConfigArray(rules, this.host), { rules: off }],
        {
          filename,
          fix: true,
        },
      );
      return result.fixed && result.output !== text ? result.output : undefined;
    } catch {
      return undefined;
    }
  }
}
