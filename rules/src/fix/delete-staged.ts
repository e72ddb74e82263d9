/**
 * The fix kit's deletion of staged data: the statement that removes a staged file (`rm`/`rmSync`
 * of Node.js fs, imported if needed), a staging table (`DROP TABLE IF EXISTS`, run the way the
 * table was filled), an S3 object (v3 `DeleteObjectCommand`, v2 `deleteObject(…).promise()`) or
 * a Google Cloud Storage object (`file.delete({ ignoreNotFound: true })`) — written only when
 * the expressions it repeats are safe to evaluate again — and the suggestion that runs it in a
 * `finally` wrapped around the rest of the routine (`try-finally.ts`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import { calleeName, unwrap } from '../model/ast';
import { GCS_OBJECT } from '../model/apis';
import type { MigrationFile } from '../model/migration/file';
import type { Staging } from '../model/migration/facts';
import type { FunctionNode } from '../model/ast';
import { isAsync, type Routine } from '../model/migration/routines';
import { writeDoneBy } from '../model/migration/staging';
import { tableSpelling } from '../model/migration/table-staging';
import { PATH_BUILDERS } from '../model/migration/words';
import { type Binding, namedBinding } from './bindings';
import { tryFinallyFix } from './try-finally';

/** Node.js fs `rmSync(path, { force })` (fs, fs-extra) and `rm` of fs/promises. */
const SYNC_REMOVE = { name: 'rmSync', modules: ['node:fs', 'fs', 'fs-extra'] } as const;
const ASYNC_REMOVE = { name: 'rm', modules: ['node:fs/promises', 'fs/promises'] } as const;
/** AWS SDK v3 (https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/s3/). */
const S3_V3_DELETE = { name: 'DeleteObjectCommand', modules: ['@aws-sdk/client-s3'] } as const;

export interface StagedDeletion {
  /** The deletion statement, as written in the `finally`. */
  statement: string;
  /** The suggestion's fix: the wrap and the import it needs. */
  fix: TSESLint.ReportFixFunction;
}

/** The suggestion deleting a staging in a `finally` around the rest of its routine, if safe. */
export function deleteInFinally(
  file: MigrationFile,
  filename: string,
  staging: Staging,
  routine: Routine,
): StagedDeletion | undefined {
  if (!staging.fix) return undefined;
  const deletion = deletionStatement(file, filename, staging, routine);
  if (!deletion || routine.type === AST_NODE_TYPES.Program) return undefined;
  const fix = tryFinallyFix(file.sourceCode, {
    from: staging.node,
    fn: routine,
    finalizer: deletion.statement,
    finalizerReads: staging.fix.sink === 'table' ? [] : deletionTargets(staging),
    accept: (statement) => writeDoneBy(staging, routine as FunctionNode, statement),
    along: deletion.imports,
  });
  return fix ? { statement: deletion.statement, fix } : undefined;
}

function deletionStatement(
  file: MigrationFile,
  filename: string,
  staging: Staging,
  routine: Routine,
): { statement: string; imports: Binding['imports'] } | undefined {
  const sourceCode = file.sourceCode;
  const plan = staging.fix;
  const awaitWord = isAsync(routine) ? 'await ' : '';
  const prop = (key: string, value: TSESTree.Node) => {
    const valueText = sourceCode.getText(value);
    return valueText === key ? key : `${key}: ${valueText}`;
  };
  if (!plan) return undefined;
  switch (plan.sink) {
    case 'file': {
      if (!staging.target || !simpleExpression(staging.target)) return undefined;
      const path = sourceCode.getText(staging.target);
      const sync = !isAsync(routine);
      const remove = sync ? SYNC_REMOVE : ASYNC_REMOVE;
      const binding = namedBinding(sourceCode, filename, remove.name, remove.modules, staging.node);
      if (!binding) return undefined;
      return {
        statement: `${sync ? '' : 'await '}${binding.call}(${path}, { force: true });`,
        imports: binding.imports,
      };
    }
    case 'table': {
      const table = tableSpelling(file, staging);
      if (table === undefined) return undefined;
      const sql = `DROP TABLE IF EXISTS ${table}`;
      return {
        statement: plan.tagged
          ? `${awaitWord}${plan.call}\`${sql}\`;`
          : `${awaitWord}${plan.call}('${sql}');`,
        imports: () => [],
      };
    }
    case 's3v3': {
      if (!simpleExpression(plan.bucket) || !simpleExpression(plan.key)) return undefined;
      const binding = namedBinding(
        sourceCode,
        filename,
        S3_V3_DELETE.name,
        S3_V3_DELETE.modules,
        staging.node,
      );
      if (!binding) return undefined;
      return {
        statement: `${awaitWord}${plan.client}.send(new ${binding.call}({ ${prop('Bucket', plan.bucket)}, ${prop('Key', plan.key)} }));`,
        imports: binding.imports,
      };
    }
    case 's3v2':
      if (!simpleExpression(plan.bucket) || !simpleExpression(plan.key)) return undefined;
      return {
        statement: `${awaitWord}${plan.client}.deleteObject({ ${prop('Bucket', plan.bucket)}, ${prop('Key', plan.key)} }).promise();`,
        imports: () => [],
      };
    case 'gcs':
      if (!simpleExpression(plan.file)) return undefined;
      return {
        statement: `${awaitWord}${sourceCode.getText(plan.file)}.delete({ ignoreNotFound: true });`,
        imports: () => [],
      };
    default:
      return undefined;
  }
}

/** The expressions a deletion statement repeats. */
function deletionTargets(staging: Staging): TSESTree.Node[] {
  const plan = staging.fix;
  if (!plan) return [];
  if (plan.sink === 's3v3' || plan.sink === 's3v2') return [plan.bucket, plan.key];
  if (plan.sink === 'gcs') return [plan.file];
  return staging.target ? [staging.target] : [];
}

/** Expressions safe to evaluate again in a `finally`: names, members, literals, path joins. */
function simpleExpression(node: TSESTree.Node, depth = 0): boolean {
  if (depth > 6) return false;
  const expr = unwrap(node);
  switch (expr.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ThisExpression:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return !expr.computed && simpleExpression(expr.object, depth + 1);
    case AST_NODE_TYPES.TemplateLiteral:
      return expr.expressions.every((e) => simpleExpression(e, depth + 1));
    case AST_NODE_TYPES.BinaryExpression:
      return (
        expr.operator === '+' &&
        simpleExpression(expr.left, depth + 1) &&
        simpleExpression(expr.right, depth + 1)
      );
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(expr.callee) ?? '';
      // Path joins and GCS handles (`bucket(b).file(k)`) only build references.
      return (
        (PATH_BUILDERS.has(name) || name === GCS_OBJECT.bucket || name === GCS_OBJECT.file) &&
        expr.arguments.every((a) => simpleExpression(a, depth + 1))
      );
    }
    default:
      return false;
  }
}
