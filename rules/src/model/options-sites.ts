/**
 * Where an options object goes: the module whose function, class or plugin receives it —
 * `session({ … })` (express-session), `new Strategy({ … })`, Fastify's `app.register(plugin,
 * { … })` (the options go to the plugin) — also when the object is a constant passed later
 * (`const options = { … }; app.use(session(options))`). Read by the secret sinks and the session
 * cookie options.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { PLUGIN_REGISTRATION_METHODS } from './apis';
import { calleeName, outermostExpression } from './ast';
import { resolveImport } from './imports';
import { AST_NODE_TYPES } from './node-types';

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** The first module `wanted` accepts among those an options object is handed to. */
export function optionsModule(
  object: TSESTree.ObjectExpression,
  scopeOf: ScopeOf,
  wanted: (module: string) => boolean,
): string | undefined {
  for (const site of optionSites(object, scopeOf)) {
    const module = optionTaker(site, scopeOf, wanted);
    if (module) return module;
  }
  return undefined;
}

/** The calls an options object is an argument of, itself or through the constant it initialises. */
export function optionsCalls(
  object: TSESTree.ObjectExpression,
  scopeOf: ScopeOf,
): (TSESTree.CallExpression | TSESTree.NewExpression)[] {
  const calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
  for (const site of optionSites(object, scopeOf)) {
    const call = callTaking(site);
    if (call) calls.push(call);
  }
  return calls;
}

function callTaking(
  argument: TSESTree.Node,
): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  const call = argument.parent;
  return (call?.type === AST_NODE_TYPES.CallExpression ||
    call?.type === AST_NODE_TYPES.NewExpression) &&
    call.arguments.includes(argument as TSESTree.CallExpressionArgument)
    ? call
    : undefined;
}

/** Where an options object is passed: itself as an argument, or the reads of the constant it initialises. */
function optionSites(object: TSESTree.ObjectExpression, scopeOf: ScopeOf): TSESTree.Node[] {
  const outer = outermostExpression(object);
  const parent = outer.parent;
  if (
    parent?.type !== AST_NODE_TYPES.VariableDeclarator ||
    parent.id.type !== AST_NODE_TYPES.Identifier ||
    parent.init !== outer
  )
    return [outer];
  const variable = scopeOf(parent).set.get(parent.id.name);
  if (!variable || variable.defs.length !== 1) return [];
  return variable.references.filter((r) => r.isRead()).map((r) => r.identifier as TSESTree.Node);
}

/** The module of the call an options object is an argument of, or of the plugin it registers. */
function optionTaker(
  argument: TSESTree.Node,
  scopeOf: ScopeOf,
  wanted: (module: string) => boolean,
): string | undefined {
  const call = callTaking(argument);
  if (!call) return undefined;
  const ref = resolveImport(call.callee, scopeOf);
  if (ref && wanted(ref.module)) return ref.module;
  const method = calleeName(call.callee);
  const plugin = call.arguments[0];
  if (
    method &&
    PLUGIN_REGISTRATION_METHODS.has(method) &&
    plugin &&
    call.arguments[1] === argument
  ) {
    const pluginRef = resolveImport(plugin, scopeOf);
    if (pluginRef && wanted(pluginRef.module)) return pluginRef.module;
  }
  return undefined;
}
