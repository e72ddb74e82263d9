import { ESLint, Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { findProjectConfig } from '../config/project-config';
import { type HostOptions, hostConfig, plugin } from '../host';
import { createRelatedStore, type RelatedStore, relatedFor } from '../model/related';
import { DEFAULT_PRESET, ruleConfiguration } from '../rule-config';
import type { Preset } from '../util/create-rule';
import { LINTED_FILES } from '../util/files';
import { avoidRuleContextRetention } from '../util/eslint-rule-contexts';
import { type FileReport, normalizeResult, type RelatedFinding } from './findings';

export interface LintJob {
  /** Report root: file paths in findings are relative to it. */
  root: string;
  /** `--config-preset`: over the `preset` of every healthdata.config.json. */
  preset?: Preset;
  /**
   * The healthdata.config.json files that apply to the files of this run: each one's `preset`
   * and `rules` configure the rules for the files below it (rule-config.ts).
   */
  configFiles: string[];
  useEslintConfig: boolean;
  /** ISO date used to decide whether a suppression has expired. */
  today: string;
}

/** The related-locations store of each ESLint instance the CLI made (one per thread). */
const relatedStores = new WeakMap<ESLint, RelatedStore>();

/** `host`: the CLI's options to the rules (where configuration problems go). */
export function createEslint(job: LintJob, options: HostOptions = {}): ESLint {
  const host: HostOptions = { ...options, related: createRelatedStore() };
  const eslint = newEslint(job, host);
  relatedStores.set(eslint, host.related!);
  return eslint;
}

function newEslint(job: LintJob, host: HostOptions): ESLint {
  // Once per thread: ESLint's rule contexts otherwise keep every linted file alive until a full
  // garbage collection (util/eslint-rule-contexts.ts).
  avoidRuleContextRetention(Linter);
  // Unused suppressions are only worth reporting for our rules; others are filtered out later.
  const governance = { linterOptions: { reportUnusedDisableDirectives: 'error' as const } };
  if (job.useEslintConfig) {
    return new ESLint({
      cwd: job.root,
      overrideConfig: [governance, hostConfig(host)],
      errorOnUnmatchedPattern: false,
      warnIgnored: false,
    });
  }
  return new ESLint({
    cwd: job.root,
    overrideConfigFile: true,
    overrideConfig: [
      ...presetInCatalogOrder(job.preset ?? DEFAULT_PRESET),
      ...job.configFiles.map(projectRules(job)),
      governance,
      hostConfig(host),
    ],
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  });
}

/**
 * The preset with every rule listed, `off` included: a configuration file's rules then override
 * its entries without adding keys, so rules run (and findings at one place come) in catalog order
 * whatever the preset, as under ESLint with the plugin's preset.
 */
function presetInCatalogOrder(preset: Preset): never[] {
  const [first, ...rest] = plugin.configs[preset];
  return [{ ...first, rules: ruleConfiguration({}, { preset }) }, ...rest] as never[];
}

/**
 * The rules of the files a healthdata.config.json applies to, as the language server configures
 * them (rule-config.ts). ESLint's config arrays accept a function among the `files` patterns;
 * an array of patterns matches when all of its parts do.
 */
function projectRules(job: LintJob) {
  return (configFile: string) => ({
    files: [
      [
        `{${LINTED_FILES.join(',')}}`,
        (file: string) => findProjectConfig(file).file === configFile,
      ],
    ] as never,
    rules: ruleConfiguration(findProjectConfig(configFile).config, { preset: job.preset }),
  });
}

export function relativePath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/** Lints the files with one ESLint instance; reports come back in the order of `files`. */
export async function lintFiles(
  eslint: ESLint,
  job: LintJob,
  files: readonly string[],
): Promise<FileReport[]> {
  if (files.length === 0) return [];
  const results = await eslint.lintFiles([...files]);
  const byPath = new Map(results.map((result) => [result.filePath, result]));
  const reports: FileReport[] = [];
  for (const file of files) {
    const result = byPath.get(file);
    // No result: the project's own ESLint config ignores the file (--use-eslint-config).
    if (result) reports.push(toReport(eslint, job, result, () => readFileSync(file, 'utf8')));
  }
  return reports;
}

/**
 * Lints `text` as if it were the file `file` (which need not exist): the parser, the project
 * configuration and the rules are those of that path. No report when the project's own ESLint
 * config ignores the path (--use-eslint-config).
 */
export async function lintText(
  eslint: ESLint,
  job: LintJob,
  text: string,
  file: string,
): Promise<FileReport[]> {
  const results = await eslint.lintText(text, { filePath: file });
  return results.map((result) => toReport(eslint, job, result, () => text));
}

function toReport(
  eslint: ESLint,
  job: LintJob,
  result: ESLint.LintResult,
  readSource: () => string,
): FileReport {
  const file = result.filePath;
  const related = relatedStores.get(eslint);
  const path = relativePath(job.root, file);
  let source = result.source;
  if (source === undefined) {
    const needsText = result.messages.length > 0 || result.suppressedMessages.length > 0;
    source = needsText ? readSource() : '';
  }
  // Read here, in the thread that linted the file: the rules' notes live in its module instance.
  const relatedOf = (message: Linter.LintMessage): RelatedFinding[] =>
    (related ? relatedFor(related, file, message) : []).map((item) => ({
      file: item.filename ? relativePath(job.root, item.filename) : path,
      line: item.loc.start.line,
      column: item.loc.start.column + 1,
      endLine: item.loc.end.line,
      endColumn: item.loc.end.column + 1,
      message: item.message,
      ...(item.kind ? { kind: item.kind } : {}),
    }));
  return normalizeResult(result, { file: path, source, today: job.today, relatedOf });
}
