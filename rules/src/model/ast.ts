import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { AST_NODE_TYPES } from './node-types';
import { onFileDone } from './file-lifetime';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** A piece of a statically known string and where it sits in the source file. */
export interface StringPart {
  /** Offset of the piece in the assembled text. */
  textStart: number;
  text: string;
  /**
   * Source offset of the piece's first character (after the quote or backtick), when each
   * character of the piece is spelled verbatim in the source.
   */
  sourceStart?: number;
  /**
   * Offsets in `text` of the line feeds that the source spells `\r\n`: a template literal's value
   * turns each CRLF into LF (ECMA-262 TV of LineTerminatorSequence), so the source runs one
   * character ahead after each of them. Sorted ascending.
   */
  crlfAt?: number[];
}

export interface StaticString {
  text: string;
  parts: StringPart[];
  /** Number of `${}` holes or unknown operands replaced by a placeholder. */
  holes: number;
}

/** Placeholder for a `${}` hole or an unknown operand: an identifier, so SQL stays scannable. */
export const HOLE = '__hole__';

const MAX_STRING_DEPTH = 12;

/** Array methods whose result is the elements their callback selects: one of them for `find`. */
export const SELECTING_METHODS: ReadonlySet<string> = new Set(['find', 'findLast', 'filter']);
export const SINGLE_SELECTING_METHODS: ReadonlySet<string> = new Set(['find', 'findLast']);

/** Strips TS-only wrappers and parentheses-free wrappers: `x as T`, `x!`, `<T>x`, `x satisfies T`. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        current = current.expression;
        continue;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        continue;
      default:
        return current;
    }
  }
}

/**
 * The references of a large scope by identifier, built on first use: a module scope holds
 * thousands of references, and finding one by a scan for every identifier asked about made
 * resolution quadratic in the file's size. Small scopes are scanned. Dropped with the file.
 */
const referencesByScope = new Map<Scope, Map<TSESTree.Node, Reference>>();
onFileDone(() => referencesByScope.clear());
const SCANNED_REFERENCES = 64;

type Reference = Scope['references'][number];

function referenceOf(scope: Scope, identifier: TSESTree.Identifier): Reference | undefined {
  const references = scope.references;
  if (references.length <= SCANNED_REFERENCES)
    return references.find((r) => r.identifier === identifier);
  let byIdentifier = referencesByScope.get(scope);
  if (!byIdentifier) {
    byIdentifier = new Map();
    for (const reference of references)
      if (!byIdentifier.has(reference.identifier))
        byIdentifier.set(reference.identifier, reference);
    referencesByScope.set(scope, byIdentifier);
  }
  return byIdentifier.get(identifier);
}

/** The variable an identifier refers to, from ESLint's scope manager. */
export function resolveVariable(
  scope: Scope,
  identifier: TSESTree.Identifier,
): Variable | undefined {
  let current: Scope | null = scope;
  while (current) {
    const ref = referenceOf(current, identifier);
    if (ref) return ref.resolved ?? undefined;
    const variable = current.set.get(identifier.name);
    if (variable) return variable;
    current = current.upper;
  }
  return undefined;
}

/** Answers of `reassigned` per variable while a file is linted: asked for every use of a name. */
const reassignments = new Map<Variable, boolean>();
onFileDone(() => reassignments.clear());

/**
 * Whether a variable is written anywhere but by the initialiser of its first declaration
 * (`let x = a; … x = b`, a second `var x = …`, `x++`).
 */
export function reassigned(variable: Variable): boolean {
  let known = reassignments.get(variable);
  if (known === undefined) {
    const def = variable.defs[0];
    const init = def?.type === 'Variable' ? def.node.init : undefined;
    known = variable.references.some((r) => r.isWrite() && r.writeExpr !== init);
    reassignments.set(variable, known);
  }
  return known;
}

/** The single initialiser of a variable that is never reassigned (`const`, or `let` never written again). */
export function constantInit(variable: Variable): TSESTree.Expression | undefined {
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init)
    return undefined;
  return reassigned(variable) ? undefined : def.node.init;
}

/**
 * The text of a string built from literals, template literals (holes become a placeholder),
 * concatenations and constants defined in the module or function: enough to read SQL that is
 * assembled in pieces or declared at module level and used later.
 */
export function staticString(
  node: TSESTree.Node,
  scopeOf: (node: TSESTree.Node) => Scope,
  depth = 0,
): StaticString | undefined {
  if (depth > 0) return buildStaticString(node, scopeOf, depth);
  // Whole expressions are asked about by several rules (a URL, a SQL text, a path): the answer
  // depends only on the file's AST and scopes, so it is kept per node while the file is linted.
  const known = staticStrings.get(node);
  if (known !== undefined) return known ?? undefined;
  const built = buildStaticString(node, scopeOf, 0);
  staticStrings.set(node, built ?? null);
  return built;
}

