import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { healthModel, type SanitizerKind } from '../../src/model';

export interface ProbeResult {
  /** `describe()` of the taint reaching `sink(x)`, with no length budget, or null when the value is not patient data. */
  description: string | null;
  sanitizers: SanitizerKind[];
}

/**
 * Lints `code` with a throwaway rule whose listeners `create` returns, the way a real rule sees the
 * file (parser, scopes, settings); throws when the code does not parse.
 */
export function runProbeRule(
  code: string,
  create: (context: Readonly<TSESLint.RuleContext<'probe', []>>) => TSESLint.RuleListener,
  filename = 'src/app.ts',
  cwd?: string,
): void {
  const rule: TSESLint.RuleModule<'probe', []> = {
    defaultOptions: [],
    meta: { type: 'problem', messages: { probe: 'probe' }, schema: [] },
    create,
  };
  const linter = new Linter({ configType: 'flat', ...(cwd ? { cwd } : {}) });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js', '**/*.cjs'],
        languageOptions: { parser: parser as never, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { test: { rules: { probe: rule as never } } },
        rules: { 'test/probe': 'error' },
      },
    ],
    filename,
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`probe input does not parse: ${fatal.message}`);
}

/**
 * Lints `code` with a probe rule that asks the shared provenance analysis about the first
 * argument of every `sink(...)` call, the way real rules ask about values reaching their sinks.
 */
export function probe(code: string, filename = 'src/app.ts', cwd?: string): ProbeResult[] {
  const results: ProbeResult[] = [];
  runProbeRule(
    code,
    (context) => {
      return {
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type !== 'Identifier' || node.callee.name !== 'sink') return;
          const model = healthModel(context);
          const taint = model.provenance.trace(node.arguments[0]!);
          results.push({
            description: taint ? model.provenance.describe(taint, Infinity) : null,
            sanitizers: taint?.sanitizers ?? [],
          });
        },
      };
    },
    filename,
    cwd,
  );
  return results;
}
