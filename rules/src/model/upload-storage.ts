/**
 * Upload storage: where the storage engines of upload middleware put the files a request sends
 * (multer's disk storage and `dest`, multer-s3 buckets with their ACL and encryption options,
 * formidable's `uploadDir`; catalogue `UPLOAD_STORAGE_ENGINES`), and whether what is uploaded
 * is patient data: a route that serves patient data (the endpoint model's evidence: its path,
 * what its handler reads or stores) runs the upload — in this file, or in a module that imports
 * the upload middleware this file exports.
 */
import { basename, extname } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  PUBLIC_OBJECT_ACLS,
  UPLOAD_MIDDLEWARE,
  UPLOAD_STORAGE_ENGINES,
  type UploadStorageEngine,
} from './apis';
import { findProperty, isFunctionNode, walk } from './ast';
import type { Classifier } from './classifier';
import {
  exportedValue,
  importedBinding,
  loadModule,
  projectFilesMatching,
  projectRoot,
  resolveImport,
} from './project-graph';
import { lintedEndpointFile, projectEndpointFile, type EndpointFile } from './endpoints/file';
import type { HealthModel } from './index';
import { routeServesPatientData } from './endpoints/patient-data';
import type { Route } from './routes';

type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** A storage engine an upload middleware writes with. */
export interface UploadStorage {
  /** The call creating the engine (`multer.diskStorage({…})`, `multerS3({…})`, `multer({ dest })`). */
  call: CallLike;
  engine: UploadStorageEngine;
  /** The folder files land in, for disk storage. */
  folder?: TSESTree.Node;
  /** The canned ACL that lets anyone read the stored files (`public-read`). */
  publicAcl?: string;
  /** The options ask the bucket to encrypt what it stores. */
  encrypted: boolean;
}

/** The upload route that makes the stored files patient data, as messages name it. */
export interface UploadRoute {
  method: string;
  path: string;
  file: string;
  node: TSESTree.Node;
}

function optionsOf(call: CallLike): TSESTree.ObjectExpression | undefined {
  const first = call.arguments[0];
  return first?.type === AST_NODE_TYPES.ObjectExpression ? first : undefined;
}

/** The engine a call creates, by the module its callee is imported from. */
function engineOf(call: CallLike, program: TSESTree.Program): UploadStorageEngine | undefined {
  const callee = call.callee;
  let local: string | undefined;
  let member = '';
  if (callee.type === AST_NODE_TYPES.Identifier) local = callee.name;
  else if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.property.type === AST_NODE_TYPES.Identifier
  ) {
    local = callee.object.name;
    member = callee.property.name;
  }
  if (!local) return undefined;
  const binding = importedBinding(program, local);
  if (!binding) return undefined;
  const imported = binding.imported === '*' ? '' : binding.imported;
  // `multer.diskStorage` of `import multer`, `diskStorage` of `import { diskStorage }`.
  const name = member ? (imported === '' || imported === 'default' ? member : undefined) : imported;
  if (name === undefined) return undefined;
  return UPLOAD_STORAGE_ENGINES.find(
    (engine) => engine.module === binding.specifier && engine.factories.has(name),
  );
}

/** What a folder option says: its value, or the folder a `destination(req, file, cb)` calls back with. */
function folderOf(value: TSESTree.Node): TSESTree.Node | undefined {
  if (!isFunctionNode(value)) return value;
  const callback = value.params[2];
  if (callback?.type !== AST_NODE_TYPES.Identifier) return undefined;
  let folder: TSESTree.Node | undefined;
  walk(value.body, (node) => {
    if (folder) return false;
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.Identifier &&
      node.callee.name === callback.name &&
      node.arguments[1]
    )
      folder = node.arguments[1];
    return undefined;
  });
  return folder;
}

function stringValue(node: TSESTree.Node | undefined): string | undefined {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string'
    ? node.value
    : undefined;
}

/** The upload storage engines a program creates. */
export function uploadStorages(program: TSESTree.Program): UploadStorage[] {
  const found: UploadStorage[] = [];
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression)
      return undefined;
    const engine = engineOf(node, program);
    const options = engine && optionsOf(node);
    if (!engine || !options) return undefined;
    if (engine.kind === 'disk') {
      const option = engine.folderOptions
        .map((key) => findProperty(options, key))
        .find((p) => p !== undefined);
      const folder = option && folderOf(option.value);
      if (folder) found.push({ call: node, engine, folder, encrypted: false });
    } else {
      const acl = stringValue(
        engine.aclOption ? findProperty(options, engine.aclOption)?.value : undefined,
      );
      found.push({
        call: node,
        engine,
        publicAcl: acl && PUBLIC_OBJECT_ACLS.has(acl) ? acl : undefined,
        encrypted: (engine.encryptionOptions ?? []).some((key) => findProperty(options, key)),
      });
    }
    return undefined;
  });
  return found;
}