const staticStrings = new Map<TSESTree.Node, StaticString | null>();
onFileDone(() => staticStrings.clear());

function buildStaticString(
  node: TSESTree.Node,
  scopeOf: (node: TSESTree.Node) => Scope,
  depth: number,
): StaticString | undefined {
  if (depth > MAX_STRING_DEPTH) return undefined;
  const expr = unwrap(node);
  switch (expr.type) {
    case AST_NODE_TYPES.Literal:
      return typeof expr.value === 'string'
        ? { text: expr.value, parts: [literalPart(expr, expr.value)], holes: 0 }
        : undefined;
    case AST_NODE_TYPES.TemplateLiteral:
      return concat(
        expr.quasis.flatMap((quasi, index) => {
          const cooked = quasi.value.cooked ?? quasi.value.raw;
          const piece: StaticString = {
            text: cooked,
            parts: [templatePart(quasi, cooked, 0)],
            holes: 0,
          };
          const hole = expr.expressions[index];
          return hole ? [piece, staticString(hole, scopeOf, depth + 1)] : [piece];
        }),
      );
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return staticString(expr.quasi, scopeOf, depth + 1);
    case AST_NODE_TYPES.BinaryExpression: {
      if (expr.operator !== '+') return undefined;
      const left = staticString(expr.left, scopeOf, depth + 1);
      const right = staticString(expr.right, scopeOf, depth + 1);
      return left || right ? concat([left, right]) : undefined;
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = resolveVariable(scopeOf(expr), expr);
      const init = variable && constantInit(variable);
      return init ? staticString(init, scopeOf, depth + 1) : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      // `[...].join(' ')` of string pieces, a common way to write long SQL.
      const callee = unwrap(expr.callee);
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        !callee.computed &&
        callee.property.type === AST_NODE_TYPES.Identifier &&
        callee.property.name === 'join' &&
        callee.object.type === AST_NODE_TYPES.ArrayExpression
      ) {
        const separatorNode = expr.arguments[0];
        const separator = separatorNode
          ? (staticString(separatorNode, scopeOf, depth + 1)?.text ?? ' ')
          : ',';
        return concat(
          callee.object.elements.flatMap((element, index) => {
            const inner =
              element && element.type !== AST_NODE_TYPES.SpreadElement
                ? staticString(element, scopeOf, depth + 1)
                : undefined;
            return index > 0 ? [separator, inner] : [inner];
          }),
        );
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Joins pieces of a static string: known pieces keep their source mapping (shifted), plain
 * strings (separators) add text with no mapping, unknown pieces become a `${HOLE}` placeholder.
 */
function concat(pieces: Array<StaticString | string | undefined>): StaticString {
  let text = '';
  const parts: StringPart[] = [];
  let holes = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      text += piece;
    } else if (piece) {
      for (const part of piece.parts)
        parts.push({ ...part, textStart: text.length + part.textStart });
      text += piece.text;
      holes += piece.holes;
    } else {
      text += HOLE;
      holes++;
    }
  }
  return { text, parts, holes };
}

function literalPart(literal: TSESTree.Literal, value: string): StringPart {
  // Only map offsets when the source spells the value exactly (no escapes).
  const raw = literal.raw.slice(1, -1);
  return {
    textStart: 0,
    text: value,
    sourceStart: raw === value ? literal.range[0] + 1 : undefined,
  };
}

/**
 * The piece of a template quasi. It maps to the source when the value is the raw text, or differs
 * from it only by line ends: a file saved with CRLF gives `\r\n` in the source and `\n` in the
 * value, and a lone `\r` becomes `\n` without changing the length.
 */
export function templatePart(
  quasi: TSESTree.TemplateElement,
  cooked: string,
  textStart: number,
): StringPart {
  const raw = sourceRaw(quasi);
  const sourceStart = quasi.range[0] + 1;
  if (cooked === raw) return { textStart, text: cooked, sourceStart };
  if (raw.replace(/\r\n?/g, '\n') !== cooked) return { textStart, text: cooked };
  const crlfAt: number[] = [];
  for (let i = raw.indexOf('\r\n'); i !== -1; i = raw.indexOf('\r\n', i + 2)) {
    crlfAt.push(i - crlfAt.length);
  }
  return crlfAt.length > 0
    ? { textStart, text: cooked, sourceStart, crlfAt }
    : { textStart, text: cooked, sourceStart };
}

/**
 * The quasi's text as spelled in the source. typescript-estree's `raw` is that text; oxlint's
 * parser gives the raw value of the specification, where each CRLF is already a line feed
 * (docs/ci.md, gaps under oxlint). The quasi's range spans the opening backtick or `}` and the
 * closing backtick or `${`: when the source is longer than `raw` by exactly one character per
 * line feed, the source spelled each of them as CRLF.
 */
function sourceRaw(quasi: TSESTree.TemplateElement): string {
  const raw = quasi.value.raw;
  const missing = quasi.range[1] - quasi.range[0] - (quasi.tail ? 2 : 3) - raw.length;
  if (missing <= 0 || raw.includes('\r')) return raw;
  return raw.split('\n').length - 1 === missing ? raw.replace(/\n/g, '\r\n') : raw;
}

/** Source offset of an offset inside a mapped piece (0 ≤ offset ≤ its length). */
function sourceOffsetIn(sourceStart: number, crlfAt: readonly number[], offset: number): number {
  let shift = 0;
  // A position just after a line feed spelled CRLF lies after both characters in the source.
  for (const at of crlfAt) {
    if (at >= offset) break;
    shift++;
  }
  return sourceStart + offset + shift;
}

/** Source range of a text range of a static string, when it lies inside one mapped piece. */
export function sourceRangeOf(
  value: StaticString,
  start: number,
  end: number,
): [number, number] | undefined {
  for (const part of value.parts) {
    if (part.sourceStart === undefined) continue;
    if (start >= part.textStart && end <= part.textStart + part.text.length) {
      const crlfAt = part.crlfAt ?? [];
      return [
        sourceOffsetIn(part.sourceStart, crlfAt, start - part.textStart),
        sourceOffsetIn(part.sourceStart, crlfAt, end - part.textStart),
      ];
    }
  }
  return undefined;
}

/** The name a callee is called by: `f` in `f()`, `b` in `a.b()`, `'x'` in `a['x']()`. */
export function calleeName(callee: TSESTree.Node): string | undefined {
  const node = unwrap(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return propertyName(node);
  return undefined;
}

/** The expression a node is the value of, through type assertions and non-null marks: `{ … } as T`. */
export function outermostExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && unwrap(current.parent) === node) current = current.parent;
  return current;
}

