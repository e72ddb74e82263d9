import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleSetting, RuleSeverity } from './config/project-config';
import { rules } from './rules';
import type { HealthDataRuleDocs, Preset } from './util/create-rule';

export const RULE_PREFIX = 'health-data/';

/** The preset when neither the host (CLI flag, editor setting) nor healthdata.config.json names one. */
export const DEFAULT_PRESET: Preset = 'recommended';

type RuleEntry = TSESLint.FlatConfig.RuleEntry;
type RulesRecord = Record<string, RuleEntry>;

const SEVERITY_NAMES = ['off', 'warn', 'error'] as const;

function severityName(severity: RuleSeverity): 'off' | 'warn' | 'error' {
  return typeof severity === 'number' ? SEVERITY_NAMES[severity]! : severity;
}

/** The preset's rules: `error` for each rule it turns on (with the strict options there). */
export function presetRules(preset: Preset): RulesRecord {
  const entries = Object.entries(rules).filter(([, rule]) => {
    const docs = rule.meta.docs as HealthDataRuleDocs | undefined;
    return preset === 'strict' || docs?.preset === 'recommended';
  });
  return Object.fromEntries(
    entries.map(([id, rule]) => {
      const strictOptions = (rule.meta.docs as HealthDataRuleDocs | undefined)?.strictOptions;
      const entry: RuleEntry =
        preset === 'strict' && strictOptions ? ['error', ...strictOptions] : 'error';
      return [`${RULE_PREFIX}${id}`, entry];
    }),
  );
}

/**
 * One layer of settings over an entry, as ESLint merges configuration objects: a severity alone
 * keeps the options already there, `[severity, options]` replaces both.
 */
function overlay(previous: RuleEntry | undefined, setting: RuleSetting): RuleEntry {
  if (Array.isArray(setting)) {
    const [severity, ...options] = setting as [RuleSeverity, ...unknown[]];
    return [severityName(severity), ...options];
  }
  const severity = severityName(setting as RuleSeverity);
  const options = Array.isArray(previous) ? previous.slice(1) : [];
  return options.length > 0 ? [severity, ...options] : severity;
}

export interface RuleChoice {
  /** The host's preset (the CLI's `--config-preset`, the editor's `healthData.preset`). */
  preset?: Preset;
  /** The host's severities, applied after the project's (the editor's `healthData.rules`). */
  rules?: Readonly<Record<string, RuleSetting>>;
}

/**
 * Every rule of the plugin with its severity and options for one project, as the CLI and the
 * language server lint with it: the host's preset, else the configuration file's `preset`, else
 * `recommended`; then the file's `rules`, then the host's. Ids without the `health-data/` prefix
 * are taken as ours; ids of no rule of the plugin are left out. Rules the preset leaves out are
 * listed as `off`, so that the record replaces any preset's rules whole.
 */
export function ruleConfiguration(
  project: { preset?: Preset; rules?: Readonly<Record<string, RuleSetting>> },
  host: RuleChoice = {},
): RulesRecord {
  const result: RulesRecord = Object.fromEntries(
    Object.keys(rules).map((id) => [`${RULE_PREFIX}${id}`, 'off']),
  );
  Object.assign(result, presetRules(host.preset ?? project.preset ?? DEFAULT_PRESET));
  return withRuleSettings(withRuleSettings(result, project.rules), host.rules);
}

/** `base` with `settings` over it, rule by rule; ids of no rule of the plugin are left out. */
export function withRuleSettings(
  base: Readonly<RulesRecord>,
  settings: Readonly<Record<string, RuleSetting>> | undefined,
): RulesRecord {
  const result = { ...base };
  for (const [id, setting] of Object.entries(settings ?? {})) {
    const key = id.startsWith(RULE_PREFIX) ? id : `${RULE_PREFIX}${id}`;
    if (Object.hasOwn(rules, key.slice(RULE_PREFIX.length)))
      result[key] = overlay(result[key], setting);
  }
  return result;
}
