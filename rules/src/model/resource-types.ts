/**
 * FHIR resource types as evidence about a value: a client read of a Patient-compartment resource
 * carries its data (`fhirRead`); otherwise these are evidence that a value holds no patient data: a declared type, a type
 * assertion or a `resourceType` test that names only resources outside the Patient compartment
 * (an `Organization`, a `Practitioner`, an `ActivityDefinition`). Bundles and search results mix
 * patients with the organisations and definitions they point to; code that picks the latter out
 * says so in one of these three ways.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  findProperty,
  isFunctionNode,
  literalString,
  propertyName,
  typeReferenceName,
  unwrap,
} from './ast';
import { FHIR_READ_METHODS, FHIR_RESOURCE_TYPE_OPTION } from './apis';
import {
  FHIR_NON_PATIENT_RESOURCES,
  FHIR_PATIENT_RESOURCES,
  RECORD_TYPE_CONTAINERS,
} from './vocabulary';

/**
 * Whether a type names only non-patient resources: `Organization`, `Practitioner[]`,
 * `Location | undefined`, `Promise<ValueSet[]>`, `Map<string, Organization>`.
 */
export function namesNonPatientResource(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeReference: {
      const name = typeReferenceName(type);
      if (!name) return false;
      if (FHIR_NON_PATIENT_RESOURCES.has(name)) return true;
      if (!RECORD_TYPE_CONTAINERS.has(name)) return false;
      // `Map<string, Organization>`: the values say what it holds; keys are strings.
      const params = type.typeArguments?.params ?? [];
      const held = name.endsWith('Map') || name === 'Record' ? params.slice(-1) : params;
      return held.length > 0 && held.every(namesNonPatientResource);
    }
    case AST_NODE_TYPES.TSArrayType:
      return namesNonPatientResource(type.elementType);
    case AST_NODE_TYPES.TSUnionType: {
      const named = type.types.filter((member) => !isEmptyType(member));
      return named.length > 0 && named.every(namesNonPatientResource);
    }
    default:
      return false;
  }
}

function isEmptyType(type: TSESTree.TypeNode): boolean {
  return (
    type.type === AST_NODE_TYPES.TSUndefinedKeyword ||
    type.type === AST_NODE_TYPES.TSNullKeyword ||
    type.type === AST_NODE_TYPES.TSVoidKeyword
  );
}

/** Whether a binding is declared with a non-patient resource type: `labs: Organization[]`. */
export function declaredNonPatient(id: TSESTree.Node): boolean {
  // Absent annotations are `undefined` in typescript-estree and `null` under oxlint.
  return (
    id.type === AST_NODE_TYPES.Identifier &&
    !!id.typeAnnotation &&
    namesNonPatientResource(id.typeAnnotation.typeAnnotation)
  );
}

/** Whether an expression is asserted to a non-patient resource: `entry.resource as Location`. */
export function assertedNonPatient(node: TSESTree.Node): boolean {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        if (namesNonPatientResource(current.typeAnnotation)) return true;
        current = current.expression;
        continue;
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        continue;
      default:
        return false;
    }
  }
}

/**
 * The resource type a test requires of the variable `name`: `r.resourceType === 'Organization'`
 * (either side, `==` too), also as one operand of `&&`.
 */
function requiredResourceType(test: TSESTree.Node, name: string): string | undefined {
  const expr = unwrap(test);
  if (expr.type === AST_NODE_TYPES.LogicalExpression && expr.operator === '&&')
    return requiredResourceType(expr.left, name) ?? requiredResourceType(expr.right, name);
  if (
    expr.type !== AST_NODE_TYPES.BinaryExpression ||
    (expr.operator !== '===' && expr.operator !== '==')
  )
    return undefined;
  for (const [side, other] of [
    [expr.left, expr.right],
    [expr.right, expr.left],
  ] as const) {
    const member = unwrap(side);
    if (
      member.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(member) === 'resourceType' &&
      unwrap(member.object).type === AST_NODE_TYPES.Identifier &&
      (unwrap(member.object) as TSESTree.Identifier).name === name &&
      other.type === AST_NODE_TYPES.Literal &&
      typeof other.value === 'string'
    )
      return other.value;
  }
  return undefined;
}

