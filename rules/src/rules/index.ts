import type { TSESLint } from '@typescript-eslint/utils';
import requireDeleteAfterMigration from './require-delete-after-migration';

/**
 * The rule catalog: the one list of rules. Presets, the README table, docs headers and SARIF
 * rule descriptors are all derived from it and from each rule's `meta`.
 */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'require-delete-after-migration': requireDeleteAfterMigration,
};
