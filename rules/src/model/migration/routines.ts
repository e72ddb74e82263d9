/**
 * The routines of a file as migration analysis sees them: the function a node runs in, looking
 * through the callbacks a routine runs as part of itself (loops, promise handlers, listeners);
 * the local functions and methods a call runs, with their parameters bound to the caller's
 * arguments; what a routine reaches through them; and where in a routine a statement runs —
 * in a `finally`, a `catch`, a listener that fires whatever happens, or before a given write.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../ast';
import { AST_NODE_TYPES } from '../node-types';
import {
  calleeName,
  functionName,
  isFunctionNode,
  keyName,
  propertyName,
  resolveVariable,
  unwrap,
} from '../ast';
import type { MigrationFile } from './file';
import {
  ALWAYS_EVENTS,
  INLINE_CALLBACK_CALLS,
  LISTENER_REGISTRATIONS,
  SETTLED_CALLBACK,
  TMP_SCOPES,
} from './words';

/** A function, or the module's top level. */
export type Routine = FunctionNode | TSESTree.Program;

/** The function a node is inside, if any. */
export function functionOf(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent)
    if (isFunctionNode(current)) return current;
  return undefined;
}

function isInlineCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (
    parent?.type !== AST_NODE_TYPES.CallExpression &&
    parent?.type !== AST_NODE_TYPES.NewExpression
  )
    return false;
  if (!parent.arguments.includes(fn as TSESTree.Expression)) return false;
  const name = calleeName(parent.callee);
  return name !== undefined && INLINE_CALLBACK_CALLS.has(name) && functionOf(fn) !== undefined;
}

/** The routine a node belongs to: its function, looking through loop and promise callbacks. */
export function routineOf(file: MigrationFile, node: TSESTree.Node): Routine {
  let fn = isFunctionNode(node) ? node : functionOf(node);
  while (fn && isInlineCallback(fn)) fn = functionOf(fn);
  return fn ?? file.program;
}

/** How a message names a routine: its function's name, else its export context's, else "this code". */
export function routineName(file: MigrationFile, routine: Routine, node: TSESTree.Node): string {
  return (
    (routine.type === AST_NODE_TYPES.Program ? undefined : functionName(routine)) ??
    file.model.exportContextOf(node)?.name ??
    'this code'
  );
}

export function within(node: TSESTree.Node, outer: TSESTree.Node): boolean {
  return outer.range[0] <= node.range[0] && node.range[1] <= outer.range[1];
}

/** tmp-promise `withFile`/`withDir` remove what their callback writes, whatever happens. */
export function insideTmpScope(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (
      isFunctionNode(current) &&
      current.parent?.type === AST_NODE_TYPES.CallExpression &&
      TMP_SCOPES.has(calleeName(current.parent.callee) ?? '')
    )
      return true;
  }
  return false;
}

/** The local function a call runs: `cleanup(p)`, `this.purge(p)`. */
export function localFunction(
  file: MigrationFile,
  call: TSESTree.CallExpression,
): FunctionNode | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const def = resolveVariable(file.scopeOf(callee), callee)?.defs[0];
    if (def?.type === 'FunctionName' && isFunctionNode(def.node)) return def.node;
    if (def?.type === 'Variable' && def.node.init) {
      const init = unwrap(def.node.init);
      if (isFunctionNode(init)) return init;
    }
    return undefined;
  }
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.ThisExpression
  ) {
    const name = propertyName(callee);
    for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
      if (current.type !== AST_NODE_TYPES.ClassBody) continue;
      for (const member of current.body) {
        if (
          (member.type === AST_NODE_TYPES.MethodDefinition ||
            member.type === AST_NODE_TYPES.PropertyDefinition) &&
          keyName(member) === name &&
          member.value &&
          isFunctionNode(member.value)
        )
          return member.value;
      }
      return undefined;
    }
  }
  return undefined;
}

/** A helper's parameter replaced by the argument its caller passed. */
export function substituted(
  node: TSESTree.Node,
  substitute: ReadonlyMap<string, TSESTree.Node>,
): TSESTree.Node {
  const expr = unwrap(node);
  return expr.type === AST_NODE_TYPES.Identifier ? (substitute.get(expr.name) ?? node) : node;
}

