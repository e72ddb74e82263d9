import { dirname, isAbsolute, relative, sep } from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  ACCOUNT_OPTION_KEYS,
  AST_NODE_TYPES,
  calleeName,
  CREDENTIAL_GROUP_KEYS,
  DEFAULT_ACCOUNTS,
  findProjectConfig,
  GENERIC_CLIENT_CALLS,
  healthModel,
  keyName,
  propertyName,
  resolveImport,
  SECRET_CONSTRUCTORS,
  SECRET_HEADS,
  SECRET_KEY_QUALIFIERS,
  SECRET_METHOD_NAMES,
  SECRET_PLACEHOLDER,
  secretIndex,
  secretMethod,
  SERVICE_CLIENT_CALLS,
  SERVICE_CLIENTS,
  tokenize,
  unwrap,
  URL_SCHEME_SERVICES,
} from '../model';
import ignore from 'ignore';
import { createRule } from '../util/create-rule';

type Options = [];
type MessageIds = 'literalSecret' | 'defaultAccount' | 'secretInUrl' | 'useEnvironment';

const URL_WITH_PASSWORD = /\b([a-z][a-z0-9+.-]*):\/\/([^\s:/@'"`]+):([^\s@/'"`]+)@/i;

/** Whether a name holds a secret: `password`, `PGPASSWORD`, `STORAGE_SECRET`, `apiKey`. */
/** Answers per name: every declarator, property and assignment of every file asks. */
const secretNames = new Map<string, boolean>();
const MAX_SECRET_NAMES = 20_000;

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

/** A literal that is a real value, not a placeholder left for the operator to fill in. */
export function isRealSecret(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed === value && !SECRET_PLACEHOLDER.test(trimmed);
}

function literalText(node: TSESTree.Node): string | undefined {
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.Literal && typeof expr.value === 'string') return expr.value;
  if (expr.type === AST_NODE_TYPES.TemplateLiteral && expr.expressions.length === 0)
    return expr.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function screamingSnake(name: string): string {
  return tokenize(name)
    .map((word) => word.toUpperCase())
    .join('_');
}

/** A name that is a valid identifier after `process.env.`. */
function envName(prefix: string | undefined, key: string): string {
  const base = screamingSnake(key) || 'SECRET';
  if (!prefix || base.startsWith(prefix)) return base;
  return `${prefix}_${base}`;
}

/**
 * A value that spells its own key or a URN: enum members and protocol constants such as
 * `{ RefreshToken: 'refresh_token' }` or `AccessToken: 'urn:ietf:params:oauth:token-type:access_token'`.
 */
function namesItself(key: string, value: string): boolean {
  if (/^urn:/i.test(value)) return true;
  const keyWords = tokenize(key).join(' ');
  return keyWords.length > 0 && ` ${tokenize(value).join(' ')} `.includes(` ${keyWords} `);
}

/** The account name for a message, unless the password repeats it (`root`/`root`). */
function accountText(user: string | undefined, secret: string): string {
  if (!user) return '';
  const u = user.toLowerCase();
  const p = secret.toLowerCase();
  return p.includes(u) || u.includes(p) ? '' : ` \`${user}\``;
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-credentials',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow literal passwords, secrets and default accounts in database, FTP, SMTP and LDAP connections',
      preset: 'recommended',
      cnilFinding: 'Accounts shared between several employees',
      references: ['GDPR-32', 'CNIL-SAN-2022-009', 'HIPAA-164.312(a)(2)(i)', 'CWE-798'],
      securitySeverity: 8.0,
    },
    hasSuggestions: true,
    messages: {
      literalSecret:
        'A literal {{what}} is written in the code (`{{key}}`): everyone with the repository shares it and no access can be traced to one person (GDPR art. 32, HIPAA 164.312(a)(2)(i)); read it from the environment or a secret manager.',
      defaultAccount:
        'A default or shared account{{account}} is used with a literal password (`{{key}}`): every technician logs in as the same superuser, so nobody can tell who read which patient (CNIL SAN-2022-009); use a personal account and a secret from the environment.',
      secretInUrl:
        'The {{scheme}} connection string embeds a literal password{{account}}: it is copied into every clone, log and error message that prints the URL (GDPR art. 32); read the URL from the environment.',
      useEnvironment: 'Read it from `process.env.{{name}}`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    let skip: boolean | undefined;

    /** Test fixtures listed in `credentials.fixtureGlobs` hold throw-away test accounts. */
    function inFixture(): boolean {
      if (skip !== undefined) return skip;
      const globs = healthModel(context).config.credentials.fixtureGlobs;
      skip = false;
      if (globs.length === 0) return skip;
      const filename = context.filename;
      const configFile = isAbsolute(filename) ? findProjectConfig(filename).file : undefined;
      const base = configFile ? dirname(configFile) : context.cwd;
      const path = isAbsolute(filename) ? relative(base, filename) : filename;
      if (path.startsWith('..') || path === '') return skip;
      skip = ignore().add(globs).ignores(path.split(sep).join('/'));
      return skip;
    }

    /** The client prefix of the call an options object (possibly nested) is passed to. */
    function clientOf(node: TSESTree.Node): string | undefined {
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
        if (
          parent.type !== AST_NODE_TYPES.Property &&
          parent.type !== AST_NODE_TYPES.ObjectExpression
        )
          return undefined;
        current = parent;
      }
      return undefined;
    }

    /** The name of the variable or key an object literal is assigned to: `COMPTE = { password }`. */
    function ownerName(object: TSESTree.Node): string | undefined {
      const parent = object.parent;
      if (
        parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        parent.id.type === AST_NODE_TYPES.Identifier
      )
        return parent.id.name;
      if (parent?.type === AST_NODE_TYPES.Property) {
        const key = keyName(parent);
        if (key && !CREDENTIAL_GROUP_KEYS.has(key.toLowerCase())) return key;
        return parent.parent ? ownerName(parent.parent) : undefined;
      }
      return undefined;
    }

    function suggestEnv(
      literal: TSESTree.Node,
      name: string,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      return [
        {
          messageId: 'useEnvironment',
          data: { name },
          fix: (fixer) => fixer.replaceText(literal, `process.env.${name}`),
        },
      ];
    }

    function checkProperty(property: TSESTree.Property): void {
      if (property.kind !== 'init' || property.value.type === AST_NODE_TYPES.AssignmentPattern)
        return;
      const key = keyName(property);
      if (!key || !isSecretName(key)) return;
      const value = literalText(property.value);
      if (value === undefined || !isRealSecret(value)) return;
      if (inFixture()) return;
      const object = property.parent;
      const client = object ? clientOf(object) : undefined;
      // Outside connection options, a key that repeats its own name or a phrase is a form field
      // or a label (`{ password: 'password' }`, `{ password: 'Mot de passe' }`), not a secret.
      if (!client && (namesItself(key, value) || /\s/.test(value))) return;
      let user: string | undefined;
      if (object?.type === AST_NODE_TYPES.ObjectExpression) {
        for (const sibling of object.properties) {
          if (sibling.type !== AST_NODE_TYPES.Property) continue;
          const siblingKey = keyName(sibling);
          const siblingValue = literalText(sibling.value);
          if (siblingKey && ACCOUNT_OPTION_KEYS.has(siblingKey) && siblingValue !== undefined)
            user = siblingValue;
        }
      }
      const owner = client ? undefined : object && ownerName(object);
      const name = envName(client ?? (owner ? screamingSnake(owner) : undefined), key);
      report(property.value, key, user, name);
    }

    function report(
      literal: TSESTree.Node,
      key: string,
      user: string | undefined,
      envVariable: string | undefined,
    ): void {
      const isDefault = user !== undefined && DEFAULT_ACCOUNTS.has(user.toLowerCase());
      const secret = literalText(literal) ?? '';
      const words = tokenize(key);
      const head = words[words.length - 1] ?? '';
      const what = /secret/.test(head)
        ? 'secret'
        : head === 'key'
          ? 'key'
          : head === 'token'
            ? 'token'
            : 'password';
      context.report({
        node: literal,
        messageId: isDefault ? 'defaultAccount' : 'literalSecret',
        data: { what, key, account: accountText(user, secret) },
        suggest: envVariable ? suggestEnv(literal, envVariable) : [],
      });
    }

    function checkUrl(node: TSESTree.Literal | TSESTree.TemplateLiteral): void {
      const text =
        node.type === AST_NODE_TYPES.Literal
          ? typeof node.value === 'string'
            ? node.value
            : undefined
          : node.quasis.map((q) => q.value.cooked ?? '').join('\u0000');
      if (!text || !text.includes('://')) return;
      const match = URL_WITH_PASSWORD.exec(text);
      if (!match) return;
      const [, scheme, user, password] = match as unknown as [string, string, string, string];
      if (password.includes('\u0000') || !isRealSecret(password)) return;
      if (inFixture()) return;
      const lower = scheme.toLowerCase();
      const service = URL_SCHEME_SERVICES.get(lower);
      const name =
        service === 'MONGO'
          ? 'MONGODB_URI'
          : service === 'DB'
            ? 'DATABASE_URL'
            : `${screamingSnake(lower.replace(/\+.*$/, ''))}_URL`;
      const isDefault = DEFAULT_ACCOUNTS.has(user.toLowerCase());
      const account = accountText(user, password);
      context.report({
        node,
        messageId: 'secretInUrl',
        data: {
          scheme: lower,
          account: isDefault && account ? ` for the shared account${account}` : '',
        },
        // A template with holes builds the URL from other values: replacing it would drop them.
        suggest:
          node.type === AST_NODE_TYPES.Literal || node.expressions.length === 0
            ? suggestEnv(node, name)
            : [],
      });
    }

    return {
      Property: checkProperty,
      VariableDeclarator(node) {
        if (node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return;
        if (!isSecretName(node.id.name)) return;
        const value = literalText(node.init);
        if (value === undefined || !isRealSecret(value) || /\s/.test(value)) return;
        if (namesItself(node.id.name, value) || inFixture()) return;
        report(node.init, node.id.name, undefined, screamingSnake(node.id.name));
      },
      AssignmentExpression(node) {
        if (node.operator !== '=') return;
        const left = unwrap(node.left);
        const key =
          left.type === AST_NODE_TYPES.Identifier
            ? left.name
            : left.type === AST_NODE_TYPES.MemberExpression
              ? propertyName(left)
              : undefined;
        if (!key || !isSecretName(key)) return;
        const value = literalText(node.right);
        if (value === undefined || !isRealSecret(value) || /\s/.test(value) || inFixture()) return;
        // `process.env.PGPASSWORD = '…'` is the variable itself: the fix is to delete the line.
        const isEnv =
          left.type === AST_NODE_TYPES.MemberExpression &&
          /(^|\.)process\.env$/.test(sourceCode.getText(left.object));
        report(node.right, key, undefined, isEnv ? undefined : screamingSnake(key));
      },
      NewExpression(node) {
        // Sequelize(database, username, password, options): positional credentials.
        const constructor = SECRET_CONSTRUCTORS.get(calleeName(node.callee) ?? '');
        if (constructor?.kind !== 'password') return;
        const passwordArg = node.arguments[secretIndex(constructor, node.arguments.length)];
        const userArg =
          constructor.account === undefined ? undefined : node.arguments[constructor.account];
        const password = passwordArg && literalText(passwordArg);
        if (!passwordArg || password === undefined || !isRealSecret(password) || inFixture())
          return;
        report(
          passwordArg,
          'password',
          userArg && literalText(userArg),
          envName(constructor.service, 'password'),
        );
      },
      CallExpression(node) {
        // ldapjs client.bind(dn, password, cb); redis client.auth(password).
        const name = calleeName(node.callee);
        if (!name || !SECRET_METHOD_NAMES.has(name)) return;
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const ref = resolveImport(callee.object, (n) => sourceCode.getScope(n));
        const client = ref && SERVICE_CLIENTS.get(ref.module);
        const method = client && secretMethod(client, name);
        if (method?.kind !== 'password') return;
        const passwordArg = node.arguments[secretIndex(method, node.arguments.length)];
        const password = passwordArg && literalText(passwordArg);
        if (!passwordArg || password === undefined || !isRealSecret(password) || inFixture())
          return;
        const user = method.account !== undefined && node.arguments[method.account];
        const dn = user ? literalText(user) : undefined;
        // An LDAP account is a distinguished name: its `cn=` or `uid=` names the account.
        const cn = dn ? /^(?:cn|uid)=([^,]+)/i.exec(dn)?.[1] : undefined;
        report(passwordArg, 'password', cn, `${client}_PASSWORD`);
      },
      Literal(node) {
        if (
          typeof node.value === 'string' &&
          node.parent?.type !== AST_NODE_TYPES.ImportDeclaration
        )
          checkUrl(node);
      },
      TemplateLiteral: checkUrl,
    };
  },
});
