/**
 * The fix kit's options: edit an options object literal the same way in every rule — set a
 * property to a value (replacing its value, or adding it after the last property when it is
 * missing), or remove a property with its separating comma.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findProperty } from '../model/ast';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Sets `key` to `value` (source text) in an object literal: replaces the value of the property
 * when the object has one, else adds `key: value` after its last property, or writes the whole
 * object when it is empty. Comments and the other properties are kept.
 */
export function setOption(
  fixer: TSESLint.RuleFixer,
  object: TSESTree.ObjectExpression,
  key: string,
  value: string,
): TSESLint.RuleFix {
  const property = findProperty(object, key);
  if (property) return fixer.replaceText(property.value, value);
  const last = object.properties[object.properties.length - 1];
  return last
    ? fixer.insertTextAfter(last, `, ${key}: ${value}`)
    : fixer.replaceText(object, `{ ${key}: ${value} }`);
}

/**
 * Removes a property from an object literal with the comma that separates it from the next one
 * (up to the next token or comment, so that a comment on the next property stays), or from the
 * previous one when it is the last.
 */
export function removeProperty(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  property: TSESTree.Property,
): TSESLint.RuleFix {
  const after = sourceCode.getTokenAfter(property);
  const end =
    after && after.value === ','
      ? (sourceCode.getTokenAfter(after, { includeComments: true })?.range[0] ?? after.range[1])
      : property.range[1];
  const before = sourceCode.getTokenBefore(property);
  if (after?.value !== ',' && before?.value === ',')
    return fixer.removeRange([before.range[0], property.range[1]]);
  return fixer.removeRange([property.range[0], end]);
}
