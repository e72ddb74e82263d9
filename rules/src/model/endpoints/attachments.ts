/**
 * Where the routes of a router reach an app: the places that attach an owner of one module to an
 * owner of another (or of the same module), so a route is judged by the app that serves it.
 *
 * - a top-level router mounted by another module: `app.use('/api', require('./routes'))`, an
 *   imported router, or the router a factory of its module returns (`app.use('/', setRouter())`,
 *   `const router = setRouter(); app.use(router)`);
 * - a registrar function, whose parameter is the app or router the routes go on:
 *   `export function setPatientsRoutes(router) { router.get(…) }` called as
 *   `setPatientsRoutes(router)`, `export default (app) => { … }` called as `routes(app)`,
 *   `require('./routes')(app)` — in the same module or another; or registered by another module
 *   as a plugin that receives the instance (`app.register(patientRoutes, { prefix })`).
 *
 * Other modules are those of the project graph that mention the module's import stem; tests are
 * left out (a test that mounts a router on a throwaway app does not show how the app serves it).
 */
import { relative } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { functionName } from '../ast';
import { programIndex } from '../program-index';
import {
  calledImport,
  exportedValue,
  importStem,
  loadModule,
  projectFilesMentioning,
  projectRoot,
  resolveImport,
  sameFile,
} from '../project-graph';
import { existingOwner, isFunction, type Owner } from '../routes';
import { isTestFile } from '../test-files';
import { type EndpointFile, projectEndpointFile } from './file';
import { mountSource } from './mounts';

/** One place where an owner's routes are handed to another owner. */
export interface Attachment {
  /** The module where it happens: the linted file itself, or a module of the project. */
  file: EndpointFile;
  /** The owner that serves the routes from there: the app or router mounted on or passed in. */
  parent: Owner;
  /** The mount (`app.use(…)`) or the registrar call (`routes(app)`). */
  call: TSESTree.CallExpression;
  /** Where a message points: the mounted router in the mount, or the registrar call. */
  at: TSESTree.Node;
  /** The mount path, when the mount gives one. */
  path?: string;
  /** Middleware passed before the router in the same mount: `app.use('/api', auth, router)`. */
  before: TSESTree.Node[];
}

/** Project modules looked at per owner: enough for an application's route files. */
const MAX_MODULES = 200;

/** Every place that attaches `owner` (a top-level router or a registrar's parameter) of `f`. */
export function attachmentsOf(owner: Owner, f: EndpointFile): Attachment[] {
  if (owner.param) return registrarCalls(owner.param, f);
  if (owner.topLevel) return foreignMounts(owner, f);
  return [];
}

/** The names a top-level binding is exported under (`default`, named, `*` for module.exports). */
function exportNamesOf(program: TSESTree.Program, localName: string): string[] {
  const names: string[] = [];
  for (const candidate of ['default', '*', localName]) {
    const value = exportedValue(program, candidate);
    if (value?.localName === localName) names.push(candidate);
  }
  if (names.includes('*') || names.includes('default')) names.push('*', 'default');
  return [...new Set(names)];
}

/** Exported functions of a module that return one of its top-level names: router factories. */
function factoryNamesOf(program: TSESTree.Program, localName: string): string[] {
  const names: string[] = [];
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.FunctionDeclaration || !declaration.id) continue;
    if (!returnsName(declaration, localName)) continue;
    names.push(...exportNamesOf(program, declaration.id.name));
  }
  return names;
}

function returnsName(fn: TSESTree.FunctionDeclaration, name: string): boolean {
  return fn.body.body.some(
    (s) =>
      s.type === AST_NODE_TYPES.ReturnStatement &&
      s.argument?.type === AST_NODE_TYPES.Identifier &&
      s.argument.name === name,
  );
}

/** Mounts in other modules of a top-level router of `f`, or of what a factory of `f` returns. */
function foreignMounts(owner: Owner, f: EndpointFile): Attachment[] {
  const names = new Set([
    ...exportNamesOf(f.program, owner.name),
    ...factoryNamesOf(f.program, owner.name),
  ]);
  if (names.size === 0) return [];
  const found: Attachment[] = [];
  for (const other of otherModules(f)) found.push(...mountsOfImports(other, names, f));
  return found;
}

/**
 * The mounts in `other` of what it imports from `f` under one of `names`:
 * `app.use('/patients', patientsRouter)`, `app.register(require('./plugins/patients'))`.
 */
function mountsOfImports(
  other: EndpointFile,
  names: ReadonlySet<string>,
  f: EndpointFile,
): Attachment[] {
  const found: Attachment[] = [];
  for (const mount of other.routes.mounts) {
    const source = mountSource(mount.child, other.program);
    if (!source || !names.has(source.imported)) continue;
    const target = resolveImport(other.file, source.specifier);
    if (!target || !sameFile(target, f.file)) continue;
    found.push({
      file: other,
      parent: mount.parent,
      call: mount.call,
      at: mount.child,
      path: mount.path,
      before: mount.before,
    });
  }
  return found;
}

/** Calls of the registrar function whose parameter `param` is, with the owner passed there. */
function registrarCalls(param: TSESTree.Node, f: EndpointFile): Attachment[] {
  const fn =
    param.parent?.type === AST_NODE_TYPES.AssignmentPattern ? param.parent.parent : param.parent;
  if (!fn || !isFunction(fn)) return [];
  const index = fn.params.findIndex((p) => p === param || p === param.parent);
  if (index < 0) return [];
  const localName = functionName(fn);
  const names = new Set(localName ? exportNamesOf(f.program, localName) : []);
  for (const name of exportsOfValue(f.program, fn)) names.add(name);
  const found: Attachment[] = [];
  const attach = (where: EndpointFile, call: TSESTree.CallExpression) => {
    const argument = call.arguments[index];
    if (argument?.type !== AST_NODE_TYPES.Identifier) return;
    const parent = existingOwner(argument, where.routes);
    if (parent) found.push({ file: where, parent, call, at: call, before: [] });
  };
  if (localName)
    for (const call of programIndex(f.program).calls)
      if (call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === localName)
        attach(f, call);
  if (names.size === 0) return found;
  for (const other of otherModules(f)) {
    for (const call of programIndex(other.program).calls) {
      const source = calledImport(call, other.program);
      if (!source || !names.has(source.imported)) continue;
      const target = resolveImport(other.file, source.specifier);
      if (target && sameFile(target, f.file)) attach(other, call);
    }
    // A plugin registered by another module receives the instance first:
    // `app.register(require('./plugins/patients'), { prefix: '/patients' })` (Fastify).
    if (index === 0) found.push(...mountsOfImports(other, names, f));
  }
  return found;
}

/** The export names under which a module exports a function expression itself (`export default (app) => …`). */
function exportsOfValue(program: TSESTree.Program, fn: TSESTree.Node): string[] {
  return ['default', '*'].filter((name) => exportedValue(program, name)?.node === fn);
}

/** The project's other modules that mention the module's import stem, as endpoint files. */
function otherModules(f: EndpointFile): EndpointFile[] {
  const modules: EndpointFile[] = [];
  const root = projectRoot(f.file);
  for (const candidate of projectFilesMentioning(root, importStem(f.file))) {
    if (modules.length >= MAX_MODULES) break;
    if (sameFile(candidate, f.file) || isTestFile(relative(root, candidate))) continue;
    const module = loadModule(candidate);
    if (!module) continue;
    modules.push(projectEndpointFile(module, f.classifier, f.authNames));
  }
  return modules;
}
