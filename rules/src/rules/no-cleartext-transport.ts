import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  AST_NODE_TYPES,
  cleartextFtp,
  cleartextSmtp,
  type CleartextUrl,
  cleartextUrl,
  databaseTlsOffHost,
  describeLiteralForMessage,
  disablesTlsVerification,
  disablesTlsVerificationGlobally,
  FTP_TLS_OPTION,
  healthModel,
  insecureSessionCookie,
  inTestCode,
  isRequestCall,
  isTlsServerOptions,
  MAIL_TRANSPORT,
  mayHoldCleartextUrl,
  mentionsFtpWithoutTls,
  provenanceRelated,
  remoteSslDisabledHost,
  requestPatientPayload,
  requestUrlArgument,
  serverKind,
  transferToolUrls,
} from '../model';
import { removeProperty, setOption } from '../fix/options';
import { createRule } from '../util/create-rule';
import { report } from '../report';

type Options = [{ checkDatabaseTls?: boolean; checkListeners?: boolean }];
type MessageIds =
  | 'cleartextRequest'
  | 'patientDataCleartext'
  | 'ftpWithoutTls'
  | 'smtpWithoutTls'
  | 'tlsVerificationDisabled'
  | 'tlsVerificationDisabledGlobally'
  | 'databaseWithoutTls'
  | 'insecureSessionCookie'
  | 'plainHttpServer'
  | 'useHttps'
  | 'setSecure'
  | 'removeOption';

type Suggestions = TSESLint.ReportSuggestionArray<MessageIds>;

/** `https://` for `http://`, `wss://` for `ws://`, in the literal that spells the URL. */
function useHttps({ secure, schemeRange }: CleartextUrl): Suggestions {
  if (!secure || !schemeRange) return [];
  return [
    {
      messageId: 'useHttps',
      data: { secure },
      fix: (fixer) => fixer.replaceTextRange(schemeRange, secure),
    },
  ];
}

/** `secure: true` in a connection's options (FTPS for FTP, TLS for SMTP). */
function setSecure(options: TSESTree.ObjectExpression, key: string): Suggestions {
  return [{ messageId: 'setSecure', fix: (fixer) => setOption(fixer, options, key, 'true') }];
}

/** How `smtpWithoutTls` names what lets a transport send in clear. */
/** An origin as a message quotes it: a long host name is cut, the scheme and start kept. */
function originForMessage(origin: string): string {
  return describeLiteralForMessage(origin, 45);
}

