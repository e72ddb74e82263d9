import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import plugin from '../../rules/src/index';
import { listSeedFiles } from '../helpers/seeds';

export const ROOT = resolve(__dirname, '..', '..');
export const CLI = join(ROOT, 'rules', 'dist', 'cli.js');
export const SERVER = join(ROOT, 'dist', 'server.js');

/** Every rule of the catalog, at error: the strict preset is the widest configuration we ship. */
export const STRICT = plugin.configs.strict as unknown as Linter.Config[];
export const RULE_IDS = Object.keys(plugin.rules);

/**
 * Property runs: the value given for `npm test`, multiplied by FUZZ_RUNS (a factor, e.g.
 * FUZZ_RUNS=50); `npm run fuzz` multiplies by 20 unless FUZZ_RUNS says otherwise.
 */
export function runs(base: number): number {
  const fromEnv = Number(process.env.FUZZ_RUNS);
  const factor =
    Number.isFinite(fromEnv) && fromEnv > 0
      ? fromEnv
      : process.env.npm_lifecycle_event === 'fuzz'
        ? 20
        : 1;
  return Math.max(1, Math.round(base * factor));
}

/** One Linter per cwd, as the language server keeps them; files must live under the cwd. */
const linters = new Map<string, Linter>();
export function linterFor(cwd = ROOT): Linter {
  let linter = linters.get(cwd);
  if (!linter) {
    linter = new Linter({ configType: 'flat', cwd });
    linters.set(cwd, linter);
  }
  return linter;
}

export function lint(text: string, filename: string, cwd = ROOT): Linter.LintMessage[] {
  return linterFor(cwd).verify(text, STRICT, { filename });
}

export function fatal(messages: readonly Linter.LintMessage[]): Linter.LintMessage[] {
  return messages.filter((message) => message.fatal === true);
}

export interface SourceFile {
  /** Absolute path: cross-file rules resolve imports from it, so seeds keep their neighbours. */
  file: string;
  text: string;
}

export function seedSources(): SourceFile[] {
  return [...listSeedFiles('vulnerable'), ...listSeedFiles('fixed')].map((file) => ({
    file,
    text: readFileSync(file, 'utf8'),
  }));
}

/** Lines of a text as ESLint counts them (\r\n, \n, \r, U+2028, U+2029 end a line). */
export function eslintLines(text: string): string[] {
  return text.split(/\r\n|[\r\n\u2028\u2029]/);
}

/**
 * What is wrong with a message's location in the text, or undefined when it lies inside: 1-based
 * lines, 1-based columns up to one past the line's end, end not before start, fix and suggestion
 * ranges within the text.
 */
export function rangeProblem(text: string, message: Linter.LintMessage): string | undefined {
  const lines = eslintLines(text);
  const where = `${message.ruleId ?? 'fatal'} "${message.message.slice(0, 80)}"`;
  const inside = (line: number, column: number) =>
    Number.isInteger(line) &&
    Number.isInteger(column) &&
    line >= 1 &&
    line <= lines.length &&
    column >= 1 &&
    column <= lines[line - 1]!.length + 1;
  // ESLint reports a parser's stack overflow with no position at all, and some parse errors at
  // column 0 (the CLI and the server both clamp it to the line start); anything else must be real.
  if (message.fatal && message.line === undefined) return undefined;
  const column = message.fatal && message.column === 0 ? 1 : message.column;
  if (!inside(message.line, column))
    return `${where} starts at ${message.line}:${message.column}, outside the text`;
  if (message.endLine !== undefined || message.endColumn !== undefined) {
    const endLine = message.endLine ?? message.line;
    const endColumn = message.endColumn ?? message.column;
    if (!inside(endLine, endColumn))
      return `${where} ends at ${endLine}:${endColumn}, outside the text`;
    if (endLine < message.line || (endLine === message.line && endColumn < message.column))
      return `${where} ends before it starts`;
  }
  const edits = [message.fix, ...(message.suggestions ?? []).map((s) => s.fix)];
  for (const edit of edits) {
    if (!edit) continue;
    const [start, end] = edit.range;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end))
      return `${where} has an edit with range [${start}, ${end}]`;
    if (end > text.length) return `${where} edits past the end (${end} > ${text.length})`;
  }
  return undefined;
}

/** A filename for a snippet: the parser options (JSX, TS syntax) follow the extension. */
export function scratchName(dir: string, extension: string): string {
  return join(dir, `scratch${extension.startsWith('.') ? extension : `.${extension}`}`);
}

export function isTypeScript(file: string): boolean {
  return ['.ts', '.tsx', '.mts', '.cts'].includes(extname(file));
}

const temps: string[] = [];
export function tempDir(prefix = 'hdl-robust-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface ProcessRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a child process, the way CI does. */
export function runBuiltCli(
  args: readonly string[],
  cwd: string,
  nodeArgs: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): ProcessRun {
  const result = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** Snippets in the shape rules look for, for the generators to mutate and combine. */
export const SNIPPETS: readonly string[] = [
  "console.log('patient', patient.nir, patient.statutVih);\n",
  "fs.writeFileSync('/tmp/export.csv', rows.map((p) => p.nom + ';' + p.dateNaissance).join('\\n'));\n",
  "const rows = await db.query('SELECT * FROM patients');\nawait fs.promises.writeFile('extract.json', JSON.stringify(rows));\n",
  "app.get('/patients/:id', async (req, res) => res.json(await Patient.findById(req.params.id)));\n",
  "app.use('/exports', express.static('exports'));\n",
  "const pool = new Pool({ user: 'admin', password: 'admin123', host: 'db' });\n",
  "await fetch('http://lab.example.org/results', { method: 'POST', body: JSON.stringify(patient) });\n",
  "const pseudo = createHash('sha256').update(patient.nir).digest('hex');\n",
  "localStorage.setItem('dossier', JSON.stringify(dossier));\n",
  "export async function migrer() { await fs.promises.writeFile('staging.json', JSON.stringify(await Patient.find())); }\n",
  'logger.info({ patient }, `résultat ${resultat.valeur} pour ${patient.nom}`);\n',
  'type P = { nir: string; groupeSanguin?: string };\nconst p: P = { nir: "1" } as P;\n',
  'export default function Panel({ patient }: { patient: P }) { return <div>{patient.nom}</div>; }\n',
];

/**
 * A bug these tests found in a file owned by another engineer, reported and routed: while the
 * exact buggy outcome is observed the test is marked pending with the bug's description (so the
 * suite stays usable), any other deviation from the expected outcome fails, and once the bug is
 * fixed the assertion is live again.
 */
export function expectUnlessKnownBug<T>(
  context: Mocha.Context,
  actual: T,
  expected: T,
  bug: { buggy: T; description: string },
): void {
  if (
    JSON.stringify(actual) === JSON.stringify(bug.buggy) &&
    JSON.stringify(actual) !== JSON.stringify(expected)
  ) {
    console.log(`      KNOWN BUG (reported for routing): ${bug.description}`);
    context.skip();
  }
  assert.deepEqual(actual, expected);
}
