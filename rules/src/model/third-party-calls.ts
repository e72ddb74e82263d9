/**
 * Third-party calls: which calls of a file send data to an analytics or advertising vendor, an
 * error, log or session tracker, or a hosted AI model, and which values they send — the service
 * is known by the module its client comes from (`@sentry/node`, `openai`) or by the global its page
 * snippet defines (`gtag`, `fbq`), never by a method name alone. Also the patient data such a value
 * carries for that kind of service, Sentry's `sendDefaultPii` without a scrubbing `beforeSend`,
 * and project helpers that forward their argument to a service (sink summaries). Library facts
 * come from the catalogue (`apis/analytics.ts`, `apis/error-trackers.ts`, `apis/ai-services.ts`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  findProperty,
  type FunctionNode,
  keyName,
  resolveVariable,
  staticString,
  unwrap,
  walk,
} from './ast';
import { isRequestCall, requestUrlArgument } from './connections';
import type { ModuleSource } from './imported-functions';
import { resolveReference, withoutDefault } from './imports';
import type { Provenance, Taint } from './provenance';
import { loggedPatientData } from './log-calls';
import { sinksInside, type WrappedSink, wrappedSink } from './sink-summaries';
import { tokenize } from './tokens';
import { VOCABULARY } from './vocabulary';
import {
  AI_SERVICES,
  ANALYTICS_SERVICES,
  BODY_OPTION_KEYS,
  ERROR_TRACKING_SERVICES,
  type SentData,
  SENTRY_SETUP,
  type ServiceKind,
  type ThirdPartyService,
} from './apis';

const SERVICES: readonly ThirdPartyService[] = [
  ...ANALYTICS_SERVICES,
  ...ERROR_TRACKING_SERVICES,
  ...AI_SERVICES,
];

/** A call that sends data to a third-party service, and the values it sends. */
export interface ThirdPartySend {
  at: TSESTree.CallExpression;
  service: string;
  kind: ServiceKind;
  /** How the call is written: `Sentry.setUser`, `gtag`. */
  name: string;
  values: readonly TSESTree.Node[];
}

/** The kind of service each sent value goes to, for judging it inside a helper. */
const kindOfValue = new WeakMap<TSESTree.Node, ServiceKind>();

function serviceOfModule(module: string): ThirdPartyService | undefined {
  return SERVICES.find((service) =>
    service.modules.some((m) => (m.endsWith('/') ? module.startsWith(m) : module === m)),
  );
}

const GLOBAL_SENDS: ReadonlyMap<string, { service: ThirdPartyService; data: SentData }> = new Map(
  SERVICES.flatMap((service) =>
    Object.entries(service.globals ?? {}).map(([path, data]) => [path, { service, data }] as const),
  ),
);

/** Words a file must spell to call a service: a module specifier, a global's name or a host. */
const MENTIONS: readonly string[] = [
  ...new Set([
    ...SERVICES.flatMap((service) => service.modules),
    ...[...GLOBAL_SENDS.keys()].map((path) => path.split('.')[0]!),
    ...SERVICES.flatMap((service) => service.hosts ?? []),
  ]),
];

const HOSTS: readonly string[] = SERVICES.flatMap((service) => service.hosts ?? []);

/** The service whose API a URL's host is (itself, a subdomain or a regional variant). */
function serviceOfHost(url: string): ThirdPartyService | undefined {
  const host = /^https?:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase();
  if (!host) return undefined;
  return SERVICES.find((service) =>
    (service.hosts ?? []).some((known) => host === known || host.endsWith(known)),
  );
}

/** The third-party sends of one file. */
export class ThirdPartyCalls {
  private readonly scopeOf = (node: TSESTree.Node) => this.sourceCode.getScope(node);
  private readonly inside = new WeakMap<FunctionNode, ThirdPartySend[]>();
  /** Whether the file spells a service's module or global at all: most files leave here. */
  readonly mentionsService: boolean;

  /** Whether the file spells a service's API host: requests to it are looked at. */
  private readonly mentionsHost: boolean;

  constructor(private readonly sourceCode: Readonly<ModuleSource>) {
    const text = sourceCode.getText();
    this.mentionsService = MENTIONS.some((word) => text.includes(word));
    this.mentionsHost = this.mentionsService && HOSTS.some((host) => text.includes(host));
  }

  /** The send a call is, if any. */
  sendOf(call: TSESTree.CallExpression): ThirdPartySend | undefined {
    if (!this.mentionsService) return undefined;
    const callee = unwrap(call.callee);
    if (
      callee.type !== AST_NODE_TYPES.Identifier &&
      callee.type !== AST_NODE_TYPES.MemberExpression
    )
      return undefined;
    const found = this.serviceCall(callee) ?? this.apiRequest(call);
    if (!found) return undefined;
    const values = sentValues(call, found.data);
    if (values.length === 0) return undefined;
    for (const value of values) kindOfValue.set(value, found.service.kind);
    return {
      at: call,
      service: found.service.service,
      kind: found.service.kind,
      name: this.sourceCode.getText(callee).replace(/\s+/g, ''),
      values,
    };
  }

