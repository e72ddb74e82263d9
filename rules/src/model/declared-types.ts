/**
 * What the code declares a value to be, read from the syntax (no type checker): the annotation of
 * its variable, followed through constant initialisers, element reads (`reports[i]`, `for (const r
 * of reports)`) and state hooks (`useState<T>()`). Used as evidence beside names and values.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  calleeName,
  constantInit,
  keyName,
  literalString,
  localFunction,
  resolveVariable,
  SELECTING_METHODS,
  SINGLE_SELECTING_METHODS,
  typeReferenceName,
  unwrap,
  walk,
} from './ast';
import { STATE_TUPLE_HOOKS } from './apis';
import {
  FHIR_NON_PATIENT_RESOURCES,
  FHIR_PATIENT_RESOURCES,
  FHIR_REFERENCE_ELEMENTS,
} from './vocabulary';

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

const MAX_STEPS = 6;

/** The element type of an array type: `T[]`, `Array<T>`, `ReadonlyArray<T>`. */
function elementType(type: TSESTree.TypeNode): TSESTree.TypeNode | undefined {
  if (type.type === AST_NODE_TYPES.TSArrayType) return type.elementType;
  const name = typeReferenceName(type);
  if (
    (name === 'Array' || name === 'ReadonlyArray') &&
    type.type === AST_NODE_TYPES.TSTypeReference
  )
    return type.typeArguments?.params[0];
  return undefined;
}

/** The declared type of a variable's declaration, or of what initialises it. */
function variableType(
  variable: TSESLint.Scope.Variable,
  scopeOf: ScopeOf,
  steps: number,
): TSESTree.TypeNode | undefined {
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  const name = def.name;
  if (name.type === AST_NODE_TYPES.Identifier && name.typeAnnotation)
    return name.typeAnnotation.typeAnnotation;
  if (def.type !== 'Variable') return undefined;
  const declarator = def.node;
  // `const [state] = useState<T>(…)`
  if (
    declarator.id.type === AST_NODE_TYPES.ArrayPattern &&
    declarator.id.elements[0] === name &&
    declarator.init
  ) {
    const init = unwrap(declarator.init);
    if (
      init.type === AST_NODE_TYPES.CallExpression &&
      STATE_TUPLE_HOOKS.has(calleeName(init.callee) ?? '')
    )
      return init.typeArguments?.params[0];
    return undefined;
  }
  if (declarator.id !== name) return undefined;
  // `for (const report of reports)`
  const loop = declarator.parent?.parent;
  if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) {
    const list = declaredTypeOf(loop.right, scopeOf, steps + 1);
    return list && elementType(list);
  }
  const init = constantInit(variable);
  return init ? declaredTypeOf(init, scopeOf, steps + 1) : undefined;
}

/** The type the code declares for an expression, when the syntax says it; undefined otherwise. */
export function declaredTypeOf(
  node: TSESTree.Node,
  scopeOf: ScopeOf,
  steps = 0,
): TSESTree.TypeNode | undefined {
  if (steps > MAX_STEPS) return undefined;
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(scopeOf(expr), expr);
    return variable ? variableType(variable, scopeOf, steps) : undefined;
  }
  if (expr.type === AST_NODE_TYPES.CallExpression)
    return narrowedBySelection(expr) ?? returnType(expr, scopeOf, steps);
  // `reports[i]`
  if (expr.type === AST_NODE_TYPES.MemberExpression && expr.computed) {
    const list = declaredTypeOf(expr.object, scopeOf, steps + 1);
    return list && elementType(list);
  }
  return undefined;
}

/**
 * What a selection with a type predicate declares it keeps: `list.find((r): r is Encounter => …)`
 * is an `Encounter`, `list.filter((r): r is Encounter => …)` an `Encounter[]`.
 */
