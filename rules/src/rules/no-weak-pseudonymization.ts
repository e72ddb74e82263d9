import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import { healthModel, type Taint } from '../model';
import { literalString, memberChain, propertyName, unwrap } from '../model/ast';
import { resolveGlobal, resolveImport, withoutDefault } from '../model/imports';
import { tokenize } from '../model/tokens';
import { VOCABULARY } from '../model/vocabulary';
import { createRule } from '../util/create-rule';
import { addNamedImport } from '../fix/imports';
import { noteRelated, provenanceRelated } from '../model/related';
import {
  BUFFER_FROM,
  GLOBAL_ENCODERS,
  NODE_CRYPTO_MODULE,
  REVERSIBLE_ENCODINGS,
  type KeyedForm,
  type UnkeyedHash,
  displayAlgorithm,
  globalUnkeyedHash,
  importedUnkeyedHash,
} from '../model/apis';

type MessageIds = 'unkeyedHash' | 'reversibleEncoding' | 'useHmac';

/** The environment variable the suggestion reads the pseudonymisation key from. */
export const KEY_VARIABLE = 'PSEUDONYMIZATION_KEY';

/** Labels of the data a pseudonym must hide: names, birth dates, addresses, NIR, INS... */
const IDENTIFYING_LABELS = new Set([
  ...VOCABULARY.filter((e) => e.category === 'identity' || e.category === 'nationalId').map(
    (e) => e.label,
  ),
  'identity data',
  'national identifier',
  'patient identity',
]);

/** Names of a key or secret mixed into the hashed input: a homemade keyed hash, not this rule's case. */
const SECRET_WORDS = new Set(['secret', 'key', 'pepper', 'hmac', 'cle', 'secrete', 'secrets']);

type Suggestion =
  | { kind: 'createHash'; call: TSESTree.CallExpression }
  | { kind: 'cryptoJs'; call: TSESTree.CallExpression; member: TSESTree.MemberExpression }
  | { kind: 'jsSha'; call: TSESTree.CallExpression }
  | {
      kind: 'replace';
      node: TSESTree.Node;
      input: TSESTree.Node;
      encoding: string;
    };

interface WeakTransform {
  node: TSESTree.Node;
  /** How the message names the transformation: `unkeyed MD5`, `Base64 encoding`. */
  what: string;
  encoding: boolean;
  inputs: TSESTree.Node[];
  suggestion?: Suggestion;
}

/** How messages name an encoding. */
function encodingName(encoding: string): string {
  return encoding === 'hex' ? 'hexadecimal encoding' : 'Base64 encoding';
}

function algorithmName(node: TSESTree.Node | undefined): string {
  const value = literalString(node);
  return value ? displayAlgorithm(value) : 'hash';
}

/** `x.method(...)` where `x` is `node`: the call of a method on a value. */
function methodCallOn(node: TSESTree.Node, method: string): TSESTree.CallExpression | undefined {
  const member = node.parent;
  if (
    member?.type !== AST_NODE_TYPES.MemberExpression ||
    member.object !== node ||
    propertyName(member) !== method
  )
    return undefined;
  const call = member.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member ? call : undefined;
}

function isSecretName(name: string): boolean {
  return tokenize(name).some((word) => SECRET_WORDS.has(word));
}

/** Whether an input mixes in a key: `secret + nir`, `process.env.SALT_KEY + nir`, `[pepper, nir]`. */
function mixesSecret(node: TSESTree.Node, depth = 0): boolean {
  if (depth > 8) return false;
  const expr = unwrap(node);
  switch (expr.type) {
    case AST_NODE_TYPES.Identifier:
      return isSecretName(expr.name);
    case AST_NODE_TYPES.MemberExpression: {
      const chain = memberChain(expr);
      if (chain[0] === 'process' && chain[1] === 'env') return true;
      const name = propertyName(expr);
      return name !== undefined && isSecretName(name);
    }
    case AST_NODE_TYPES.BinaryExpression:
      return mixesSecret(expr.left, depth + 1) || mixesSecret(expr.right, depth + 1);
    case AST_NODE_TYPES.TemplateLiteral:
      return expr.expressions.some((e) => mixesSecret(e, depth + 1));
    case AST_NODE_TYPES.ArrayExpression:
      return expr.elements.some((e) => e !== null && mixesSecret(e, depth + 1));
    case AST_NODE_TYPES.CallExpression:
      return expr.arguments.some((a) => mixesSecret(a, depth + 1));
    default:
      return false;
  }
}

