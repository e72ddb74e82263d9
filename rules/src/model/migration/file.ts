/**
 * One file as migration analysis sees it: the calls and `new` expressions it makes, the SQL it
 * runs through drivers and SQL tags, its health-data model, and the descriptions of the patient
 * data found along the way with the provenance behind each (for related locations). Every other
 * module of `model/migration/` takes it as its first input.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { calleeName } from '../ast';
import type { HealthModel } from '../index';
import type { ModuleSource } from '../imported-functions';
import type { StorageWrites } from '../storage-writes';
import type { Taint } from '../provenance';
import { provenanceRelated, type RelatedLocation } from '../related';
import { isSqlTag, SQL_RUNNER_METHODS } from '../apis';
import { describeLiteralForMessage } from '../redact';

export type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** SQL run by a driver call (`pool.query(sql)`) or a tag (sql`…`). */
export interface SqlUse {
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** The SQL expression: the first argument, or the tag's template. */
  sql: TSESTree.Node;
  /** The call or tag as written, to run another statement the same way. */
  call: string;
  tagged: boolean;
}

/**
 * Longest description of staged data, and of a path or bucket, in a message: the routine, the
 * data and the place share one sentence of at most 120 characters (issue 22).
 */
const MAX_DATA_LENGTH = 30;
const MAX_NAME_LENGTH = 24;

/** Tables as a message names them: "`patients`", "`patients` and 2 more". */
export function tablesForMessage(tables: readonly string[]): string {
  const first = `\`${describeLiteralForMessage(tables[0] ?? '', MAX_NAME_LENGTH)}\``;
  return tables.length > 1 ? `${first} and ${tables.length - 1} more` : first;
}

export class MigrationFile {
  readonly calls: CallLike[] = [];
  readonly sqlUses: SqlUse[] = [];
  /** Per-file answers, computed once by the modules that ask them. */
  readonly memo: {
    mentionsCsvWriter?: boolean;
    createdTables?: Set<string>;
    keys: Map<TSESTree.Node, Set<string>>;
    /** Storage writes of the modules whose functions the file's calls hand data to. */
    storageWrites?: Map<ModuleSource, StorageWrites>;
  } = { keys: new Map() };
  private modelCache: HealthModel | undefined;
  private readonly provenanceByData = new Map<string, RelatedLocation[]>();

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly modelOf: () => HealthModel,
  ) {}

  get model(): HealthModel {
    return (this.modelCache ??= this.modelOf());
  }

  get program(): TSESTree.Program {
    return this.sourceCode.ast;
  }

  readonly scopeOf = (node: TSESTree.Node): TSESLint.Scope.Scope => this.sourceCode.getScope(node);

  /** Records a call or `new`, in source order, and the SQL a driver call runs. */
  addCall(node: CallLike): void {
    this.calls.push(node);
    const name = calleeName(node.callee);
    if (!name || node.type !== AST_NODE_TYPES.CallExpression || !SQL_RUNNER_METHODS.has(name))
      return;
    const first = node.arguments[0];
    if (first && first.type !== AST_NODE_TYPES.SpreadElement)
      this.sqlUses.push({
        node,
        sql: first,
        call: this.sourceCode.getText(node.callee),
        tagged: false,
      });
  }

  /** Records the SQL a tag runs (sql`…`). */
  addTaggedTemplate(node: TSESTree.TaggedTemplateExpression): void {
    const tag = calleeName(node.tag);
    if (tag === undefined || !isSqlTag(tag)) return;
    this.sqlUses.push({
      node,
      sql: node.quasi,
      call: this.sourceCode.getText(node.tag),
      tagged: true,
    });
  }

  /** How a message names patient data, remembering the provenance path behind the description. */
  describe(taint: Taint): string {
    const data = this.model.provenance.describe(taint, MAX_DATA_LENGTH);
    if (!this.provenanceByData.has(data)) this.provenanceByData.set(data, provenanceRelated(taint));
    return data;
  }

  /** The provenance path behind a description `describe` returned, as related locations. */
  relatedOf(data: string): RelatedLocation[] {
    return this.provenanceByData.get(data) ?? [];
  }

  /** A path, key or bucket as a message names it: a name built from a NIR stays out. */
  text(node: TSESTree.Node): string {
    return describeLiteralForMessage(this.sourceCode.getText(node), MAX_NAME_LENGTH);
  }

  inExportContext(node: TSESTree.Node): boolean {
    return this.model.exportContextOf(node) !== undefined;
  }
}

/** `"public"."Staging_Patients"` and `staging_patients` name the same table. */
export function normalTable(name: string): string {
  return (name.split('.').pop() ?? name).replace(/["`[\]]/g, '').toLowerCase();
}
