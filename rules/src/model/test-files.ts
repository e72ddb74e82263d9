/**
 * Test code by the test runners' own conventions: what they collect as tests, and the folders
 * where tests keep their doubles and fixtures. A test that mounts a router on a throwaway app,
 * or a fixture that holds a dummy password, says nothing about how the application serves or
 * stores patient data.
 *
 * - Jest `testMatch` default: files under `__tests__`, and `*.test.*` / `*.spec.*`
 *   (https://jestjs.io/docs/configuration#testmatch-arraystring); manual mocks in `__mocks__`
 *   (https://jestjs.io/docs/manual-mocks).
 * - Vitest `include` default: `**\/*.{test,spec}.?(c|m)[jt]s?(x)` (https://vitest.dev/config/#include).
 * - Mocha: the `./test` folder by default (https://mochajs.org/#the-test-directory).
 * - Playwright `testMatch` default: `*.spec.*` and `*.test.*`
 *   (https://playwright.dev/docs/api/class-testconfig#test-config-test-match).
 * - Cypress: `cypress/e2e/**\/*.cy.*` (https://docs.cypress.io/app/references/configuration#e2e).
 * - Fixtures and mocks: `fixtures/` and `mocks/` folders, as Cypress (`cypress/fixtures`) and
 *   mock servers lay them out.
 */

import { dirname, isAbsolute, relative, sep } from 'node:path';
import ignore from 'ignore';
import { findProjectConfig } from '../config/project-config';
import { projectRoot } from './project-graph';
import { tokenize } from './tokens';

/** What the project's configuration says test code is (`testCode` in healthdata.config.json). */
export interface TestCodeOptions {
  /** More test code, gitignore-style globs relative to the configuration file. */
  globs: readonly string[];
  /** Whether the test runners' conventions below count. */
  conventions: boolean;
}

const CONVENTIONS_ONLY: TestCodeOptions = { globs: [], conventions: true };

/** Folders whose files are tests or their doubles and fixtures. */
export const TEST_FOLDERS: ReadonlySet<string> = new Set([
  '__tests__',
  '__mocks__',
  '__fixtures__',
  'test',
  'tests',
  'spec',
  'e2e',
  'cypress',
  'fixtures',
  'mocks',
]);

/**
 * Test runners' configuration and setup files, by name without extension: they hold the test
 * accounts the runs log in with (`cypress.config.ts` `env: { password }`).
 */
export const TEST_CONFIG_FILES: ReadonlySet<string> = new Set([
  'cypress.config',
  'playwright.config',
  'jest.config',
  'jest.setup',
  'vitest.config',
  'vitest.setup',
  'setupTests',
  'karma.conf',
  'wdio.conf',
]);

/** The second-to-last dot part of a test file's name: `patients.test.js`, `app.spec.ts`, `login.cy.ts`. */
export const TEST_FILE_MARKS: ReadonlySet<string> = new Set([
  'test',
  'spec',
  'e2e',
  'cy',
  'stories',
  'story',
]);

/**
 * Files that are fixtures or doubles by their own name, whatever their folder: `fixture.tsx`,
 * `fixtures.ts`, `mocks.ts`, `mockData.ts`, `__fixtures__` aside.
 */
export const TEST_DOUBLE_NAMES: ReadonlySet<string> = new Set([
  'fixture',
  'fixtures',
  'mock',
  'mocks',
  'mock data',
  'mocked data',
]);

/**
 * Whether a file is test code by the runners' conventions. `file` is relative to the project's
 * root: folders above it (a checkout under `~/test/`) say nothing.
 */
export function isTestFile(file: string): boolean {
  const parts = file.split(/[\\/]/);
  const name = parts.pop() ?? '';
  if (parts.some((folder) => TEST_FOLDERS.has(folder))) return true;
  // `e2e-tests/`, `e2e-utils/`, `run-e2e.ts`: end-to-end tooling by any name.
  if ([...parts, name].some((part) => tokenize(part).includes('e2e'))) return true;
  if (TEST_CONFIG_FILES.has(name.replace(/\.[^.]+$/, ''))) return true;
  if (TEST_DOUBLE_NAMES.has(tokenize(name.replace(/\..*$/, '')).join(' '))) return true;
  const dots = name.split('.');
  return dots.length >= 3 && TEST_FILE_MARKS.has(dots[dots.length - 2]!);
}

/**
 * Whether a linted file is test code, judged by its path inside its project (the nearest
 * package.json) and, when it lies below it, inside the folder the linter runs in: a repository
 * whose tests have no package.json of their own (`tests/upload.js` beside `server/package.json`).
 */
