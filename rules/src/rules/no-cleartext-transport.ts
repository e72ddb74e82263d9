import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import { healthModel, type Taint } from '../model';
import {
  calleeName,
  constantInit,
  findProperty,
  keyName,
  memberChain,
  propertyName,
  resolveVariable,
  staticString,
  unwrap,
} from '../model/ast';
import { resolveImport } from '../model/imports';
import {
  BODY_OPTION_KEYS,
  CLEARTEXT_SCHEMES,
  DATABASE_TLS_OPTION,
  FTP_CONNECTS,
  FTP_TLS_OPTION,
  FTP_WITHOUT_TLS,
  HOST_OPTION_KEYS,
  MAIL_TRANSPORT,
  PROCESS_RUNNERS,
  REQUEST_GLOBALS,
  REQUEST_METHODS,
  SERVICE_CLIENT_CALLS,
  SERVICE_CLIENTS,
  SERVICES_WITH_SSL_OPTION,
  TLS_VERIFY_ENV,
  TLS_VERIFY_OPTION,
  TRANSFER_PROGRAMS,
  URL_OPTION_KEYS,
  sendsRequest,
  sslDisabledDatabaseHost,
} from '../model/apis';
import { TERMINOLOGY_URI_PREFIXES } from '../model/vocabulary';
import { createRule } from '../util/create-rule';
import { noteRelated, provenanceRelated } from '../model/related';

type Options = [{ checkDatabaseTls?: boolean }];
type MessageIds =
  | 'cleartextRequest'
  | 'patientDataCleartext'
  | 'ftpWithoutTls'
  | 'smtpWithoutTls'
  | 'tlsVerificationDisabled'
  | 'tlsVerificationDisabledGlobally'
  | 'databaseWithoutTls'
  | 'useHttps'
  | 'setSecure'
  | 'removeOption';

interface CleartextUrl {
  scheme: string;
  origin: string;
  /** The literal whose text starts with the scheme, when the scheme can be fixed in place. */
  literal?: TSESTree.Literal | TSESTree.TemplateElement;
}

function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    h === '::1' ||
    h === '0.0.0.0'
  );
}

