/**
 * Served folders: what a folder served as static files holds and who may read it. The folder
 * words that say what lands in a folder (uploads, data, exports, backups, dumps, migrations,
 * extracts, in English and French), the literal pieces of a folder expression
 * (`path.join(__dirname, '..', 'exports')` -> `['..', 'exports']`), the folders a file writes
 * patient data to, the path a static server is mounted at, and whether an authentication
 * middleware runs before it (in the same `use`, or in an earlier `use` of the same owner covering
 * its path). The static servers themselves are in `frameworks/static.ts`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { PATH_WRITERS } from './apis';
import { calleeName, constantInit, resolveVariable } from './ast';
import { servedFolder } from './frameworks/static';
import type { HealthModel } from './index';
import { AST_NODE_TYPES } from './node-types';
import { programIndex } from './program-index';
import { provenanceRelated, type RelatedLocation } from './related';
import { isAuthMiddleware, pathCovers, pathText, type ProgramRoutes } from './routes';
import { tokenize } from './tokens';

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** Folder words that say what lands there: uploads and data dumps, EN and FR. */
export const DATA_FOLDER_WORDS: ReadonlySet<string> = new Set([
  'upload',
  'uploads',
  'televersement',
  'televersements',
  'data',
  'donnees',
  'exports',
  'export',
  'backup',
  'backups',
  'dump',
  'dumps',
  'migration',
  'migrations',
  'sauvegarde',
  'sauvegardes',
  'extract',
  'extracts',
  'extraction',
  'extractions',
]);

const MAX_PATH_DEPTH = 8;

/** A call that serves a folder as static files, with the server as messages name it. */
export interface StaticServe {
  call: TSESTree.CallExpression;
  server: string;
  folder: TSESTree.Node;
}

/** A write of patient data into a folder, with its provenance as plain locations. */
export interface PatientFolderWrite {
  /** The path words of the folder written to (`.` and `..` kept). */
  folderWords: string[];
  /** What is written, as `describe()` says it. */
  data: string;
  related: RelatedLocation[];
}

/** Every call of the program that serves a folder as static files, in source order. */
export function staticServes(program: TSESTree.Program, scopeOf: ScopeOf): StaticServe[] {
  const found: StaticServe[] = [];
  for (const node of programIndex(program).calls) {
    const served = servedFolder(node, scopeOf);
    if (served) found.push({ call: node, ...served });
  }
  return found;
}

/** Literal pieces of a folder expression: `path.join(__dirname, '..', 'exports')` -> ['..', 'exports']. */
export function folderPathParts(node: TSESTree.Node, scopeOf: ScopeOf, depth = 0): string[] {
  if (depth > MAX_PATH_DEPTH) return [];
  const text = pathText(node);
  if (text !== undefined) return [text];
  if (node.type === AST_NODE_TYPES.TemplateLiteral)
    return node.quasis.map((q) => q.value.cooked ?? q.value.raw);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(node.callee) ?? '';
    if (/^(join|resolve|normalize)$/.test(name))
      return node.arguments.flatMap((arg) => folderPathParts(arg, scopeOf, depth + 1));
    return [];
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+')
    return [
      ...folderPathParts(node.left, scopeOf, depth + 1),
      ...folderPathParts(node.right, scopeOf, depth + 1),
    ];
  if (node.type === AST_NODE_TYPES.LogicalExpression)
    return [
      ...folderPathParts(node.left, scopeOf, depth + 1),
      ...folderPathParts(node.right, scopeOf, depth + 1),
    ];
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(scopeOf(node), node);
    const init = variable && constantInit(variable);
    return init ? folderPathParts(init, scopeOf, depth + 1) : [];
  }
  return [];
}

/** The named segments of a folder expression, without `.` and `..`: `['exports', 'daily']`. */
export function folderSegments(node: TSESTree.Node, scopeOf: ScopeOf): string[] {
  return folderPathParts(node, scopeOf)
    .flatMap((p) => p.split(/[\\/]+/))
    .filter((s) => s && s !== '.' && s !== '..');
}

