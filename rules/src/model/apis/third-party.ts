/**
 * Third-party services: the shape every family of services that receive data from a health
 * application shares (analytics and advertising, error and session trackers, AI models) — which
 * calls of a service's client send data, and which argument or option carries it. The families
 * are `analytics.ts`, `error-trackers.ts` and `ai-services.ts`.
 */
import { CALL } from '../imports';

/** What kind of third party a service is: how messages name it, and what the rules report to it. */
export type ServiceKind =
  | 'analytics service'
  | 'advertising pixel'
  | 'error tracker'
  | 'session recorder'
  | 'monitoring service'
  | 'AI model';

/** Where a call puts the data it sends. */
export interface SentData {
  /** Arguments sent whole, by index. */
  args?: readonly number[];
  /** Every argument from this index on. */
  from?: number;
  /**
   * An options argument and the keys whose values are sent: `{ messages }` of a chat completion.
   * An argument that is not an object literal is sent whole.
   */
  options?: { arg: number; keys: readonly string[] };
}

/** One service: its client modules or page globals, and the calls that send data. */
export interface ThirdPartyService {
  /** The service as a message names it: `Sentry`, `Google Analytics`. */
  service: string;
  kind: ServiceKind;
  /**
   * Module specifiers, for both `import` and `require`; one ending in `/` stands for every module
   * under it (`@langchain/` for `@langchain/openai`, `@langchain/core/…`).
   */
  modules: readonly string[];
  /**
   * The data a call of the module sends, given the path from the module's exports to the callee
   * (leading `default` dropped, `CALL` marking the result of a call or `new`).
   */
  sends?: (path: readonly string[]) => SentData | undefined;
  /**
   * Globals the service's page snippet defines, by path from the global object joined with dots
   * (`gtag`, `dataLayer.push`), and the data their calls send.
   */
  globals?: Readonly<Record<string, SentData>>;
  /**
   * The hosts of the service's HTTP API, for calls made with a plain request client (`fetch`,
   * axios…): the request's body is what is sent. A host matches itself and its subdomains and
   * regional variants (`us-central1-aiplatform.googleapis.com`).
   */
  hosts?: readonly string[];
}

/**
 * Calls named by the last segment of their path: `setUser` however the module is imported
 * (`Sentry.setUser`, a named import, `getCurrentScope().setUser`). With `instance`, only methods of
 * a client the module built (`new OpenAI()`, `Mixpanel.init(token)`).
 */
export function byMethod(
  table: Readonly<Record<string, SentData>>,
  options: { instance?: boolean } = {},
): (path: readonly string[]) => SentData | undefined {
  const methods = new Map(Object.entries(table));
  return (path) => {
    if (options.instance && !path.includes(CALL)) return undefined;
    return methods.get(path[path.length - 1] ?? '');
  };
}

/**
 * Calls named by the end of their path, joined with dots (`chat.completions.create`), on a client
 * the module built: `new OpenAI().chat.completions.create(…)`, `new Mistral().chat.complete(…)`.
 */
export function byPathEnd(
  table: Readonly<Record<string, SentData>>,
): (path: readonly string[]) => SentData | undefined {
  const entries = Object.entries(table).map(([end, data]) => [end.split('.'), data] as const);
  return (path) => {
    const call = path.indexOf(CALL);
    if (call < 0) return undefined;
    const tail = path.slice(call + 1);
    for (const [end, data] of entries) {
      if (tail.length < end.length) continue;
      if (end.every((segment, i) => tail[tail.length - end.length + i] === segment)) return data;
    }
    return undefined;
  };
}

/** The whole first argument, the usual payload of a track or capture call. */
export const FIRST: SentData = { args: [0] };
/** Every argument. */
export const ALL: SentData = { from: 0 };
/** Every argument after the first (an event name, a command, a key). */
export const AFTER_FIRST: SentData = { from: 1 };
