/**
 * Functions of the project's other modules, for summaries of the calls that reach them
 * (issue 19): `import { buildClaim } from './claims'` resolves to the function `claims.ts`
 * exports, through `export … from` barrels, with a view of that module (its text and scopes) that
 * provenance can trace in. Modules come from the project graph (parsed, never executed) and are
 * analysed for scopes only when a call into them is asked about; the analysis is kept as long as
 * the graph keeps the parsed module.
 */
import { analyze, type ScopeManager } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { type FunctionNode, isFunctionNode, unwrap } from './ast';
import {
  exportedValue,
  importedBinding,
  loadModule,
  moduleText,
  type ProjectModule,
  resolveImport,
} from './project-graph';

/** Re-exports followed from the imported module to the one that declares the function. */
const MAX_REEXPORT_HOPS = 3;

/** What provenance reads of a source file: its text and the scope of a node. */
export type ModuleSource = Pick<TSESLint.SourceCode, 'getText' | 'getScope'>;

export interface ImportedFunction {
  module: ProjectModule;
  fn: FunctionNode;
  source: ModuleSource;
}

/** The function an imported name of `program` (linted as `file`) is bound to in its module. */
export function importedFunction(
  callee: TSESTree.Identifier,
  program: TSESTree.Program,
  file: string,
): ImportedFunction | undefined {
  // Asked for every call of the name that a sink traces: the binding, the resolution and the
  // search through barrels are done once per name and program (a name not found is asked
  // again only with a new program, that is, after an edit of the importing file).
  let byName = lookups.get(program);
  if (!byName) {
    byName = new Map();
    lookups.set(program, byName);
  }
  let found = byName.get(callee.name);
  // A module edited since (the project graph parsed it again) is looked up afresh.
  if (found && loadModule(found.module.file) !== found.module) found = undefined;
  if (found === undefined) {
    found = lookUp(callee.name, program, file) ?? null;
    byName.set(callee.name, found);
  }
  return found ?? undefined;
}

const lookups = new WeakMap<TSESTree.Program, Map<string, ImportedFunction | null>>();

function lookUp(
  name: string,
  program: TSESTree.Program,
  file: string,
): ImportedFunction | undefined {
  // A whole module called as a function: `const writeCsv = require('./write-csv')` of a module
  // whose `module.exports` is the function (`*` of a binding; its default export).
  const binding = importedBinding(program, name);
  if (!binding) return undefined;
  const target = resolveImport(file, binding.specifier);
  if (!target) return undefined;
  const found = exportedDeclaration(
    target,
    binding.imported,
    0,
    { modules: MAX_MODULES_SEARCHED },
    declaredFunction,
  );
  return found && { module: found.module, fn: found.node, source: sourceOf(found.module) };
}

/**
 * The class an imported name of `program` (linted or parsed as `file`) is bound to in its module:
 * `import { UsersController } from '../controllers'` through barrels, as for functions.
 */
export function importedClass(
  name: string,
  program: TSESTree.Program,
  file: string,
): { module: ProjectModule; node: ClassNode } | undefined {
  const binding = importedBinding(program, name);
  if (!binding || binding.imported === '*') return undefined;
  const target = resolveImport(file, binding.specifier);
  return target
    ? exportedDeclaration(
        target,
        binding.imported,
        0,
        { modules: MAX_MODULES_SEARCHED },
        declaredClass,
      )
    : undefined;
}

/**
 * What `file` exports as `name` (a function, a class), following `export … from` up to a few
 * modules deep.
 * A module that neither mentions the name nor re-exports everything is not parsed, and a search
 * reads a bounded number of modules (a package's barrel of barrels).
 */
function exportedDeclaration<T>(
  file: string,
  name: string,
  hop: number,
  budget: { modules: number },
  declared: (program: TSESTree.Program, name: string) => T | undefined,
): { module: ProjectModule; node: T } | undefined {
  if (budget.modules-- <= 0) return undefined;
  const text = moduleText(file);
  if (!text || (name !== '*' && !text.includes(name) && !STAR_EXPORT.test(text))) return undefined;
  const module = loadModule(file);
  if (!module) return undefined;
  const node = declared(module.program, name);
  if (node) return { module, node };
  if (hop >= MAX_REEXPORT_HOPS) return undefined;
  for (const next of reexports(module.program, name)) {
    const target = resolveImport(module.file, next.specifier);
    const found = target && exportedDeclaration(target, next.name, hop + 1, budget, declared);
    if (found) return found;
  }
  return undefined;
}

/** Modules read at most to find where one imported name is declared. */
const MAX_MODULES_SEARCHED = 80;
const STAR_EXPORT = /export\s*\*\s*from/;

/** The function a module exports as `name`, declared or bound at its top level. */
function declaredFunction(program: TSESTree.Program, name: string): FunctionNode | undefined {
  return declared(program, name, (node) => (isFunctionNode(node) ? node : undefined));
}