/** The local name a program binds an expression to: `const upload = multer({ storage })`. */
function boundName(node: TSESTree.Node): string | undefined {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier
    ? parent.id.name
    : undefined;
}

/**
 * The middleware instances that store with an engine: the engine's own call for `multer({ dest })`,
 * else the `multer({ storage })` calls handed the engine inline or through its variable.
 */
function instancesOf(storage: UploadStorage, program: TSESTree.Program): TSESTree.Node[] {
  // `multer({ dest })` is the middleware itself; formidable's form is made inside a handler.
  if (storage.engine.module === 'multer' && !isDiskStorageCall(storage.call)) return [storage.call];
  const engineName = boundName(storage.call);
  const instances: TSESTree.Node[] = [];
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const middleware = middlewareOf(node, program);
    if (!middleware) return undefined;
    const value = findProperty(optionsOf(node), 'storage')?.value;
    if (
      value === storage.call ||
      (engineName && value?.type === AST_NODE_TYPES.Identifier && value.name === engineName)
    )
      instances.push(node);
    return undefined;
  });
  return instances;
}

function isDiskStorageCall(call: CallLike): boolean {
  const callee = call.callee;
  return (
    (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'diskStorage') ||
    (callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      callee.property.name === 'diskStorage')
  );
}

/** The catalogue's upload middleware factory a call is (`multer(…)`), by its import. */
function middlewareOf(
  call: TSESTree.CallExpression,
  program: TSESTree.Program,
): (typeof UPLOAD_MIDDLEWARE)[number] | undefined {
  if (call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const binding = importedBinding(program, call.callee.name);
  return binding && UPLOAD_MIDDLEWARE.find((m) => m.module === binding.specifier);
}

/** Whether a route middleware stores with the instance named `name`: `upload.single('file')`. */
function usesInstance(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = node.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    names.has(callee.object.name) &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    UPLOAD_MIDDLEWARE.some((m) =>
      m.storingMethods.has((callee.property as TSESTree.Identifier).name),
    )
  );
}

/**
 * The first route of a file that serves patient data and runs one of the instances, or whose
 * handler creates the engine itself (a formidable form).
 */
function patientRoute(
  f: EndpointFile,
  names: ReadonlySet<string>,
  inside?: TSESTree.Node,
): UploadRoute | undefined {
  for (const route of f.routes.routes as Route[]) {
    const runs =
      route.middleware.some((m) => usesInstance(m, names)) ||
      (inside !== undefined && route.handler !== undefined && contains(route.handler, inside));
    if (!runs) continue;
    if (!routeServesPatientData(route.path, route.handler, f)) continue;
    return {
      method: route.method.toUpperCase(),
      path: route.path ?? '/',
      file: f.file,
      node: route.call,
    };
  }
  return undefined;
}

/** Modules read at most to find the routes that import an exported upload middleware. */
const MAX_IMPORTERS = 40;

/**
 * The patient-data route that stores files with this engine: in the linted file (`f`), or in a
 * module of the project importing the middleware instance the file exports.
 */
export function uploadPatientRoute(
  storage: UploadStorage,
  f: EndpointFile,
  classifier: Classifier,
): UploadRoute | undefined {
  const names = new Set<string>();
  for (const instance of instancesOf(storage, f.program)) {
    const name = boundName(instance);
    if (name) names.add(name);
  }
  const own = patientRoute(f, names, storage.call);
  if (own) return own;
  // Exported whole (`module.exports = upload`, `export default upload`) or by name.
  const exportedAs = [...names].flatMap((name) => {
    const whole = exportedValue(f.program, '*');
    const exported: string[] = [];
    if (whole?.localName === name) exported.push('*', 'default');
    if (exportedValue(f.program, name)?.localName === name) exported.push(name);
    return exported;
  });
  if (exportedAs.length === 0) return undefined;
  const stem = basename(f.file, extname(f.file));
  const importers = projectFilesMatching(projectRoot(f.file), new RegExp(escape(stem))).slice(
    0,
    MAX_IMPORTERS,
  );
  for (const file of importers) {
    if (file === f.file) continue;
    const module = loadModule(file);
    if (!module) continue;
    const locals = new Set<string>();
    for (const statement of module.program.body) {
      for (const local of declaredNames(statement)) {
        const binding = importedBinding(module.program, local);
        if (!binding || !exportedAs.includes(binding.imported)) continue;
        if (resolveImport(file, binding.specifier) === f.file) locals.add(local);
      }
    }
    const found = patientRoute(projectEndpointFile(module, classifier, f.authNames), locals);
    if (found) return found;
  }
  return undefined;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Names a top-level statement binds: import specifiers and declared variables. */
function declaredNames(statement: TSESTree.ProgramStatement): string[] {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration)
    return statement.specifiers.map((s) => s.local.name);
  if (statement.type === AST_NODE_TYPES.VariableDeclaration)
    return statement.declarations.flatMap((d) =>
      d.id.type === AST_NODE_TYPES.Identifier ? [d.id.name] : [],
    );
  return [];
}

