/**
 * Credentials written in the code: which names hold a secret (`password`, `PGPASSWORD`,
 * `apiKey`, French `motDePasse`) and what kind of secret they name, which literal values are a
 * real secret rather than a placeholder or a label that spells its own key, the password and
 * account a connection URL embeds (`postgres://user:pass@host`), and where a secret is handed to
 * a client: the service whose options object holds it, the account option beside it, the
 * variable or key the object is assigned to, constructors and client methods that take a
 * password by position (Sequelize, ldapjs `bind`, redis `auth`), and assignments to
 * `process.env`. The secret words are vocabulary (`vocabulary.ts`); the APIs and their
 * arguments are the secrets catalogue (`apis/secrets.ts`, `apis/transports.ts`). Read by the
 * hard-coded credentials rule.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  ACCOUNT_OPTION_KEYS,
  CREDENTIAL_GROUP_KEYS,
  DEFAULT_ACCOUNTS,
  GENERIC_CLIENT_CALLS,
  LIVE_SECRET_FORMATS,
  SECRET_CONSTRUCTORS,
  SECRET_METHOD_NAMES,
  type Service,
  SERVICE_CLIENT_CALLS,
  SERVICE_CLIENTS,
  secretIndex,
  VENDOR_DEFAULT_PASSWORDS,
  secretMethod,
} from './apis';
import { calleeName, keyName, literalString, memberChain, referenceName, unwrap } from './ast';
import { resolveImport } from './imports';
import { AST_NODE_TYPES } from './node-types';
import { tokenize } from './tokens';
import {
  DUMMY_SECRET,
  SECRET_HEADS,
  SECRET_KEY_QUALIFIERS,
  SECRET_PLACEHOLDER,
} from './vocabulary';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * `scheme://user:password@`: the userinfo of a URL (RFC 3986, section 3.2.1,
 * https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1), whose password part is deprecated
 * precisely because it is written in clear.
 */
const URL_WITH_PASSWORD = /\b([a-z][a-z0-9+.-]*):\/\/([^\s:/@'"`]+):([^\s@/'"`]+)@/i;

/**
 * Hosts reserved for documentation (RFC 2606, https://www.rfc-editor.org/rfc/rfc2606, and RFC
 * 6761): `example.com`, `example.org`, `example.net` and their subdomains, the `.example`,
 * `.test` and `.invalid` top-level domains — a URL to one is an example, whatever it embeds.
 */
const DOCUMENTATION_HOST =
  /^(?:[a-z0-9-]+\.)*(?:example\.(?:com|org|net)|[a-z0-9-]+\.(?:example|test|invalid))(?![a-z0-9.-])/i;

/** Answers per name: every declarator, property and assignment of every file asks. */
const secretNames = new Map<string, boolean>();
const MAX_SECRET_NAMES = 20_000;

/** Whether a name holds a secret: `password`, `PGPASSWORD`, `STORAGE_SECRET`, `apiKey`. */
export function isSecretName(name: string): boolean {
  let secret = secretNames.get(name);
  if (secret === undefined) {
    if (secretNames.size >= MAX_SECRET_NAMES) secretNames.clear();
    secret = judgeSecretName(name);
    secretNames.set(name, secret);
  }
  return secret;
}

function judgeSecretName(name: string): boolean {
  const words = tokenize(name);
  const head = words[words.length - 1];
  if (!head) return false;
  if (SECRET_HEADS.has(head) || /(password|passwd|passphrase)$/.test(head)) return true;
  if (head === 'pass' && words.length > 2) return false;
  if ((head === 'key' || head === 'token') && words.length > 1)
    return SECRET_KEY_QUALIFIERS.has(words[words.length - 2]!);
  // French `mot de passe`, `motDePasse`, `mot_passe`.
  return head === 'passe' && words.includes('mot');
}

/** What a secret name names, by its last word: a `secret`, a `key`, a `token` or a `password`. */
export function secretNameKind(name: string): 'secret' | 'key' | 'token' | 'password' {
  const words = tokenize(name);
  const head = words[words.length - 1] ?? '';
  return /secret/.test(head)
    ? 'secret'
    : head === 'key'
      ? 'key'
      : head === 'token'
        ? 'token'
        : 'password';
}

/** A default or shared administrator account (`root`, `sa`, `postgres`), in any case. */
export function isDefaultAccount(user: string): boolean {
  return DEFAULT_ACCOUNTS.has(user.toLowerCase());
}

/** A value with whitespace in it is a phrase or a label (`'Mot de passe'`), not a secret. */
export function isPhrase(value: string): boolean {
  return /\s/.test(value);
}

/** A literal that is a real value, not a placeholder left for the operator to fill in. */
export function isRealSecret(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed === value && !SECRET_PLACEHOLDER.test(trimmed);
}

/** A dummy typed where a name asks for a secret (`whatever`, `my-secret`, `abc`): no secret under a name alone. */
export function isDummySecret(value: string): boolean {
  return DUMMY_SECRET.test(value);
}

/**
 * Password hashes in the modular crypt format: bcrypt `$2a$`/`$2b$`/`$2y$`, argon2 `$argon2id$`,
 * scrypt, PBKDF2 and the glibc `$1$`/`$5$`/`$6$` schemes (the format passlib documents,
 * https://passlib.readthedocs.io/en/stable/modular_crypt_format.html).
 */
const PASSWORD_HASH_FORMAT = /^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2[-\w]*|[156])\$/;

/** Random-looking strings at least this long, in bits per character, look generated (a key). */
const LIVE_ENTROPY_BITS = 4;
const LIVE_MIN_LENGTH = 24;
const TYPED_RUNS = /0123|1234|2345|3456|4567|5678|6789|abcd|bcde|cdef|qwer|asdf|zxcv/i;

/**
 * Whether a secret looks live: a format of a live credential (catalogue `LIVE_SECRET_FORMATS`),
 * or a long random-looking string — letters and digits, no spaces, at least 4 bits of entropy per
 * character — that is not a JSON Web Token already expired. Test code reports only these: its
 * other values (`"whatever"`, `"test-secret"`, demo tokens) are throw-away test accounts.
 */
export function looksLive(value: string, now: number = Date.now()): boolean {
  if (LIVE_SECRET_FORMATS.some((format) => format.test(value))) return true;
  // A password hash (`$2b$10$…`) is random-looking but opens nothing by itself.
  if (PASSWORD_HASH_FORMAT.test(value)) return false;
  if (value.length < LIVE_MIN_LENGTH || /\s/.test(value)) return false;
  if (!/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) return false;
  // Keyboard and counting runs are typed by people: `0123456789abcdef…`, `qwerty…`.
  if (TYPED_RUNS.test(value)) return false;
  const expiry = jwtExpiry(value);
  if (expiry !== undefined) return expiry === null || expiry * 1000 > now;
  return entropyBits(value) >= LIVE_ENTROPY_BITS;
}

/** A JWT's `exp` (seconds), null when it has none, undefined when the value is no JWT. */
function jwtExpiry(value: string): number | null | undefined {
  const parts = value.split('.');
  if (parts.length !== 3 || !parts[0]!.startsWith('eyJ')) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return undefined;
  }
}