export default createRule<[], MessageIds>({
  name: 'no-weak-pseudonymization',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow pseudonyms made by unkeyed hashes or encodings of national identifiers and names',
      preset: 'recommended',
      cnilFinding:
        'Identifiers leaked with the records; an unkeyed hash of a NIR does not protect it',
      references: ['GDPR-4(5)', 'GDPR-32', 'CNIL-SAN-2022-009', 'CWE-328', 'CWE-916'],
      securitySeverity: 7.0,
    },
    hasSuggestions: true,
    messages: {
      unkeyedHash:
        'The {{what}} of {{data}} is not a pseudonym: without a secret key anyone can hash every possible value and match it (a 13-digit NIR is reversed in seconds); use an HMAC with a key kept outside the data (GDPR art. 4(5), 32).',
      reversibleEncoding:
        'The {{what}} of {{data}} is not a pseudonym: it decodes back to the identifier in one call; use an HMAC with a key kept outside the data (GDPR art. 4(5), 32).',
      useHmac: `Use an HMAC-SHA-256 keyed by process.env.${KEY_VARIABLE} instead.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
    const isTypeScript = /\.[cm]?tsx?$/i.test(context.filename);
    const keyExpression = `process.env.${KEY_VARIABLE}${isTypeScript ? '!' : ''}`;

    /** What a call computes, when it is an unkeyed hash or a reversible encoding. */
    function weakTransform(call: TSESTree.CallExpression): WeakTransform | undefined {
      const callee = unwrap(call.callee);
      const count = call.arguments.length;
      const imported = resolveImport(callee, scopeOf);
      if (imported) {
        const path = withoutDefault(imported.exportPath);
        if (imported.module === BUFFER_FROM.module && path.join('.') === BUFFER_FROM.path)
          return bufferEncoding(call);
        const hash = importedUnkeyedHash(imported.module, path, count);
        return hash && hashTransform(call, hash);
      }
      const global = resolveGlobal(callee, scopeOf);
      if (!global) return undefined;
      const name = global.join('.');
      if (name === BUFFER_FROM.path) return bufferEncoding(call);
      const encoding = GLOBAL_ENCODERS.get(name);
      if (encoding && call.arguments[0])
        return {
          node: call,
          what: encodingName(encoding),
          encoding: true,
          inputs: [call.arguments[0]],
          suggestion: { kind: 'replace', node: call, input: call.arguments[0], encoding },
        };
      const hash = globalUnkeyedHash(global, count);
      return hash && hashTransform(call, hash);
    }

    /** The weak transform of an unkeyed hash, with the fix to its keyed form when there is one. */
    function hashTransform(call: TSESTree.CallExpression, hash: UnkeyedHash): WeakTransform {
      const algorithm =
        typeof hash.algorithm === 'string'
          ? hash.algorithm
          : algorithmName(call.arguments[hash.algorithm.argument]);
      return {
        node: call,
        what: `unkeyed ${algorithm}`,
        encoding: false,
        inputs: hash.input === 'update' ? hashUpdates(call) : [call.arguments[hash.input]!],
        suggestion: hash.keyed && keyedSuggestion(call, hash.keyed),
      };
    }

    function keyedSuggestion(
      call: TSESTree.CallExpression,
      keyed: KeyedForm,
    ): Suggestion | undefined {
      switch (keyed) {
        case 'createHmac':
          return { kind: 'createHash', call };
        case 'hmacMember':
          return { kind: 'jsSha', call };
        case 'hexHmac':
          return { kind: 'replace', node: call, input: call.arguments[0]!, encoding: 'hex' };
        case 'cryptoJsHmac': {
          const callee = unwrap(call.callee);
          return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed
            ? { kind: 'cryptoJs', call, member: callee }
            : undefined;
        }
      }
    }

    /** `Buffer.from(x).toString('base64' | 'hex')`: an encoding, reversible by anyone. */
    function bufferEncoding(call: TSESTree.CallExpression): WeakTransform | undefined {
      const toString = methodCallOn(call, 'toString');
      const encoding = toString && literalString(toString.arguments[0]);
      if (!toString || !encoding || !REVERSIBLE_ENCODINGS.has(encoding) || !call.arguments[0])
        return undefined;
      return {
        node: toString,
        what: encodingName(encoding),
        encoding: true,
        inputs: [call.arguments[0]],
        suggestion: { kind: 'replace', node: toString, input: call, encoding },
      };
    }

    /** The values fed to a `createHash()` object: `.update(x)` in its chain or on its variable. */
    function hashUpdates(call: TSESTree.CallExpression): TSESTree.Node[] {
      const inputs: TSESTree.Node[] = [];
      let current: TSESTree.Node = call;
      for (let update = methodCallOn(current, 'update'); update;) {
        if (update.arguments[0]) inputs.push(update.arguments[0]);
        current = update;
        update = methodCallOn(current, 'update');
      }
      const declarator = call.parent;
      if (
        declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
        declarator.init === call &&
        declarator.id.type === AST_NODE_TYPES.Identifier
      ) {
        const variable = sourceCode.getDeclaredVariables(declarator)[0];
        for (const ref of variable?.references ?? []) {
          const update = methodCallOn(ref.identifier, 'update');
          if (update?.arguments[0]) inputs.push(update.arguments[0]);
        }
      }
      return inputs;
    }

    function identifyingTaint(transform: WeakTransform): Taint | undefined {
      if (transform.inputs.length === 0) return undefined;
      if (transform.inputs.some((input) => mixesSecret(input))) return undefined;
      const model = healthModel(context);
      for (const input of transform.inputs) {
        const taint = model.provenance.trace(input);
        if (!taint || taint.sanitizers.some((s) => s === 'hmac' || s === 'encrypt')) continue;
        if (taint.labels.some((label) => IDENTIFYING_LABELS.has(label))) return taint;
      }
      return undefined;
    }

    /** Makes `createHmac` callable in the file: reuses a crypto binding or adds an import. */
    function createHmacAccess(
      fixer: TSESLint.RuleFixer,
      replacedCreateHash?: TSESTree.Identifier,
    ): { callee: string; fixes: TSESLint.RuleFix[] } | undefined {
      const program = sourceCode.ast;
      // The module scope in ES modules, the wrapper function scope in CommonJS.
      const globalScope = scopeOf(program);
      const moduleScope =
        globalScope.childScopes.find(
          (s) => s.block === program && (s.type === 'module' || s.type === 'function'),
        ) ?? globalScope;
      if (moduleScope.set.get('createHmac')?.defs.length)
        return { callee: 'createHmac', fixes: [] };
      // A namespace, default or require binding of the crypto module: `crypto.createHmac`.
      for (const variable of moduleScope.variables) {
        const def = variable.defs[0];
        const id = variable.identifiers[0];
        if (!def || !id) continue;
        const ref = resolveImport(id, scopeOf);
        if (ref?.module === NODE_CRYPTO_MODULE && withoutDefault(ref.exportPath).length === 0)
          return { callee: `${variable.name}.createHmac`, fixes: [] };
      }
      // A named binding next to `createHash`: add `createHmac` there, or rename it when unused after.
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
        fixes: addNamedImport(fixer, sourceCode, context.filename, {
          name: 'createHmac',
          from: `node:${NODE_CRYPTO_MODULE}`,
          sameModule: [NODE_CRYPTO_MODULE],
        }),
      };
    }

    function suggestionFix(suggestion: Suggestion): TSESLint.ReportFixFunction {
      return (fixer) => {
        const text = (node: TSESTree.Node) => sourceCode.getText(node);
        switch (suggestion.kind) {
          case 'createHash': {
            const callee = unwrap(suggestion.call.callee);
            if (callee.type === AST_NODE_TYPES.MemberExpression) {
              return fixer.replaceText(
                suggestion.call,
                `${text(callee.object)}.createHmac('sha256', ${keyExpression})`,
              );
            }
            const access = createHmacAccess(
              fixer,
              callee.type === AST_NODE_TYPES.Identifier ? callee : undefined,
            );
            if (!access) return null;
            return [
              ...access.fixes,
              fixer.replaceText(suggestion.call, `${access.callee}('sha256', ${keyExpression})`),
            ];
          }
          case 'cryptoJs':
            return fixer.replaceText(
              suggestion.call,
              `${text(suggestion.member.object)}.HmacSHA256(${text(suggestion.call.arguments[0]!)}, ${keyExpression})`,
            );
          case 'jsSha': {
            // js-sha256: sha256(x) -> sha256.hmac(key, x); sha256.hex(x) -> sha256.hmac.hex(key, x).
            const callee = unwrap(suggestion.call.callee);
            const base =
              callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'hex'
                ? `${text(callee.object)}.hmac.hex`
                : `${text(callee)}.hmac`;
            return fixer.replaceText(
              suggestion.call,
              `${base}(${keyExpression}, ${text(suggestion.call.arguments[0]!)})`,
            );
          }
          case 'replace': {
            const access = createHmacAccess(fixer);
            if (!access) return null;
            return [
              ...access.fixes,
              fixer.replaceText(
                suggestion.node,
                `${access.callee}('sha256', ${keyExpression}).update(${text(suggestion.input)}).digest('${suggestion.encoding}')`,
              ),
            ];
          }
        }
      };
    }

    // Every form this rule knows names one of these in the file; most files name none.
    if (!/crypto|sha|md5|hash|Buffer|btoa|CryptoJS/i.test(sourceCode.text)) return {};

    return {
      CallExpression(call) {
        const transform = weakTransform(call);
        if (!transform) return;
        const taint = identifyingTaint(transform);
        if (!taint) return;
        context.report({
          node: transform.node,
          messageId: transform.encoding ? 'reversibleEncoding' : 'unkeyedHash',
          data: {
            what: transform.what,
            data: healthModel(context).provenance.describe(taint),
          },
          suggest: transform.suggestion
            ? [{ messageId: 'useHmac', fix: suggestionFix(transform.suggestion) }]
            : [],
        });
        noteRelated(context, transform.node, provenanceRelated(taint));
      },
    };
  },
});