/**
 * Whether a use of a variable sits where a test has ruled out patient data, in one walk up to
 * the enclosing function: a test that narrows it to a non-patient resource
 * (`if (resource.resourceType === 'Organization') { … resource … }`, or after `&&` in the same
 * test), or the innermost `if` finding it empty or not a bundle of records
 * (`if (bundle.resourceType !== 'Bundle' || bundle.entry === undefined) { … bundle … }`,
 * `if (!rows?.length) { … rows … }`: every operand of its `||` must say so of the variable).
 */
export function narrowedAway(id: TSESTree.Identifier, declared?: TSESTree.TypeNode): boolean {
  let innermostIf = true;
  for (const { test, statement } of guardingTests(id)) {
    const required = requiredResourceType(test, id.name);
    if (required) return FHIR_NON_PATIENT_RESOURCES.has(required);
    if (statement && innermostIf) {
      if (saysEmpty(test, id.name, declared)) return true;
      innermostIf = false;
    }
  }
  return false;
}

/**
 * The tests that hold where a node is evaluated, innermost first, up to the enclosing function:
 * the test of an `if` or `?:` whose consequent holds the node, the left of an `&&` whose right
 * does.
 */
function* guardingTests(
  node: TSESTree.Node,
): Generator<{ test: TSESTree.Node; statement: boolean }> {
  let child: TSESTree.Node = node;
  for (
    let current: TSESTree.Node | undefined = node.parent;
    current && !isFunctionNode(current);
    current = current.parent
  ) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child)
      yield { test: current.test, statement: true };
    else if (current.type === AST_NODE_TYPES.ConditionalExpression && current.consequent === child)
      yield { test: current.test, statement: false };
    else if (
      current.type === AST_NODE_TYPES.LogicalExpression &&
      current.operator === '&&' &&
      current.right === child
    )
      yield { test: current.left, statement: false };
    child = current;
  }
}

/**
 * Whether a callback of `find`/`filter` selects non-patient resources:
 * `(r) => r.resourceType === 'Practitioner'`, `(r): r is Location => …`.
 */
export function selectsNonPatient(callback: TSESTree.Node | undefined): boolean {
  const fn = callback && unwrap(callback);
  if (!fn || !isFunctionNode(fn)) return false;
  const predicate = fn.returnType?.typeAnnotation;
  if (predicate?.type === AST_NODE_TYPES.TSTypePredicate && predicate.typeAnnotation)
    return namesNonPatientResource(predicate.typeAnnotation.typeAnnotation);
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  let body: TSESTree.Node | undefined = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const only = body.body.length === 1 ? body.body[0] : undefined;
    body = only?.type === AST_NODE_TYPES.ReturnStatement ? (only.argument ?? undefined) : undefined;
  }
  const required = body && requiredResourceType(body, param.name);
  return required !== undefined && FHIR_NON_PATIENT_RESOURCES.has(required);
}

/** Members that hold a container's records: a FHIR Bundle's `entry`, a list's `length`. */
const RECORD_HOLDERS = new Set(['entry', 'length', 'rows', 'items']);