/** Shannon entropy of a string, in bits per character. */
function entropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * A value that names a secret rather than being one: a URN or protocol constant
 * (`AccessToken: 'urn:ietf:params:oauth:token-type:access_token'`); the key spelled again, alone
 * or with one more word (`{ RefreshToken: 'refresh_token' }`, `{ password: 'user_password' }`, a
 * form field or a column); a part of the key (`AUTH_KEY = 'auth'`, `FACT_SYNC_PASSWORD =
 * 'syncPassword'`: the name a secret is stored under); or a constant's name
 * (`X_SECRET = 'X_CACHE'`) or a message key (`'login.error.password.required'`). Digits make a value a password (`'password123'`), and so do two
 * words or more beside the key (`secret: 'my-secret-key'`, `'session_cookie_secret_key_here'`).
 * Vendor default passwords (`change-password`) are real whatever they spell; so is a key plus
 * a word in an account record (`inAccount`).
 */
export function namesItself(key: string, value: string, inAccount = false): boolean {
  if (/^urn:/i.test(value)) return true;
  if (isVendorDefault(value) || /\d/.test(value)) return false;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true;
  // A message key or property path: `'user.login.error.password.required'`.
  if (/^[a-z][\w-]*(?:\.[a-z][\w-]*){2,}$/i.test(value)) return true;
  const keyWords = tokenize(key);
  const valueWords = tokenize(value);
  if (keyWords.length === 0 || valueWords.length === 0) return false;
  if (valueWords.every((word) => keyWords.includes(word))) return true;
  // Beside an account name, a word added to the key is the password (`'openhim-password'`).
  return (
    !inAccount &&
    valueWords.length <= keyWords.length + 1 &&
    ` ${valueWords.join(' ')} `.includes(` ${keyWords.join(' ')} `)
  );
}

/** A vendor's default password (`change-password`, `changeme`): known to everyone, never a label. */
export function isVendorDefault(value: string): boolean {
  return VENDOR_DEFAULT_PASSWORDS.has(value.toLowerCase());
}

/**
 * Whether a literal under a secret's name is a secret (outside connection options and library
 * sinks, where any real value is): not a placeholder, a phrase or label, a dummy, or a value that
 * names the secret (`namesItself`; `inAccount` for a password beside an account name).
 */