/** The name a value is read or written under: `x` for `x`, `b` for `a.b` and `a['b']`. */
export function referenceName(node: TSESTree.Node): string | undefined {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.Identifier) return expr.name;
  return expr.type === AST_NODE_TYPES.MemberExpression ? propertyName(expr) : undefined;
}

/** The static name of a member's property: `b` in `a.b` and `a['b']`. */
export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier)
    return member.property.name;
  if (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string')
    return member.property.value;
  return undefined;
}

/** The key of a property as text: `a` in `{ a: 1 }`, `{ 'a': 1 }`, `{ a }`. */
export function keyName(
  property:
    | TSESTree.Property
    | TSESTree.PropertyDefinition
    | TSESTree.MethodDefinition
    | TSESTree.TSPropertySignature,
): string | undefined {
  const key = property.key;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (
    key.type === AST_NODE_TYPES.Literal &&
    (typeof key.value === 'string' || typeof key.value === 'number')
  )
    return String(key.value);
  return undefined;
}

/**
 * The key of an object pattern that `name` is bound to directly: `{ message }`,
 * `{ text: message = '' }`; undefined when it is nested deeper, in a rest element, or absent.
 */
export function directPatternKey(pattern: TSESTree.Node, name: string): string | undefined {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value =
      property.value.type === AST_NODE_TYPES.AssignmentPattern
        ? property.value.left
        : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === name) return keyName(property);
  }
  return undefined;
}

/** What `compute` answers, or undefined when it throws on code it does not expect. */
export function safe<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}

/** `a.b.c()` -> ['a', 'b', 'c']; calls and other nodes in the chain appear as their callee names. */
export function memberChain(node: TSESTree.Node): string[] {
  const names: string[] = [];
  let current: TSESTree.Node = unwrap(node);
  for (let guard = 0; guard < 32; guard++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      names.unshift(propertyName(current) ?? '[]');
      current = unwrap(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      current = unwrap(current.callee);
    } else if (current.type === AST_NODE_TYPES.Identifier) {
      names.unshift(current.name);
      break;
    } else if (current.type === AST_NODE_TYPES.ThisExpression) {
      names.unshift('this');
      break;
    } else {
      break;
    }
  }
  return names;
}

/** The object literal property with this key, if the node is an object literal. */
export function findProperty(
  node: TSESTree.Node | undefined,
  key: string,
): TSESTree.Property | undefined {
  const object = node && unwrap(node);
  if (!object || object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && keyName(property) === key) return property;
  }
  return undefined;
}

