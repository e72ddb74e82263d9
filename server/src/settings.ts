import type { Preset } from '../../rules/src/host';

export type RuleLevel = 'off' | 'warn' | 'error';
export type RunMode = 'onType' | 'onSave';

/** `project`: the `preset` of healthdata.config.json, else `recommended`, as the CLI. */
export type PresetSetting = Preset | 'project';

/** The `healthData.*` editor settings of one workspace folder, after validation. */
export interface Settings {
  enable: boolean;
  /** A preset named here overrides the project's, as the CLI's `--config-preset` does. */
  preset: PresetSetting;
  /** Severity overrides keyed by full rule id (`health-data/<rule>`), over the project's. */
  rules: Record<string, RuleLevel>;
  /**
   * Take our rules' severities and options from the project's own `eslint.config.*`, as the
   * CLI's `--use-eslint-config`; honoured only in a trusted workspace (loading it runs its code).
   */
  useEslintConfig: boolean;
  run: RunMode;
  maxFileSizeKb: number;
}

export const RULE_PREFIX = 'health-data/';

export function defaultSettings(): Settings {
  return {
    enable: true,
    preset: 'project',
    rules: {},
    useEslintConfig: false,
    run: 'onType',
    maxFileSizeKb: 1024,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns whatever the client sent for the `healthData` section into settings. Invalid values fall
 * back to their default one by one, so a typo in one setting never switches the linter off.
 */
export function normalizeSettings(raw: unknown): Settings {
  const settings = defaultSettings();
  if (!isRecord(raw)) return settings;
  if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
  if (raw.preset === 'recommended' || raw.preset === 'strict') settings.preset = raw.preset;
  if (typeof raw.useEslintConfig === 'boolean') settings.useEslintConfig = raw.useEslintConfig;
  if (raw.run === 'onType' || raw.run === 'onSave') settings.run = raw.run;
  if (typeof raw.maxFileSizeKb === 'number' && raw.maxFileSizeKb > 0) {
    settings.maxFileSizeKb = raw.maxFileSizeKb;
  }
  if (isRecord(raw.rules)) {
    for (const [id, level] of Object.entries(raw.rules)) {
      if (level !== 'off' && level !== 'warn' && level !== 'error') continue;
      settings.rules[id.startsWith(RULE_PREFIX) ? id : `${RULE_PREFIX}${id}`] = level;
    }
  }
  return settings;
}

/** Fetches the raw `healthData` section for a scope (a folder or document URI). */
export type SettingsFetcher = (scopeUri: string | undefined) => Promise<unknown>;

/**
 * Settings per workspace folder, fetched on first use and forgotten when the client reports a
 * configuration change. Concurrent requests for one folder share one round trip.
 */
export class SettingsCache {
  private readonly byScope = new Map<string, Promise<Settings>>();

  constructor(private readonly fetch: SettingsFetcher) {}

  get(scopeUri: string | undefined): Promise<Settings> {
    const key = scopeUri ?? '';
    let pending = this.byScope.get(key);
    if (!pending) {
      pending = this.fetch(scopeUri).then(normalizeSettings, () => defaultSettings());
      this.byScope.set(key, pending);
    }
    return pending;
  }

  clear(): void {
    this.byScope.clear();
  }
}
