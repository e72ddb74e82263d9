/**
 * Secret sinks: the places a library takes a secret, whatever the value is named — the key
 * argument of `jwt.sign(payload, key)`, `createHmac(algorithm, key)` or `cookieParser(secret)`,
 * the `secret` option of `session({ … })` or of a Fastify plugin's registration, the password a
 * hasher is given (`bcrypt.hash('12345678', 10)`: every account created there gets it), and a
 * password column an INSERT or UPDATE fills from a literal parameter. The value reaching each is
 * followed to its literal through constants, environment fallbacks (`process.env.KEY || 'k'`) and
 * key encoders (`new TextEncoder().encode('k')`, `Buffer.from('k')`). The APIs are the secrets
 * catalogue (`apis/secrets.ts`). Read by the hard-coded credentials rule.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { PASSWORD_HASHERS, SECRET_FUNCTIONS, SECRET_OPTIONS, secretIndex } from './apis';
import { calleeName, constantInit, keyName, resolveVariable, unwrap } from './ast';
import { isEnvironmentMember, isSecretName } from './credentials';
import { sqlFieldWrites } from './field-writes';
import { resolveImport, withoutDefault } from './imports';
import type { HealthModel } from './index';
import { AST_NODE_TYPES } from './node-types';
import { optionsModule } from './options-sites';

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** The literal a secret comes from, and whether it is only the fallback of an environment read. */
export interface SecretLiteral {
  node: TSESTree.Literal | TSESTree.TemplateLiteral;
  value: string;
  /** `process.env.JWT_SECRET || 'k'`: the literal is used whenever the variable is unset. */
  fallback: boolean;
}

const MAX_DEPTH = 4;

/**
 * The literal string a secret argument or option holds: the literal itself, a constant it names,
 * the fallback of an environment read (`process.env.KEY || 'k'`, `?? 'k'`), or the text a key
 * encoder turns into bytes (`new TextEncoder().encode('k')`, `Buffer.from('k')`).
 */
export function secretLiteral(
  node: TSESTree.Node,
  scopeOf: ScopeOf,
  depth = 0,
): SecretLiteral | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expr = unwrap(node);
  switch (expr.type) {
    case AST_NODE_TYPES.Literal:
      return typeof expr.value === 'string'
        ? { node: expr, value: expr.value, fallback: false }
        : undefined;
    case AST_NODE_TYPES.TemplateLiteral:
      return expr.expressions.length === 0
        ? { node: expr, value: expr.quasis[0]?.value.cooked ?? '', fallback: false }
        : undefined;
    case AST_NODE_TYPES.LogicalExpression: {
      const left = unwrap(expr.left);
      if (
        (expr.operator !== '||' && expr.operator !== '??') ||
        left.type !== AST_NODE_TYPES.MemberExpression ||
        !isEnvironmentMember(left)
      )
        return undefined;
      const found = secretLiteral(expr.right, scopeOf, depth + 1);
      return found && { ...found, fallback: true };
    }
    case AST_NODE_TYPES.CallExpression: {
      const text = encodedKey(expr);
      return text && secretLiteral(text, scopeOf, depth + 1);
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = resolveVariable(scopeOf(expr), expr);
      const init = variable && constantInit(variable);
      return init ? secretLiteral(init, scopeOf, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** The text argument of `new TextEncoder().encode(text)` or `Buffer.from(text)`. */
function encodedKey(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const callee = unwrap(call.callee);
  const first = call.arguments[0];
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !first) return undefined;
  const method = calleeName(callee);
  const object = unwrap(callee.object);
  if (
    method === 'encode' &&
    object.type === AST_NODE_TYPES.NewExpression &&
    calleeName(object.callee) === 'TextEncoder'
  )
    return first;
  if (method === 'from' && object.type === AST_NODE_TYPES.Identifier && object.name === 'Buffer')
    return first;
  return undefined;
}

/**
 * Whether a file's text names a module whose functions or options take a secret (quoted, as an
 * import or `require` writes it): files that import none skip the sinks' import resolution.
 */
export function mayHandSecrets(text: string): { functions: boolean; options: boolean } {
  const names = (modules: Iterable<string>) =>
    [...modules].some(
      (module) =>
        text.includes(`'${module}'`) ||
        text.includes(`"${module}"`) ||
        text.includes(`'node:${module}'`) ||
        text.includes(`"node:${module}"`),
    );
  return {
    functions: names([...SECRET_FUNCTIONS.keys(), ...PASSWORD_HASHERS.keys()]),
    options: names(SECRET_OPTIONS.keys()),
  };
}

/** Whether a file's text may bind a literal to a password column: an INSERT or UPDATE and a password word. */
export function mayBindPasswords(text: string): boolean {
  return /\b(?:insert|update)\b/i.test(text) && /pass|pwd|mdp/i.test(text);
}

/** A secret a library call takes by position. */
export interface SecretArgumentSink {
  argument: TSESTree.Node;
  /** `key`: a signing or encryption key; `hashedPassword`: a password every account receives. */
  kind: 'key' | 'hashedPassword';
  /** The function as the catalogue names it: `jsonwebtoken` `sign`. */
  module: string;
  path: string;
}

/**
 * The secret argument of a catalogued call: `jwt.sign(payload, key)`, `createHmac('sha256', key)`,
 * `cookieParser(secret)`, `bcrypt.hash(password, 10)`.
 */
export function secretArgument(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  scopeOf: ScopeOf,
): SecretArgumentSink | undefined {
  if (call.arguments.length === 0) return undefined;
  const ref = resolveImport(call.callee, scopeOf);
  if (!ref) return undefined;
  const path = withoutDefault(ref.exportPath).join('.');
  const fn = SECRET_FUNCTIONS.get(ref.module)?.get(path);
  if (fn) {
    const argument = call.arguments[secretIndex(fn, call.arguments.length)];
    return argument && { argument, kind: 'key', module: ref.module, path };
  }
  const index = PASSWORD_HASHERS.get(ref.module)?.get(path);
  const argument = index === undefined ? undefined : call.arguments[index];
  return argument && { argument, kind: 'hashedPassword', module: ref.module, path };
}

/**
 * The module whose secret option a property sets: `session({ secret })` (express-session),
 * `app.register(cookie, { secret })` (@fastify/cookie), `JwtModule.register({ secret })`, also
 * when the options object is a constant passed to the call (`session(sessionOptions)`).
 */
export function secretOptionModule(
  property: TSESTree.Property,
  scopeOf: ScopeOf,
): string | undefined {
  const key = keyName(property);
  const object = property.parent;
  if (!key || object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const module = optionsModule(object, scopeOf, (m) => SECRET_OPTIONS.get(m)?.has(key) === true);
  return module;
}

/** A password column an INSERT or UPDATE fills with a literal parameter. */
export interface LiteralPasswordColumn {
  column: string;
  literal: TSESTree.Literal;
}

/**
 * Password columns a query fills from a literal parameter: `INSERT INTO account (Email, Name,
 * Password) VALUES (?, ?, ?)` with `[email, name, 123456]` gives every account that password.
 */
export function literalPasswordColumns(
  model: HealthModel,
  call: TSESTree.CallExpression,
): LiteralPasswordColumn[] {
  const found: LiteralPasswordColumn[] = [];
  for (const field of sqlFieldWrites(model, call)) {
    if (!field.located || !isSecretName(field.field)) continue;
    const value = unwrap(field.value);
    if (
      value.type === AST_NODE_TYPES.Literal &&
      (typeof value.value === 'number' || (typeof value.value === 'string' && value.value !== ''))
    )
      found.push({ column: field.field, literal: value });
  }
  return found;
}