const SMTP_WITHOUT_TLS = {
  smtpUrl: '`smtp://` URL',
  ignoreTls: '`ignoreTLS: true`',
  secureOff: '`secure: false` without `requireTLS: true`',
} as const;

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
      strictOptions: [{ checkDatabaseTls: true, checkListeners: true }],
    },
    hasSuggestions: true,
    messages: {
      cleartextRequest:
        'This connection to `{{origin}}` uses {{scheme}}, which is not encrypted; use TLS.',
      patientDataCleartext: 'This request sends {{data}} in clear to `{{origin}}`; use TLS.',
      ftpWithoutTls:
        'This FTP connection is not encrypted ({{how}}): extracts cross in clear; use FTPS or SFTP.',
      smtpWithoutTls:
        'This SMTP transport can send mail without TLS ({{how}}): mailed results travel in clear.',
      tlsVerificationDisabled:
        '`rejectUnauthorized: false` accepts any certificate: anyone on the path can read the traffic.',
      tlsVerificationDisabledGlobally:
        '`NODE_TLS_REJECT_UNAUTHORIZED=0` turns off certificate checks for every TLS connection.',
      databaseWithoutTls:
        'The database connection to `{{host}}` has TLS off: patient rows cross the network in clear.',
      insecureSessionCookie:
        '`secure: false` sends {{cookie}} over plain http://; set `secure: true`.',
      plainHttpServer:
        'This server listens over plain HTTP: patient data crosses in clear unless a proxy adds TLS.',
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
          checkListeners: {
            type: 'boolean',
            description:
              'Also report servers created without TLS (`http.createServer`) in a file that starts no TLS server (on in the strict preset; most production apps terminate TLS at a proxy).',
          },
        },
      },
    ],
  },
  defaultOptions: [{ checkDatabaseTls: false, checkListeners: false }],
  create(context, [options]) {
    // A test talks to the servers its run starts (local, self-signed): nothing it sends is deployed.
    if (inTestCode(context.filename, context.cwd, healthModel(context).config.testCode)) return {};
    const sourceCode = context.sourceCode;
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
    const ftpWithoutTls = mentionsFtpWithoutTls(sourceCode.text);
    const urls = mayHoldCleartextUrl(sourceCode.text);

    function checkRequest(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const argument = requestUrlArgument(call);
      if (!argument) return;
      // The URL before the callee: most arguments are no static cleartext URL, and telling so
      // costs less than resolving the callee's import.
      const url = cleartextUrl(argument.node, sourceCode);
      if (!url || !isRequestCall(call, scopeOf)) return;
      const model = healthModel(context);
      const taint = requestPatientPayload(model.provenance, call, argument.inOptions);
      const data = taint ? model.provenance.describe(taint, 36) : undefined;
      report(context, {
        node: argument.node,
        messageId: data ? 'patientDataCleartext' : 'cleartextRequest',
        data: { origin: originForMessage(url.origin), scheme: `${url.scheme}://`, data },
        suggest: useHttps(url),
        related: provenanceRelated(taint),
      });
    }

    function checkProcess(call: TSESTree.CallExpression): void {
      for (const { node, url } of transferToolUrls(call, sourceCode))
        context.report({
          node,
          messageId: 'cleartextRequest',
          data: { origin: originForMessage(url.origin), scheme: `${url.scheme}://` },
          suggest: useHttps(url),
        });
    }

    function checkFtp(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const ftp = cleartextFtp(call, scopeOf, ftpWithoutTls);
      if (!ftp) return;
      if (ftp.kind === 'noTlsSupport') {
        context.report({
          node: ftp.node,
          messageId: 'ftpWithoutTls',
          data: { how: `${ftp.module} has no TLS support` },
        });
        return;
      }
      context.report({
        node: ftp.node,
        messageId: 'ftpWithoutTls',
        data: { how: ftp.secure ? '`secure: false`' : 'no `secure` option' },
        suggest: setSecure(ftp.options, FTP_TLS_OPTION),
      });
    }

    function checkSmtp(call: TSESTree.CallExpression): void {
      const smtp = cleartextSmtp(call, sourceCode);
      if (!smtp) return;
      context.report({
        node: smtp.node,
        messageId: 'smtpWithoutTls',
        data: { how: SMTP_WITHOUT_TLS[smtp.kind] },
        ...(smtp.kind === 'secureOff'
          ? { suggest: setSecure(smtp.options, MAIL_TRANSPORT.secure) }
          : {}),
      });
    }

    /** Servers created without TLS, reported when the file starts no TLS server beside them. */
    const plainServers: TSESTree.CallExpression[] = [];
    let tlsServer = false;
    function checkServer(call: TSESTree.CallExpression): void {
      const kind = serverKind(call, scopeOf);
      if (kind === 'plain') plainServers.push(call);
      else if (kind === 'tls') tlsServer = true;
    }

    return {
      ...(options.checkListeners
        ? {
            'Program:exit'() {
              if (tlsServer) return;
              for (const call of plainServers)
                context.report({ node: call.callee, messageId: 'plainHttpServer' });
            },
          }
        : {}),
      CallExpression(call) {
        if (options.checkListeners) checkServer(call);
        if (urls) {
          checkRequest(call);
          checkProcess(call);
        }
        checkFtp(call);
        checkSmtp(call);
      },
      NewExpression(call) {
        if (urls) checkRequest(call);
        checkFtp(call);
      },
      Property(property) {
        if (
          disablesTlsVerification(property) &&
          !(
            property.parent?.type === AST_NODE_TYPES.ObjectExpression &&
            isTlsServerOptions(property.parent, scopeOf)
          )
        ) {
          context.report({
            node: property,
            messageId: 'tlsVerificationDisabled',
            suggest: [
              {
                messageId: 'removeOption',
                fix: (fixer) => removeProperty(fixer, sourceCode, property),
              },
            ],
          });
          return;
        }
        const cookie = insecureSessionCookie(property, scopeOf);
        if (cookie) {
          context.report({
            node: property,
            messageId: 'insecureSessionCookie',
            data: { cookie },
            suggest: [
              {
                messageId: 'setSecure',
                fix: (fixer) => fixer.replaceText(property.value, 'true'),
              },
            ],
          });
          return;
        }
        const host = options.checkDatabaseTls ? databaseTlsOffHost(property, scopeOf) : undefined;
        if (host !== undefined)
          context.report({
            node: property,
            messageId: 'databaseWithoutTls',
            data: { host: describeLiteralForMessage(host) },
          });
      },
      AssignmentExpression(node) {
        if (disablesTlsVerificationGlobally(node, scopeOf))
          context.report({ node, messageId: 'tlsVerificationDisabledGlobally' });
      },
      // Registered only when used: ESLint calls a Literal listener for every literal in the file.
      ...(options.checkDatabaseTls
        ? {
            Literal(node: TSESTree.Literal) {
              // sslmode=disable in a connection string to a remote database (strict).
              const host = typeof node.value === 'string' && remoteSslDisabledHost(node.value);
              if (host)
                context.report({
                  node,
                  messageId: 'databaseWithoutTls',
                  data: { host: describeLiteralForMessage(host) },
                });
            },
          }
        : {}),
    };
  },
});
