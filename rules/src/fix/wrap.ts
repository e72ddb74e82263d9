/**
 * The fix kit's wrap: replace a value by a call of a helper on it (`encryptForStorage(value)`,
 * `redactPatient(patient)`) and bring the helper into scope through `imports.ts`, the same way
 * in every rule. A shorthand property keeps its key (`{ nir }` becomes `{ nir: encrypt(nir) }`);
 * a value that must keep its shape (an object literal, a template with holes) is wrapped part by
 * part.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import { unwrap } from '../model/ast';
import type { ImportedHelper } from '../config/project-config';
import { addNamedImport, helperModule } from './imports';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A helper to call: its name (`encrypt`, `crypto.seal`) and the module the file imports it from. */
export interface CallHelper {
  callee: string;
  /** The module specifier as the file writes it; without one, no import is added. */
  from: string | undefined;
}

/** `callee(node)` in place of the node; the value of a shorthand property keeps its key. */
export function wrapInCall(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  node: TSESTree.Node,
  callee: string,
): TSESLint.RuleFix {
  const text = sourceCode.getText(node);
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === node)
    return fixer.replaceText(parent, `${text}: ${callee}(${text})`);
  return fixer.replaceText(node, `${callee}(${text})`);
}

/**
 * The helper a configuration section names for fixes (`redaction.fix`, `encryption.fix`) as a call
 * from the linted file: a relative module is rewritten from the configuration's folder to the file's.
 */
export function configuredHelper(
  helper: ImportedHelper,
  section: Parameters<typeof helperModule>[1],
  file: { filename: string; cwd: string },
): CallHelper {
  return {
    callee: helper.name,
    from: helper.import && helperModule(helper.import, section, file.filename, file.cwd),
  };
}

/**
 * Wraps every node in a call of the helper, and imports the helper (by the root of a dotted name)
 * unless it is already bound where it is used (`at`, else the file's top level).
 */
export function wrapWithHelper(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  filename: string,
  nodes: readonly TSESTree.Node[],
  helper: CallHelper,
  at?: TSESTree.Node,
): TSESLint.RuleFix[] {
  return [
    ...nodes.map((node) => wrapInCall(fixer, sourceCode, node, helper.callee)),
    ...addNamedImport(fixer, sourceCode, filename, {
      name: helper.callee.split('.')[0]!,
      from: helper.from,
      at,
    }),
  ];
}

/**
 * The parts of a value to wrap so the receiver still gets a value of the same shape: the fields
 * of an object literal that `needsWrap` (`{ nom, nir }` is still an object), the holes of a
 * template that need it when `holes` is set (`nir=${nir}; path=/` is still a cookie), else the
 * value itself.
 */
export function partsToWrap(
  value: TSESTree.Node,
  needsWrap: (part: TSESTree.Node) => boolean,
  options: { holes?: boolean } = {},
): TSESTree.Node[] {
  const expr = unwrap(value);
  if (options.holes && expr.type === AST_NODE_TYPES.TemplateLiteral) {
    const holes = expr.expressions.filter((hole) => needsWrap(hole));
    if (holes.length) return holes;
  }
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === value)
    return [value];
  if (expr.type === AST_NODE_TYPES.ObjectExpression && expr.properties.every(isPlainProperty))
    return (expr.properties as TSESTree.Property[])
      .filter((property) => needsWrap(property.value))
      .map((property) => property.value);
  return [value];
}

function isPlainProperty(property: TSESTree.ObjectLiteralElement): boolean {
  return property.type === AST_NODE_TYPES.Property && property.kind === 'init' && !property.method;
}