/** An upload engine storing patient data where it should not, and the route that makes it so. */
export interface PatientUpload {
  storage: UploadStorage;
  route: UploadRoute;
}

/**
 * The upload engines of a linted file that store what a patient-data route receives: on disk
 * (unencrypted, as multer and formidable write it), or in a bucket readable by anyone or
 * without server-side encryption.
 */
export function patientUploads(
  file: string,
  program: TSESTree.Program,
  text: string,
  model: HealthModel,
): PatientUpload[] {
  // Only a file that names an engine's module can create one: one text search spares the rest.
  if (!UPLOAD_STORAGE_ENGINES.some((engine) => text.includes(engine.module))) return [];
  const storages = uploadStorages(program).filter(
    (s) => s.engine.kind === 'disk' || s.publicAcl !== undefined || !s.encrypted,
  );
  if (storages.length === 0) return [];
  const f = lintedEndpointFile(file, program, text, model);
  const found: PatientUpload[] = [];
  for (const storage of storages) {
    const route = uploadPatientRoute(storage, f, model.classifier);
    if (route) found.push({ storage, route });
  }
  return found;
}

/** A folder of the project where a patient-data route's uploads land, by its path segments. */
export interface UploadFolder {
  /** The named segments of the folder (`['frontend', 'public', 'images']`). */
  segments: string[];
  route: UploadRoute;
  /** The module declaring the storage, and the storage's call. */
  file: string;
  node: TSESTree.Node;
}

/** Modules read at most to find the upload storages of a project. */
const MAX_STORAGE_MODULES = 20;

/**
 * The disk folders where the project's upload middleware stores what patient-data routes
 * receive: for a static server of `file`, which of them it serves.
 */
export function projectUploadFolders(
  file: string,
  classifier: Classifier,
  authNames: readonly string[],
): UploadFolder[] {
  const modules = UPLOAD_STORAGE_ENGINES.map((engine) => escape(engine.module)).join('|');
  const candidates = projectFilesMatching(
    projectRoot(file),
    new RegExp(`['"](?:${modules})['"]`),
  ).slice(0, MAX_STORAGE_MODULES);
  const found: UploadFolder[] = [];
  for (const candidate of candidates) {
    const module = loadModule(candidate);
    if (!module) continue;
    const f = projectEndpointFile(module, classifier, authNames);
    for (const storage of uploadStorages(module.program)) {
      const folder = storage.folder;
      if (folder?.type !== AST_NODE_TYPES.Literal || typeof folder.value !== 'string') continue;
      const route = uploadPatientRoute(storage, f, classifier);
      if (!route) continue;
      const segments = folder.value.split(/[\\/]+/).filter((s) => s && s !== '.' && s !== '..');
      if (segments.length > 0) found.push({ segments, route, file: candidate, node: storage.call });
    }
  }
  return found;
}

/**
 * Whether files stored in `upload` land in the served folder `served`, both as named segments
 * relative to wherever they start: the served folder's segments end somewhere in the upload's
 * (`public/images` in `public`, `frontend/public/images` in `../frontend/public/images`).
 */
export function landsIn(upload: readonly string[], served: readonly string[]): boolean {
  const last = served[served.length - 1];
  for (let k = upload.length - 1; k >= 0; k--) {
    if (upload[k] !== last) continue;
    let same = true;
    for (let j = 1; j <= Math.min(k, served.length - 1); j++)
      if (upload[k - j] !== served[served.length - 1 - j]) same = false;
    if (same) return true;
  }
  return false;
}