  /** The sends inside a function of this module, its callbacks included. */
  sendsInside(fn: FunctionNode): readonly ThirdPartySend[] {
    if (!this.mentionsService) return [];
    return sinksInside(this.inside, fn, (node) =>
      node.type === AST_NODE_TYPES.CallExpression ? this.sendOf(node) : undefined,
    );
  }

  private serviceCall(
    callee: TSESTree.Identifier | TSESTree.MemberExpression,
  ): { service: ThirdPartyService; data: SentData } | undefined {
    const { ref, global } = resolveReference(callee, this.scopeOf);
    if (ref) {
      const service = serviceOfModule(ref.module);
      const data = service?.sends?.(withoutDefault(ref.exportPath));
      return service && data ? { service, data } : undefined;
    }
    if (global) return GLOBAL_SENDS.get(global.join('.'));
    return this.callbackScope(callee);
  }

  /**
   * A request to a service's HTTP API with a plain client: `fetch('https://api.openai.com/v1/…',
   * { body })`, `axios.post(url, data)`; the body is what is sent.
   */
  private apiRequest(
    call: TSESTree.CallExpression,
  ): { service: ThirdPartyService; data: SentData } | undefined {
    if (!this.mentionsHost) return undefined;
    const url = requestUrlArgument(call);
    const text = url && staticString(url.node, this.scopeOf)?.text;
    const service = text ? serviceOfHost(text) : undefined;
    if (!service || !url || !isRequestCall(call, this.scopeOf)) return undefined;
    const first = url.inOptions ? 0 : 1;
    const options = call.arguments[first] && unwrap(call.arguments[first]);
    return {
      service,
      data:
        options?.type === AST_NODE_TYPES.ObjectExpression
          ? { options: { arg: first, keys: [...BODY_OPTION_KEYS] } }
          : { from: first },
    };
  }

  /**
   * A method of a callback's parameter, when the callback is handed to a service's function:
   * `Sentry.withScope((scope) => scope.setExtra(…))`, `Bugsnag.notify(error, (event) => …)`.
   */
  private callbackScope(
    callee: TSESTree.Identifier | TSESTree.MemberExpression,
  ): { service: ThirdPartyService; data: SentData } | undefined {
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
    const receiver = unwrap(callee.object);
    if (receiver.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = resolveVariable(this.scopeOf(receiver), receiver)?.defs[0];
    if (def?.type !== 'Parameter') return undefined;
    const fn = def.node;
    const outer = fn.parent;
    if (outer?.type !== AST_NODE_TYPES.CallExpression || !outer.arguments.includes(fn as never))
      return undefined;
    const outerCallee = unwrap(outer.callee);
    const { ref } = resolveReference(outerCallee, this.scopeOf);
    const service = ref && serviceOfModule(ref.module);
    if (!service || service.kind === 'AI model') return undefined;
    const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : '';
    const data = service.sends?.([method]);
    return data ? { service, data } : undefined;
  }
}

/** The values a call sends, from where the catalogue says they are. */
function sentValues(call: TSESTree.CallExpression, data: SentData): TSESTree.Node[] {
  const args = call.arguments;
  const values: TSESTree.Node[] = [];
  for (const index of data.args ?? []) if (args[index]) values.push(args[index]);
  if (data.from !== undefined) values.push(...args.slice(data.from));
  if (data.options) {
    const arg = args[data.options.arg];
    const options = arg && unwrap(arg);
    if (options?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of options.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) values.push(property.argument);
        else if (data.options.keys.includes(keyName(property) ?? '')) values.push(property.value);
      }
    } else if (arg) values.push(arg);
  }
  return values.map((value) =>
    value.type === AST_NODE_TYPES.SpreadElement ? value.argument : value,
  );
}

/**
 * Labels of data that do not name the patient on their own: HIPAA's Safe Harbor method
 * (45 CFR 164.514(b)(2)) keeps sex and ages under 90 in de-identified data, and an insurer is
 * shared by millions. An age is labelled as a date of birth by the vocabulary: `fromAgeOnly`.
 */
const QUASI_IDENTIFIER_LABELS: ReadonlySet<string> = new Set(['sex', 'health insurer']);
const BIRTH_DATE_LABEL = 'date of birth';
const AGE_TERM = 'age';

/** Labels that name the patient, not only a fact about them: identity, identifiers, records. */
const IDENTIFYING_LABELS: ReadonlySet<string> = new Set([
  ...VOCABULARY.filter(
    (entry) => entry.category !== 'health' && !QUASI_IDENTIFIER_LABELS.has(entry.label),
  ).map((entry) => entry.label),
  // Labels of configured vocabularies (classifier.ts) and of whole records (provenance.ts).
  'identity data',
  'national identifier',
  'patient record',
  'patient records',
  'patient identity',
]);

