/**
 * The fix kit's keyed hash: rewrite an unkeyed digest or a reversible encoding into an HMAC-SHA-256
 * keyed by a secret expression, in the form its own library offers (Node.js `createHmac`,
 * crypto-js `HmacSHA256`, js-sha256 `.hmac`) or else Node.js `createHmac(…).update(…).digest(…)`,
 * reusing a binding of the crypto module the file has or bringing `createHmac` into scope.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import { propertyName, unwrap } from '../model/ast';
import { resolveImport, withoutDefault } from '../model/imports';
import { NODE_CRYPTO_MODULE } from '../model/apis';
import type { KeyedRewrite } from '../model/pseudonyms';
import { addNamedImport } from './imports';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Makes `createHmac` callable in the file: a binding the file has (`createHmac`, or a namespace,
 * default or `require` binding of crypto: `crypto.createHmac`), the named binding of the
 * replaced `createHash` (`createHmac` added next to it, or put in its place when it has no other
 * use), else a new import.
 */
function createHmacAccess(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  filename: string,
  replacedCreateHash?: TSESTree.Identifier,
): { callee: string; fixes: TSESLint.RuleFix[] } {
  const program = sourceCode.ast;
  const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
  // The module scope in ES modules, the wrapper function scope in CommonJS.
  const globalScope = scopeOf(program);
  const moduleScope =
    globalScope.childScopes.find(
      (s) => s.block === program && (s.type === 'module' || s.type === 'function'),
    ) ?? globalScope;
  if (moduleScope.set.get('createHmac')?.defs.length) return { callee: 'createHmac', fixes: [] };
  for (const variable of moduleScope.variables) {
    const def = variable.defs[0];
    const id = variable.identifiers[0];
    if (!def || !id) continue;
    const ref = resolveImport(id, scopeOf);
    if (ref?.module === NODE_CRYPTO_MODULE && withoutDefault(ref.exportPath).length === 0)
      return { callee: `${variable.name}.createHmac`, fixes: [] };
  }
  const createHashVariable = replacedCreateHash
    ? moduleScope.set.get(replacedCreateHash.name)
    : undefined;
  const def = createHashVariable?.defs[0];
  const specifier =
    def?.type === 'ImportBinding'
      ? def.node
      : def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.ObjectPattern
        ? def.node.id.properties.find(
            (p) =>
              p.type === AST_NODE_TYPES.Property &&
              p.value.type === AST_NODE_TYPES.Identifier &&
              p.value.name === replacedCreateHash?.name,
          )
        : undefined;
  if (
    specifier &&
    (specifier.type === AST_NODE_TYPES.ImportSpecifier ||
      specifier.type === AST_NODE_TYPES.Property)
  ) {
    const otherUses = (createHashVariable?.references ?? []).some(
      (r) => r.isRead() && r.identifier !== replacedCreateHash,
    );
    return {
      callee: 'createHmac',
      fixes: [
        otherUses
          ? fixer.insertTextAfter(specifier, ', createHmac')
          : fixer.replaceText(specifier, 'createHmac'),
      ],
    };
  }
  return {
    callee: 'createHmac',
    fixes: addNamedImport(fixer, sourceCode, filename, {
      name: 'createHmac',
      from: `node:${NODE_CRYPTO_MODULE}`,
      sameModule: [NODE_CRYPTO_MODULE],
    }),
  };
}

/** The fix that rewrites a weak transform into an HMAC-SHA-256 keyed by `keyExpression`. */
export function keyedHashFix(
  sourceCode: SourceCode,
  filename: string,
  rewrite: KeyedRewrite,
  keyExpression: string,
): TSESLint.ReportFixFunction {
  return (fixer) => {
    const text = (node: TSESTree.Node) => sourceCode.getText(node);
    switch (rewrite.kind) {
      case 'createHash': {
        const callee = unwrap(rewrite.call.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          return fixer.replaceText(
            rewrite.call,
            `${text(callee.object)}.createHmac('sha256', ${keyExpression})`,
          );
        }
        const access = createHmacAccess(
          fixer,
          sourceCode,
          filename,
          callee.type === AST_NODE_TYPES.Identifier ? callee : undefined,
        );
        return [
          ...access.fixes,
          fixer.replaceText(rewrite.call, `${access.callee}('sha256', ${keyExpression})`),
        ];
      }
      case 'cryptoJs':
        return fixer.replaceText(
          rewrite.call,
          `${text(rewrite.member.object)}.HmacSHA256(${text(rewrite.call.arguments[0]!)}, ${keyExpression})`,
        );
      case 'jsSha': {
        const callee = unwrap(rewrite.call.callee);
        const base =
          callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'hex'
            ? `${text(callee.object)}.hmac.hex`
            : `${text(callee)}.hmac`;
        return fixer.replaceText(
          rewrite.call,
          `${base}(${keyExpression}, ${text(rewrite.call.arguments[0]!)})`,
        );
      }
      case 'replace': {
        const access = createHmacAccess(fixer, sourceCode, filename);
        return [
          ...access.fixes,
          fixer.replaceText(
            rewrite.node,
            `${access.callee}('sha256', ${keyExpression}).update(${text(rewrite.input)}).digest('${rewrite.encoding}')`,
          ),
        ];
      }
    }
  };
}
