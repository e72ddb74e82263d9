import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { keyName, propertyName, reassigned, resolveVariable, unwrap } from './ast';
import { onFileDone } from './file-lifetime';

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** Marks, in an export path, the result of calling or constructing what precedes it. */
export const CALL = '()';

/** What a value refers to in a module: `fs.promises.writeFile` is `{ module: 'fs', exportPath: ['promises', 'writeFile'] }`. */
export interface ImportRef {
  /** The module specifier, without the `node:` scheme: `fs`, `fs/promises`, `@aws-sdk/client-s3`. */
  module: string;
  /**
   * Path from the module's exports to the value. `[]` is the module itself (namespace import or
   * `require` result), `['default']` its default import; `CALL` marks the result of a call or
   * `new` (`new Redis()` is `['default', CALL]`, `redis.set` then `['default', CALL, 'set']`).
   */
  exportPath: string[];
}

/** Names under which browsers and runtimes expose their globals. */
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);

const MAX_DEPTH = 24;

interface Origin {
  /** Undefined for globals (identifiers never declared in the file). */
  module?: string;
  path: string[];
}

/** `node:fs` and `fs` name the same module. */
export function normalizeModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

/**
 * The module value an expression refers to, through imports, `require`, dynamic `import()`,
 * destructuring with renames, aliases (`const fsp = fs.promises`), `await`, calls and `new`,
 * class fields and TypeScript parameter types (`(client: Redis)` is an instance of `Redis`).
 * Undefined when the value does not come from a module, or when the variable is reassigned.
 */
export function resolveImport(node: TSESTree.Node, scopeOf: ScopeOf): ImportRef | undefined {
  const origin = resolveTop(node, scopeOf);
  return origin?.module !== undefined
    ? { module: origin.module, exportPath: origin.path }
    : undefined;
}

/**
 * The path of a value under the global object, when its chain starts at an identifier the file
 * never declares: `window.localStorage.setItem` and `localStorage.setItem` are both
 * `['localStorage', 'setItem']`; `const store = sessionStorage` makes `store` `['sessionStorage']`.
 */
export function resolveGlobal(node: TSESTree.Node, scopeOf: ScopeOf): string[] | undefined {
  const origin = resolveTop(node, scopeOf);
  return origin && origin.module === undefined ? origin.path : undefined;
}

/**
 * `resolveImport` and `resolveGlobal` from one resolution (at most one is defined), for callers
 * that need both answers about the same node.
 */
export function resolveReference(
  node: TSESTree.Node,
  scopeOf: ScopeOf,
): { ref?: ImportRef; global?: string[] } {
  const origin = resolveTop(node, scopeOf);
  if (!origin) return {};
  return origin.module !== undefined
    ? { ref: { module: origin.module, exportPath: origin.path } }
    : { global: origin.path };
}

/**
 * An export path read the CommonJS way: `import fs from 'fs'` and `import * as fs from 'fs'`
 * reach the same functions, so a leading `default` is dropped.
 */
export function withoutDefault(path: readonly string[]): string[] {
  return path[0] === 'default' ? path.slice(1) : [...path];
}

/**
 * Answers for whole expressions, kept per node while a file is linted: several rules ask about
 * the same callee of the same call (a write, a log, a request), and the answer depends only on
 * the file's AST and scopes. Dropped when the plugin's rules leave the file (file-lifetime.ts
 * says why a per-file entry must not wait for the collector).
 */
const resolved = new Map<TSESTree.Node, Origin | null>();
onFileDone(() => resolved.clear());

function resolveTop(node: TSESTree.Node, scopeOf: ScopeOf): Origin | undefined {
  const known = resolved.get(node);
  if (known !== undefined) return known ?? undefined;
  const origin = resolve(node, scopeOf, 0);
  resolved.set(node, origin ?? null);
  return origin;
}

