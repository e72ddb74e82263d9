import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  AST_NODE_TYPES,
  clientMethodPassword,
  constructorPassword,
  credentialClient,
  credentialsOwnerName,
  healthModel,
  inFixtureGlobs,
  inTestCode,
  isDefaultAccount,
  isEnvironmentMember,
  isPhrase,
  isRealSecret,
  isSecretName,
  keyName,
  ldapAccount,
  literalString,
  looksLive,
  namesItself,
  optionsAccount,
  propertyName,
  repeatsAccount,
  secretNameKind,
  tokenize,
  unwrap,
  URL_SCHEME_SERVICES,
  urlCredentials,
} from '../model';
import { createRule } from '../util/create-rule';

type Options = [];
type MessageIds = 'literalSecret' | 'defaultAccount' | 'secretInUrl' | 'useEnvironment';

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

/** The account name for a message, unless the password repeats it (`root`/`root`). */
function accountText(user: string | undefined, secret: string): string {
  return !user || repeatsAccount(user, secret) ? '' : ` \`${user}\``;
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

    let tests: boolean | undefined;
    /** Test code (the runners' conventions) reports only values that look live. */
    function throwAwayInTests(secret: string): boolean {
      tests ??= inTestCode(context.filename, context.cwd);
      return tests && !looksLive(secret);
    }

    /** Test fixtures listed in `credentials.fixtureGlobs` hold throw-away test accounts. */
    function inFixture(): boolean {
      skip ??= inFixtureGlobs(
        context.filename,
        context.cwd,
        healthModel(context).config.credentials.fixtureGlobs,
      );
      return skip;
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
      const value = literalString(property.value);
      if (value === undefined || !isRealSecret(value)) return;
      if (inFixture()) return;
      const object = property.parent;
      const client = object ? credentialClient(object, sourceCode) : undefined;
      // Outside connection options, a key that repeats its own name or a phrase is a form field
      // or a label (`{ password: 'password' }`, `{ password: 'Mot de passe' }`), not a secret.
      if (!client && (namesItself(key, value) || isPhrase(value))) return;
      const user = object ? optionsAccount(object) : undefined;
      const owner = client ? undefined : object && credentialsOwnerName(object);
      const name = envName(client ?? (owner ? screamingSnake(owner) : undefined), key);
      report(property.value, key, user, name);
    }

    function report(
      literal: TSESTree.Node,
      key: string,
      user: string | undefined,
      envVariable: string | undefined,
    ): void {
      const isDefault = user !== undefined && isDefaultAccount(user);
      const secret = literalString(literal) ?? '';
      if (throwAwayInTests(secret)) return;
      const what = secretNameKind(key);
      context.report({
        node: literal,
        messageId: isDefault ? 'defaultAccount' : 'literalSecret',
        data: { what, key, account: accountText(user, secret) },
        suggest: envVariable ? suggestEnv(literal, envVariable) : [],
      });
    }

    function checkUrl(node: TSESTree.Literal | TSESTree.TemplateLiteral): void {
      const credentials = urlCredentials(node);
      if (!credentials || inFixture()) return;
      const { scheme, user, password } = credentials;
      if (throwAwayInTests(password)) return;
      const lower = scheme.toLowerCase();
      const service = URL_SCHEME_SERVICES.get(lower);
      const name =
        service === 'MONGO'
          ? 'MONGODB_URI'
          : service === 'DB'
            ? 'DATABASE_URL'
            : `${screamingSnake(lower.replace(/\+.*$/, ''))}_URL`;
      const isDefault = isDefaultAccount(user);
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
        const value = literalString(node.init);
        if (value === undefined || !isRealSecret(value) || isPhrase(value)) return;
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
        const value = literalString(node.right);
        if (value === undefined || !isRealSecret(value) || isPhrase(value) || inFixture()) return;
        // `process.env.PGPASSWORD = '…'` is the variable itself: the fix is to delete the line.
        const isEnv =
          left.type === AST_NODE_TYPES.MemberExpression && isEnvironmentMember(left, sourceCode);
        report(node.right, key, undefined, isEnv ? undefined : screamingSnake(key));
      },
      NewExpression(node) {
        // Sequelize(database, username, password, options): positional credentials.
        const found = constructorPassword(node);
        const password = found && literalString(found.password);
        if (!found || password === undefined || !isRealSecret(password) || inFixture()) return;
        report(
          found.password,
          'password',
          found.account && literalString(found.account),
          envName(found.service, 'password'),
        );
      },
      CallExpression(node) {
        // ldapjs client.bind(dn, password, cb); redis client.auth(password).
        const found = clientMethodPassword(node, sourceCode);
        const password = found && literalString(found.password);
        if (!found || password === undefined || !isRealSecret(password) || inFixture()) return;
        const dn = found.account ? literalString(found.account) : undefined;
        // An LDAP account is a distinguished name: its `cn=` or `uid=` names the account.
        const cn = dn ? ldapAccount(dn) : undefined;
        report(found.password, 'password', cn, `${found.service}_PASSWORD`);
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
