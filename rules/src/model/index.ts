import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { HealthDataConfig } from '../config/project-config';
import { configFor } from '../config/resolve';
import { type Classifier, classifierFor } from './classifier';
import { ExportContextFinder } from './context';
import { onFileDone } from './file-lifetime';
import { Provenance } from './provenance';

export type { Classification, Role } from './classifier';
export type { ExportContext } from './context';
export type { PatientRead, SanitizerKind, Taint } from './provenance';
export { joinLabels } from './provenance';
export type { SqlSelect, SqlStar, SqlStatement, SqlTableRef } from './sql';
export { scanSql, tablesRead, tablesUnderStar } from './sql';
export { sourceRangeOf, staticString, unwrap } from './ast';

/**
 * The health-data model of one file, shared by every rule linting it: built once per file
 * (keyed by ESLint's SourceCode), so rules never re-classify or re-trace what another asked.
 */
export interface HealthModel {
  config: HealthDataConfig;
  classifier: Classifier;
  provenance: Provenance;
  exportContext: ExportContextFinder;
  /** The export/migration context of a node, if any. */
  exportContextOf(node: TSESTree.Node): ReturnType<ExportContextFinder['of']>;
}

const models = new WeakMap<object, { model: HealthModel; configKey?: string }>();
onFileDone((sourceCode) => models.delete(sourceCode));

export function healthModel(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): HealthModel {
  const sourceCode = context.sourceCode;
  const config = configFor(context);
  const cached = models.get(sourceCode);
  if (cached?.model.config === config) return cached.model;
  // Compared by content when a host hands an equal configuration as another object: the model
  // and its caches are kept. A file's first model needs no key.
  const configKey = cached ? JSON.stringify(config) : undefined;
  if (cached && (cached.configKey ??= JSON.stringify(cached.model.config)) === configKey)
    return cached.model;
  const classifier = classifierFor(config);
  const provenance = new Provenance(sourceCode, classifier, config);
  const exportContext = new ExportContextFinder(context.filename, config);
  const model: HealthModel = {
    config,
    classifier,
    provenance,
    exportContext,
    exportContextOf: (node) => exportContext.of(node),
  };
  models.set(sourceCode, { model, configKey });
  return model;
}
