/**
 * The fix kit's options: add a property to an object literal (an option to a call's options or
 * parameters, `ServerSideEncryption: 'aws:kms'`) in the literal's own layout — after the last
 * property on the same line when the literal fits on one line, on a new line with the last
 * property's indentation otherwise, reusing a trailing comma.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** Adds `property` (its source text, `key: value`) as the last property of the object literal. */
export function addProperty(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  object: TSESTree.ObjectExpression,
  property: string,
): TSESLint.RuleFix {
  const last = object.properties[object.properties.length - 1];
  if (!last) return fixer.replaceText(object, `{ ${property} }`);
  const after = sourceCode.getTokenAfter(last);
  const comma = after?.value === ',' ? after : undefined;
  if (object.loc.start.line === object.loc.end.line)
    return comma
      ? fixer.insertTextAfter(comma, ` ${property},`)
      : fixer.insertTextAfter(last, `, ${property}`);
  const line = sourceCode.lines[last.loc.start.line - 1] ?? '';
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  return comma
    ? fixer.insertTextAfter(comma, `\n${indent}${property},`)
    : fixer.insertTextAfter(last, `,\n${indent}${property}`);
}