function narrowedBySelection(call: TSESTree.CallExpression): TSESTree.TypeNode | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = calleeName(callee);
  if (!method || !SELECTING_METHODS.has(method)) return undefined;
  const single = SINGLE_SELECTING_METHODS.has(method);
  const callback = call.arguments[0] && unwrap(call.arguments[0]);
  if (
    callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
    callback?.type !== AST_NODE_TYPES.FunctionExpression
  )
    return undefined;
  const predicate = callback.returnType?.typeAnnotation;
  if (predicate?.type !== AST_NODE_TYPES.TSTypePredicate || predicate.asserts) return undefined;
  const kept = predicate.typeAnnotation?.typeAnnotation;
  if (!kept || single) return kept;
  // The list of them, as the code would write `Encounter[]` (a node of our own, never reported).
  const list: TSESTree.TSArrayType = {
    type: AST_NODE_TYPES.TSArrayType,
    elementType: kept,
    range: kept.range,
    loc: kept.loc,
    parent: predicate,
  };
  return list;
}

/**
 * What a call of a function of this file returns by its declaration: `(): Report[]`, or a type
 * parameter bound by an argument of the same declared shape, `<T>(resources: T[], …): T[]`.
 */
function returnType(
  call: TSESTree.CallExpression,
  scopeOf: ScopeOf,
  steps: number,
): TSESTree.TypeNode | undefined {
  const fn = localFunction(call.callee, scopeOf(call));
  const declared = fn?.returnType?.typeAnnotation;
  if (!fn || !declared) return undefined;
  const typeParameters = new Set(fn.typeParameters?.params.map((p) => p.name.name) ?? []);
  let generic = false;
  walk(declared, (node) => {
    if (
      node.type === AST_NODE_TYPES.TSTypeReference &&
      typeParameters.has(typeReferenceName(node) ?? '')
    )
      generic = true;
  });
  if (!generic) return declared;
  const text = typeText(declared);
  const index = fn.params.findIndex(
    (param) =>
      param.type === AST_NODE_TYPES.Identifier &&
      param.typeAnnotation !== undefined &&
      param.typeAnnotation !== null &&
      typeText(param.typeAnnotation.typeAnnotation) === text,
  );
  const argument = index >= 0 ? call.arguments[index] : undefined;
  return argument ? declaredTypeOf(argument, scopeOf, steps + 1) : undefined;
}

/** A type's shape as text, enough to compare two annotations: `T[]`, `Array<T>`. */
function typeText(type: TSESTree.TypeNode): string {
  const element = elementType(type);
  if (element) return `${typeText(element)}[]`;
  return typeReferenceName(type) ?? type.type;
}

/** The FHIR resource type a value is declared as, or as a list of: `sr: ServiceRequest`. */
export function declaredResource(node: TSESTree.Node, scopeOf: ScopeOf): string | undefined {
  const type = declaredTypeOf(node, scopeOf);
  if (!type) return undefined;
  const resource = elementType(type) ?? type;
  return isFhirResource(resource) ? typeReferenceName(resource) : undefined;
}

function isFhirResource(type: TSESTree.TypeNode): boolean {
  const name = typeReferenceName(type);
  return (
    name !== undefined && (FHIR_PATIENT_RESOURCES.has(name) || FHIR_NON_PATIENT_RESOURCES.has(name))
  );
}

/**
 * A FHIR resource, or a list of them, put into a string: FHIR resources are plain JSON objects, so
 * `${report}` prints "[object Object]" and none of their data.
 */
export function printsAsObjectTag(node: TSESTree.Node, scopeOf: ScopeOf): boolean {
  const type = declaredTypeOf(node, scopeOf);
  if (!type) return false;
  const element = elementType(type);
  return isFhirResource(element ?? type);
}

/**
 * Whether a declared type spells out its members and none of them is data, by the names of its
 * keys: `{ [specimenId: string]: { date: string } }`, `{ id: string; status: Status }[]`.
 */
