/**
 * What patient data a write puts down, as a message says it: the value written, followed through
 * provenance; what was fed into the object written (`zip.file(name, csv)`, `sheet.addRow(p)`,
 * `dump.stdout.pipe(out)`); what is written or piped into a stream held in a variable; a file
 * name that says whose records it holds (`patients-2021.csv`); or, failing those, the patient
 * records the routine reads.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { calleeName, resolveVariable, staticString, unwrap } from '../ast';
import { tokenize } from '../tokens';
import { type MigrationFile, tablesForMessage } from './file';
import { dumpOf } from './dumps';
import { type Routine, within } from './routines';
import { PIPE, PIPELINE } from './words';

/** The patient data a value carries, described. */
export function taintOf(file: MigrationFile, node: TSESTree.Node | undefined): string | undefined {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const taint = file.model.provenance.trace(node);
  return taint ? file.describe(taint) : undefined;
}

/** Data fed into an object by its methods: `zip.file(name, csv)`, `archive.append(json)`, `ws.addRow(p)`. */
export function fedData(
  file: MigrationFile,
  node: TSESTree.Node | undefined,
  depth = 0,
): string | undefined {
  if (!node || depth > 3) return undefined;
  const expr = unwrap(node);
  const direct = taintOf(file, expr);
  if (direct) return direct;
  let root: TSESTree.Node = expr;
  while (
    root.type === AST_NODE_TYPES.MemberExpression ||
    root.type === AST_NODE_TYPES.CallExpression ||
    root.type === AST_NODE_TYPES.AwaitExpression
  ) {
    root =
      root.type === AST_NODE_TYPES.MemberExpression
        ? unwrap(root.object)
        : root.type === AST_NODE_TYPES.CallExpression
          ? unwrap(root.callee)
          : unwrap(root.argument);
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolveVariable(file.scopeOf(root), root);
  if (!variable) return undefined;
  for (const ref of variable.references) {
    const member = ref.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier)
      continue;
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    for (const arg of call.arguments) {
      const found = taintOf(file, arg);
      if (found) return found;
    }
    // A part made from it and filled in turn: `const sheet = workbook.addWorksheet(); sheet.addRow(p)`.
    const declarator = call.parent;
    if (
      depth < 2 &&
      declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
      declarator.id.type === AST_NODE_TYPES.Identifier
    ) {
      const found = fedData(file, declarator.id, depth + 1);
      if (found) return found;
    }
  }
  // A child's output: `dump.stdout.pipe(out)` where dump is a pg_dump process.
  const def = variable.defs[0];
  if (def?.type === 'Variable' && def.node.init) {
    const init = unwrap(def.node.init);
    const call = init.type === AST_NODE_TYPES.AwaitExpression ? unwrap(init.argument) : init;
    if (call.type === AST_NODE_TYPES.CallExpression) {
      const dump = dumpOf(file, call);
      if (dump) return `a ${dump.tool} of ${dump.what}`;
      if (depth < 2 && call.callee.type === AST_NODE_TYPES.MemberExpression)
        return fedData(file, call.callee.object, depth + 1);
    }
  }
  return undefined;
}

/** Patient data read anywhere in the routine: the fallback for writers whose data we cannot follow. */
export function routineRead(file: MigrationFile, routine: Routine): string | undefined {
  const provenance = file.model.provenance;
  for (const call of file.calls) {
    if (call.type !== AST_NODE_TYPES.CallExpression || !within(call, routine)) continue;
    const read = provenance.patientRead(call);
    if (read) {
      const taint = provenance.trace(call);
      return taint ? file.describe(taint) : `patient records from ${tablesForMessage(read.tables)}`;
    }
  }
  return undefined;
}

/** A file name that says whose data it holds: `patients-2021.csv`, `dossiers.json`. */
export function patientNamed(
  file: MigrationFile,
  node: TSESTree.Node | undefined,
): string | undefined {
  if (!node) return undefined;
  const value = staticString(node, file.scopeOf);
  const base = value?.text.split(/[\\/]/).pop();
  if (!base) return undefined;
  const words = tokenize(base.replace(/\.[a-z0-9]+$/i, ''));
  return words.some((w) => file.model.classifier.container(w))
    ? `patient records (\`${base.slice(0, 40)}\`)`
    : undefined;
}

/** What is written into a stream or writer held by a variable: `.write(x)`, `src.pipe(out)`, `pipeline(src, out)`. */
export function streamData(file: MigrationFile, call: TSESTree.CallExpression): string | undefined {
  const parent = call.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(call)) {
    // `dump.stdout.pipe(createWriteStream(p))`, `pipeline(source, createWriteStream(p))`.
    const found = pipedInto(file, parent, call);
    const piped =
      calleeName(parent.callee) === PIPE && parent.callee.type === AST_NODE_TYPES.MemberExpression;
    if (found || piped) return found;
  }
  const holder = holderOf(call);
  if (!holder) return undefined;
  const variable = resolveVariable(file.scopeOf(holder), holder);
  for (const ref of variable?.references ?? []) {
    const id = ref.identifier;
    const parent = id.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === id &&
      parent.parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      for (const arg of parent.parent.arguments) {
        const found = fedData(file, arg);
        if (found) return found;
      }
    }
    if (
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments.includes(id as TSESTree.Identifier)
    ) {
      const found = pipedInto(file, parent, id);
      if (found) return found;
    }
  }
  return undefined;
}

/** What `src.pipe(dest)` or `pipeline(src, …, dest)` feeds into `dest`. */
function pipedInto(
  file: MigrationFile,
  call: TSESTree.CallExpression,
  dest: TSESTree.Node,
): string | undefined {
  const name = calleeName(call.callee);
  if (name === PIPE && call.callee.type === AST_NODE_TYPES.MemberExpression)
    return fedData(file, call.callee.object);
  if (name === PIPELINE) {
    for (const arg of call.arguments) {
      if (arg === dest) break;
      const found = fedData(file, arg);
      if (found) return found;
    }
  }
  return undefined;
}

/** The variable a stream or writer is kept in: `const out = fs.createWriteStream(p)`. */
export function holderOf(call: TSESTree.Node): TSESTree.Identifier | undefined {
  let node: TSESTree.Node = call;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.AwaitExpression ||
      node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  )
    node = node.parent;
  const parent = node.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    return parent.id;
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.left.type === AST_NODE_TYPES.Identifier
  )
    return parent.left;
  return undefined;
}
