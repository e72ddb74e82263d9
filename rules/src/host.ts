/**
 * What a host that runs the rules outside ESLint's own CLI — the language server, the plugin's
 * CLI — needs from the plugin, in one entry: the plugin, its per-host options, the configuration
 * file lookup, related locations of a finding, and the caches to clear when project files change.
 * Hosts import this module only, never the plugin's internals.
 */
import type { Linter } from 'eslint';
import { HOST_SETTINGS_KEY, type HostOptions as ConfigHostOptions } from './config/resolve';
import type { RelatedStore } from './model/related';
import { clearProjectGraphCache } from './model/project-graph';
import { clearPathJudgements } from './model/test-files';
import { clearSchemaCache } from './model/schema';
import { clearModuleKindCache } from './util/module-kind';

export { default as plugin } from './index';
export type { Preset } from './util/create-rule';
export type {
  ConfigProblem,
  HealthDataConfig,
  LoadedConfig,
  RuleSetting,
} from './config/project-config';
export {
  DEFAULT_PRESET,
  ruleConfiguration,
  type RuleChoice,
  withRuleSettings,
} from './rule-config';
export {
  CONFIG_FILE_NAME,
  clearConfigCache,
  findProjectConfig,
  formatConfigProblem,
} from './config/project-config';
export type { ConfigProblemHandler } from './config/resolve';
export { createRelatedStore, relatedFor } from './model/related';
export type { RelatedStore };
/** A host's options: trust, where configuration problems go, its store of related locations. */
export type HostOptions = ConfigHostOptions<RelatedStore>;
export { LINTED_EXTENSIONS } from './util/files';
export {
  CATEGORY_TITLES,
  FLOW_TITLES,
  FORM_TITLES,
  formatInventory,
  type Inventory,
  type InventoryFinding,
  type InventoryFormat,
  inventoryOf,
} from './inventory';
export { avoidRuleContextRetention } from './util/eslint-rule-contexts';

/**
 * The configuration object that hands a host's options to the rules: appended to the config
 * array the host lints with. The options object is read at each file, so a host may change it
 * (a workspace becoming trusted) without rebuilding its configuration.
 */
export function hostConfig(options: HostOptions): Linter.Config {
  return { settings: { [HOST_SETTINGS_KEY]: options } };
}

/**
 * Forgets what was read from project files (the cross-file route graph, schemas, package.json
 * `type`): for hosts that outlive a change of those files.
 */
export function clearProjectCaches(): void {
  clearProjectGraphCache();
  clearSchemaCache();
  clearModuleKindCache();
  clearPathJudgements();
}