/** The class a module exports as `name`, declared or bound at its top level. */
function declaredClass(program: TSESTree.Program, name: string): ClassNode | undefined {
  return declared(program, name, (node) => (isClass(node) ? node : undefined));
}

/** What a module exports as `name`, if `pick` takes it: the exported node, or its local binding. */
function declared<T>(
  program: TSESTree.Program,
  name: string,
  pick: (node: TSESTree.Node) => T | undefined,
): T | undefined {
  const exported = exportedValue(program, name);
  if (!exported) return undefined;
  const node = exported.node && pick(unwrap(exported.node));
  if (node) return node;
  return exported.localName ? topLevel(program, exported.localName, pick) : undefined;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

function isClass(node: TSESTree.Node): node is ClassNode {
  return (
    node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression
  );
}

/** A function declared at the top of a module (exported or not): `function f() {}`, `const f = () => …`. */
export function topLevelFunction(
  program: TSESTree.Program,
  name: string,
): FunctionNode | undefined {
  return topLevel(program, name, (node) => (isFunctionNode(node) ? node : undefined));
}

/** A class declared at the top of a module (exported or not): `class A {}`, `const A = class {}`. */
export function topLevelClass(program: TSESTree.Program, name: string): ClassNode | undefined {
  return topLevel(program, name, (node) => (isClass(node) ? node : undefined));
}

/** What a top-level declaration of `name` declares, or its variable is initialised with, if `pick` takes it. */
function topLevel<T>(
  program: TSESTree.Program,
  name: string,
  pick: (node: TSESTree.Node) => T | undefined,
): T | undefined {
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (!declaration) continue;
    if (
      (declaration.type === AST_NODE_TYPES.FunctionDeclaration ||
        declaration.type === AST_NODE_TYPES.ClassDeclaration) &&
      declaration.id?.name === name
    )
      return pick(declaration);
    if (declaration.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name) continue;
      return declarator.init ? pick(unwrap(declarator.init)) : undefined;
    }
  }
  return undefined;
}

/** A method of a class by name (not a getter, setter or constructor), or a function-valued property. */
export function classMethod(node: ClassNode, name: string): FunctionNode | undefined {
  for (const member of node.body.body) {
    if (
      (member.type !== AST_NODE_TYPES.MethodDefinition &&
        member.type !== AST_NODE_TYPES.PropertyDefinition) ||
      member.computed ||
      member.key.type !== AST_NODE_TYPES.Identifier ||
      member.key.name !== name
    )
      continue;
    if (member.type === AST_NODE_TYPES.MethodDefinition)
      return member.kind === 'method' && member.value.type === AST_NODE_TYPES.FunctionExpression
        ? member.value
        : undefined;
    const value = member.value && unwrap(member.value);
    return value && isFunctionNode(value) ? value : undefined;
  }
  return undefined;
}

/**
 * Where a module may re-export `name` from: `export { name } from './x'` (also renamed), else
 * each `export * from './x'` of a barrel, in order.
 */
function reexports(program: TSESTree.Program, name: string): { specifier: string; name: string }[] {
  const stars: { specifier: string; name: string }[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source) {
      for (const specifier of statement.specifiers) {
        const exported =
          specifier.exported.type === AST_NODE_TYPES.Identifier
            ? specifier.exported.name
            : String(specifier.exported.value);
        if (exported !== name) continue;
        const local =
          specifier.local.type === AST_NODE_TYPES.Identifier
            ? specifier.local.name
            : String(specifier.local.value);
        return [{ specifier: statement.source.value, name: local }];
      }
    }
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported)
      stars.push({ specifier: statement.source.value, name });
  }
  return stars;
}

const sources = new WeakMap<TSESTree.Program, ModuleSource>();

/** A module's text and scopes, analysed on first use. */
function sourceOf(module: ProjectModule): ModuleSource {
  let source = sources.get(module.program);
  if (!source) {
    let manager: ScopeManager | undefined;
    const scopes = (): ScopeManager =>
      (manager ??= analyze(module.program, { sourceType: 'module' }));
    source = {
      getText: (node?: TSESTree.Node | TSESTree.Token) =>
        node ? module.text.slice(node.range[0], node.range[1]) : module.text,
      getScope: (node: TSESTree.Node) => {
        const manager = scopes();
        for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
          const scope = manager.acquire(current, current.type !== AST_NODE_TYPES.Program);
          if (scope)
            return (
              scope.type === 'function-expression-name' ? scope.childScopes[0]! : scope
            ) as TSESLint.Scope.Scope;
        }
        return manager.globalScope as TSESLint.Scope.Scope;
      },
    } as ModuleSource;
    sources.set(module.program, source);
  }
  return source;
}
