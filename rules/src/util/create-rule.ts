import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enterFile, leaveFile } from '../model/file-lifetime';

/** Where each rule's documentation lives; `docs.url` of every rule points here. */
export const DOCS_BASE_URL =
  'https://github.com/health-data-lint/health-data-lint/blob/main/docs/rules/';

export type Preset = 'recommended' | 'strict';

/** Extra documentation every rule carries; the README table, docs headers and SARIF are built from it. */
export interface HealthDataRuleDocs {
  description: string;
  /** The lowest preset that turns the rule on (`recommended` rules are in `strict` too). */
  preset: Preset;
  /** The CNIL SAN-2022-009 finding the rule answers, in one short phrase. */
  cnilFinding: string;
  /** Regulatory references, as SARIF tags: `GDPR-32`, `HIPAA-164.312(a)(2)(iv)`, `CWE-311`... */
  references: string[];
  /** SARIF security-severity (0.0–10.0). */
  securitySeverity: number;
  /**
   * Options that `configs.strict` passes to the rule (e.g. reporting outside export code);
   * `configs.recommended` always uses the rule's defaults.
   */
  strictOptions?: unknown[];
}

const namedRule = ESLintUtils.RuleCreator<HealthDataRuleDocs>(
  (name) => `${DOCS_BASE_URL}${name}.md`,
);

/**
 * Every rule of the plugin: typescript-eslint's rule creator (docs URL, default options), plus a
 * `Program:exit` that tells the model when the rule is done with the file, so per-file caches are
 * dropped as soon as the last rule leaves it (model/file-lifetime.ts says why that matters).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  spec: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, HealthDataRuleDocs>>,
): ReturnType<typeof namedRule<Options, MessageIds>> {
  return namedRule<Options, MessageIds>({
    ...spec,
    create(context, options) {
      const sourceCode = context.sourceCode;
      const listeners = spec.create(context, options);
      enterFile(sourceCode);
      const exit = listeners['Program:exit'];
      return {
        ...listeners,
        'Program:exit'(program: TSESTree.Program) {
          try {
            exit?.(program);
          } finally {
            leaveFile(sourceCode);
          }
        },
      } satisfies TSESLint.RuleListener;
    },
  });
}
