/**
 * Bucket objects that stage patient data: S3 uploads (SDK v3 `PutObjectCommand` and
 * `new Upload({ params })`, v2 `putObject`/`upload`) and Google Cloud Storage
 * `bucket(b).file(key).save(data)`, when their bucket or key says it is a hand-over place
 * (`STAGING_WORDS`), with whether the object declares its own expiry and how a suggestion can
 * delete it.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { calleeName, findProperty, propertyName, staticString, unwrap } from '../ast';
import { GCS_OBJECT, S3_UPLOADS } from '../apis';
import { tokenize } from '../tokens';
import type { CallLike, MigrationFile } from './file';
import type { FixPlan, Staging } from './facts';
import { fedData, patientNamed } from './data';
import { EXPIRY_TAG, STAGING_WORDS } from './words';

/** Whether a bucket, key or name says it is a temporary hand-over place (`staging`, `tmp/…`). */
export function stagingWords(file: MigrationFile, node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const expr = unwrap(node);
  const value = staticString(expr, file.scopeOf);
  const texts = [value?.text ?? '', expr.type === AST_NODE_TYPES.Identifier ? expr.name : ''];
  if (expr.type === AST_NODE_TYPES.TemplateLiteral)
    for (const e of expr.expressions) if (e.type === AST_NODE_TYPES.Identifier) texts.push(e.name);
  return texts.some((t) => tokenize(t).some((w) => STAGING_WORDS.has(w)));
}

/** S3 `Expires`, or tags a lifecycle rule reads to delete the object. */
function hasExpiry(file: MigrationFile, params: TSESTree.Node | undefined): boolean {
  if (findProperty(params, 'Expires')) return true;
  const tagging = findProperty(params, 'Tagging')?.value;
  const tags = tagging ? staticString(tagging, file.scopeOf)?.text : undefined;
  return tags !== undefined && EXPIRY_TAG.test(tags);
}

/** The bucket object a call or `new` stages, if any. */
export function objectStaging(file: MigrationFile, call: CallLike): Staging | undefined {
  const name = calleeName(call.callee);
  if (!name) return undefined;
  const textOf = (node: TSESTree.Node) => file.sourceCode.getText(node);
  let params: TSESTree.Node | undefined;
  let plan: ((bucket: TSESTree.Node, key: TSESTree.Node) => FixPlan | undefined) | undefined;
  const s3 = S3_UPLOADS.get(name);
  const constructed = call.type === AST_NODE_TYPES.NewExpression;
  if (constructed && s3?.construct && !s3.under) {
    params = call.arguments[s3.params];
    const send = call.parent;
    plan = (bucket, key) =>
      send?.type === AST_NODE_TYPES.CallExpression &&
      calleeName(send.callee) === 'send' &&
      send.callee.type === AST_NODE_TYPES.MemberExpression
        ? { sink: 's3v3', client: textOf(send.callee.object), bucket, key }
        : undefined;
  } else if (constructed && s3?.construct && s3.under) {
    params = findProperty(call.arguments[s3.params], s3.under)?.value;
    const client = findProperty(call.arguments[s3.params], 'client')?.value;
    plan = (bucket, key) =>
      client ? { sink: 's3v3', client: textOf(client), bucket, key } : undefined;
  } else if (
    call.type === AST_NODE_TYPES.CallExpression &&
    s3 &&
    !s3.construct &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    findProperty(call.arguments[s3.params], 'Bucket')
  ) {
    params = call.arguments[s3.params];
    const callee = call.callee;
    const promise = call.parent;
    plan = (bucket, key) =>
      promise?.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(promise) === 'promise' &&
      name === 'putObject'
        ? { sink: 's3v2', client: textOf(callee.object), bucket, key }
        : undefined;
  } else if (
    call.type === AST_NODE_TYPES.CallExpression &&
    name === GCS_OBJECT.save &&
    call.callee.type === AST_NODE_TYPES.MemberExpression
  ) {
    return gcsStaging(file, call, call.callee);
  } else {
    return undefined;
  }
  const bucket = findProperty(params, 'Bucket')?.value;
  const key = findProperty(params, 'Key')?.value;
  if (!bucket || !key) return undefined;
  if (!stagingWords(file, bucket) && !stagingWords(file, key)) return undefined;
  const body = findProperty(params, 'Body')?.value;
  return {
    node: call,
    kind: 'object',
    where: `object \`${file.text(key)}\` of \`${file.text(bucket)}\``,
    target: key,
    expires: hasExpiry(file, params),
    data: () => fedData(file, body) ?? patientNamed(file, key),
    fix: plan?.(bucket, key),
    stream: constructed && s3?.under !== undefined,
  };
}

/** Google Cloud Storage: storage.bucket(b).file(key).save(data). */
function gcsStaging(
  file: MigrationFile,
  call: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
): Staging | undefined {
  const object = unwrap(callee.object);
  if (
    object.type !== AST_NODE_TYPES.CallExpression ||
    calleeName(object.callee) !== GCS_OBJECT.file
  )
    return undefined;
  const key = object.arguments[0];
  const bucket =
    object.callee.type === AST_NODE_TYPES.MemberExpression ? object.callee.object : undefined;
  if (!key || !bucket) return undefined;
  const bucketArg = bucket.type === AST_NODE_TYPES.CallExpression ? bucket.arguments[0] : bucket;
  if (!stagingWords(file, bucketArg) && !stagingWords(file, key)) return undefined;
  return {
    node: call,
    kind: 'object',
    where: `object \`${file.text(key)}\` of \`${file.text(bucketArg ?? bucket)}\``,
    target: key,
    data: () => fedData(file, call.arguments[0]) ?? patientNamed(file, key),
    fix: { sink: 'gcs', file: object },
  };
}