export function isNamedSecret(key: string, value: string, inAccount = false): boolean {
  return (
    isRealSecret(value) &&
    !isPhrase(value) &&
    !isDummySecret(value) &&
    !namesItself(key, value, inAccount)
  );
}

/**
 * `password === 'password123'`, `'labo' == user.pass`: the literal a login compares a secret
 * with, and the secret's name.
 */
export function comparedSecret(
  node: TSESTree.BinaryExpression,
): { literal: TSESTree.Node; key: string } | undefined {
  if (node.operator !== '===' && node.operator !== '==') return undefined;
  for (const [side, other] of [
    [node.left, node.right],
    [node.right, node.left],
  ] as const) {
    const key = referenceName(side);
    const value = literalString(other);
    if (key && value !== undefined && isSecretName(key) && isNamedSecret(key, value))
      return { literal: other, key };
  }
  return undefined;
}

/** `db password` → `DB_PASSWORD`. */
export function screamingSnake(name: string): string {
  return tokenize(name)
    .map((word) => word.toUpperCase())
    .join('_');
}

/** The environment variable a secret should come from: `DB_PASSWORD`, `SESSION_SECRET`. */
export function environmentName(prefix: string | undefined, key: string): string {
  const base = screamingSnake(key) || 'SECRET';
  if (!prefix || base.startsWith(prefix)) return base;
  return `${prefix}_${base}`;
}

/**
 * Literal secrets of a file grouped for reporting: the same key in several places is one group
 * (a shared secret, reported once with the others as related locations); `perPlace` entries (a
 * password given to accounts at account creation and at reset) are a group each. Groups and
 * their members are in source order.
 */
export function groupSharedSecrets<T extends { literal: TSESTree.Node; secret: string }>(
  found: Iterable<T>,
  perPlace: (entry: T) => boolean,
): T[][] {
  const groups = new Map<string | T, T[]>();
  for (const entry of found) {
    const key = perPlace(entry) ? entry : entry.secret;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const byPosition = (a: T, b: T) => a.literal.range[0] - b.literal.range[0];
  return [...groups.values()]
    .map((group) => group.sort(byPosition))
    .sort((a, b) => byPosition(a[0]!, b[0]!));
}

/** Whether a password repeats its account or the account its password (`root`/`root`). */
export function repeatsAccount(user: string, secret: string): boolean {
  const u = user.toLowerCase();
  const p = secret.toLowerCase();
  return p.includes(u) || u.includes(p);
}

/** The password a connection URL embeds, with its scheme and account. */
export interface UrlCredentials {
  scheme: string;
  user: string;
  password: string;
}

/**
 * The real password a string literal or a template spells in a URL (`mysql://root:s3cret@db`);
 * none when the password is a placeholder or is built from a template's holes.
 */
export function urlCredentials(
  node: TSESTree.Literal | TSESTree.TemplateLiteral,
): UrlCredentials | undefined {
  const text =
    node.type === AST_NODE_TYPES.Literal
      ? typeof node.value === 'string'
        ? node.value
        : undefined
      : node.quasis.map((q) => q.value.cooked ?? '').join('\u0000');
  if (!text || !text.includes('://')) return undefined;
  const match = URL_WITH_PASSWORD.exec(text);
  if (!match) return undefined;
  const [, scheme, user, password] = match as unknown as [string, string, string, string];
  if (password.includes('\u0000') || !isRealSecret(password)) return undefined;
  // `https://user:password@host`: the shape of a URL spelled out, in a message or a doc comment.
  if (password.length > 3 && isDummySecret(password)) return undefined;
  if (DOCUMENTATION_HOST.test(text.slice(match.index + match[0].length))) return undefined;
  return { scheme, user, password };
}

/** The service of the client call an options object (possibly nested) is passed to. */
export function credentialClient(node: TSESTree.Node, sourceCode: SourceCode): Service | undefined {
  let current: TSESTree.Node | undefined = node;
  for (let guard = 0; current && guard < 6; guard++) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return undefined;
    if (
      (parent.type === AST_NODE_TYPES.CallExpression ||
        parent.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(current as TSESTree.Expression)
    ) {
      const ref = resolveImport(parent.callee, (n) => sourceCode.getScope(n));
      const service = ref && SERVICE_CLIENTS.get(ref.module);
      if (service) return service;
      const name = calleeName(parent.callee);
      if (!name || (ref && GENERIC_CLIENT_CALLS.has(name))) return undefined;
      return SERVICE_CLIENT_CALLS.get(name);
    }
    if (parent.type !== AST_NODE_TYPES.Property && parent.type !== AST_NODE_TYPES.ObjectExpression)
      return undefined;
    current = parent;
  }
  return undefined;
}

/** The literal account an options object names beside its password (`user: 'root'`). */
export function optionsAccount(object: TSESTree.Node): string | undefined {
  let user: string | undefined;
  if (object.type === AST_NODE_TYPES.ObjectExpression) {
    for (const sibling of object.properties) {
      if (sibling.type !== AST_NODE_TYPES.Property) continue;
      const siblingKey = keyName(sibling);
      const siblingValue = literalString(sibling.value);
      if (siblingKey && ACCOUNT_OPTION_KEYS.has(siblingKey) && siblingValue !== undefined)
        user = siblingValue;
    }
  }
  return user;
}

/**
 * Whether an object literal describes an account: beside the password, a literal account name
 * (`user`, `username`, `login`, …) or e-mail address (`{ email: 'root@openhim.org', password }`),
 * as a seeded default user or a connection does. Its password is a password even when it reads
 * like a label (`'openhim-password'`).
 */
export function isAccountRecord(object: TSESTree.Node): boolean {
  if (optionsAccount(object) !== undefined) return true;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return object.properties.some((sibling) => {
    if (sibling.type !== AST_NODE_TYPES.Property) return false;
    const key = keyName(sibling)?.toLowerCase();
    return (key === 'email' || key === 'mail') && /@/.test(literalString(sibling.value) ?? '');
  });
}

/**
 * The name of the variable or key an object literal is assigned to (`COMPTE = { password }`),
 * looking through keys that only group credentials (`{ auth: { pass } }`).
 */
export function credentialsOwnerName(object: TSESTree.Node): string | undefined {
  const parent = object.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property) {
    const key = keyName(parent);
    if (key && !CREDENTIAL_GROUP_KEYS.has(key.toLowerCase())) return key;
    return parent.parent ? credentialsOwnerName(parent.parent) : undefined;
  }
  return undefined;
}