function saysEmpty(test: TSESTree.Node, name: string, declared?: TSESTree.TypeNode): boolean {
  const expr = unwrap(test);
  if (expr.type === AST_NODE_TYPES.LogicalExpression && expr.operator === '||')
    return saysEmpty(expr.left, name, declared) && saysEmpty(expr.right, name, declared);
  // `typeof value !== 'number'` of `value: number | undefined`: what is left is empty.
  if (
    declared &&
    expr.type === AST_NODE_TYPES.BinaryExpression &&
    (expr.operator === '!==' || expr.operator === '!=')
  ) {
    const left = unwrap(expr.left);
    const kind = TYPEOF_KEYWORDS.get(
      String(expr.right.type === AST_NODE_TYPES.Literal ? expr.right.value : ''),
    );
    if (
      kind &&
      left.type === AST_NODE_TYPES.UnaryExpression &&
      left.operator === 'typeof' &&
      isVariable(left.argument, name) &&
      declared.type === AST_NODE_TYPES.TSUnionType &&
      declared.types.every((member) => member.type === kind || isEmptyType(member))
    )
      return true;
  }
  // `!x`, `!x.entry`, `!x?.entry?.length`
  if (expr.type === AST_NODE_TYPES.UnaryExpression && expr.operator === '!')
    return isVariableOrHolder(expr.argument, name);
  if (expr.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const { operator, left, right } = expr;
  // `x.resourceType !== 'Bundle'`
  const member = unwrap(left);
  if (
    (operator === '!==' || operator === '!=') &&
    member.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(member) === 'resourceType' &&
    isVariable(member.object, name) &&
    right.type === AST_NODE_TYPES.Literal &&
    right.value === 'Bundle'
  )
    return true;
  // `x.entry === undefined`, `x === null`, `x.length === 0`
  if (operator !== '===' && operator !== '==') return false;
  const empty =
    (right.type === AST_NODE_TYPES.Identifier && right.name === 'undefined') ||
    (right.type === AST_NODE_TYPES.Literal && (right.value === null || right.value === 0));
  return empty && isVariableOrHolder(left, name);
}

/** What `typeof` answers for values of a keyword type. */
const TYPEOF_KEYWORDS = new Map<string, string>([
  ['number', AST_NODE_TYPES.TSNumberKeyword],
  ['string', AST_NODE_TYPES.TSStringKeyword],
  ['boolean', AST_NODE_TYPES.TSBooleanKeyword],
]);

function isVariable(node: TSESTree.Node, name: string): boolean {
  const expr = unwrap(node);
  return expr.type === AST_NODE_TYPES.Identifier && expr.name === name;
}

/** `x`, `x.entry`, `x?.entry?.length`, `x.length`: the variable or what holds its records. */
function isVariableOrHolder(node: TSESTree.Node, name: string): boolean {
  let expr = unwrap(node);
  for (let depth = 0; depth < 3 && expr.type === AST_NODE_TYPES.MemberExpression; depth++) {
    const property = propertyName(expr);
    if (!property || !RECORD_HOLDERS.has(property)) return false;
    expr = unwrap(expr.object);
  }
  return isVariable(expr, name);
}

/**
 * The Patient-compartment resource type a FHIR client call reads (catalogue `FHIR_READ_METHODS`):
 * named by its type argument (`get<Patient>`), its first argument (`readResource('Patient', id)`)
 * or the `resourceType` of its options (`search({ resourceType: 'Observation' })`).
 */
export function fhirRead(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(callee);
  if (!method || !FHIR_READ_METHODS.has(method)) return undefined;
  let resource = typeReferenceName(call.typeArguments?.params[0]);
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (!resource && first?.type === AST_NODE_TYPES.Literal && method !== 'get')
    resource = typeof first.value === 'string' ? first.value : undefined;
  if (!resource && first?.type === AST_NODE_TYPES.ObjectExpression) {
    const option = findProperty(first, FHIR_RESOURCE_TYPE_OPTION)?.value;
    resource = option ? literalString(option) : undefined;
  }
  return resource && FHIR_PATIENT_RESOURCES.has(resource) ? resource : undefined;
}

/** Search parameters that add resources of other types to a search's answer. */
const OTHER_TYPES_PARAMS = ['_include', '_revinclude'];

/**
 * Whether a FHIR read answers with resources of its one type only: its search parameters are
 * written out in the call and none includes other resources (`_include`, `_revinclude`).
 */
export function readsOneResourceType(
  call: TSESTree.CallExpression,
  text: (node: TSESTree.Node) => string,
): boolean {
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (first?.type !== AST_NODE_TYPES.ObjectExpression) return call.arguments.length <= 1;
  if (first.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return false;
  const params = findProperty(first, 'params')?.value;
  const list = params && unwrap(params);
  if (
    list !== undefined &&
    (list.type !== AST_NODE_TYPES.ArrayExpression ||
      list.elements.some((e) => !e || unwrap(e).type !== AST_NODE_TYPES.ObjectExpression))
  )
    return false;
  const written = text(first);
  return !OTHER_TYPES_PARAMS.some((param) => written.includes(param));
}