/** A statement found from a routine, directly or through the local functions it calls. */
export interface Reach<T> {
  item: T;
  /** Where it happens in the routine: itself, or the call that reaches it. */
  at: TSESTree.Node;
  /** The called functions' parameters bound to the arguments passed along the way. */
  substitute: Map<string, TSESTree.Node>;
}

/**
 * The items (deletions) a routine runs: its own, and those of the local functions it calls, up
 * to a few calls deep.
 */
export function reachable<T extends { node: TSESTree.Node }>(
  file: MigrationFile,
  routine: Routine,
  all: readonly T[],
  at?: TSESTree.Node,
  substitute = new Map<string, TSESTree.Node>(),
  seen = new Set<Routine>(),
): Reach<T>[] {
  if (seen.has(routine) || seen.size > 4) return [];
  seen.add(routine);
  const result: Reach<T>[] = [];
  for (const item of all) {
    if (!within(item.node, routine) || !directlyIn(item.node, routine)) continue;
    result.push({ item, at: at ?? item.node, substitute });
  }
  for (const call of file.calls) {
    if (call.type !== AST_NODE_TYPES.CallExpression || !within(call, routine)) continue;
    if (!directlyIn(call, routine)) continue;
    const fn = localFunction(file, call);
    if (!fn || fn === routine) continue;
    const inner = new Map(substitute);
    fn.params.forEach((param, index) => {
      const arg = call.arguments[index];
      if (param.type === AST_NODE_TYPES.Identifier && arg)
        inner.set(param.name, substituted(arg, substitute));
    });
    result.push(...reachable(file, fn, all, at ?? call, inner, seen));
  }
  return result;
}

/** In the routine itself or in callbacks it registers, not in a separate function it declares. */
function directlyIn(node: TSESTree.Node, routine: Routine): boolean {
  for (let fn = functionOf(node); fn && fn !== routine; fn = functionOf(fn)) {
    const parent = fn.parent;
    const isCallback =
      (parent?.type === AST_NODE_TYPES.CallExpression ||
        parent?.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(fn as TSESTree.Expression);
    if (!isCallback) return false;
  }
  return true;
}

/**
 * Whether a statement of a routine runs whether or not the work before it succeeds: in a
 * `finally`, a promise's `finally` callback or a listener of an event that always fires — or
 * placed before `write` starts, so nothing can skip it.
 */
export function alwaysRuns(at: TSESTree.Node, routine: Routine, write: TSESTree.Node): boolean {
  let child: TSESTree.Node = at;
  for (let current = at.parent; current && current !== routine; current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer === child) return true;
    if (
      isFunctionNode(child) &&
      current.type === AST_NODE_TYPES.CallExpression &&
      current.arguments.includes(child as TSESTree.Expression)
    ) {
      const name = calleeName(current.callee);
      if (name === SETTLED_CALLBACK) return true;
      const event = current.arguments[0];
      if (
        name !== undefined &&
        LISTENER_REGISTRATIONS.has(name) &&
        event?.type === AST_NODE_TYPES.Literal &&
        typeof event.value === 'string' &&
        ALWAYS_EVENTS.has(event.value)
      )
        return true;
    }
    child = current;
  }
  return at.range[1] <= write.range[0];
}

/** Whether a statement of a routine is in a `catch` block: it runs on failure. */
export function inCatch(at: TSESTree.Node, routine: Routine): boolean {
  let child: TSESTree.Node = at;
  for (let current = at.parent; current && current !== routine; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause && current.body === child) return true;
    child = current;
  }
  return false;
}

/** Whether a statement runs in a callback the routine registers (it may run later). */
export function isCallbackAt(at: TSESTree.Node, routine: Routine): boolean {
  const fn = functionOf(at);
  return fn !== undefined && fn !== routine && within(fn, routine);
}

export function isAsync(routine: Routine): boolean {
  return routine.type !== AST_NODE_TYPES.Program && routine.async;
}