export function spellsOutNoData(
  type: TSESTree.TypeNode,
  describesNonData: (key: string) => boolean,
  depth = 0,
): boolean {
  if (depth > 3) return false;
  // `NonNullable<Encounter['diagnosis']> | null`
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    const named = type.types.filter(
      (member) =>
        member.type !== AST_NODE_TYPES.TSNullKeyword &&
        member.type !== AST_NODE_TYPES.TSUndefinedKeyword,
    );
    return named.length > 0 && named.every((m) => spellsOutNoData(m, describesNonData, depth + 1));
  }
  if (typeReferenceName(type) === 'NonNullable' && type.type === AST_NODE_TYPES.TSTypeReference) {
    const inner = type.typeArguments?.params[0];
    return inner !== undefined && spellsOutNoData(inner, describesNonData, depth + 1);
  }
  if (type.type === AST_NODE_TYPES.TSIndexedAccessType) {
    const resource = typeReferenceName(type.objectType);
    const index = type.indexType;
    const key =
      index.type === AST_NODE_TYPES.TSLiteralType ? literalString(index.literal) : undefined;
    return (
      resource !== undefined &&
      key !== undefined &&
      FHIR_REFERENCE_ELEMENTS.has(`${resource}.${key}`)
    );
  }
  const element = elementType(type);
  if (element) return spellsOutNoData(element, describesNonData, depth + 1);
  if (type.type !== AST_NODE_TYPES.TSTypeLiteral || type.members.length === 0) return false;
  return type.members.every((member) => {
    if (member.type === AST_NODE_TYPES.TSPropertySignature) {
      const key = keyName(member);
      return key !== undefined && describesNonData(key);
    }
    if (member.type === AST_NODE_TYPES.TSIndexSignature) {
      const parameter = member.parameters[0];
      const keyNamed =
        parameter?.type === AST_NODE_TYPES.Identifier ? describesNonData(parameter.name) : false;
      const value = member.typeAnnotation?.typeAnnotation;
      return (
        keyNamed &&
        value !== undefined &&
        (value.type === AST_NODE_TYPES.TSStringKeyword ||
          value.type === AST_NODE_TYPES.TSNumberKeyword ||
          value.type === AST_NODE_TYPES.TSBooleanKeyword ||
          spellsOutNoData(value, describesNonData, depth + 1))
      );
    }
    return false;
  });
}

/** The holes of a template that print something of their value: not `${report}` of a resource. */
export function printedHoles(
  template: TSESTree.TemplateLiteral,
  scopeOf: ScopeOf,
): TSESTree.Expression[] {
  return template.expressions.filter((hole) => !printsAsObjectTag(hole, scopeOf));
}

const REFERENCE_ELEMENT_NAMES = new Set([...FHIR_REFERENCE_ELEMENTS].map((e) => e.split('.')[1]));

/**
 * A member that reads a FHIR element of references only from a value declared as its resource:
 * `encounter.diagnosis` of `encounter: Encounter` (condition references and ranks).
 */
export function readsReferenceElement(
  member: TSESTree.MemberExpression,
  scopeOf: ScopeOf,
): boolean {
  const prop = member.property;
  const name =
    !member.computed && prop.type === AST_NODE_TYPES.Identifier ? prop.name : literalString(prop);
  if (name === undefined || !REFERENCE_ELEMENT_NAMES.has(name)) return false;
  const owner = declaredTypeOf(member.object, scopeOf);
  const resource = owner && typeReferenceName(owner);
  return resource !== undefined && FHIR_REFERENCE_ELEMENTS.has(`${resource}.${name}`);
}

/** Selections, and picks by position: what they answer is some of their receiver's elements. */
const PICKING_METHODS = new Set([...SELECTING_METHODS, 'at', 'slice']);

/**
 * A value taken from a FHIR element of references only, through fallbacks and selections:
 * `const dx = templateEncounter?.diagnosis ?? []` then `dx.find((d) => d.rank === 1)`.
 */
export function holdsReferenceElements(node: TSESTree.Node, scopeOf: ScopeOf, steps = 0): boolean {
  if (steps > MAX_STEPS) return false;
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.MemberExpression:
      return readsReferenceElement(value, scopeOf);
    case AST_NODE_TYPES.LogicalExpression: {
      const fallback = unwrap(value.right);
      const empty =
        (fallback.type === AST_NODE_TYPES.ArrayExpression && fallback.elements.length === 0) ||
        (fallback.type === AST_NODE_TYPES.Identifier && fallback.name === 'undefined');
      return (
        value.operator !== '&&' && empty && holdsReferenceElements(value.left, scopeOf, steps + 1)
      );
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(value.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        PICKING_METHODS.has(calleeName(callee) ?? '') &&
        holdsReferenceElements(callee.object, scopeOf, steps + 1)
      );
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = resolveVariable(scopeOf(value), value);
      const init = variable && constantInit(variable);
      return init !== undefined && holdsReferenceElements(init, scopeOf, steps + 1);
    }
    default:
      return false;
  }
}