export function inTestCode(
  filename: string,
  cwd?: string,
  options: TestCodeOptions = CONVENTIONS_ONLY,
): boolean {
  if (options.globs.length > 0 && inProjectGlobs(filename, cwd ?? '', options.globs)) return true;
  return options.conventions && byPathInProject(filename, cwd, isTestFile);
}

/**
 * A judgement of a file by its path inside its project (the nearest package.json) and, when it
 * lies below it, inside the folder the linter runs in — never by folders above both.
 */
function byPathInProject(
  filename: string,
  cwd: string | undefined,
  judge: (path: string) => boolean,
): boolean {
  // Every rule asks about the file it lints: answered once per file, folder and judgement.
  let answers = judgedPaths.get(judge);
  if (!answers) judgedPaths.set(judge, (answers = new Map()));
  const key = `${cwd ?? ''}\0${filename}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    if (answers.size >= MAX_JUDGED_PATHS) answers.clear();
    answer = judgeInProject(filename, cwd, judge);
    answers.set(key, answer);
  }
  return answer;
}

let judgedPaths = new WeakMap<(path: string) => boolean, Map<string, boolean>>();

/** Forgets the answers: a package.json added or removed moves a project's root. */
export function clearPathJudgements(): void {
  judgedPaths = new WeakMap();
}
const MAX_JUDGED_PATHS = 20_000;

function judgeInProject(
  filename: string,
  cwd: string | undefined,
  judge: (path: string) => boolean,
): boolean {
  if (judge(relative(projectRoot(filename), filename))) return true;
  if (cwd === undefined) return false;
  const inside = relative(cwd, filename);
  return !inside.startsWith('..') && !isAbsolute(inside) && judge(inside);
}

/**
 * Words that, beside `data`, name a folder of made-up records: `demoData/`, `DemoData/`,
 * `sample-data/`, `mock-data/` (`synthetic`, `fake`, `dummy` need no `data`: `INVENTED_WORDS`).
 * Their accounts and patients are invented for demonstrations and loaders, like a test's
 * fixtures.
 */
export const DEMO_DATA_WORDS: ReadonlySet<string> = new Set(['demo', 'sample', 'mock']);

/** Whether a path (relative to the project) lies in a folder of demonstration or synthetic data. */
export function isDemoDataFile(file: string): boolean {
  const folders = file.split(/[\\/]/).slice(0, -1);
  return folders.some((folder) => {
    const words = tokenize(folder);
    // `synthetic-quick-picks/`, `fake-records/`: made up whatever follows.
    if (words.some((word) => INVENTED_WORDS.has(word))) return true;
    return words.includes('data') && words.some((word) => DEMO_DATA_WORDS.has(word));
  });
}

/** Words that make a folder invented content on their own: `synthetic`, `fake`, `dummy`. */
const INVENTED_WORDS: ReadonlySet<string> = new Set(['synthetic', 'fake', 'dummy']);

/** Whether a linted file is demonstration or synthetic data, judged like `inTestCode`. */
export function inDemoData(
  filename: string,
  cwd?: string,
  options: TestCodeOptions = CONVENTIONS_ONLY,
): boolean {
  return options.conventions && byPathInProject(filename, cwd, isDemoDataFile);
}

/** Test code or demonstration data: code whose records are invented (`inTestCode`, `inDemoData`). */
export function inInventedCode(
  filename: string,
  cwd?: string,
  options: TestCodeOptions = CONVENTIONS_ONLY,
): boolean {
  return inTestCode(filename, cwd, options) || inDemoData(filename, cwd, options);
}

/** One matcher per list of globs (a configuration's lists are the same arrays for every file). */
const globMatchers = new WeakMap<readonly string[], ReturnType<typeof ignore>>();

/**
 * Whether a file matches project globs (`testCode.globs`, `credentials.fixtureGlobs`): matched,
 * gitignore style, against its path from the folder of its `healthdata.config.json` (or `cwd`).
 */
export function inProjectGlobs(filename: string, cwd: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const configFile = isAbsolute(filename) ? findProjectConfig(filename).file : undefined;
  const base = configFile ? dirname(configFile) : cwd;
  const path = isAbsolute(filename) ? relative(base, filename) : filename;
  if (path.startsWith('..') || path === '') return false;
  let matcher = globMatchers.get(globs);
  if (!matcher) globMatchers.set(globs, (matcher = ignore().add(globs)));
  return matcher.ignores(path.split(sep).join('/'));
}
