import Ajv, { type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import schema from '../../schema/healthdata.config.schema.json';
import { didYouMean } from './did-you-mean';
import { readJsonText, type TextPosition } from './json-text';
import { NearestFile, statFile } from './nearest-file';

/** The project configuration file name, looked up from each linted file's folder upwards. */
export const CONFIG_FILE_NAME = 'healthdata.config.json';

/** Above this size the file is refused: a configuration is a few kilobytes, never megabytes. */
const MAX_CONFIG_BYTES = 256 * 1024;

export interface ImportedHelper {
  name: string;
  import?: string;
}

/** As in ESLint: `off`/0, `warn`/1, `error`/2. */
export type RuleSeverity = 'off' | 'warn' | 'error' | 0 | 1 | 2;

/** A severity, or `[severity, options]` as in an ESLint config (rule-config.ts applies them). */
export type RuleSetting = RuleSeverity | readonly [RuleSeverity, ...unknown[]];

/** The configuration after validation and defaults: every list present, every key known. */
export interface HealthDataConfig {
  /** Absent: the host's choice, else `recommended` (rule-config.ts). */
  preset?: 'recommended' | 'strict';
  /** Per rule id (`health-data/<rule>`), over the preset. */
  rules: Record<string, RuleSetting>;
  vocabulary: {
    identity: string[];
    nationalId: string[];
    health: string[];
    containers: string[];
    exclude: string[];
  };
  contexts: { export: string[] };
  auth: { middleware: string[]; fix?: ImportedHelper };
  encryption: { helpers: string[]; fix?: ImportedHelper };
  redaction: { helpers: string[]; fix?: ImportedHelper };
  /** Helpers that de-identify patient data before it goes to a third party (analytics, AI). */
  deidentification: { helpers: string[]; fix?: ImportedHelper };
  deletion: { helpers: string[] };
  audit: { functions: string[] };
  credentials: { fixtureGlobs: string[] };
  /**
   * Test code: `globs` add files (gitignore style, relative to the configuration file);
   * `conventions: false` drops the test runners' conventions (`__tests__/`, `*.test.*`, …).
   */
  testCode: { globs: string[]; conventions: boolean };
  ignores: string[];
  maxFileSizeKb: number;
}

export interface ConfigProblem {
  /** The file that holds the problem, or `settings.healthData` for ESLint settings. */
  file: string;
  /** Dotted path of the offending key, e.g. `vocabulary.helth`. */
  key: string;
  message: string;
  /** Where in the file, when the problem is in a file: the key, or the JSON syntax error. */
  line?: number;
  column?: number;
}

/** One line for a log or an output channel: `file:line:column: "key" message` when placed. */
export function formatConfigProblem(problem: ConfigProblem): string {
  const place = problem.line === undefined ? '' : `:${problem.line}:${problem.column ?? 1}`;
  return `${problem.file}${place}: "${problem.key}" ${problem.message}`;
}

export interface LoadedConfig {
  /** Absolute path of the configuration file, when one was found. */
  file?: string;
  config: HealthDataConfig;
  problems: ConfigProblem[];
}

export function defaultConfig(): HealthDataConfig {
  return {
    rules: {},
    vocabulary: { identity: [], nationalId: [], health: [], containers: [], exclude: [] },
    contexts: { export: [] },
    auth: { middleware: [] },
    encryption: { helpers: [] },
    redaction: { helpers: [] },
    deidentification: { helpers: [] },
    deletion: { helpers: [] },
    audit: { functions: [] },
    credentials: { fixtureGlobs: [] },
    testCode: { globs: [], conventions: true },
    ignores: [],
    maxFileSizeKb: 1024,
  };
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown): ErrorObject[] {
  // The schema is ours and compiled once; the user's file is only ever data.
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

function keyOf(error: ErrorObject): string[] {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  return extra === undefined ? path : [...path, extra];
}

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  anyOf?: SchemaNode[];
}

/** The keys the schema allows in the object at `path` (its `$ref`s followed). */
function knownKeysAt(path: readonly string[]): string[] {
  const definitions = (schema as { definitions?: Record<string, SchemaNode> }).definitions ?? {};
  const deref = (node: SchemaNode | undefined): SchemaNode | undefined => {
    const target = node?.$ref ? definitions[node.$ref.replace('#/definitions/', '')] : node;
    // A rule entry is a severity or `[severity, options]`: the branch with something inside.
    return target?.anyOf?.find((branch) => branch.items || branch.properties) ?? target;
  };
  let node = deref(schema as SchemaNode);
  for (const part of path) {
    const next: SchemaNode | undefined =
      node?.properties && Object.hasOwn(node.properties, part)
        ? node.properties[part]
        : Array.isArray(node?.items)
          ? node.items[Number(part)]
          : node?.items;
    node = deref(next);
  }
  return Object.keys(node?.properties ?? {});
}

function describe(error: ErrorObject, path: readonly string[]): string {
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  if (extra === undefined) {
    // Ajv's first complaint about `"rule": "fatal"` is one branch of the entry's `anyOf`.
    if (path[0] === 'rules' && path.length === 2)
      return 'must be "off", "warn", "error", 0, 1, 2 or [severity, options]';
    return error.message ?? 'is invalid';
  }
  const known = knownKeysAt(path.slice(0, -1));
  // `no-select-star-export` for `health-data/no-select-star-export`: ESLint needs the prefix too.
  const prefixed = `health-data/${extra}`;
  const near =
    path[0] === 'rules' && known.includes(prefixed) ? prefixed : didYouMean(extra, known);
  return near ? `is not a known key (did you mean "${near}"?)` : 'is not a known key';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Removes the offending key (never deeper than a top-level section's own key, so that one bad
 * list item drops that list and nothing else) and keeps the rest of the user's settings.
 */
function dropKey(target: Record<string, unknown>, path: string[]): void {
  const cut = path.slice(0, Math.min(path.length, 2));
  if (cut.length === 0) return;
  let node: unknown = target;
  for (const part of cut.slice(0, -1)) {
    if (!isPlainObject(node) || !Object.hasOwn(node, part)) return;
    node = node[part];
  }
  if (isPlainObject(node)) delete node[cut[cut.length - 1]!];
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function helper(value: unknown): ImportedHelper | undefined {
  if (!isPlainObject(value) || typeof value.name !== 'string') return undefined;
  return typeof value.import === 'string'
    ? { name: value.name, import: value.import }
    : { name: value.name };
}

function section(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const inner = Object.hasOwn(value, key) ? value[key] : undefined;
  return isPlainObject(inner) ? inner : {};
}

/** Builds a fresh configuration from validated data; copies values, never prototypes. */
function toConfig(value: Record<string, unknown>): HealthDataConfig {
  const config = defaultConfig();
  if (value.preset === 'recommended' || value.preset === 'strict') config.preset = value.preset;
  // Validated against each rule's own option schema; JSON data, so copying is enough.
  config.rules = { ...(section(value, 'rules') as Record<string, RuleSetting>) };
  const vocabulary = section(value, 'vocabulary');
  config.vocabulary = {
    identity: strings(vocabulary.identity),
    nationalId: strings(vocabulary.nationalId),
    health: strings(vocabulary.health),
    containers: strings(vocabulary.containers),
    exclude: strings(vocabulary.exclude),
  };
  config.contexts.export = strings(section(value, 'contexts').export);
  const auth = section(value, 'auth');
  config.auth = { middleware: strings(auth.middleware), fix: helper(auth.fix) };
  const encryption = section(value, 'encryption');
  config.encryption = { helpers: strings(encryption.helpers), fix: helper(encryption.fix) };
  const redaction = section(value, 'redaction');
  config.redaction = { helpers: strings(redaction.helpers), fix: helper(redaction.fix) };
  const deidentification = section(value, 'deidentification');
  config.deidentification = {
    helpers: strings(deidentification.helpers),
    fix: helper(deidentification.fix),
  };
  config.deletion.helpers = strings(section(value, 'deletion').helpers);
  config.audit.functions = strings(section(value, 'audit').functions);
  config.credentials.fixtureGlobs = strings(section(value, 'credentials').fixtureGlobs);
  const testCode = section(value, 'testCode');
  config.testCode = {
    globs: strings(testCode.globs),
    conventions: typeof testCode.conventions === 'boolean' ? testCode.conventions : true,
  };
  config.ignores = strings(value.ignores);
  if (typeof value.maxFileSizeKb === 'number') config.maxFileSizeKb = value.maxFileSizeKb;
  return config;
}

/**
 * Validates configuration data (parsed JSON or ESLint `settings.healthData`). Each invalid or
 * unknown key yields one problem naming the file and the key, and is replaced by its default;
 * everything valid is kept.
 */
export function interpretConfig(
  data: unknown,
  file: string,
  locate: (path: readonly string[]) => TextPosition | undefined = () => undefined,
): LoadedConfig {
  if (!isPlainObject(data)) {
    return {
      file,
      config: defaultConfig(),
      problems: [{ file, key: '(root)', message: 'must be a JSON object; using defaults' }],
    };
  }
  // Work on a structural copy so that dropping keys never touches the caller's object.
  let copy: Record<string, unknown>;
  try {
    copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  } catch {
    return {
      file,
      config: defaultConfig(),
      problems: [{ file, key: '(root)', message: 'cannot be read as JSON data; using defaults' }],
    };
  }
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (let pass = 0; pass < 4; pass++) {
    const errors = validate(copy);
    if (errors.length === 0) return { file, config: toConfig(copy), problems };
    const paths = errors.map(keyOf);
    for (const [index, error] of errors.entries()) {
      const path = paths[index]!;
      // A rule entry whose options are wrong: the options' own problem says more than the
      // entry's "must be a severity or [severity, options]".
      const deeper = paths.some(
        (other) => other.length > path.length && path.every((part, i) => other[i] === part),
      );
      if (deeper && path[0] === 'rules') {
        dropKey(copy, path);
        continue;
      }
      const key = path.join('.') || '(root)';
      if (!seen.has(key)) {
        seen.add(key);
        problems.push({
          file,
          key,
          message: `${describe(error, path)}; using the default for it`,
          ...locate(path),
        });
      }
      dropKey(copy, path);
    }
  }
  return { file, config: defaultConfig(), problems };
}

/** Parses the text of a configuration file. Never throws. */
export function parseConfigText(text: string, file: string): LoadedConfig {
  if (text.length > MAX_CONFIG_BYTES) {
    return {
      file,
      config: defaultConfig(),
      problems: [
        {
          file,
          key: '(root)',
          message: `is larger than ${MAX_CONFIG_BYTES} bytes; using defaults`,
        },
      ],
    };
  }
  const json = readJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!json.ok) {
    return {
      file,
      config: defaultConfig(),
      problems: [
        {
          file,
          key: '(root)',
          message: `is not valid JSON (${json.message}); using defaults`,
          ...json.position,
        },
      ],
    };
  }
  return interpretConfig(json.data, file, json.locate);
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  loaded: LoadedConfig;
}

const configFiles = new NearestFile(CONFIG_FILE_NAME);
const loadedByPath = new Map<string, CachedFile>();

function locate(dir: string): string | null {
  return configFiles.find(dir);
}

let withoutConfigFile: LoadedConfig | undefined;

/**
 * The configuration that applies to a file: the nearest `healthdata.config.json` in its folder or
 * above. Results are cached per folder and per file (invalidated when the file's mtime or size
 * changes); `clearConfigCache` forgets where files are, for editors watching the workspace.
 */
export function findProjectConfig(filename: string): LoadedConfig {
  const path = locate(dirname(filename));
  // No file: one answer for every file, rather than a fresh default per file and rule.
  if (path === null) return (withoutConfigFile ??= { config: defaultConfig(), problems: [] });
  const stats = statFile(path);
  if (!stats) {
    clearConfigCache();
    return { config: defaultConfig(), problems: [] };
  }
  const cached = loadedByPath.get(path);
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size)
    return cached.loaded;
  let loaded: LoadedConfig;
  if (stats.size > MAX_CONFIG_BYTES) {
    loaded = parseConfigText(' '.repeat(MAX_CONFIG_BYTES + 1), path);
  } else {
    try {
      loaded = parseConfigText(readFileSync(path, 'utf8'), path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      loaded = {
        file: path,
        config: defaultConfig(),
        problems: [
          { file: path, key: '(root)', message: `cannot be read (${reason}); using defaults` },
        ],
      };
    }
  }
  loadedByPath.set(path, { mtimeMs: stats.mtimeMs, size: stats.size, loaded });
  return loaded;
}

export function clearConfigCache(): void {
  configFiles.clear();
  loadedByPath.clear();
}

/** Concatenates two configurations: lists are unions, scalars and fix helpers from `over` win. */
export function mergeConfigs(base: HealthDataConfig, over: HealthDataConfig): HealthDataConfig {
  const union = (a: string[], b: string[]) => (b.length === 0 ? a : [...new Set([...a, ...b])]);
  return {
    ...((over.preset ?? base.preset) ? { preset: over.preset ?? base.preset } : {}),
    rules: { ...base.rules, ...over.rules },
    vocabulary: {
      identity: union(base.vocabulary.identity, over.vocabulary.identity),
      nationalId: union(base.vocabulary.nationalId, over.vocabulary.nationalId),
      health: union(base.vocabulary.health, over.vocabulary.health),
      containers: union(base.vocabulary.containers, over.vocabulary.containers),
      exclude: union(base.vocabulary.exclude, over.vocabulary.exclude),
    },
    contexts: { export: union(base.contexts.export, over.contexts.export) },
    auth: {
      middleware: union(base.auth.middleware, over.auth.middleware),
      fix: over.auth.fix ?? base.auth.fix,
    },
    encryption: {
      helpers: union(base.encryption.helpers, over.encryption.helpers),
      fix: over.encryption.fix ?? base.encryption.fix,
    },
    redaction: {
      helpers: union(base.redaction.helpers, over.redaction.helpers),
      fix: over.redaction.fix ?? base.redaction.fix,
    },
    deidentification: {
      helpers: union(base.deidentification.helpers, over.deidentification.helpers),
      fix: over.deidentification.fix ?? base.deidentification.fix,
    },
    deletion: { helpers: union(base.deletion.helpers, over.deletion.helpers) },
    audit: { functions: union(base.audit.functions, over.audit.functions) },
    credentials: {
      fixtureGlobs: union(base.credentials.fixtureGlobs, over.credentials.fixtureGlobs),
    },
    testCode: {
      globs: union(base.testCode.globs, over.testCode.globs),
      conventions: base.testCode.conventions && over.testCode.conventions,
    },
    ignores: union(base.ignores, over.ignores),
    maxFileSizeKb:
      over.maxFileSizeKb !== defaultConfig().maxFileSizeKb
        ? over.maxFileSizeKb
        : base.maxFileSizeKb,
  };
}
