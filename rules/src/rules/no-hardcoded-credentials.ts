import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  AST_NODE_TYPES,
  clientMethodPassword,
  comparedSecret,
  constructorPassword,
  credentialClient,
  describeLiteralForMessage,
  otherLinesText,
  credentialsOwnerName,
  environmentName,
  groupSharedSecrets,
  healthModel,
  inInventedCode,
  inProjectGlobs,
  isAccountRecord,
  isDefaultAccount,
  isEnvironmentMember,
  isNamedSecret,
  isRealSecret,
  isSecretName,
  keyName,
  ldapAccount,
  literalPasswordColumns,
  literalString,
  looksLive,
  mayBindPasswords,
  mayHandSecrets,
  optionsAccount,
  referenceName,
  repeatsAccount,
  screamingSnake,
  secretArgument,
  secretLiteral,
  secretNameKind,
  secretOptionModule,
  unwrap,
  URL_SCHEME_SERVICES,
  urlCredentials,
} from '../model';
import { createRule } from '../util/create-rule';
import { report as reportWith } from '../report';

type Options = [];
type MessageIds =
  | 'literalSecret'
  | 'sharedSecret'
  | 'fallbackSecret'
  | 'fixedPassword'
  | 'defaultAccount'
  | 'secretInUrl'
  | 'useEnvironment';

/** A literal secret found while the file is walked, reported when the walk ends. */
interface Candidate {
  literal: TSESTree.Node;
  secret: string;
  key: string;
  what: string;
  messageId: 'literalSecret' | 'fallbackSecret' | 'fixedPassword' | 'defaultAccount';
  account: string;
  envVariable: string | undefined;
  /** Found where a library takes the secret (a key argument, a `secret` option). */
  atSink: boolean;
}

/** Longest key or account name a message quotes (a message is at most 120 characters). */
const MAX_NAME_LENGTH = 20;

