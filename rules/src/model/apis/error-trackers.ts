/**
 * Error, log and session tracking: the SDKs that send each exception with the user, the request
 * and whatever context the code attaches — Sentry, Datadog RUM and browser logs, Bugsnag, Rollbar,
 * LogRocket, New Relic — and which arguments carry data; and how Sentry is told to scrub.
 * Read by `no-patient-data-to-third-party`.
 */
import {
  AFTER_FIRST,
  ALL,
  byMethod,
  FIRST,
  type SentData,
  type ThirdPartyService,
} from './third-party';

/** `captureException(error, hint)`: the error and its hint (`extra`, `user`, `tags`, `contexts`). */
const CAPTURE: SentData = { args: [0, 1] };

export const ERROR_TRACKING_SERVICES: readonly ThirdPartyService[] = [
  {
    // Sentry JavaScript SDKs (docs.sentry.io/platforms/javascript/enriching-events/): `setUser(user)`,
    // `setContext(name, context)`, `setExtra(key, value)`, `setExtras(extras)`, `setTag(key, value)`,
    // `setTags(tags)`, `addBreadcrumb(breadcrumb)`, `captureException(error, hint)`,
    // `captureMessage(message, context)`, `captureEvent(event)`; the same methods on a scope
    // (`getCurrentScope().setUser(…)`).
    service: 'Sentry',
    kind: 'error tracker',
    modules: [
      '@sentry/node',
      '@sentry/browser',
      '@sentry/react',
      '@sentry/nextjs',
      '@sentry/vue',
      '@sentry/angular',
      '@sentry/svelte',
      '@sentry/sveltekit',
      '@sentry/remix',
      '@sentry/astro',
      '@sentry/nuxt',
      '@sentry/bun',
      '@sentry/deno',
      '@sentry/electron',
      '@sentry/react-native',
      '@sentry/aws-serverless',
      '@sentry/serverless',
      '@sentry/google-cloud-serverless',
      '@sentry/cloudflare',
      '@sentry/core',
      '@sentry/nestjs',
    ],
    sends: byMethod({
      setUser: FIRST,
      setContext: AFTER_FIRST,
      setExtra: AFTER_FIRST,
      setExtras: FIRST,
      setTag: AFTER_FIRST,
      setTags: FIRST,
      addBreadcrumb: FIRST,
      captureException: CAPTURE,
      captureMessage: CAPTURE,
      captureEvent: FIRST,
    }),
  },
  {
    // Datadog RUM (@datadog/browser-rum: `datadogRum.setUser(user)`, `setUserProperty(key, value)`,
    // `addAction(name, context)`, `addError(error, context)`, `setGlobalContext(context)`,
    // `setGlobalContextProperty(key, value)`) and browser logs (@datadog/browser-logs:
    // `datadogLogs.logger.info(message, context)`, `createLogger(name).error(…)`, the same user and
    // global context setters) (docs.datadoghq.com, RUM and Browser Log Collection).
    service: 'Datadog',
    kind: 'monitoring service',
    modules: ['@datadog/browser-rum', '@datadog/browser-rum-slim', '@datadog/browser-logs'],
    sends: byMethod({
      setUser: FIRST,
      setUserProperty: AFTER_FIRST,
      addAction: ALL,
      addError: ALL,
      setGlobalContext: FIRST,
      setGlobalContextProperty: AFTER_FIRST,
      setAccount: FIRST,
      log: ALL,
      debug: ALL,
      info: ALL,
      warn: ALL,
      error: ALL,
    }),
  },
  {
    // Bugsnag (@bugsnag/js, /browser, /node): `Bugsnag.notify(error, onError)`,
    // `setUser(id, email, name)`, `addMetadata(section, values)`, `leaveBreadcrumb(message, metadata)`.
    service: 'Bugsnag',
    kind: 'error tracker',
    modules: ['@bugsnag/js', '@bugsnag/browser', '@bugsnag/node', '@bugsnag/react-native'],
    sends: byMethod({
      notify: FIRST,
      setUser: ALL,
      addMetadata: AFTER_FIRST,
      leaveBreadcrumb: ALL,
    }),
  },
  {
    // Rollbar: `rollbar.error(message, extra)`, `critical`, `warning`, `info`, `debug`, `log`;
    // `configure({ payload: { person } })` (docs.rollbar.com, rollbar.js).
    service: 'Rollbar',
    kind: 'error tracker',
    modules: ['rollbar'],
    sends: byMethod({
      log: ALL,
      debug: ALL,
      info: ALL,
      warn: ALL,
      warning: ALL,
      error: ALL,
      critical: ALL,
      configure: FIRST,
    }),
  },
  {
    // LogRocket: `LogRocket.identify(uid, traits)`, `track(event, properties)`, `log`/`info`/
    // `warn`/`error`/`debug(...)`, `captureException(error, { extra })`, `captureMessage(…)`
    // (docs.logrocket.com, SDK API).
    service: 'LogRocket',
    kind: 'session recorder',
    modules: ['logrocket'],
    sends: byMethod({
      identify: ALL,
      track: ALL,
      log: ALL,
      info: ALL,
      warn: ALL,
      error: ALL,
      debug: ALL,
      captureException: CAPTURE,
      captureMessage: CAPTURE,
    }),
  },
  {
    // New Relic Node.js agent: `addCustomAttribute(key, value)`, `addCustomAttributes(attributes)`,
    // `noticeError(error, customAttributes)`, `recordCustomEvent(type, attributes)`,
    // `recordLogEvent({ message })`, `setUserID(id)`; browser agent (`window.newrelic`):
    // `setCustomAttribute(key, value)`, `addPageAction(name, attributes)`, `noticeError`,
    // `setUserId`, `log(message)`.
    service: 'New Relic',
    kind: 'monitoring service',
    modules: ['newrelic', '@newrelic/browser-agent'],
    sends: byMethod({
      addCustomAttribute: AFTER_FIRST,
      addCustomAttributes: FIRST,
      noticeError: ALL,
      recordCustomEvent: AFTER_FIRST,
      recordLogEvent: FIRST,
      setUserID: FIRST,
      setUserId: FIRST,
      setCustomAttribute: AFTER_FIRST,
      addPageAction: ALL,
      log: ALL,
    }),
    globals: {
      'newrelic.setCustomAttribute': AFTER_FIRST,
      'newrelic.addPageAction': ALL,
      'newrelic.noticeError': ALL,
      'newrelic.setUserId': FIRST,
      'newrelic.log': ALL,
    },
  },
];

/**
 * How Sentry is told what to send with each event: `init({ sendDefaultPii, beforeSend })`
 * (docs.sentry.io, Configuration > Options). `sendDefaultPii: true` attaches the user, cookies,
 * headers and request bodies; a `beforeSend` that deletes `event.user` or `event.request`
 * scrubs them.
 */
export const SENTRY_SETUP = {
  service: 'Sentry',
  init: 'init',
  defaultPii: 'sendDefaultPii',
  scrubHooks: ['beforeSend'],
  scrubbedFields: ['user', 'request'],
} as const;
