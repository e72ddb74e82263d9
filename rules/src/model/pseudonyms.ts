/**
 * Pseudonyms and what makes one weak: which calls turn a value into an unkeyed digest or a
 * reversible encoding (`createHash('sha256').update(nir)`, `md5(nom)`, `btoa(nir)`,
 * `Buffer.from(nir).toString('base64')`), the values they are fed, whether a key is mixed into
 * those values (a homemade keyed hash), whether the values identify a person, and how the same
 * call is rewritten into its keyed form (an HMAC). The libraries and their keyed forms are the
 * hashing catalogue (`apis/hashing.ts`); this module reads them over the AST. Read by the weak
 * pseudonymisation rule.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { keyName, literalString, memberChain, propertyName, unwrap } from './ast';
import { resolveGlobal, resolveImport, withoutDefault } from './imports';
import type { Provenance, Taint } from './provenance';
import { tokenize } from './tokens';
import { VOCABULARY } from './vocabulary';
import {
  BUFFER_FROM,
  ENCODED_CONTENT_KEYS,
  GLOBAL_ENCODERS,
  REVERSIBLE_ENCODINGS,
  type KeyedForm,
  type UnkeyedHash,
  displayAlgorithm,
  globalUnkeyedHash,
  importedUnkeyedHash,
} from './apis';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Labels of the data a pseudonym must hide: names, birth dates, addresses (identity), NIR, INS
 * (national identifiers), as the vocabulary, the project's own words and FHIR Patient resources
 * label them.
 */
const IDENTIFYING_LABELS = new Set([
  ...VOCABULARY.filter((e) => e.category === 'identity' || e.category === 'nationalId').map(
    (e) => e.label,
  ),
  'identity data',
  'national identifier',
  'patient identity',
]);

/**
 * Words of a name that holds a key or secret mixed into a hashed input (`secret + nir`,
 * `pepper`, `hmacKey`, French `cle`, `secrete`): a homemade keyed hash, not an unkeyed one. Not
 * the credential vocabulary (`SECRET_HEADS` in `vocabulary.ts`): a password is no key here, and
 * a bare `key` is one.
 */
const KEY_WORDS = new Set(['secret', 'key', 'pepper', 'hmac', 'cle', 'secrete', 'secrets']);

/** How a weak transform is rewritten into an HMAC keyed by a secret. */
export type KeyedRewrite =
  /** `createHash(alg)` → `createHmac('sha256', key)`, the `.update()` chain kept. */
  | { kind: 'createHash'; call: TSESTree.CallExpression }
  /** crypto-js `CryptoJS.SHA256(x)` → `CryptoJS.HmacSHA256(x, key)`. */
  | { kind: 'cryptoJs'; call: TSESTree.CallExpression; member: TSESTree.MemberExpression }
  /** js-sha256 `sha256(x)` → `sha256.hmac(key, x)`, `sha256.hex(x)` → `sha256.hmac.hex(key, x)`. */
  | { kind: 'jsSha'; call: TSESTree.CallExpression }
  /** `node` → `createHmac('sha256', key).update(input).digest(encoding)`. */
  | { kind: 'replace'; node: TSESTree.Node; input: TSESTree.Node; encoding: string };

/** A call that computes an unkeyed digest or a reversible encoding of values. */
export interface WeakTransform {
  /** The call that yields the weak value (`.toString('base64')` for a Buffer encoding). */
  node: TSESTree.Node;
  /** The encoding (`base64`, `hex`) when it is a reversible encoding. */
  encoding?: string;
  /** The digest's algorithm as messages name it (`MD5`, `SHA-256`), when known. */
  algorithm?: string;
  /** The values transformed. */
  inputs: TSESTree.Node[];
  keyed?: KeyedRewrite;
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

/** What a call computes, when it is an unkeyed hash or a reversible encoding. */
/**
 * Whether a file's text can hold a weak transform at all: every hash and encoding the model knows
 * is reached through one of these names, and most files name none (a cheap test before the walk).
 */
export function mayTransformIdentifiers(text: string): boolean {
  return /crypto|sha|md5|hash|Buffer|btoa|CryptoJS/i.test(text);
}

export function weakTransform(
  call: TSESTree.CallExpression,
  sourceCode: SourceCode,
): WeakTransform | undefined {
  const transform = anyWeakTransform(call, sourceCode);
  return transform?.encoding && encodesContent(transform.node) ? undefined : transform;
}

/**
 * Whether an encoding's result is written as the content of an attachment, body or payload
 * (`contentAttachment: { data: Buffer.from(html).toString('base64') }`): transport encoding.
 */
function encodesContent(node: TSESTree.Node): boolean {
  let outer: TSESTree.Node = node;
  while (
    outer.parent &&
    (outer.parent.type === AST_NODE_TYPES.TSAsExpression ||
      outer.parent.type === AST_NODE_TYPES.AwaitExpression)
  )
    outer = outer.parent;
  const parent = outer.parent;
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== outer) return false;
  const key = keyName(parent);
  return key !== undefined && ENCODED_CONTENT_KEYS.has(key);
}

