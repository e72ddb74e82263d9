/**
 * Connections and whether they are encrypted: which values are cleartext URLs to a remote host
 * (`http://`, `ftp://`, … — not loopback, not a terminology namespace) and which literal spells
 * their scheme; which calls send a request with a known client, and the payload they carry; the
 * transfer tools run on a cleartext URL; FTP and SMTP connections that go without TLS; database
 * options and connection strings that turn TLS off; and the options that turn certificate
 * verification off. The libraries, schemes and option names are the transports catalogue
 * (`apis/transports.ts`); this module reads them over the AST. Read by the cleartext transport
 * rule.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
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
} from './ast';
import { resolveImport } from './imports';
import type { Provenance, Taint } from './provenance';
import { TERMINOLOGY_URI_PREFIXES } from './vocabulary';
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
} from './apis';

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;
type Call = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * Whether a host is this machine: `localhost` and `*.localhost` (RFC 6761 §6.3), the IPv4
 * loopback block 127.0.0.0/8 (RFC 1122 §3.2.1.3), IPv6 `::1` (RFC 4291 §2.5.3) and `0.0.0.0`
 * as a listening address. A connection to it never crosses a network.
 */
export function isLocalHost(host: string): boolean {
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

/** A cleartext URL to a remote host, as a value of the code spells it. */
export interface CleartextUrl {
  /** `http`, `ws`, `ftp`, `ldap`, `smtp`. */
  scheme: string;
  /** `http://host`, without credentials, port or path. */
  origin: string;
  /** The TLS scheme that replaces it in place (`https`, `wss`), when there is one. */
  secure?: string;
  /** Where the source text spells the scheme, when it can be replaced there. */
  schemeRange?: [number, number];
}

/** The literal that spells the start of a URL value, following constants and `new URL(...)`. */
function urlLiteral(
  node: TSESTree.Node,
  scopeOf: ScopeOf,
  depth = 0,
): TSESTree.Literal | TSESTree.TemplateElement | undefined {
  if (depth > 6) return undefined;
  const expr = unwrap(node);
  if (expr.type === AST_NODE_TYPES.Literal && typeof expr.value === 'string') return expr;
  if (expr.type === AST_NODE_TYPES.TemplateLiteral) {
    const first = expr.quasis[0];
    if (first && first.value.cooked) return first;
    return expr.expressions[0] ? urlLiteral(expr.expressions[0], scopeOf, depth + 1) : undefined;
  }
  if (expr.type === AST_NODE_TYPES.BinaryExpression && expr.operator === '+')
    return urlLiteral(expr.left, scopeOf, depth + 1);
  if (expr.type === AST_NODE_TYPES.NewExpression && calleeName(expr.callee) === 'URL') {
    const base = expr.arguments[1] ?? expr.arguments[0];
    return base ? urlLiteral(base, scopeOf, depth + 1) : undefined;
  }
  if (expr.type === AST_NODE_TYPES.Identifier) {
    const variable = resolveVariable(scopeOf(expr), expr);
    const init = variable && constantInit(variable);
    return init ? urlLiteral(init, scopeOf, depth + 1) : undefined;
  }
  return undefined;
}

/** The cleartext URL a value holds (a string, a template, a constant, `new URL(path, base)`). */
export function cleartextUrl(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): CleartextUrl | undefined {
  const scopeOf = (n: TSESTree.Node) => sourceCode.getScope(n);
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
  const { scheme } = origin;
  const url: CleartextUrl = { scheme, origin: `${scheme}://${origin.host}` };
  const secure = CLEARTEXT_SCHEMES.get(scheme);
  if (secure) url.secure = secure;
  const literal = urlLiteral(expr, scopeOf);
  const literalText =
    literal?.type === AST_NODE_TYPES.Literal
      ? String(literal.value)
      : (literal?.value.cooked ?? '');
  if (literal && literalText.startsWith(`${scheme}://`)) {
    // After the quote or backtick; an escape in the scheme leaves it to be fixed by hand.
    const start = literal.range[0] + 1;
    const raw = sourceCode.text.slice(start, start + scheme.length + 3);
    if (raw.toLowerCase() === `${scheme}://`) url.schemeRange = [start, start + scheme.length];
  }
  return url;
}

/** Whether a call sends a request with a known HTTP/FTP/LDAP/WebSocket client. */
export function isRequestCall(call: Call, scopeOf: ScopeOf): boolean {
  const callee = unwrap(call.callee);
  const module = resolveImport(callee, scopeOf)?.module;
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

/**
 * Where a call would name its URL: its first argument, or the URL option of an options object
 * in first place (`axios({ url })`, `new Client({ baseUrl })`). Found without resolving the
 * callee, so that calls with nothing like a URL cost little.
 */
export function requestUrlArgument(
  call: Call,
): { node: TSESTree.Node; inOptions: boolean } | undefined {
  const first = call.arguments[0];
  if (!first) return undefined;
  const firstExpr = unwrap(first);
  if (firstExpr.type !== AST_NODE_TYPES.ObjectExpression) return { node: first, inOptions: false };
  let urlNode: TSESTree.Node | undefined;
  for (const property of firstExpr.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = keyName(property);
    if (key && URL_OPTION_KEYS.has(key)) urlNode = property.value;
  }
  return urlNode && { node: urlNode, inOptions: true };
}

/**
 * The patient data a request carries after its URL: the arguments that follow it, or the body
 * options of an options object (`fetch(url, { body })`, `axios({ url, data })` — with the URL
 * in options, every argument is looked at). Encrypted values do not count.
 */
export function requestPatientPayload(
  provenance: Provenance,
  call: Call,
  urlInOptions: boolean,
): Taint | undefined {
  const candidates: TSESTree.Node[] = [];
  for (const arg of call.arguments.slice(urlInOptions ? 0 : 1)) {
    const expr = unwrap(arg);
    if (expr.type === AST_NODE_TYPES.ObjectExpression) {
      for (const key of BODY_OPTION_KEYS) {
        const property = findProperty(expr, key);
        if (property) candidates.push(property.value);
      }
    } else candidates.push(arg);
  }
  for (const candidate of candidates) {
    const taint = provenance.carriesPatientData(candidate, ['encrypt']);
    if (taint) return taint;
  }
  return undefined;
}

/**
 * The cleartext URLs among the arguments of a transfer tool run in a child process:
 * `execFile('curl', [..., 'http://…'])`, also through `promisify(execFile)`.
 */
export function transferToolUrls(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { node: TSESTree.Node; url: CleartextUrl }[] {
  const scopeOf = (n: TSESTree.Node) => sourceCode.getScope(n);
  const callee = unwrap(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.CallExpression && calleeName(callee.callee) === 'promisify'
      ? callee.arguments[0] && calleeName(callee.arguments[0])
      : calleeName(callee);
  if (!name || !PROCESS_RUNNERS.has(name)) return [];
  const program = call.arguments[0] && staticString(call.arguments[0], scopeOf)?.text;
  if (!program || !TRANSFER_PROGRAMS.has(program)) return [];
  const args = call.arguments[1] && unwrap(call.arguments[1]);
  if (args?.type !== AST_NODE_TYPES.ArrayExpression) return [];
  const urls: { node: TSESTree.Node; url: CleartextUrl }[] = [];
  for (const element of args.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
    const url = cleartextUrl(element, sourceCode);
    if (url) urls.push({ node: element, url });
  }
  return urls;
}

function isFalse(node: TSESTree.Node | undefined): boolean {
  const expr = node && unwrap(node);
  return expr?.type === AST_NODE_TYPES.Literal && (expr.value === false || expr.value === 0);
}

function isTrue(node: TSESTree.Node | undefined): boolean {
  const expr = node && unwrap(node);
  return expr?.type === AST_NODE_TYPES.Literal && expr.value === true;
}

/** The host a connection's options name (`host`, `server`), when it is a static string. */
export function optionsHost(
  object: TSESTree.ObjectExpression,
  scopeOf: ScopeOf,
): string | undefined {
  for (const key of HOST_OPTION_KEYS) {
    const host = findProperty(object, key);
    if (host) return staticString(host.value, scopeOf)?.text;
  }
  return undefined;
}

/** One of the cleartext schemes as a word (`http`, `'ws://`, `FTP:`), case-insensitive. */
const CLEARTEXT_SCHEME_WORD = new RegExp(
  `\\b(?:${[...CLEARTEXT_SCHEMES.keys()].join('|')})\\b`,
  'i',
);

/**
 * Whether a file may spell a cleartext URL (`cleartextUrl`): the URLs it reads are static strings
 * made of the file's own literals, and one that starts with `http://` has the scheme's word in
 * one of them, after a quote, a space or a hole. A file without the word (most library and
 * application files) skips reading every call's first argument as a URL.
 */
export function mayHoldCleartextUrl(text: string): boolean {
  return CLEARTEXT_SCHEME_WORD.test(text);
}

/**
 * Whether a file may construct an FTP client without TLS: those clients are known by their
 * import only, so a file that never names one of their modules has none.
 */
export function mentionsFtpWithoutTls(text: string): boolean {
  return [...FTP_WITHOUT_TLS].some((m) => text.includes(m));
}

/** An FTP connection without TLS. */
export type CleartextFtp =
  /** `new JSFtp(…)`: the module has no TLS at all. */
  | { kind: 'noTlsSupport'; node: TSESTree.NewExpression; module: string }
  /** `client.access({ host })` without `secure`, or with `secure: false`. */
  | {
      kind: 'secureOff';
      node: TSESTree.Node;
      options: TSESTree.ObjectExpression;
      secure: TSESTree.Property | undefined;
    };

/**
 * The FTP connection a call opens without TLS, to a host not known to be local. `withoutTls`:
 * whether the file names an FTP client with no TLS (`mentionsFtpWithoutTls`).
 */
export function cleartextFtp(
  call: Call,
  scopeOf: ScopeOf,
  withoutTls: boolean,
): CleartextFtp | undefined {
  const callee = unwrap(call.callee);
  // Names first, the import only for the few calls that could be an FTP client's.
  if (call.type === AST_NODE_TYPES.NewExpression) {
    const module = withoutTls ? resolveImport(callee, scopeOf)?.module : undefined;
    if (!module || !FTP_WITHOUT_TLS.has(module)) return undefined;
    return { kind: 'noTlsSupport', node: call, module };
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(callee);
  if (!method || ![...FTP_CONNECTS.values()].includes(method)) return undefined;
  const module = resolveImport(callee, scopeOf)?.module;
  if (!module || FTP_CONNECTS.get(module) !== method) return undefined;
  const options = call.arguments[0] && unwrap(call.arguments[0]);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const host = optionsHost(options, scopeOf);
  if (host !== undefined && isLocalHost(host)) return undefined;
  const secure = findProperty(options, FTP_TLS_OPTION);
  if (secure && !isFalse(secure.value)) return undefined;
  return { kind: 'secureOff', node: secure ?? callee.property, options, secure };
}

/** A mail transport that may send without TLS. */
export type CleartextSmtp =
  | { kind: 'smtpUrl'; node: TSESTree.Node }
  | { kind: 'ignoreTls'; node: TSESTree.Property }
  /** `secure: false` without `requireTLS: true`: STARTTLS only if the server offers it. */
  | { kind: 'secureOff'; node: TSESTree.Property; options: TSESTree.ObjectExpression };

/** The nodemailer transport a call creates that can send without TLS, to a non-local host. */
export function cleartextSmtp(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): CleartextSmtp | undefined {
  const scopeOf = (n: TSESTree.Node) => sourceCode.getScope(n);
  const callee = unwrap(call.callee);
  if (calleeName(callee) !== MAIL_TRANSPORT.factory) return undefined;
  if (
    resolveImport(callee, scopeOf)?.module !== MAIL_TRANSPORT.module &&
    memberChain(callee)[0] !== MAIL_TRANSPORT.module
  )
    return undefined;
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (!first) return undefined;
  if (first.type !== AST_NODE_TYPES.ObjectExpression)
    return cleartextUrl(first, sourceCode)?.scheme === 'smtp'
      ? { kind: 'smtpUrl', node: first }
      : undefined;
  const host = optionsHost(first, scopeOf);
  if (host !== undefined && isLocalHost(host)) return undefined;
  const ignoreTls = findProperty(first, MAIL_TRANSPORT.ignoreTls);
  if (ignoreTls && isTrue(ignoreTls.value)) return { kind: 'ignoreTls', node: ignoreTls };
  const secure = findProperty(first, MAIL_TRANSPORT.secure);
  const requireTls = findProperty(first, MAIL_TRANSPORT.requireTls);
  if (secure && isFalse(secure.value) && !(requireTls && isTrue(requireTls.value)))
    return { kind: 'secureOff', node: secure, options: first };
  return undefined;
}

/** `rejectUnauthorized: false`: a TLS connection that accepts any certificate. */
export function disablesTlsVerification(property: TSESTree.Property): boolean {
  return keyName(property) === TLS_VERIFY_OPTION && isFalse(property.value);
}

/** `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`: no certificate checks in the process. */
export function disablesTlsVerificationGlobally(
  node: TSESTree.AssignmentExpression,
  scopeOf: ScopeOf,
): boolean {
  const left = unwrap(node.left);
  if (left.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (propertyName(left) !== TLS_VERIFY_ENV) return false;
  const value = staticString(node.right, scopeOf)?.text;
  const right = unwrap(node.right);
  return value === '0' || (right.type === AST_NODE_TYPES.Literal && right.value === 0);
}

/** Whether an object is (or is nested in) the options of a database client's constructor. */
function isDatabaseOptions(object: TSESTree.ObjectExpression, scopeOf: ScopeOf): boolean {
  let current: TSESTree.Node = object;
  for (let guard = 0; guard < 4; guard++) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return false;
    if (
      parent.type === AST_NODE_TYPES.CallExpression ||
      parent.type === AST_NODE_TYPES.NewExpression
    ) {
      const module = resolveImport(parent.callee, scopeOf)?.module;
      const service = module
        ? SERVICE_CLIENTS.get(module)
        : SERVICE_CLIENT_CALLS.get(calleeName(parent.callee) ?? '');
      return service !== undefined && SERVICES_WITH_SSL_OPTION.has(service);
    }
    if (parent.type !== AST_NODE_TYPES.Property && parent.type !== AST_NODE_TYPES.ObjectExpression)
      return false;
    current = parent;
  }
  return false;
}

/**
 * `ssl: false` in the options of a database client connecting to a remote host: the host, when
 * the property is one. An unknown host may be local and is not one.
 */
export function databaseTlsOffHost(
  property: TSESTree.Property,
  scopeOf: ScopeOf,
): string | undefined {
  if (keyName(property) !== DATABASE_TLS_OPTION || !isFalse(property.value)) return undefined;
  const object = property.parent;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression || !isDatabaseOptions(object, scopeOf))
    return undefined;
  const host = optionsHost(object, scopeOf);
  return host === undefined || isLocalHost(host) ? undefined : host;
}

/** `postgres://host/db?sslmode=disable` to a remote host: the host. */
export function remoteSslDisabledHost(text: string): string | undefined {
  const host = sslDisabledDatabaseHost(text);
  return host && !isLocalHost(host) ? host : undefined;
}