/**
 * The word of a folder's last three segments that says it holds data: a data-folder word, an
 * export/migration word of the configuration, or a segment that names a patient-data container.
 */
export function dataFolderWord(
  segments: readonly string[],
  model: HealthModel,
): string | undefined {
  let word: string | undefined;
  for (const segment of segments.slice(-3)) {
    const words = tokenize(segment);
    word =
      words.find((w) => DATA_FOLDER_WORDS.has(w)) ??
      model.exportContext.match(segment) ??
      (model.classifier.container(segment) ? segment : undefined);
    if (word) break;
  }
  return word;
}

/** Folders this file writes patient data to, as path words, with what is written. */
export function patientFolderWrites(
  program: TSESTree.Program,
  model: HealthModel,
  scopeOf: ScopeOf,
): PatientFolderWrite[] {
  const result: PatientFolderWrite[] = [];
  for (const node of programIndex(program).calls) {
    const name = calleeName(node.callee) ?? '';
    const writer = PATH_WRITERS.get(name);
    if (!writer || node.arguments.length < 2) continue;
    const target = node.arguments[writer.path]!;
    const data = node.arguments[writer.data]!;
    let taint;
    try {
      taint = model.provenance.carriesPatientData(data);
    } catch {
      taint = undefined;
    }
    if (!taint) continue;
    const words = folderPathParts(target, scopeOf)
      .flatMap((p) => p.split(/[\\/]+/))
      .filter(Boolean);
    result.push({
      folderWords: words,
      data: model.provenance.describe(taint, 30),
      related: [
        ...provenanceRelated(taint),
        {
          loc: node.loc,
          message: 'The patient data is written into the served folder here',
          kind: 'step',
        },
      ],
    });
  }
  return result;
}

/** `app.use('/exports', …, express.static(...))`: the use call's path. */
export function useMountOf(call: TSESTree.CallExpression): string | undefined {
  const parent = call.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const first = parent.arguments[0];
  return first && first !== call ? pathText(first) : undefined;
}

/** `app.use(…, express.static(...))`: the `use` call the static server is an argument of. */
export function staticUseCall(call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const parent = call.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(call))
    return undefined;
  const callee = parent.callee;
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.property.type !== AST_NODE_TYPES.Identifier ||
    callee.property.name !== 'use'
  )
    return undefined;
  return parent;
}

/**
 * Whether an authentication middleware runs before a static server: earlier in the same call
 * (`app.use('/x', auth, express.static(dir))`), or in an earlier `use` of the same owner covering
 * its path (of a use or of a route such as restify's `server.get('/docs/*', serveStatic)`), or a
 * Fastify onRequest hook on the instance.
 */
export function staticServeAuthenticated(
  call: TSESTree.CallExpression,
  mountPath: string | undefined,
  routes: ProgramRoutes,
  extra: readonly string[],
  textOf: (node: TSESTree.Node) => string,
): boolean {
  const parent = call.parent;
  let owner = routes.mounts.find((mo) => mo.call === call)?.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    const index = parent.arguments.indexOf(call as TSESTree.CallExpressionArgument);
    if (
      parent.arguments
        .slice(0, Math.max(index, 0))
        .some((arg) => isAuthMiddleware(arg, extra, textOf))
    )
      return true;
    owner ??=
      routes.uses.find((u) => u.call === parent)?.owner ??
      routes.routes.find((r) => r.call === parent)?.owner ??
      routes.mounts.find((mo) => mo.call === parent)?.parent;
  }
  return (
    owner !== undefined &&
    routes.uses.some(
      (u) =>
        u.owner.key === owner.key &&
        (u.orderIndependent || u.call.range[0] < call.range[0]) &&
        pathCovers(u.path, mountPath) &&
        u.middleware.some((n) => isAuthMiddleware(n, extra, textOf)),
    )
  );
}
