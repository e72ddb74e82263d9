/**
 * Sink summaries (issue 19): a function of the project whose parameter reaches a sink — a log
 * write, a file or storage write — is that sink for the argument a call passes it:
 * `logFailure('import', patient)` around `console.error`, `writeCsv(path, header, patients)`
 * around csv-writer. The function is one of the linted file or of a module it imports (the
 * editor's open file and its direct imports); what reaches the sink is judged with the
 * parameter bound to what the argument carries (provenance's `throughArgument`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { walk, type FunctionNode } from './ast';
import type { CalledFunction, Provenance, Taint } from './provenance';

/** A sink found inside a called function, and the argument of the call that reaches it. */
export interface WrappedSink<S> {
  argument: TSESTree.Node;
  taint: Taint;
  sink: S;
  callee: CalledFunction;
}

export interface SinkFamily<S> {
  /** The sinks inside a function of a module (its nested callbacks included). */
  inside(callee: CalledFunction): readonly S[];
  /** The values a sink writes. */
  values(sink: S): readonly TSESTree.Node[];
  /** The patient data a written value carries unprotected, as this kind of sink judges it. */
  carries(provenance: Provenance, value: TSESTree.Node): Taint | undefined;
}

interface OpenSink<S> {
  sink: S;
  values: readonly TSESTree.Node[];
}

const openSinks = new WeakMap<readonly unknown[], OpenSink<unknown>[]>();

/**
 * The sink of `family` a call reaches with patient data through one of its arguments. A value
 * that carries patient data of its own inside the function (a parameter typed `Patient`) is left
 * out: that sink is reported where it is.
 */
export function wrappedSink<S>(
  provenance: Provenance,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  family: SinkFamily<S>,
): WrappedSink<S> | undefined {
  if (call.arguments.length === 0) return undefined;
  // A function of this file costs a scope lookup; one of another module is looked up (and its
  // module parsed) only for a name imported from the project and a call that hands it patient
  // data. Calls of globals and installed packages end at the import declarations.
  const callee =
    provenance.calledFunction(call, { localOnly: true }) ??
    (provenance.callsProjectImport(call) && call.arguments.some((arg) => provenance.trace(arg))
      ? provenance.calledFunction(call)
      : undefined);
  if (!callee) return undefined;
  const sinks = family.inside(callee);
  if (sinks.length === 0) return undefined;
  // The sinks' values that carry nothing of their own, once per function and family (`inside`
  // answers with the same list each time): a helper called a hundred times is judged once.
  let open = openSinks.get(sinks) as OpenSink<S>[] | undefined;
  if (!open) {
    open = sinks
      .map((sink) => ({
        sink,
        values: family.values(sink).filter((value) => !family.carries(callee.provenance, value)),
      }))
      .filter(({ values }) => values.length > 0);
    openSinks.set(sinks, open);
  }
  if (open.length === 0) return undefined;
  const judged = open;
  const found = provenance.throughArgument(call, callee, (inside) => {
    for (const { sink, values } of judged)
      for (const value of values) {
        const taint = family.carries(inside, value);
        if (taint) return { taint, at: sink };
      }
    return undefined;
  });
  return found && { argument: found.argument, taint: found.taint, sink: found.at, callee };
}

/** The nodes of a function's body that `pick` makes a sink of, kept per function. */
export function sinksInside<S>(
  cache: WeakMap<FunctionNode, S[]>,
  fn: FunctionNode,
  pick: (node: TSESTree.Node) => S | undefined,
): readonly S[] {
  const found = cache.get(fn);
  if (found) return found;
  const sinks: S[] = [];
  walk(fn.body, (node) => {
    const sink = pick(node);
    if (sink !== undefined) sinks.push(sink);
  });
  cache.set(fn, sinks);
  return sinks;
}