function resolve(node: TSESTree.Node, scopeOf: ScopeOf, depth: number): Origin | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expr = unwrap(node);
  switch (expr.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return resolve(expr.argument, scopeOf, depth + 1);
    case AST_NODE_TYPES.ImportExpression: {
      const source = expr.source;
      return source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string'
        ? { module: normalizeModule(source.value), path: [] }
        : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      const required = requiredModule(expr, scopeOf);
      if (required !== undefined) return { module: required, path: [] };
      return extend(resolve(expr.callee, scopeOf, depth + 1), CALL);
    }
    case AST_NODE_TYPES.NewExpression:
      return extend(constructed(expr.callee, scopeOf, depth + 1), CALL);
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(expr);
      if (name === undefined) return undefined;
      if (expr.object.type === AST_NODE_TYPES.ThisExpression)
        return classMember(expr, name, scopeOf, depth + 1);
      return extend(resolve(expr.object, scopeOf, depth + 1), name);
    }
    case AST_NODE_TYPES.Identifier:
      return identifier(expr, scopeOf, depth + 1);
    default:
      return undefined;
  }
}

function extend(origin: Origin | undefined, segment: string): Origin | undefined {
  if (!origin) return undefined;
  // `window.localStorage` is `localStorage`.
  if (
    origin.module === undefined &&
    origin.path.length === 1 &&
    GLOBAL_OBJECTS.has(origin.path[0]!)
  )
    return { path: [segment] };
  return { module: origin.module, path: [...origin.path, segment] };
}

/** `require('x')` with the real `require` (not a local function of that name). */
function requiredModule(call: TSESTree.CallExpression, scopeOf: ScopeOf): string | undefined {
  const callee = unwrap(call.callee);
  const first = call.arguments[0];
  if (
    callee.type !== AST_NODE_TYPES.Identifier ||
    callee.name !== 'require' ||
    first?.type !== AST_NODE_TYPES.Literal ||
    typeof first.value !== 'string'
  )
    return undefined;
  const variable = resolveVariable(scopeOf(callee), callee);
  if (variable && variable.defs.length > 0) return undefined;
  return normalizeModule(first.value);
}

/** What `new X()` builds: an imported class, or a local class extending one (`class Db extends Dexie`). */
function constructed(callee: TSESTree.Node, scopeOf: ScopeOf, depth: number): Origin | undefined {
  const direct = resolve(callee, scopeOf, depth);
  if (direct) return direct;
  const target = unwrap(callee);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = resolveVariable(scopeOf(target), target)?.defs[0];
  if (def?.type === 'ClassName' && 'superClass' in def.node && def.node.superClass)
    return resolve(def.node.superClass, scopeOf, depth + 1);
  return undefined;
}

function identifier(id: TSESTree.Identifier, scopeOf: ScopeOf, depth: number): Origin | undefined {
  const variable = resolveVariable(scopeOf(id), id);
  if (!variable || variable.defs.length === 0 || variable.defs.every(isAmbient)) {
    // Never declared here: a global such as `localStorage`, `document` or `Bun`; or declared
    // only for the type checker (`declare function gtag(...args: unknown[]): void`).
    return id.name === 'undefined' ? undefined : { path: [id.name] };
  }
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  switch (def.type) {
    case 'ImportBinding':
      return importBinding(def.node);
    case 'Variable': {
      const declarator = def.node;
      if (reassigned(variable) || !declarator.init) {
        // `let chatbot: ChatAnthropic;` assigned later: its declared type says what it holds.
        const annotated =
          declarator.id.type === AST_NODE_TYPES.Identifier
            ? declarator.id.typeAnnotation
            : undefined;
        return annotated ? instanceOfType(annotated.typeAnnotation, scopeOf, depth) : undefined;
      }
      if (declarator.id.type === AST_NODE_TYPES.Identifier)
        return resolve(declarator.init, scopeOf, depth);
      const keys = patternKeys(declarator.id, id.name);
      if (!keys) return undefined;
      let origin = resolve(declarator.init, scopeOf, depth);
      for (const key of keys) origin = extend(origin, key);
      return origin;
    }
    case 'Parameter': {
      const annotated =
        def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation : undefined;
      return annotated ? instanceOfType(annotated.typeAnnotation, scopeOf, depth) : undefined;
    }
    default:
      return undefined;
  }
}

/** A declaration that only types a global the page or runtime defines: `declare const fbq: …`. */
function isAmbient(def: { node: TSESTree.Node; parent?: TSESTree.Node | null }): boolean {
  if (def.node.type === AST_NODE_TYPES.TSDeclareFunction) return true;
  return def.parent?.type === AST_NODE_TYPES.VariableDeclaration && def.parent.declare;
}

