import ignore from 'ignore';
import { dirname, relative, resolve, sep } from 'node:path';
import { type ConfigProblem, findProjectConfig } from '../config/project-config';
import type { Preset } from '../util/create-rule';
import type { SkippedFile } from './discover';
import { commonAncestor, configFilesOf, type LintOutcome } from './engine';
import { today } from './findings';
import { createEslint, type LintJob, lintText } from './lint';

export interface StdinRequest {
  text: string;
  /** The path the text stands for, relative to `cwd`; the file need not exist. */
  filename: string;
  cwd: string;
  preset?: Preset;
  useEslintConfig: boolean;
}

/**
 * Why the project configuration leaves the file out, as the folder walk would: its `ignores`
 * (relative to the configuration file) or its `maxFileSizeKb`.
 */
function skipReason(file: string, bytes: number): string | undefined {
  const loaded = findProjectConfig(file);
  if (loaded.file !== undefined && loaded.config.ignores.length > 0) {
    const rel = relative(dirname(loaded.file), file).split(sep).join('/');
    if (!rel.startsWith('..') && ignore().add(loaded.config.ignores).ignores(rel))
      return 'matched by the ignores of healthdata.config.json';
  }
  const limitKb = loaded.config.maxFileSizeKb;
  return bytes > limitKb * 1024 ? `larger than ${limitKb} KB (maxFileSizeKb)` : undefined;
}

/** Lints text read from standard input as the file `filename`: an editor's buffer, a hook's blob. */
export async function lintStdin(request: StdinRequest): Promise<LintOutcome> {
  const file = resolve(request.cwd, request.filename);
  const root = commonAncestor([resolve(request.cwd), file]);
  const job: LintJob = {
    root,
    preset: request.preset,
    configFiles: configFilesOf([file]),
    useEslintConfig: request.useEslintConfig,
    today: today(),
  };
  const problems = new Map<string, ConfigProblem>();
  const addProblem = (problem: ConfigProblem) =>
    problems.set(`${problem.file}\0${problem.key}`, problem);
  findProjectConfig(file).problems.forEach(addProblem);

  const reason = skipReason(file, Buffer.byteLength(request.text));
  const skipped: SkippedFile[] = reason ? [{ file, reason }] : [];
  const reports = reason
    ? []
    : await lintText(createEslint(job, { onConfigProblem: addProblem }), job, request.text, file);
  return { root, reports, skipped, configProblems: [...problems.values()] };
}

/** All of standard input, as UTF-8 text. */
export async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