/** The name a function is known by: its own id, the variable, property or method it is assigned to. */
export function functionName(fn: TSESTree.FunctionLike | TSESTree.Node): string | undefined {
  if ('id' in fn && fn.id && fn.id.type === AST_NODE_TYPES.Identifier) return fn.id.name;
  const parent = fn.parent;
  if (!parent) return undefined;
  if (
    parent.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    return parent.id.name;
  if (
    (parent.type === AST_NODE_TYPES.Property ||
      parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.PropertyDefinition) &&
    parent.value === fn
  )
    return keyName(parent);
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn) {
    const left = parent.left;
    if (left.type === AST_NODE_TYPES.Identifier) return left.name;
    if (left.type === AST_NODE_TYPES.MemberExpression) return propertyName(left);
  }
  return undefined;
}

/** A function with a body: arrow, declaration or expression. */
export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/**
 * Keys that hold no child node. ESLint's `Program` also carries every token and comment, which
 * look like nodes (they have a string `type`) and outnumber the nodes several times over.
 */
export const SKIPPED_KEYS: ReadonlySet<string> = new Set([
  'parent',
  'loc',
  'range',
  'tokens',
  'comments',
]);

/** The function a node belongs to (not the node itself): undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent)
    if (isFunctionNode(current)) return current;
  return undefined;
}

/** Whether a value is an AST node (rather than a location, a token list or a plain value). */
export function isNode(value: unknown): value is TSESTree.Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

const keysOf = visitorKeys as Readonly<Record<string, readonly string[] | undefined>>;

/**
 * Calls `visit` on each child node of `node`, in source order, along the parser's visitor keys
 * (no location, token, comment or parent keys); a node type the keys do not know falls back to
 * its own keys. The one definition of "the children of a node" for every walk of the model.
 */
export function forEachChild(node: TSESTree.Node, visit: (child: TSESTree.Node) => void): void {
  // Indexed loops: this runs once per node walked, and iterators would allocate.
  const keys = keysOf[node.type] ?? Object.keys(node);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (SKIPPED_KEYS.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (let v = 0; v < value.length; v++) {
        const child: unknown = value[v];
        if (isNode(child)) visit(child);
      }
    } else if (isNode(value)) visit(value);
  }
}

/**
 * Depth-first walk of a subtree in source order; `visit` returning false skips a node's
 * children. Bounded, so a pathological file cannot hang. Whole programs are walked once, by
 * `programIndex` (program-index.ts); this is for the subtrees rules look into.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => void | false): void {
  let budget = 400_000;
  const step = (node: TSESTree.Node): void => {
    if (budget-- <= 0) return;
    if (visit(node) === false) return;
    forEachChild(node, step);
  };
  step(root);
}

/**
 * Links `parent` on a program parsed by the model itself (typescript-estree's `parse` leaves it
 * unset, and the model walks upwards from nodes). ESLint's programs already have it.
 */
export function linkParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    forEachChild(node, (child) => {
      (child as { parent?: TSESTree.Node }).parent = node;
      stack.push(child);
    });
  }
}

/** The text of a string literal or of a template literal without holes; undefined otherwise. */
export function literalString(node: TSESTree.Node | undefined): string | undefined {
  const expr = node && unwrap(node);
  if (expr?.type === AST_NODE_TYPES.Literal && typeof expr.value === 'string') return expr.value;
  if (expr?.type === AST_NODE_TYPES.TemplateLiteral && expr.expressions.length === 0)
    return expr.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/**
 * The function a callee names when it is declared in this file and never reassigned:
 * `function format(p) {…}`, `const format = (p) => …`. Undefined for methods, imports and
 * parameters.
 */
export function localFunction(callee: TSESTree.Node, scope: Scope): FunctionNode | undefined {
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolveVariable(scope, callee);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration)
    return reassigned(variable) ? undefined : def.node;
  if (def.type !== 'Variable') return undefined;
  const init = constantInit(variable);
  const fn = init && unwrap(init);
  return fn && isFunctionNode(fn) ? fn : undefined;
}

/**
 * What a function returns: its expression body, or the argument of each `return` in its body
 * (not in nested functions). Empty for a function that returns nothing.
 */
export function returnedExpressions(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const found: TSESTree.Node[] = [];
  walk(fn.body, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found.push(node.argument);
  });
  return found;
}

/**
 * The name a type reference ends with: `Patient`, `fhir4.Patient` → `Patient`, `Promise<T>` →
 * `Promise`; undefined for any other type.
 */
export function typeReferenceName(type: TSESTree.Node | undefined): string | undefined {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  return name.type === AST_NODE_TYPES.TSQualifiedName ? name.right.name : undefined;
}