/** `http://host:port/...` -> scheme and host, when the URL is cleartext, remote and not a namespace. */
export function cleartextOrigin(text: string): { scheme: string; host: string } | undefined {
  const match = /^([a-z]+):\/\/(?:[^@/?#\s]*@)?(\[[^\]]+\]|[^/:?#\s]+)/i.exec(text.trim());
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  const host = match[2]!;
  if (!CLEARTEXT_SCHEMES.has(scheme)) return undefined;
  // A host made of a template hole or a variable is unknown: it may well be local.
  if (host.includes('__hole__') || isLocalHost(host)) return undefined;
  if (TERMINOLOGY_URI_PREFIXES.some((prefix) => text.startsWith(prefix))) return undefined;
  return { scheme, host };
}

export default createRule<Options, MessageIds>({
  name: 'no-cleartext-transport',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow sending data over http://, ftp:// and other cleartext or unverified connections',
      preset: 'recommended',
      cnilFinding: 'Data sent in clear',
      references: ['GDPR-32', 'CNIL-SAN-2022-009', 'HIPAA-164.312(e)(1)', 'CWE-319', 'CWE-295'],
      securitySeverity: 7.5,
      strictOptions: [{ checkDatabaseTls: true }],
    },
    hasSuggestions: true,
    messages: {
      cleartextRequest:
        'This connection to `{{origin}}` uses {{scheme}}, which is not encrypted: anyone on the network path can read or alter what it carries (GDPR art. 32, HIPAA 164.312(e)(1)).',
      patientDataCleartext:
        'This request sends {{data}} to `{{origin}}` over {{scheme}}, unencrypted: anyone on the network path can read it (GDPR art. 32, HIPAA 164.312(e)(1)).',
      ftpWithoutTls:
        'This FTP connection is not encrypted ({{how}}): logins and extracts cross the network in clear, as in the Dedalus migration (CNIL SAN-2022-009, GDPR art. 32); use FTPS (`secure: true`) or SFTP.',
      smtpWithoutTls:
        'This SMTP transport can send mail without TLS ({{how}}): results and reports mailed through it travel in clear (GDPR art. 32, HIPAA 164.312(e)(1)).',
      tlsVerificationDisabled:
        '`rejectUnauthorized: false` accepts any certificate, so anyone on the path can impersonate the server and read the traffic (CWE-295, HIPAA 164.312(e)(1)).',
      tlsVerificationDisabledGlobally:
        '`NODE_TLS_REJECT_UNAUTHORIZED=0` turns off certificate checks for every TLS connection of the process (CWE-295, HIPAA 164.312(e)(1)).',
      databaseWithoutTls:
        'The database connection to `{{host}}` has TLS turned off: queries and patient rows cross the network in clear (GDPR art. 32, HIPAA 164.312(e)(1)).',
      useHttps: 'Use `{{secure}}://`.',
      setSecure: 'Set `secure: true`.',
      removeOption: 'Remove `rejectUnauthorized: false` (verify certificates).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        description: 'Options of no-cleartext-transport.',
        properties: {
          checkDatabaseTls: {
            type: 'boolean',
            description:
              'Also report database connections to non-local hosts with `ssl: false` or `sslmode=disable` (on in the strict preset).',
          },
        },
      },
    ],
  },
  defaultOptions: [{ checkDatabaseTls: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);

    function moduleOf(node: TSESTree.Node): string | undefined {
      return resolveImport(node, scopeOf)?.module;
    }

    /** The literal that spells the start of a URL value, following constants and `new URL(...)`. */
    function urlLiteral(
      node: TSESTree.Node,
      depth = 0,
    ): TSESTree.Literal | TSESTree.TemplateElement | undefined {
      if (depth > 6) return undefined;
      const expr = unwrap(node);
      if (expr.type === AST_NODE_TYPES.Literal && typeof expr.value === 'string') return expr;
      if (expr.type === AST_NODE_TYPES.TemplateLiteral) {
        const first = expr.quasis[0];
        if (first && first.value.cooked) return first;
        return expr.expressions[0] ? urlLiteral(expr.expressions[0], depth + 1) : undefined;
      }
      if (expr.type === AST_NODE_TYPES.BinaryExpression && expr.operator === '+')
        return urlLiteral(expr.left, depth + 1);
      if (expr.type === AST_NODE_TYPES.NewExpression && calleeName(expr.callee) === 'URL') {
        const base = expr.arguments[1] ?? expr.arguments[0];
        return base ? urlLiteral(base, depth + 1) : undefined;
      }
      if (expr.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(scopeOf(expr), expr);
        const init = variable && constantInit(variable);
        return init ? urlLiteral(init, depth + 1) : undefined;
      }
      return undefined;
    }

    function cleartextUrl(node: TSESTree.Node): CleartextUrl | undefined {
      const expr = unwrap(node);
      let text: string | undefined;
      if (expr.type === AST_NODE_TYPES.NewExpression && calleeName(expr.callee) === 'URL') {
        const base = expr.arguments[1] ?? expr.arguments[0];
        text = base ? staticString(base, scopeOf)?.text : undefined;
      } else {
        text = staticString(expr, scopeOf)?.text;
      }
      if (!text) return undefined;
      const origin = cleartextOrigin(text);
      if (!origin) return undefined;
      const literal = urlLiteral(expr);
      const literalText =
        literal?.type === AST_NODE_TYPES.Literal
          ? String(literal.value)
          : (literal?.value.cooked ?? '');
      return {
        scheme: origin.scheme,
        origin: `${origin.scheme}://${origin.host}`,
        literal: literalText.startsWith(`${origin.scheme}://`) ? literal : undefined,
      };
    }

    function httpSuggestions(url: CleartextUrl): TSESLint.ReportSuggestionArray<MessageIds> {
      const secure = CLEARTEXT_SCHEMES.get(url.scheme);
      const literal = url.literal;
      if (!secure || !literal) return [];
      const start = literal.range[0] + 1;
      const raw = sourceCode.text.slice(start, start + url.scheme.length + 3);
      if (raw.toLowerCase() !== `${url.scheme}://`) return [];
      return [
        {
          messageId: 'useHttps',
          data: { secure },
          fix: (fixer) => fixer.replaceTextRange([start, start + url.scheme.length], secure),
        },
      ];
    }

    /** Whether a call sends a request with a known HTTP/FTP/LDAP/WebSocket client. */
    function isRequestCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const callee = unwrap(call.callee);
      const module = moduleOf(callee);
      if (module) return sendsRequest(module, calleeName(callee));
      const chain = memberChain(callee);
      const root = chain[0];
      if (!root || !REQUEST_GLOBALS.has(root)) return false;
      // A variable or parameter named `fetch` or `axios` is not the global client.
      let base: TSESTree.Node = callee;
      while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
      if (
        base.type === AST_NODE_TYPES.Identifier &&
        (resolveVariable(scopeOf(base), base)?.defs.length ?? 0) > 0
      )
        return false;
      return chain.length === 1 || REQUEST_METHODS.has(chain[chain.length - 1] ?? '');
    }

    function payloadTaint(
      call: TSESTree.CallExpression | TSESTree.NewExpression,
      urlIndex: number,
    ): Taint | undefined {
      const model = healthModel(context);
      const candidates: TSESTree.Node[] = [];
      for (const arg of call.arguments.slice(urlIndex + 1)) {
        const expr = unwrap(arg);
        if (expr.type === AST_NODE_TYPES.ObjectExpression) {
          for (const key of BODY_OPTION_KEYS) {
            const property = findProperty(expr, key);
            if (property) candidates.push(property.value);
          }
        } else candidates.push(arg);
      }
      for (const candidate of candidates) {
        const taint = model.provenance.carriesPatientData(candidate, ['encrypt']);
        if (taint) return taint;
      }
      return undefined;
    }

    function checkRequest(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      // The URL argument first: it is found without resolving the callee, and most calls have
      // none that could be one.
      const first = call.arguments[0];
      if (!first) return;
      let urlNode: TSESTree.Node | undefined;
      const firstExpr = unwrap(first);
      if (firstExpr.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of firstExpr.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = keyName(property);
          if (key && URL_OPTION_KEYS.has(key)) urlNode = property.value;
        }
      } else urlNode = first;
      if (!urlNode) return;
      // The URL before the callee: most arguments are no static cleartext URL, and telling so
      // costs less than resolving the callee's import.
      const url = cleartextUrl(urlNode);
      if (!url || !isRequestCall(call)) return;
      // axios({ url, data }) carries its payload in the same options object as its URL.
      const taint = payloadTaint(call, urlNode === first ? 0 : -1);
      const data = taint ? healthModel(context).provenance.describe(taint) : undefined;
      context.report({
        node: urlNode,
        messageId: data ? 'patientDataCleartext' : 'cleartextRequest',
        data: { origin: url.origin, scheme: `${url.scheme}://`, data },
        suggest: httpSuggestions(url),
      });
      noteRelated(context, urlNode, provenanceRelated(taint));
    }

    /** curl/wget/lftp run with a cleartext URL among their arguments. */
    function checkProcess(call: TSESTree.CallExpression): void {
      // promisify(execFile)('curl', [...]) as well as execFile('curl', [...]).
      const callee = unwrap(call.callee);
      const name =
        callee.type === AST_NODE_TYPES.CallExpression && calleeName(callee.callee) === 'promisify'
          ? callee.arguments[0] && calleeName(callee.arguments[0])
          : calleeName(callee);
      if (!name || !PROCESS_RUNNERS.has(name)) return;
      const program = call.arguments[0] && staticString(call.arguments[0], scopeOf)?.text;
      if (!program || !TRANSFER_PROGRAMS.has(program)) return;
      const args = call.arguments[1] && unwrap(call.arguments[1]);
      if (args?.type !== AST_NODE_TYPES.ArrayExpression) return;
      for (const element of args.elements) {
        if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
        const url = cleartextUrl(element);
        if (!url) continue;
        context.report({
          node: element,
          messageId: 'cleartextRequest',
          data: { origin: url.origin, scheme: `${url.scheme}://` },
          suggest: httpSuggestions(url),
        });
      }
    }

    function setSecureFix(
      object: TSESTree.ObjectExpression,
      secure: TSESTree.Property | undefined,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      return [
        {
          messageId: 'setSecure',
          fix: (fixer) =>
            secure
              ? fixer.replaceText(secure.value, 'true')
              : object.properties.length > 0
                ? fixer.insertTextAfter(
                    object.properties[object.properties.length - 1]!,
                    ', secure: true',
                  )
                : fixer.replaceText(object, '{ secure: true }'),
        },
      ];
    }

    function isFalse(node: TSESTree.Node | undefined): boolean {
      const expr = node && unwrap(node);
      return expr?.type === AST_NODE_TYPES.Literal && (expr.value === false || expr.value === 0);
    }

    function isTrue(node: TSESTree.Node | undefined): boolean {
      const expr = node && unwrap(node);
      return expr?.type === AST_NODE_TYPES.Literal && expr.value === true;
    }

    function hostOf(object: TSESTree.ObjectExpression): string | undefined {
      for (const key of HOST_OPTION_KEYS) {
        const host = findProperty(object, key);
        if (host) return staticString(host.value, scopeOf)?.text;
      }
      return undefined;
    }

    // FTP clients without TLS are known by their import only: a file that never names one of
    // those modules has no client of it.
    const mentionsFtpWithoutTls = [...FTP_WITHOUT_TLS].some((m) => sourceCode.text.includes(m));

    function checkFtp(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const callee = unwrap(call.callee);
      // Names first, the import only for the few calls that could be an FTP client's.
      if (call.type === AST_NODE_TYPES.NewExpression) {
        const module = mentionsFtpWithoutTls ? moduleOf(callee) : undefined;
        if (!module || !FTP_WITHOUT_TLS.has(module)) return;
        context.report({
          node: call,
          messageId: 'ftpWithoutTls',
          data: { how: `${module} has no TLS support` },
        });
        return;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
      const method = propertyName(callee);
      if (!method || ![...FTP_CONNECTS.values()].includes(method)) return;
      const module = moduleOf(callee);
      if (!module || FTP_CONNECTS.get(module) !== method) return;
      const options = call.arguments[0] && unwrap(call.arguments[0]);
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return;
      const host = hostOf(options);
      if (host !== undefined && isLocalHost(host)) return;
      const secure = findProperty(options, FTP_TLS_OPTION);
      if (secure && !isFalse(secure.value)) return;
      context.report({
        node: secure ?? callee.property,
        messageId: 'ftpWithoutTls',
        data: { how: secure ? '`secure: false`' : 'no `secure` option' },
        suggest: setSecureFix(options, secure),
      });
    }

    function checkSmtp(call: TSESTree.CallExpression): void {
      const callee = unwrap(call.callee);
      if (calleeName(callee) !== MAIL_TRANSPORT.factory) return;
      if (
        moduleOf(callee) !== MAIL_TRANSPORT.module &&
        memberChain(callee)[0] !== MAIL_TRANSPORT.module
      )
        return;
      const first = call.arguments[0] && unwrap(call.arguments[0]);
      if (!first) return;
      if (first.type !== AST_NODE_TYPES.ObjectExpression) {
        const url = cleartextUrl(first);
        if (url?.scheme === 'smtp')
          context.report({
            node: first,
            messageId: 'smtpWithoutTls',
            data: { how: '`smtp://` URL' },
          });
        return;
      }
      const host = hostOf(first);
      if (host !== undefined && isLocalHost(host)) return;
      const ignoreTls = findProperty(first, MAIL_TRANSPORT.ignoreTls);
      if (ignoreTls && isTrue(ignoreTls.value)) {
        context.report({
          node: ignoreTls,
          messageId: 'smtpWithoutTls',
          data: { how: '`ignoreTLS: true`' },
        });
        return;
      }
      const secure = findProperty(first, MAIL_TRANSPORT.secure);
      const requireTls = findProperty(first, MAIL_TRANSPORT.requireTls);
      if (secure && isFalse(secure.value) && !(requireTls && isTrue(requireTls.value))) {
        context.report({
          node: secure,
          messageId: 'smtpWithoutTls',
          data: { how: '`secure: false` without `requireTLS: true`' },
          suggest: setSecureFix(first, secure),
        });
      }
    }

    function removePropertyFix(
      property: TSESTree.Property,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      return [
        {
          messageId: 'removeOption',
          fix: (fixer) => {
            const after = sourceCode.getTokenAfter(property);
            const end =
              after && after.value === ','
                ? (sourceCode.getTokenAfter(after, { includeComments: true })?.range[0] ??
                  after.range[1])
                : property.range[1];
            const before = sourceCode.getTokenBefore(property);
            if (after?.value !== ',' && before?.value === ',')
              return fixer.removeRange([before.range[0], property.range[1]]);
            return fixer.removeRange([property.range[0], end]);
          },
        },
      ];
    }

    function isDatabaseOptions(object: TSESTree.ObjectExpression): boolean {
      let current: TSESTree.Node = object;
      for (let guard = 0; guard < 4; guard++) {
        const parent: TSESTree.Node | undefined = current.parent;
        if (!parent) return false;
        if (
          parent.type === AST_NODE_TYPES.CallExpression ||
          parent.type === AST_NODE_TYPES.NewExpression
        ) {
          const module = moduleOf(parent.callee);
          const service = module
            ? SERVICE_CLIENTS.get(module)
            : SERVICE_CLIENT_CALLS.get(calleeName(parent.callee) ?? '');
          return service !== undefined && SERVICES_WITH_SSL_OPTION.has(service);
        }
        if (
          parent.type !== AST_NODE_TYPES.Property &&
          parent.type !== AST_NODE_TYPES.ObjectExpression
        )
          return false;
        current = parent;
      }
      return false;
    }

    return {
      CallExpression(call) {
        checkRequest(call);
        checkProcess(call);
        checkFtp(call);
        checkSmtp(call);
      },
      NewExpression(call) {
        checkRequest(call);
        checkFtp(call);
      },
      Property(property) {
        const key = keyName(property);
        if (key === TLS_VERIFY_OPTION && isFalse(property.value)) {
          context.report({
            node: property,
            messageId: 'tlsVerificationDisabled',
            suggest: removePropertyFix(property),
          });
          return;
        }
        if (options.checkDatabaseTls && key === DATABASE_TLS_OPTION && isFalse(property.value)) {
          const object = property.parent;
          if (object?.type !== AST_NODE_TYPES.ObjectExpression || !isDatabaseOptions(object))
            return;
          const host = hostOf(object);
          if (host === undefined || isLocalHost(host)) return;
          context.report({ node: property, messageId: 'databaseWithoutTls', data: { host } });
        }
      },
      AssignmentExpression(node) {
        const left = unwrap(node.left);
        if (left.type !== AST_NODE_TYPES.MemberExpression) return;
        if (propertyName(left) !== TLS_VERIFY_ENV) return;
        const value = staticString(node.right, scopeOf)?.text;
        const right = unwrap(node.right);
        if (value === '0' || (right.type === AST_NODE_TYPES.Literal && right.value === 0))
          context.report({ node, messageId: 'tlsVerificationDisabledGlobally' });
      },
      // Registered only when used: ESLint calls a Literal listener for every literal in the file.
      ...(options.checkDatabaseTls
        ? {
            Literal(node: TSESTree.Literal) {
              // sslmode=disable in a connection string to a remote database (strict).
              if (typeof node.value !== 'string') return;
              const host = sslDisabledDatabaseHost(node.value);
              if (host && !isLocalHost(host))
                context.report({ node, messageId: 'databaseWithoutTls', data: { host } });
            },
          }
        : {}),
    };
  },
});