function anyWeakTransform(
  call: TSESTree.CallExpression,
  sourceCode: SourceCode,
): WeakTransform | undefined {
  const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
  const callee = unwrap(call.callee);
  const count = call.arguments.length;
  const imported = resolveImport(callee, scopeOf);
  if (imported) {
    const path = withoutDefault(imported.exportPath);
    if (imported.module === BUFFER_FROM.module && path.join('.') === BUFFER_FROM.path)
      return bufferEncoding(call);
    const hash = importedUnkeyedHash(imported.module, path, count);
    return hash && hashTransform(call, hash, sourceCode);
  }
  const global = resolveGlobal(callee, scopeOf);
  if (!global) return undefined;
  const name = global.join('.');
  if (name === BUFFER_FROM.path) return bufferEncoding(call);
  const encoding = GLOBAL_ENCODERS.get(name);
  if (encoding && call.arguments[0])
    return {
      node: call,
      encoding,
      inputs: [call.arguments[0]],
      keyed: { kind: 'replace', node: call, input: call.arguments[0], encoding },
    };
  const hash = globalUnkeyedHash(global, count);
  return hash && hashTransform(call, hash, sourceCode);
}

/** The weak transform of an unkeyed hash, with its keyed form when there is one. */
function hashTransform(
  call: TSESTree.CallExpression,
  hash: UnkeyedHash,
  sourceCode: SourceCode,
): WeakTransform {
  const named =
    typeof hash.algorithm === 'string'
      ? undefined
      : literalString(call.arguments[hash.algorithm.argument]);
  return {
    node: call,
    algorithm:
      typeof hash.algorithm === 'string'
        ? hash.algorithm
        : named
          ? displayAlgorithm(named)
          : undefined,
    inputs: hash.input === 'update' ? hashUpdates(call, sourceCode) : [call.arguments[hash.input]!],
    keyed: hash.keyed && keyedRewrite(call, hash.keyed),
  };
}

function keyedRewrite(call: TSESTree.CallExpression, keyed: KeyedForm): KeyedRewrite | undefined {
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
    encoding,
    inputs: [call.arguments[0]],
    keyed: { kind: 'replace', node: toString, input: call, encoding },
  };
}

/** The values fed to a `createHash()` object: `.update(x)` in its chain or on its variable. */
function hashUpdates(call: TSESTree.CallExpression, sourceCode: SourceCode): TSESTree.Node[] {
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

function isKeyName(name: string): boolean {
  return tokenize(name).some((word) => KEY_WORDS.has(word));
}

/** Whether an input mixes in a key: `secret + nir`, `process.env.SALT_KEY + nir`, `[pepper, nir]`. */
export function mixesSecret(node: TSESTree.Node, depth = 0): boolean {
  if (depth > 8) return false;
  const expr = unwrap(node);
  switch (expr.type) {
    case AST_NODE_TYPES.Identifier:
      return isKeyName(expr.name);
    case AST_NODE_TYPES.MemberExpression: {
      const chain = memberChain(expr);
      if (chain[0] === 'process' && chain[1] === 'env') return true;
      const name = propertyName(expr);
      return name !== undefined && isKeyName(name);
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

/**
 * The identifying data a weak transform hides badly: the first input that carries identity data
 * or a national identifier not already keyed or encrypted, when no input mixes in a key.
 */
export function identifyingInput(
  provenance: Provenance,
  transform: WeakTransform,
): Taint | undefined {
  if (transform.inputs.length === 0) return undefined;
  if (transform.inputs.some((input) => mixesSecret(input))) return undefined;
  for (const input of transform.inputs) {
    const taint = provenance.trace(input);
    if (!taint || taint.sanitizers.some((s) => s === 'hmac' || s === 'encrypt')) continue;
    if (taint.labels.some((label) => IDENTIFYING_LABELS.has(label))) return taint;
  }
  return undefined;
}