/** A password passed by position, with the account passed beside it and the client's service. */
export interface PositionalPassword {
  password: TSESTree.CallExpressionArgument;
  account: TSESTree.CallExpressionArgument | undefined;
  service: Service | undefined;
}

/** `new Sequelize(database, username, password, options)`: a constructor's password argument. */
export function constructorPassword(node: TSESTree.NewExpression): PositionalPassword | undefined {
  const constructor = SECRET_CONSTRUCTORS.get(calleeName(node.callee) ?? '');
  if (constructor?.kind !== 'password') return undefined;
  const password = node.arguments[secretIndex(constructor, node.arguments.length)];
  if (!password) return undefined;
  const account =
    constructor.account === undefined ? undefined : node.arguments[constructor.account];
  return { password, account, service: constructor.service };
}

/**
 * ldapjs `client.bind(dn, password, cb)`, redis `client.auth(password)`: the password argument
 * of a method of a service's client, the account argument and the client's service.
 */
export function clientMethodPassword(
  node: TSESTree.CallExpression,
  sourceCode: SourceCode,
): PositionalPassword | undefined {
  const name = calleeName(node.callee);
  if (!name || !SECRET_METHOD_NAMES.has(name)) return undefined;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const ref = resolveImport(callee.object, (n) => sourceCode.getScope(n));
  const client = ref && SERVICE_CLIENTS.get(ref.module);
  const method = client && secretMethod(client, name);
  if (method?.kind !== 'password') return undefined;
  const password = node.arguments[secretIndex(method, node.arguments.length)];
  if (!password) return undefined;
  const account = method.account === undefined ? undefined : node.arguments[method.account];
  return { password, account, service: client };
}

/** The account an LDAP distinguished name names by its `cn=` or `uid=` (`cn=admin,dc=example`). */
export function ldapAccount(dn: string): string | undefined {
  return /^(?:cn|uid)=([^,]+)/i.exec(dn)?.[1];
}

/**
 * `process.env.PGPASSWORD`, `globalThis.process.env.X`, `import.meta.env.X`: a variable of the
 * environment, read (`process.env.KEY || 'k'`) or assigned (`process.env.PGPASSWORD = …`).
 */
export function isEnvironmentMember(member: TSESTree.MemberExpression): boolean {
  const chain = memberChain(member.object).join('.');
  return /(^|\.)process\.env$/.test(chain) || chain === 'import.meta.env';
}

/** The other lines holding the same secret, as a message names them: "line 12", "lines 12, 30 and 2 more". */
export function otherLinesText(lines: number[]): string {
  const shown = lines.length > 3 ? [...lines.slice(0, 2), `${lines.length - 2} more`] : lines;
  if (shown.length === 1) return `line ${shown[0]}`;
  return `lines ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
