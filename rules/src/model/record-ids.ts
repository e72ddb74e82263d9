/**
 * Record ids: which expression names one patient record (`patient`, `dossier`, `source.patient`
 * — not `patients` or `rows`) and the id that stands for it where the record itself must not go
 * (`patient.id`, keyed `patientId`); a field of a record (`patient.nir`) stands for its record.
 * An object literal or a declared object type without an `id` member has no id to offer.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { memberChain, resolveVariable, unwrap } from './ast';
import type { HealthModel } from './index';
import { tokenize } from './tokens';

/** The record a value names and its id: `{ record: patient, key: 'patientId' }` for `patient.nir`. */
export interface RecordId {
  /** The expression of the record; its id is `<record>.id`. */
  record: TSESTree.Identifier | TSESTree.MemberExpression;
  /** The key the id goes by: `patientId`. */
  key: string;
}

/** The record a value names, when the value is one patient record or one of its fields. */
export function recordIdOf(model: HealthModel, value: TSESTree.Node): RecordId | undefined {
  let expr = unwrap(value);
  // `patient.nir` -> `patient.id`: the container that owns the field.
  if (expr.type === AST_NODE_TYPES.MemberExpression && !expr.computed) {
    const object = unwrap(expr.object);
    if (
      object.type === AST_NODE_TYPES.Identifier ||
      object.type === AST_NODE_TYPES.MemberExpression
    )
      if (singleRecordName(model, lastName(object))) expr = object;
  }
  if (expr.type !== AST_NODE_TYPES.Identifier && expr.type !== AST_NODE_TYPES.MemberExpression)
    return undefined;
  const name = lastName(expr);
  if (!singleRecordName(model, name) || !name) return undefined;
  if (expr.type === AST_NODE_TYPES.Identifier && lacksIdField(model, expr)) return undefined;
  return { record: expr, key: `${name}Id` };
}

function lastName(node: TSESTree.Node): string | undefined {
  const chain = memberChain(node);
  return chain[chain.length - 1];
}

/** `patient`, `dossier`, `source.patient`: one record (not `patients`, `rows`), named as patient data. */
function singleRecordName(model: HealthModel, name: string | undefined): boolean {
  if (!name) return false;
  const cls = model.classifier.container(name);
  if (!cls || cls.role !== 'data') return false;
  const words = tokenize(name);
  const head = words[words.length - 1] ?? '';
  return !/[sx]$/.test(head);
}

/** A declared object type or literal without an `id` member: suggesting `.id` would not compile. */
function lacksIdField(model: HealthModel, id: TSESTree.Identifier): boolean {
  const def = resolveVariable(model.provenance.scopeOf(id), id)?.defs[0];
  const init = def?.type === 'Variable' && def.node.init ? unwrap(def.node.init) : undefined;
  if (init?.type === AST_NODE_TYPES.ObjectExpression)
    return !init.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.SpreadElement ||
        (property.type === AST_NODE_TYPES.Property &&
          !property.computed &&
          property.key.type === AST_NODE_TYPES.Identifier &&
          property.key.name === 'id'),
    );
  const name = def?.name;
  const annotation =
    name && 'typeAnnotation' in name ? name.typeAnnotation?.typeAnnotation : undefined;
  if (!annotation || annotation.type !== AST_NODE_TYPES.TSTypeLiteral) return false;
  return !annotation.members.some(
    (member) =>
      member.type === AST_NODE_TYPES.TSPropertySignature &&
      member.key.type === AST_NODE_TYPES.Identifier &&
      member.key.name === 'id',
  );
}
