/**
 * Analytics and advertising: the tag snippets and SDKs that send a page's events and its visitor's
 * traits to an analytics or advertising vendor (Google Analytics and Tag Manager, Segment,
 * Mixpanel, Amplitude, PostHog, Meta Pixel, Hotjar, TikTok and LinkedIn pixels), and which
 * arguments carry data. On a patient portal such an event discloses health data to the vendor,
 * which joins it to its own device and user identifiers (HHS OCR bulletin on online tracking
 * technologies, 2022, updated 2024). Read by `no-patient-data-to-third-party`.
 */
import {
  AFTER_FIRST,
  ALL,
  byMethod,
  FIRST,
  type SentData,
  type ThirdPartyService,
} from './third-party';

/** The methods of a Segment-style analytics client (analytics.js spec: track, identify, page, …). */
const SEGMENT_CALLS: Readonly<Record<string, SentData>> = {
  track: ALL,
  identify: ALL,
  page: ALL,
  screen: ALL,
  group: ALL,
  alias: ALL,
};

export const ANALYTICS_SERVICES: readonly ThirdPartyService[] = [
  {
    // gtag.js: `gtag('event', name, params)`, `gtag('config', id, params)`, `gtag('set', params)`;
    // Tag Manager: `dataLayer.push(event)` (developers.google.com/tag-platform/gtagjs/reference,
    // /tag-platform/tag-manager/datalayer). react-ga4: `ReactGA.event(…)`, `set`, `send`, `gtag`;
    // @next/third-parties: `sendGAEvent(…)`, `sendGTMEvent(event)`; react-gtm-module:
    // `TagManager.dataLayer({ dataLayer })`.
    service: 'Google Analytics',
    kind: 'analytics service',
    modules: ['react-ga4', 'react-ga', '@next/third-parties/google', 'react-gtm-module'],
    sends: byMethod({
      event: ALL,
      set: ALL,
      send: ALL,
      gtag: AFTER_FIRST,
      sendGAEvent: AFTER_FIRST,
      sendGTMEvent: ALL,
      dataLayer: ALL,
    }),
    globals: { gtag: AFTER_FIRST, 'dataLayer.push': ALL },
  },
  {
    // Segment: analytics.js (`window.analytics`), @segment/analytics-next
    // (`AnalyticsBrowser.load({ writeKey }).track(…)`), analytics-node and @segment/analytics-node
    // (`new Analytics({ writeKey }).track({ userId, event, properties })`).
    service: 'Segment',
    kind: 'analytics service',
    modules: ['@segment/analytics-next', '@segment/analytics-node', 'analytics-node'],
    sends: byMethod(SEGMENT_CALLS),
    globals: Object.fromEntries(
      Object.entries(SEGMENT_CALLS).map(([method, data]) => [`analytics.${method}`, data]),
    ),
  },
  {
    // Mixpanel: mixpanel-browser (`mixpanel.track(event, props)`, `identify`, `register`,
    // `people.set(props)`), mixpanel for Node.js (`Mixpanel.init(token).track(…)`,
    // `people.set(distinctId, props)`) (docs.mixpanel.com, JavaScript and Node.js SDKs).
    service: 'Mixpanel',
    kind: 'analytics service',
    modules: ['mixpanel-browser', 'mixpanel'],
    sends: byMethod({
      track: ALL,
      identify: ALL,
      alias: ALL,
      register: ALL,
      register_once: ALL,
      set: ALL,
      set_once: ALL,
      append: ALL,
      union: ALL,
      track_charge: ALL,
    }),
  },
  {
    // Amplitude: @amplitude/analytics-browser and -node (`track(eventType, eventProperties)`,
    // `setUserId(id)`, `identify(new Identify().set(key, value))`, `setGroup`), amplitude-js
    // (`getInstance().logEvent(name, props)`, `setUserProperties(props)`).
    service: 'Amplitude',
    kind: 'analytics service',
    modules: [
      '@amplitude/analytics-browser',
      '@amplitude/analytics-node',
      '@amplitude/analytics-react-native',
      'amplitude-js',
    ],
    sends: byMethod({
      track: ALL,
      logEvent: ALL,
      setUserId: ALL,
      setUserProperties: ALL,
      setGroup: ALL,
      set: AFTER_FIRST,
      setOnce: AFTER_FIRST,
      append: AFTER_FIRST,
    }),
  },
  {
    // PostHog: posthog-js (`posthog.capture(event, properties)`, `identify(distinctId, props)`,
    // `register(props)`, `setPersonProperties(props)`), posthog-node
    // (`new PostHog(key).capture({ distinctId, event, properties })`, `identify({ … })`).
    service: 'PostHog',
    kind: 'analytics service',
    modules: ['posthog-js', 'posthog-node', 'posthog-react-native'],
    sends: byMethod({
      capture: ALL,
      identify: ALL,
      alias: ALL,
      register: ALL,
      register_once: ALL,
      setPersonProperties: ALL,
      group: ALL,
    }),
  },
  {
    // Meta Pixel: `fbq('track', event, params)`, `fbq('init', pixelId, advancedMatching)`
    // (developers.facebook.com/docs/meta-pixel/reference); react-facebook-pixel:
    // `ReactPixel.init(pixelId, advancedMatching)`, `track(event, data)`, `trackCustom`.
    service: 'Meta Pixel',
    kind: 'advertising pixel',
    modules: ['react-facebook-pixel'],
    sends: byMethod({
      init: AFTER_FIRST,
      track: ALL,
      trackCustom: ALL,
      trackSingle: AFTER_FIRST,
    }),
    globals: { fbq: AFTER_FIRST },
  },
  {
    // Hotjar: `hj('identify', userId, attributes)`, `hj('event', name)`; @hotjar/browser:
    // `Hotjar.identify(userId, attributes)`, `Hotjar.event(name)`; react-hotjar:
    // `hotjar.identify(userId, attributes)`, `hotjar.event(name)`.
    service: 'Hotjar',
    kind: 'session recorder',
    modules: ['@hotjar/browser', 'react-hotjar'],
    sends: byMethod({ identify: ALL, event: FIRST }),
    globals: { hj: AFTER_FIRST },
  },
  {
    // TikTok Pixel: `ttq.track(event, params)`, `ttq.identify({ email, phone_number })`
    // (ads.tiktok.com/help, "Pixel events").
    service: 'TikTok Pixel',
    kind: 'advertising pixel',
    modules: [],
    globals: { 'ttq.track': ALL, 'ttq.identify': ALL },
  },
  {
    // LinkedIn Insight Tag: `lintrk('track', { conversion_id })`.
    service: 'LinkedIn Insight Tag',
    kind: 'advertising pixel',
    modules: [],
    globals: { lintrk: AFTER_FIRST },
  },
];
