import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enterFile, leaveFile } from '../model/file-lifetime';
import { fittingContext } from './fit-message';

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
  const create = (
    context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
    options: Options,
  ) => {
    const sourceCode = context.sourceCode;
    const listeners = spec.create(fittingContext(context, spec.meta.messages), options);
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
  };
  const rule = namedRule<Options, MessageIds>({ ...spec, create });
  // The options with their defaults, once per distinct configuration rather than once per file:
  // ESLint hands each file a fresh copy of the same options, and merging them into the defaults
  // (typescript-eslint's applyDefault, a deep clone) was a measurable part of the rules' time.
  const defaults = (spec.meta.defaultOptions ?? spec.defaultOptions ?? []) as Options;
  const withDefaults = new Map<string, Options>();
  return {
    ...rule,
    create(context) {
      const given = context.options;
      const key = given.length === 0 ? '' : JSON.stringify(given);
      let options = withDefaults.get(key);
      if (options === undefined) {
        options = deepFreeze(ESLintUtils.applyDefault(defaults, structuredClone(given))) as Options;
        if (withDefaults.size >= MAX_OPTION_SETS) withDefaults.clear();
        withDefaults.set(key, options);
      }
      return create(context, options);
    },
  };
}

/** Shared by every file linted with them, so no rule may change them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Distinct option sets kept per rule: a host lints with a handful (presets, overrides). */
const MAX_OPTION_SETS = 64;
