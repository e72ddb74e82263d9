/**
 * The functions a route handler hands its work to, in its own module or in another module of the
 * project (issue 18, route scope): a function it calls (`getPatients(req, res)`, imported or
 * declared at the top of the module), a method of a controller it made
 * (`const controller = new UsersController(); … controller.getUserMeasures(req, res)`), a static
 * method of a class, a function of a required module (`patients.list(req, res)` with
 * `const patients = require('../controllers/patients')`), and a service a controller's
 * constructor receives (`constructor(private readonly patients: PatientsService)` then
 * `this.patients.findAll()`). Modules are parsed read-only through the project graph.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { type FunctionNode, isFunctionNode, safe, unwrap, walk } from '../ast';
import {
  exportedValue,
  importedBinding,
  loadModule,
  type ProjectModule,
  resolveImport,
} from '../project-graph';
import {
  classMethod,
  importedClass,
  importedFunction,
  topLevelClass,
  topLevelFunction,
} from '../imported-functions';
import { type EndpointFile, projectEndpointFile } from './file';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A function a handler delegates to, the module declaring it and how the call names it. */
export interface Delegate {
  fn: FunctionNode;
  file: EndpointFile;
  /** The call as written: `controller.getUserMeasures`, `getPatients`. */
  name: string;
}

/** Calls followed out of one handler, at most. */
const MAX_DELEGATES = 8;

/** The functions the calls in `fn`'s body reach, in call order, each once. */
export function delegatesOf(fn: FunctionNode, f: EndpointFile): Delegate[] {
  const found: Delegate[] = [];
  const seen = new Set<FunctionNode>([fn]);
  walk(fn.body, (node) => {
    if (found.length >= MAX_DELEGATES) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const delegate = safe(() => calledFunction(node, fn, f));
    if (delegate && !seen.has(delegate.fn)) {
      seen.add(delegate.fn);
      found.push(delegate);
    }
    return undefined;
  });
  return found;
}

function calledFunction(
  call: TSESTree.CallExpression,
  within: FunctionNode,
  f: EndpointFile,
): Delegate | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const local = topLevelFunction(f.program, callee.name);
    if (local) return { fn: local, file: f, name: callee.name };
    const imported = importedFunction(callee, f.program, f.file);
    return imported && { fn: imported.fn, file: fileOf(imported.module, f), name: callee.name };
  }
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.computed ||
    callee.property.type !== AST_NODE_TYPES.Identifier
  )
    return undefined;
  const method = callee.property.name;
  const object = unwrap(callee.object);
  const name = `${f.textOf(callee.object)}.${method}`;
  // `this.patients.findAll()`: a service the class receives in its constructor.
  if (
    object.type === AST_NODE_TYPES.MemberExpression &&
    unwrap(object.object).type === AST_NODE_TYPES.ThisExpression &&
    !object.computed &&
    object.property.type === AST_NODE_TYPES.Identifier
  ) {
    const cls = enclosingClass(within);
    const typeName = cls && injectedType(cls, object.property.name);
    const target = typeName ? classNamed(typeName, f) : undefined;
    const fn = target && classMethod(target.node, method);
    return fn && target && { fn, file: target.file, name };
  }
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  // `controller.getUserMeasures(req, res)` of `const controller = new UsersController()`.
  const made = instanceClass(f.program, object.name);
  const target = classNamed(made ?? object.name, f);
  if (target) {
    const fn = classMethod(target.node, method);
    return fn && { fn, file: target.file, name };
  }
  // `patients.list(req, res)` of `const patients = require('../controllers/patients')`.
  const binding = importedBinding(f.program, object.name);
  if (!binding || (binding.imported !== '*' && binding.imported !== 'default')) return undefined;
  const path = resolveImport(f.file, binding.specifier);
  const module = path ? loadModule(path) : undefined;
  if (!module) return undefined;
  const exported = exportedValue(module.program, method);
  const value = exported?.node && unwrap(exported.node);
  const fn =
    value && isFunctionNode(value)
      ? value
      : exported?.localName
        ? topLevelFunction(module.program, exported.localName)
        : undefined;
  return fn && { fn, file: fileOf(module, f), name };
}

/** A class by name: declared in the file's module, or imported into it. */
function classNamed(
  name: string,
  f: EndpointFile,
): { node: ClassNode; file: EndpointFile } | undefined {
  const local = topLevelClass(f.program, name);
  if (local) return { node: local, file: f };
  const imported = importedClass(name, f.program, f.file);
  return imported && { node: imported.node, file: fileOf(imported.module, f) };
}

/** The class a variable of the module is made from: `const controller = new UsersController()`. */
function instanceClass(program: TSESTree.Program, variable: string): string | undefined {
  let made = instances.get(program);
  if (!made) {
    // One walk per module for every call a handler makes on an instance.
    const found = new Map<string, string>();
    walk(program, (node) => {
      if (
        node.type !== AST_NODE_TYPES.VariableDeclarator ||
        node.id.type !== AST_NODE_TYPES.Identifier ||
        !node.init
      )
        return undefined;
      const init = unwrap(node.init);
      if (
        init.type === AST_NODE_TYPES.NewExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        !found.has(node.id.name)
      )
        found.set(node.id.name, init.callee.name);
      return undefined;
    });
    made = found;
    instances.set(program, made);
  }
  return made.get(variable);
}

const instances = new WeakMap<TSESTree.Program, Map<string, string>>();

/** The type of a constructor parameter property: `constructor(private patients: PatientsService)`. */
function injectedType(cls: ClassNode, property: string): string | undefined {
  const constructor = classMethodNode(cls, 'constructor');
  for (const param of constructor?.params ?? []) {
    let id: TSESTree.Node =
      param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    if (id.type === AST_NODE_TYPES.AssignmentPattern) id = id.left;
    if (id.type !== AST_NODE_TYPES.Identifier || id.name !== property) continue;
    const type = id.typeAnnotation?.typeAnnotation;
    if (
      type?.type === AST_NODE_TYPES.TSTypeReference &&
      type.typeName.type === AST_NODE_TYPES.Identifier
    )
      return type.typeName.name;
  }
  return undefined;
}

function classMethodNode(
  cls: ClassNode,
  kind: 'constructor',
): TSESTree.FunctionExpression | undefined {
  for (const member of cls.body.body)
    if (
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.kind === kind &&
      member.value.type === AST_NODE_TYPES.FunctionExpression
    )
      return member.value;
  return undefined;
}

function enclosingClass(node: TSESTree.Node): ClassNode | undefined {
  for (let current = node.parent; current; current = current.parent)
    if (
      current.type === AST_NODE_TYPES.ClassDeclaration ||
      current.type === AST_NODE_TYPES.ClassExpression
    )
      return current;
  return undefined;
}

/** The module a delegate is declared in, as an endpoint file (one per parsed module). */
export function fileOf(module: ProjectModule, from: EndpointFile): EndpointFile {
  if (module.file === from.file) return from;
  let file = files.get(module.program);
  if (!file) {
    file = projectEndpointFile(module, from.classifier, from.authNames);
    files.set(module.program, file);
  }
  return file;
}

const files = new WeakMap<TSESTree.Program, EndpointFile>();
