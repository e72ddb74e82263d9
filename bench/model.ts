// Micro-benchmark of the health-data model (not a test: it prints, it asserts nothing).
//   npx tsx bench/model.ts
// Classifier throughput on distinct and cached names, and the provenance cost per 1,000 lines of
// the seed codebase when every call argument is traced (far more than rules ever ask).
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Classifier } from '../rules/src/model/classifier';
import { healthModel } from '../rules/src/model';

const root = join(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(c|m)?(j|t)sx?$/.test(name) ? [path] : [];
  });
}

const sources = files(join(root, 'seeds')).map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));
const identifiers = [...new Set(sources.flatMap((s) => s.text.match(/[A-Za-z_$][\w$]*/g) ?? []))];

function time(label: string, runs: number, fn: () => void): number {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(3)} ms`);
  return ms;
}

const fresh = time(`classify ${identifiers.length} distinct names (cold)`, 20, () => {
  const classifier = new Classifier();
  for (const name of identifiers) classifier.classify(name);
});
const warm = new Classifier();
for (const name of identifiers) warm.classify(name);
const cached = time(`classify ${identifiers.length} names (cached)`, 200, () => {
  for (const name of identifiers) warm.classify(name);
});
console.log(
  `classifier throughput: ${Math.round(identifiers.length / (fresh / 1000)).toLocaleString()} names/s cold, ${Math.round(identifiers.length / (cached / 1000)).toLocaleString()} names/s cached`,
);

let traced = 0;
const traceAll: TSESLint.RuleModule<'x', []> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { x: 'x' }, schema: [] },
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const model = healthModel(context);
        for (const arg of node.arguments) {
          model.provenance.trace(arg);
          traced++;
        }
      },
    };
  },
};
const languageOptions = {
  parser: parser as never,
  ecmaVersion: 'latest' as const,
  sourceType: 'module' as const,
  parserOptions: { ecmaFeatures: { jsx: true } },
};
const linter = new Linter({ configType: 'flat' });
const lines = sources.reduce((sum, s) => sum + s.text.split('\n').length, 0);
const lintAll = (withRule: boolean) => () => {
  for (const source of sources) {
    linter.verify(
      source.text,
      [
        {
          files: ['**/*'],
          languageOptions,
          plugins: { b: { rules: { all: traceAll as never } } },
          rules: withRule ? { 'b/all': 'error' } : {},
        },
      ],
      source.path,
    );
  }
};
// Interleaved rounds, medians: the machine may be busy, and JIT warm-up favours later runs.
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const floors: number[] = [];
const traces: number[] = [];
for (let round = 0; round < 7; round++) {
  floors.push(time(`parse + traverse seeds (${lines} lines)`, 3, lintAll(false)));
  traced = 0;
  traces.push(time('same, tracing every call argument', 3, lintAll(true)));
}
const perRun = traced / 4;
const floor = median(floors);
const withTrace = median(traces);
console.log(
  `median floor ${floor.toFixed(1)} ms, with tracing ${withTrace.toFixed(1)} ms (${Math.round(perRun)} traces per run)`,
);
console.log(
  `provenance cost: ${(((withTrace - floor) / lines) * 1000).toFixed(2)} ms per 1,000 lines`,
);