function importBinding(node: TSESTree.Node): Origin | undefined {
  if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    const reference = node.moduleReference;
    return reference.type === AST_NODE_TYPES.TSExternalModuleReference &&
      reference.expression.type === AST_NODE_TYPES.Literal &&
      typeof reference.expression.value === 'string'
      ? { module: normalizeModule(reference.expression.value), path: [] }
      : undefined;
  }
  const declaration = node.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  const module = normalizeModule(declaration.source.value);
  switch (node.type) {
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return { module, path: [] };
    case AST_NODE_TYPES.ImportDefaultSpecifier:
      return { module, path: ['default'] };
    case AST_NODE_TYPES.ImportSpecifier: {
      const imported = node.imported;
      const name =
        imported.type === AST_NODE_TYPES.Identifier ? imported.name : String(imported.value);
      return { module, path: [name] };
    }
    default:
      return undefined;
  }
}

/** The keys leading to a name in a destructuring pattern: `{ promises: { writeFile: w } }` gives `w` the keys ['promises', 'writeFile']. */
function patternKeys(pattern: TSESTree.Node, name: string): string[] | undefined {
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return patternKeys(pattern.left, name);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type === AST_NODE_TYPES.RestElement) continue;
    const key = keyName(property);
    if (key === undefined) continue;
    const value =
      property.value.type === AST_NODE_TYPES.AssignmentPattern
        ? property.value.left
        : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === name) return [key];
    const inner = patternKeys(value, name);
    if (inner) return [key, ...inner];
  }
  return undefined;
}

/** A value declared with an imported type is an instance of it: `redis: Redis`, `s3: AWS.S3`. */
function instanceOfType(
  type: TSESTree.TypeNode,
  scopeOf: ScopeOf,
  depth: number,
): Origin | undefined {
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const origin = typeName(type.typeName, scopeOf, depth);
  return origin?.module !== undefined ? extend(origin, CALL) : undefined;
}

function typeName(name: TSESTree.EntityName, scopeOf: ScopeOf, depth: number): Origin | undefined {
  if (name.type === AST_NODE_TYPES.Identifier) return identifier(name, scopeOf, depth + 1);
  if (name.type === AST_NODE_TYPES.TSQualifiedName)
    return extend(typeName(name.left, scopeOf, depth + 1), name.right.name);
  return undefined;
}

/** `this.x` in a class: its field initialiser, its declared type, or its one assignment in the constructor. */
function classMember(
  member: TSESTree.MemberExpression,
  name: string,
  scopeOf: ScopeOf,
  depth: number,
): Origin | undefined {
  let owner: TSESTree.Node | undefined = member.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody) owner = owner.parent;
  if (!owner) return undefined;
  for (const element of owner.body) {
    if (
      element.type === AST_NODE_TYPES.PropertyDefinition &&
      !element.static &&
      keyName(element) === name
    ) {
      if (element.value) return resolve(element.value, scopeOf, depth);
      if (element.typeAnnotation)
        return instanceOfType(element.typeAnnotation.typeAnnotation, scopeOf, depth);
    }
    if (
      element.type === AST_NODE_TYPES.MethodDefinition &&
      element.kind === 'constructor' &&
      element.value.body
    ) {
      for (const param of element.value.params) {
        if (
          param.type === AST_NODE_TYPES.TSParameterProperty &&
          param.parameter.type === AST_NODE_TYPES.Identifier &&
          param.parameter.name === name &&
          param.parameter.typeAnnotation
        )
          return instanceOfType(param.parameter.typeAnnotation.typeAnnotation, scopeOf, depth);
      }
      const assigned = constructorAssignments(element.value.body, name);
      if (assigned.length === 1) return resolve(assigned[0]!, scopeOf, depth);
    }
  }
  return undefined;
}

function constructorAssignments(
  body: TSESTree.BlockStatement,
  name: string,
): TSESTree.Expression[] {
  const values: TSESTree.Expression[] = [];
  for (const statement of body.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expr = statement.expression;
    if (
      expr.type === AST_NODE_TYPES.AssignmentExpression &&
      expr.operator === '=' &&
      expr.left.type === AST_NODE_TYPES.MemberExpression &&
      expr.left.object.type === AST_NODE_TYPES.ThisExpression &&
      propertyName(expr.left) === name
    )
      values.push(expr.right);
  }
  return values;
}
