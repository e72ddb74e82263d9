/**
 * Static folders: the calls through which an application serves a folder as files, matched
 * against the `staticFolders` of every framework module, so a rule never names `express.static`,
 * koa-static or @fastify/static.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { keyName } from '../ast';
import { resolveImport, withoutDefault } from '../imports';
import { AST_NODE_TYPES } from '../node-types';
import type { StaticFolders } from './framework';
import { FRAMEWORKS } from './index';

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** A folder served as static files: the server as the message names it, and the folder expression. */
export interface ServedFolder {
  server: string;
  folder: TSESTree.Node;
}

/** Every static server, with the method its framework registers plugins with. */
const SERVERS = FRAMEWORKS.flatMap((framework) =>
  (framework.staticFolders ?? []).map((entry) => ({
    entry,
    registerMethod: entry.registered ? framework.plugins?.method : undefined,
  })),
);

const REGISTER_METHODS = new Set(SERVERS.flatMap((s) => s.registerMethod ?? []));
const SERVING_MODULES = new Set(SERVERS.flatMap((s) => s.entry.modules));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * A file that serves a folder names one of the modules, or calls a server by its name
 * (`express.static(`, `serveStatic(`): a file with neither has nothing to match.
 */
const MAY_SERVE = new RegExp(
  [
    ...[...SERVING_MODULES].map(escape),
    ...[
      ...new Set(
        SERVERS.flatMap(({ entry }) => [
          ...entry.export.slice(-1),
          ...(entry.usualNames ?? []).map((name) => name.split('.').pop()!),
        ]),
      ),
    ].map((name) => `${escape(name)}\\s*\\(`),
  ].join('|'),
  'i',
);

/** Whether a file's text may serve a folder as static files (a cheap test before walking it). */
export function mayServeFolders(text: string): boolean {
  return MAY_SERVE.test(text);
}

/**
 * The folder a call serves as static files: `express.static(dir)`, `serveStatic(dir)`,
 * `serveStatic({ root })` (Hono), `restify.plugins.serveStatic({ directory })`,
 * `app.register(fastifyStatic, { root })`. The function is known by its import, or by its usual
 * name when no import of a serving module binds it.
 */
export function servedFolder(
  call: TSESTree.CallExpression,
  scopeOf: ScopeOf,
): ServedFolder | undefined {
  const callee = call.callee;
  const first = call.arguments[0];
  if (!first) return undefined;
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    REGISTER_METHODS.has(callee.property.name)
  ) {
    const plugin = serverOf(first, scopeOf, callee.property.name);
    if (plugin) return servedBy(plugin, call.arguments.slice(1));
  }
  const server = serverOf(callee, scopeOf, undefined);
  return server && servedBy(server, call.arguments);
}

interface Server {
  name: string;
  entries: StaticFolders[];
}

/** The static servers an expression may be: by import, else by usual name. */
function serverOf(
  node: TSESTree.Node,
  scopeOf: ScopeOf,
  registerMethod: string | undefined,
): Server | undefined {
  const ref = resolveImport(node, scopeOf);
  const name = dottedName(node);
  if (ref && SERVING_MODULES.has(ref.module)) {
    const path = withoutDefault(ref.exportPath).join('.');
    const entries = SERVERS.filter(
      (s) =>
        (registerMethod === undefined
          ? !s.entry.registered
          : s.registerMethod === registerMethod) &&
        s.entry.modules.includes(ref.module) &&
        s.entry.export.join('.') === path,
    ).map((s) => s.entry);
    const server = [ref.module, ...withoutDefault(ref.exportPath)].join('.');
    return entries.length > 0 ? { name: name ?? server, entries } : undefined;
  }
  if (name === undefined || registerMethod !== undefined) return undefined;
  const entries = SERVERS.filter(
    (s) => !s.entry.registered && s.entry.usualNames?.includes(name),
  ).map((s) => s.entry);
  return entries.length > 0 ? { name, entries } : undefined;
}

/** The folder the first entry that fits the arguments reads: a path argument, or an option. */
function servedBy(
  server: Server,
  args: readonly TSESTree.CallExpressionArgument[],
): ServedFolder | undefined {
  for (const { folder } of server.entries) {
    const arg = args[folder.argument];
    if (!arg) continue;
    const isOptions = arg.type === AST_NODE_TYPES.ObjectExpression;
    if (folder.option === undefined) {
      if (!isOptions) return { server: server.name, folder: arg };
      continue;
    }
    if (!isOptions) continue;
    for (const property of arg.properties) {
      if (property.type === AST_NODE_TYPES.Property && keyName(property) === folder.option)
        return { server: server.name, folder: property.value };
    }
  }
  return undefined;
}

/** `express.static` for a chain of names; undefined for anything else. */
function dottedName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.property.type === AST_NODE_TYPES.Identifier
  ) {
    const object = dottedName(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}