/** The other terms of the date-of-birth label: a name with one of them holds a date, not an age. */
const BIRTH_TERMS: ReadonlySet<string> = new Set(
  VOCABULARY.filter((entry) => entry.label === BIRTH_DATE_LABEL)
    .flatMap((entry) => entry.terms)
    .flatMap((term) => tokenize(term))
    .filter((word) => word !== AGE_TERM),
);

/** Whether a date of birth found in a value came from an age (`patientAge`, `patient.age`). */
function fromAgeOnly(taint: Taint): boolean {
  const source = unwrap(taint.source);
  const name =
    source.type === AST_NODE_TYPES.Identifier
      ? source.name
      : source.type === AST_NODE_TYPES.MemberExpression && !source.computed
        ? source.property.type === AST_NODE_TYPES.Identifier
          ? source.property.name
          : undefined
        : undefined;
  const words = name ? tokenize(name) : [];
  return words.includes(AGE_TERM) && !words.some((word) => BIRTH_TERMS.has(word));
}

/**
 * Whether what a value carries names the patient: a name, an identifier, a contact, a whole
 * record, a date of birth — not an age, a sex or an insurer alone.
 */
export function identifiesPatient(taint: Taint): boolean {
  return taint.labels.some(
    (label) => IDENTIFYING_LABELS.has(label) && (label !== BIRTH_DATE_LABEL || !fromAgeOnly(taint)),
  );
}

/**
 * The patient data a value sent to a service of `kind` discloses: not masked, encrypted, hashed
 * with a key or de-identified. Health facts alone count for trackers (the vendor joins them to its
 * own device and user identifiers); a prompt to an AI model counts when it identifies the patient.
 */
export function sentPatientData(
  provenance: Provenance,
  value: TSESTree.Node,
  kind: ServiceKind | undefined = kindOfValue.get(value),
): Taint | undefined {
  const taint = loggedPatientData(provenance, value);
  if (!taint || taint.sanitizers.includes('deidentify')) return undefined;
  if (kind === 'AI model' && !identifiesPatient(taint)) return undefined;
  return taint;
}

/**
 * Patient data a call hands to a function of the project that sends it to a service — a sink
 * summary: `trackVisit(patient)` where `trackVisit` calls `mixpanel.track(…, props)`.
 */
export function wrappedThirdPartySend(
  provenance: Provenance,
  call: TSESTree.CallExpression,
  callsOf: (source: ModuleSource) => ThirdPartyCalls,
): WrappedSink<ThirdPartySend> | undefined {
  return wrappedSink(provenance, call, {
    inside: (callee) => callsOf(callee.source).sendsInside(callee.fn),
    values: (send) => send.values,
    carries: (inside, value) => sentPatientData(inside, value),
  });
}

/**
 * `Sentry.init({ sendDefaultPii: true })` with no `beforeSend` that removes the user or the
 * request: the option that sends them with every event, if so.
 */
export function sentryDefaultPii(
  call: TSESTree.CallExpression,
  scopeOf: (node: TSESTree.Node) => ReturnType<ModuleSource['getScope']>,
): TSESTree.Property | undefined {
  const callee = unwrap(call.callee);
  const { ref } = resolveReference(callee, scopeOf);
  if (!ref || serviceOfModule(ref.module)?.service !== SENTRY_SETUP.service) return undefined;
  const path = withoutDefault(ref.exportPath);
  if (path.length !== 1 || path[0] !== SENTRY_SETUP.init) return undefined;
  const options = call.arguments[0] && unwrap(call.arguments[0]);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const option = findProperty(options, SENTRY_SETUP.defaultPii);
  const value = option && unwrap(option.value);
  if (value?.type !== AST_NODE_TYPES.Literal || value.value !== true) return undefined;
  for (const hook of SENTRY_SETUP.scrubHooks) {
    const scrub = findProperty(options, hook);
    if (scrub && removesFields(scrub.value)) return undefined;
  }
  return option;
}

/** A hook that deletes or blanks `event.user` or `event.request`. */
function removesFields(hook: TSESTree.Node): boolean {
  let removes = false;
  walk(hook, (node) => {
    const target =
      node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete'
        ? node.argument
        : node.type === AST_NODE_TYPES.AssignmentExpression
          ? node.left
          : undefined;
    if (
      target?.type === AST_NODE_TYPES.MemberExpression &&
      !target.computed &&
      target.property.type === AST_NODE_TYPES.Identifier &&
      (SENTRY_SETUP.scrubbedFields as readonly string[]).includes(target.property.name)
    )
      removes = true;
  });
  return removes;
}