/** The account name for a message, unless the password repeats it (`root`/`root`). */
function accountText(user: string | undefined, secret: string): string {
  const name = user && describeLiteralForMessage(user, MAX_NAME_LENGTH);
  return !name || repeatsAccount(user, secret) ? '' : ` \`${name}\``;
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-credentials',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow literal passwords, keys and default accounts: connections, signing and session secrets, and one password for every account',
      preset: 'recommended',
      cnilFinding: 'Accounts shared between several employees',
      references: ['GDPR-32', 'CNIL-SAN-2022-009', 'HIPAA-164.312(a)(2)(i)', 'CWE-798'],
      securitySeverity: 8.0,
    },
    hasSuggestions: true,
    messages: {
      literalSecret:
        'A literal {{what}} is written in the code (`{{key}}`); read it from the environment or a secret manager.',
      sharedSecret:
        'The same literal {{what}} (`{{key}}`) is written here and at {{lines}}; read it from the environment, once.',
      fallbackSecret:
        'A literal {{what}} (`{{key}}`) is used when the environment variable is unset; fail at start-up instead.',
      fixedPassword:
        'Every account created or reset here gets the same literal password (`{{key}}`); generate one per account.',
      defaultAccount:
        'Shared account{{account}} with a literal password (`{{key}}`); use personal accounts.',
      secretInUrl:
        'The {{scheme}} URL embeds a literal password{{account}}; read it from the environment.',
      useEnvironment: 'Read it from `process.env.{{name}}`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
    const hands = mayHandSecrets(sourceCode.text);
    const binds = mayBindPasswords(sourceCode.text);
    let skip: boolean | undefined;

    let tests: boolean | undefined;
    /** Test code (the runners' conventions) and demo data report only values that look live. */
    function throwAwayInTests(secret: string): boolean {
      tests ??= inInventedCode(context.filename, context.cwd, healthModel(context).config.testCode);
      return tests && !looksLive(secret);
    }

    /** Test fixtures listed in `credentials.fixtureGlobs` hold throw-away test accounts. */
    function inFixture(): boolean {
      skip ??= inProjectGlobs(
        context.filename,
        context.cwd,
        healthModel(context).config.credentials.fixtureGlobs,
      );
      return skip;
    }

    /** Secrets found in the file, by literal: one literal is reported once, at its best sink. */
    const candidates = new Map<TSESTree.Node, Candidate>();
    function note(candidate: Candidate): void {
      const prior = candidates.get(candidate.literal);
      if (!prior || (candidate.atSink && !prior.atSink))
        candidates.set(candidate.literal, candidate);
    }

    /** A secret under a name (a variable, a key, an assignment): `what` and the message follow it. */
    function noteNamed(
      literal: TSESTree.Node,
      key: string,
      user: string | undefined,
      envVariable: string | undefined,
    ): void {
      const secret = literalString(literal) ?? '';
      note({
        literal,
        secret,
        key,
        what: secretNameKind(key),
        messageId:
          user !== undefined && isDefaultAccount(user) ? 'defaultAccount' : 'literalSecret',
        account: accountText(user, secret),
        envVariable,
        atSink: false,
      });
    }

    /** A secret a library takes (an argument, an option), wherever its literal is written. */
    function noteAtSink(
      value: TSESTree.Node,
      key: string,
      what: string,
      envVariable: string | undefined,
      hashed = false,
    ): void {
      const found = secretLiteral(value, scopeOf);
      if (!found || !isRealSecret(found.value)) return;
      // The literal written at the sink can be replaced; a constant's is replaced where declared.
      const direct = unwrap(value) === found.node;
      note({
        literal: found.node,
        secret: found.value,
        key,
        what,
        messageId: hashed ? 'fixedPassword' : found.fallback ? 'fallbackSecret' : 'literalSecret',
        account: '',
        envVariable: direct && !found.fallback && !hashed ? envVariable : undefined,
        atSink: true,
      });
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
      if (!key) return;
      const module = hands.options ? secretOptionModule(property, scopeOf) : undefined;
      if (module) {
        const value = unwrap(property.value);
        // cookie-session `keys: ['k1', 'k2']`: every key signs.
        const values = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
        // express-session → SESSION_SECRET, @fastify/cookie → COOKIE_SECRET.
        const prefix = screamingSnake(module.split(/[/-]/).pop() ?? module);
        for (const element of values)
          if (element && element.type !== AST_NODE_TYPES.SpreadElement)
            noteAtSink(element, key, secretNameKind(key), environmentName(prefix, key));
        return;
      }
      if (!isSecretName(key)) return;
      const value = literalString(property.value);
      if (value === undefined) {
        checkFallback(property.value, key);
        return;
      }
      if (!isRealSecret(value)) return;
      const object = property.parent;
      const client = object ? credentialClient(object, sourceCode) : undefined;
      // Outside connection options, labels, dummies and names are no secret (`{ password:
      // 'Mot de passe' }`); beside an account name a password is one (`isAccountRecord`).
      if (!client && !isNamedSecret(key, value, isAccountRecord(object))) return;
      const user = object ? optionsAccount(object) : undefined;
      const owner = client ? undefined : object && credentialsOwnerName(object);
      const name = environmentName(client ?? (owner ? screamingSnake(owner) : undefined), key);
      noteNamed(property.value, key, user, name);
    }

    /** `name || 'k'` under a secret name: the literal a deployment without the variable uses. */
    function checkFallback(init: TSESTree.Node, name: string): void {
      const found = secretLiteral(init, scopeOf);
      if (!found?.fallback || !isRealSecret(found.value)) return;
      noteAtSink(init, name, secretNameKind(name), undefined);
    }

    function reportAll(): void {
      if (inFixture()) return;
      const live = [...candidates.values()].filter((c) => !throwAwayInTests(c.secret));
      // One key in several places is one secret to move; a password given to accounts in
      // several places (creation, reset) is one finding per place.
      for (const group of groupSharedSecrets(live, (c) => c.messageId !== 'literalSecret')) {
        const [first, ...others] = group as [Candidate, ...Candidate[]];
        reportWith(context, {
          node: first.literal,
          messageId: others.length > 0 ? 'sharedSecret' : first.messageId,
          data: {
            what: first.what,
            key: describeLiteralForMessage(first.key, MAX_NAME_LENGTH),
            account: first.account,
            lines: otherLinesText(others.map((o) => o.literal.loc.start.line)),
          },
          suggest: first.envVariable ? suggestEnv(first.literal, first.envVariable) : [],
          related: others.map((other) => ({
            loc: other.literal.loc,
            message: `The same ${other.what} is written here (\`${other.key}\`)`,
          })),
        });
      }
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
          scheme: describeLiteralForMessage(lower, MAX_NAME_LENGTH),
          account: isDefault && account ? ` for the shared account${account}` : '',
        },
        // A template with holes builds the URL from other values: replacing it would drop them.
        suggest:
          node.type === AST_NODE_TYPES.Literal || node.expressions.length === 0
            ? suggestEnv(node, name)
            : [],
      });
    }

    /** The callee as written, for messages: `jwt.sign`, `bcrypt.hash`. */
    function calleeText(callee: TSESTree.Node, fallback: string): string {
      const text = sourceCode.getText(callee);
      return text.length <= 40 && !/\s/.test(text) ? text : fallback;
    }

    function checkSecretArgument(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      if (!hands.functions) return;
      const sink = secretArgument(node, scopeOf);
      if (!sink) return;
      const key = calleeText(node.callee, sink.path || sink.module);
      if (sink.kind === 'hashedPassword')
        noteAtSink(sink.argument, key, 'password', undefined, true);
      else
        noteAtSink(
          sink.argument,
          key,
          'key',
          `${screamingSnake(key.split('.')[0] ?? 'app')}_SECRET`,
        );
    }

    return {
      Property: checkProperty,
      VariableDeclarator(node) {
        if (node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return;
        if (!isSecretName(node.id.name)) return;
        const value = literalString(node.init);
        if (value === undefined) {
          checkFallback(node.init, node.id.name);
          return;
        }
        if (!isNamedSecret(node.id.name, value)) return;
        noteNamed(node.init, node.id.name, undefined, screamingSnake(node.id.name));
      },
      AssignmentExpression(node) {
        if (node.operator !== '=') return;
        const left = unwrap(node.left);
        const key = referenceName(left);
        if (!key || !isSecretName(key)) return;
        const value = literalString(node.right);
        if (value === undefined || !isNamedSecret(key, value)) return;
        // `process.env.PGPASSWORD = '…'` is the variable itself: the fix is to delete the line.
        const isEnv = left.type === AST_NODE_TYPES.MemberExpression && isEnvironmentMember(left);
        noteNamed(node.right, key, undefined, isEnv ? undefined : screamingSnake(key));
      },
      BinaryExpression(node) {
        // `if (password === 'password123')`: a literal password every user of the login shares.
        const compared = comparedSecret(node);
        if (compared)
          noteNamed(compared.literal, compared.key, undefined, screamingSnake(compared.key));
      },
      NewExpression(node) {
        checkSecretArgument(node);
        // Sequelize(database, username, password, options): positional credentials.
        const found = constructorPassword(node);
        const password = found && literalString(found.password);
        if (!found || password === undefined || !isRealSecret(password)) return;
        noteNamed(
          found.password,
          'password',
          found.account && literalString(found.account),
          environmentName(found.service, 'password'),
        );
      },
      CallExpression(node) {
        checkSecretArgument(node);
        if (binds && node.arguments.length >= 2) {
          // INSERT … (Email, Password) VALUES (?, ?) with [email, 123456]: one password for all.
          for (const { column, literal } of literalPasswordColumns(healthModel(context), node))
            note({
              literal,
              secret: String(literal.value),
              key: column,
              what: 'password',
              messageId: 'fixedPassword',
              account: '',
              envVariable: undefined,
              atSink: true,
            });
        }
        // ldapjs client.bind(dn, password, cb); redis client.auth(password).
        const found = clientMethodPassword(node, sourceCode);
        const password = found && literalString(found.password);
        if (!found || password === undefined || !isRealSecret(password)) return;
        const dn = found.account ? literalString(found.account) : undefined;
        // An LDAP account is a distinguished name: its `cn=` or `uid=` names the account.
        const cn = dn ? ldapAccount(dn) : undefined;
        noteNamed(found.password, 'password', cn, `${found.service}_PASSWORD`);
      },
      Literal(node) {
        if (
          typeof node.value === 'string' &&
          node.parent?.type !== AST_NODE_TYPES.ImportDeclaration
        )
          checkUrl(node);
      },
      TemplateLiteral: checkUrl,
      'Program:exit': reportAll,
    };
  },
});
