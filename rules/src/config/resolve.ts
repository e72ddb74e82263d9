import type { TSESLint } from '@typescript-eslint/utils';
import {
  type ConfigProblem,
  type HealthDataConfig,
  defaultConfig,
  findProjectConfig,
  formatConfigProblem,
  interpretConfig,
  type LoadedConfig,
  mergeConfigs,
} from './project-config';

/** ESLint `settings` key that may carry the same object as the configuration file. */
export const SETTINGS_KEY = 'healthData';

export type ConfigProblemHandler = (problem: ConfigProblem) => void;

/**
 * ESLint `settings` key under which a host that runs the rules (the CLI, the language server)
 * passes its own options: held per host and per configuration, never process-wide.
 */
export const HOST_SETTINGS_KEY = 'healthDataHost';

/**
 * `Related` is the model's RelatedStore (rules/src/model/related.ts; host.ts names it): the
 * configuration layer sits below the model and only carries it.
 */
export interface HostOptions<Related = unknown> {
  /**
   * False in a host that must not trust the workspace (VS Code's restricted mode): every
   * `healthdata.config.json` is ignored, so only bundled defaults and explicit settings apply.
   */
  readProjectConfig?: boolean;
  /** Where configuration problems go; by default one line on stderr per problem per process. */
  onConfigProblem?: ConfigProblemHandler;
  /** Where the rules note the related locations of their findings, for the host to read back. */
  related?: Related;
}

const reported = new Set<string>();
/** Without a host: one line on stderr per problem per process, so CI logs name the file and key. */
const reportOnStderr: ConfigProblemHandler = (problem) => {
  const line = `health-data-lint: ${formatConfigProblem(problem)}`;
  if (reported.has(line)) return;
  reported.add(line);
  process.stderr.write(`${line}\n`);
};

export function hostOptionsOf(settings: Record<string, unknown> | undefined): HostOptions {
  const host = settings?.[HOST_SETTINGS_KEY];
  return typeof host === 'object' && host !== null ? (host as HostOptions) : {};
}

const noProjectConfig: LoadedConfig = { config: defaultConfig(), problems: [] };

const fromSettings = new WeakMap<object, ReturnType<typeof interpretConfig>>();
const merged = new WeakMap<HealthDataConfig, WeakMap<HealthDataConfig, HealthDataConfig>>();

interface FileConfig {
  settings: unknown;
  projectConfigEnabled: boolean;
  config: HealthDataConfig;
}

/**
 * One answer per linted file (ESLint makes a SourceCode per lint). Rules ask on every listener
 * call; without this each call looked the project file up (a stat when one exists) and, with no
 * project file, got a fresh default object, so the model's identity check missed and it
 * serialised the configuration to compare it.
 */
const byFile = new WeakMap<object, FileConfig>();

/**
 * The configuration for the file being linted: the project file merged with ESLint
 * `settings.healthData`, resolved the same way in the CLI, in ESLint and in the language server.
 */
export function configFor(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): HealthDataConfig {
  const all = context.settings as Record<string, unknown> | undefined;
  const settings = all?.[SETTINGS_KEY];
  const host = hostOptionsOf(all);
  const projectConfigEnabled = host.readProjectConfig !== false;
  const known = byFile.get(context.sourceCode);
  if (
    known !== undefined &&
    known.settings === settings &&
    known.projectConfigEnabled === projectConfigEnabled
  )
    return known.config;
  const config = resolveConfig(
    context.filename,
    settings,
    projectConfigEnabled,
    host.onConfigProblem ?? reportOnStderr,
  );
  byFile.set(context.sourceCode, { settings, projectConfigEnabled, config });
  return config;
}

function resolveConfig(
  filename: string,
  settings: unknown,
  projectConfigEnabled: boolean,
  problemHandler: ConfigProblemHandler,
): HealthDataConfig {
  const found = projectConfigEnabled ? findProjectConfig(filename) : noProjectConfig;
  // No project file: one shared default, so the classifier, the merge with settings and the
  // model find their caches by identity instead of serialising a fresh default per file.
  const project = found.file === undefined && found.problems.length === 0 ? noProjectConfig : found;
  for (const problem of project.problems) problemHandler(problem);
  if (typeof settings !== 'object' || settings === null) return project.config;
  let inline = fromSettings.get(settings);
  if (!inline) {
    inline = interpretConfig(settings, `settings.${SETTINGS_KEY}`);
    fromSettings.set(settings, inline);
  }
  for (const problem of inline.problems) problemHandler(problem);
  let byInline = merged.get(project.config);
  if (!byInline) {
    byInline = new WeakMap();
    merged.set(project.config, byInline);
  }
  let result = byInline.get(inline.config);
  if (!result) {
    result = mergeConfigs(project.config, inline.config);
    byInline.set(inline.config, result);
  }
  return result;
}
