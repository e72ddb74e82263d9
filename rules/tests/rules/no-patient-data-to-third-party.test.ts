import * as parser from '@typescript-eslint/parser';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as assert from 'node:assert/strict';
import rule from '../../src/rules/no-patient-data-to-third-party';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

// Synthetic values: a NIR with an invalid key, a made-up diagnosis, name and address.
const SYNTHETIC_VALUES = ['284057512345678', 'HIV positive', 'Martin', 'martin@example.org'];

type MessageIds =
  | 'sentToService'
  | 'defaultPiiToSentry'
  | 'removeFromEvent'
  | 'wrapInDeidentification'
  | 'turnOffDefaultPii';

const DEIDENTIFICATION = {
  healthData: { deidentification: { fix: { name: 'deidentify', import: 'privacy-kit' } } },
};

/** The suggestion that removes `key`: the case's code with `from` replaced by `to`. */
function removing(code: string, key: string, from: string, to: string) {
  assert.ok(code.includes(from), from);
  return [{ messageId: 'removeFromEvent' as const, data: { key }, output: code.replace(from, to) }];
}

const valid: ValidTestCase<[]>[] = [
  {
    // A React state setter named like Sentry's `setUser`: the service is known by its module.
    code: `import { useState } from 'react';
function Profile({ patient }: { patient: Patient }) {
  const [current, setUser] = useState(null);
  setUser(patient);
}`,
  },
  {
    // Event names, page paths and counts carry no patient data.
    code: `function viewed(patient: Patient, results: LabResult[]) {
  gtag('event', 'result_viewed');
  gtag('config', 'G-XXXX', { page_path: window.location.pathname });
  window.dataLayer.push({ event: 'results_loaded', count: results.length });
}`,
  },
  {
    // An id alone, a keyed hash and a random id are not the patient's data.
    code: `import mixpanel from 'mixpanel-browser';
import { createHmac } from 'node:crypto';
function viewed(patient: Patient) {
  mixpanel.track('Result viewed', { patientId: patient.id });
  mixpanel.identify(createHmac('sha256', process.env.KEY).update(patient.nir).digest('hex'));
  mixpanel.track('Result viewed', { session: crypto.randomUUID() });
}`,
  },
  {
    // Staff data: the signed-in clinician is not a patient.
    code: `import * as Sentry from '@sentry/browser';
function signedIn(user: User) {
  Sentry.setUser({ id: user.id, email: user.email });
}`,
  },
  {
    // Only the error is sent, and the error carries no patient data.
    code: `import * as Sentry from '@sentry/node';
async function load(patient: Patient) {
  try { await save(patient); } catch (err) { Sentry.captureException(err); }
}`,
  },
  {
    // Sentry set up to scrub: sendDefaultPii off, or a beforeSend that removes the user and request.
    code: `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: process.env.SENTRY_DSN, sendDefaultPii: false });
Sentry.init({
  dsn: process.env.SENTRY_DSN,
  sendDefaultPii: true,
  beforeSend(event) {
    delete event.user;
    delete event.request;
    return event;
  },
});`,
  },
  {
    // Method names alone are no service: a project tracker and a local object named analytics.
    code: `function viewed(patient: Patient) {
  const tracker = makeTracker();
  tracker.track('opened', patient);
  const analytics = { track(name: string, data: unknown) {} };
  analytics.track('opened', patient);
}`,
  },
  {
    // A value that went through the configured de-identification helper.
    code: `import mixpanel from 'mixpanel-browser';
function viewed(patient: Patient) {
  mixpanel.track('opened', anonymiseForAnalytics(patient));
}`,
    settings: { healthData: { deidentification: { helpers: ['anonymiseForAnalytics'] } } },
  },
  {
    // A prompt with clinical facts and no identity: the model's provider cannot tell whose.
    code: `import OpenAI from 'openai';
const openai = new OpenAI();
async function explain(diagnosis: string) {
  return openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: \`Explain \${diagnosis} in plain words\` }],
  });
}`,
  },
  {
    // A helper that forwards to a tracker, called with safe data only.
    code: `import mixpanel from 'mixpanel-browser';
function trackEvent(name: string, props: object) {
  mixpanel.track(name, props);
}
export function opened(results: LabResult[]) {
  trackEvent('results_opened', { count: results.length });
}`,
  },
  {
    // Test code sends the records it invents.
    code: `import * as Sentry from '@sentry/node';
Sentry.setUser({ email: patient.email });`,
    filename: 'src/__tests__/sentry.test.ts',
  },
  {
    // Age and sex alone do not name the patient (HIPAA Safe Harbor keeps them).
    code: `import { ChatAnthropic } from '@langchain/anthropic';
const model = new ChatAnthropic({});
async function codes(patient: Patient, notes: string) {
  const patientAge = age(patient.birthDate);
  const patientSex = patient.gender;
  return model.invoke(\`Age: \${patientAge}, sex: \${patientSex}. Notes: \${notes}\`);
}`,
  },
  {
    // A request to an AI provider's API that sends nothing of the patient.
    code: `async function models(patient: Patient) {
  await fetch('https://api.openai.com/v1/models', { method: 'GET' });
}`,
  },
];

const CODE_1 = `function pixel(patient: Patient) {
  fbq('init', '1234567890', { em: patient.email });
}`;
const CODE_2 = `const Mixpanel = require('mixpanel');
const mp = Mixpanel.init('token');
function onResult(patient) {
  mp.track('result', { hivStatus: patient.hivStatus });
}`;
const CODE_3 = `import { PostHog } from 'posthog-node';
const posthog = new PostHog('key');
function booked(patient: Patient) {
  posthog.capture({ distinctId: patient.id, event: 'booked', properties: { pregnancy: patient.pregnancy } });
}`;
const CODE_4 = `function identify(patient: Patient) {
  hj('identify', patient.id, { birthDate: patient.birthDate });
  window.analytics.identify(patient.id, { name: patient.name });
  ttq.identify({ email: patient.email });
}`;
const CODE_5 = `import * as Sentry from '@sentry/node';
export function onError(err: Error, patient: Patient) {
  Sentry.setUser({ email: patient.email, id: patient.id });
  Sentry.captureException(err, { extra: { patient } });
  Sentry.withScope((scope) => {
    scope.setExtra('dossier', patient);
  });
}`;
const CODE_6 = `import { datadogRum } from '@datadog/browser-rum';
import Bugsnag from '@bugsnag/js';
import Rollbar from 'rollbar';
const rollbar = new Rollbar({ accessToken: 'x' });
function context(patient: Patient) {
  datadogRum.setUser({ name: patient.name });
  Bugsnag.addMetadata('patient', patient);
  rollbar.error('import failed', { nir: patient.nir });
}`;
const CODE_7 = `import LogRocket from 'logrocket';
const newrelic = require('newrelic');
function session(patient: Patient) {
  LogRocket.identify(patient.id, { name: patient.fullName });
  newrelic.addCustomAttribute('diagnosis', patient.diagnosis);
}`;

const invalid: InvalidTestCase<MessageIds, []>[] = [
  // Analytics and advertising: health facts are reported without a name.
  {
    code: `function showResult(result: LabResult) {
  gtag('event', 'view_result', { diagnosis: result.diagnosis });
}`,
    errors: [
      {
        messageId: 'sentToService',
        line: 2,
        column: 34,
        data: {
          call: 'gtag',
          data: '`result.diagnosis` (lab result and diagnosis)',
          service: 'Google Analytics',
          kind: 'analytics service',
        },
        suggestions: [
          {
            messageId: 'removeFromEvent',
            data: { key: 'diagnosis' },
            output: `function showResult(result: LabResult) {
  gtag('event', 'view_result', {  });
}`,
          },
        ],
      },
    ],
  },
  {
    // Tag Manager through the global object.
    code: `function pushDossier(dossier) {
  window.dataLayer.push({ event: 'dossier_open', groupeSanguin: dossier.groupeSanguin });
}`,
    errors: [
      {
        messageId: 'sentToService',
        line: 2,
        column: 50,
        suggestions: [
          {
            messageId: 'removeFromEvent',
            data: { key: 'groupeSanguin' },
            output: `function pushDossier(dossier) {
  window.dataLayer.push({ event: 'dossier_open' });
}`,
          },
        ],
      },
    ],
  },
  {
    // Meta Pixel's advanced matching sends the e-mail address.
    code: CODE_1,
    errors: [
      {
        messageId: 'sentToService',
        line: 2,
        column: 31,
        suggestions: removing(CODE_1, 'em', '{ em: patient.email }', '{  }'),
      },
    ],
  },
  {
    // Through a variable and a spread.
    code: `import mixpanel from 'mixpanel-browser';
function track(patient: Patient) {
  const props = { ...patient };
  mixpanel.track('Profile viewed', props);
}`,
    errors: [
      {
        messageId: 'sentToService',
        line: 4,
        column: 36,
        data: {
          call: 'mixpanel.track',
          data: '`props` (patient record from `patient`)',
          service: 'Mixpanel',
          kind: 'analytics service',
        },
      },
    ],
  },
  {
    // CommonJS, and a client made by the module's factory.
    code: CODE_2,
    filename: 'tracking.js',
    errors: [
      {
        messageId: 'sentToService',
        line: 4,
        column: 24,
        suggestions: removing(CODE_2, 'hivStatus', '{ hivStatus: patient.hivStatus }', '{  }'),
      },
    ],
  },
  {
    // A nested property of a server-side capture.
    code: CODE_3,
    errors: [
      {
        messageId: 'sentToService',
        line: 4,
        column: 76,
        suggestions: removing(CODE_3, 'pregnancy', '{ pregnancy: patient.pregnancy }', '{  }'),
      },
    ],
  },
  {
    // A template as the event name.
    code: `import { track } from '@amplitude/analytics-browser';
function viewed(dossier) {
  track(\`Viewed \${dossier.diagnostic}\`);
}`,
    errors: [{ messageId: 'sentToService', line: 3, column: 9 }],
  },
  {
    // Hotjar, Segment's snippet and TikTok's pixel, by their globals.
    code: CODE_4,
    errors: [
      {
        messageId: 'sentToService',
        line: 2,
        column: 32,
        data: {
          call: 'hj',
          data: '`patient.birthDate` (date of birth from `patient`)',
          service: 'Hotjar',
          kind: 'session recorder',
        },
        suggestions: removing(CODE_4, 'birthDate', '{ birthDate: patient.birthDate }', '{  }'),
      },
      {
        messageId: 'sentToService',
        line: 3,
        column: 43,
        suggestions: removing(CODE_4, 'name', '{ name: patient.name }', '{  }'),
      },
      {
        messageId: 'sentToService',
        line: 4,
        column: 18,
        suggestions: removing(CODE_4, 'email', '{ email: patient.email }', '{  }'),
      },
    ],
  },
  // Error, log and session trackers.
  {
    code: CODE_5,
    errors: [
      {
        messageId: 'sentToService',
        line: 3,
        column: 20,
        data: {
          call: 'Sentry.setUser',
          data: '`patient.email` (e-mail address from `patient`)',
          service: 'Sentry',
          kind: 'error tracker',
        },
        suggestions: [
          {
            messageId: 'removeFromEvent',
            data: { key: 'email' },
            output: `import * as Sentry from '@sentry/node';
export function onError(err: Error, patient: Patient) {
  Sentry.setUser({ id: patient.id });
  Sentry.captureException(err, { extra: { patient } });
  Sentry.withScope((scope) => {
    scope.setExtra('dossier', patient);
  });
}`,
          },
        ],
      },
      {
        messageId: 'sentToService',
        line: 4,
        column: 43,
        suggestions: removing(CODE_5, 'patient', '{ extra: { patient } }', '{ extra: {  } }'),
      },
      { messageId: 'sentToService', line: 6, column: 31 },
    ],
  },
  {
    code: `import { init } from '@sentry/react';
init({ dsn: process.env.SENTRY_DSN, sendDefaultPii: true });`,
    errors: [
      {
        messageId: 'defaultPiiToSentry',
        line: 2,
        column: 37,
        suggestions: [
          {
            messageId: 'turnOffDefaultPii',
            output: `import { init } from '@sentry/react';
init({ dsn: process.env.SENTRY_DSN, sendDefaultPii: false });`,
          },
        ],
      },
    ],
  },
  {
    code: CODE_6,
    errors: [
      {
        messageId: 'sentToService',
        line: 6,
        column: 24,
        data: {
          call: 'datadogRum.setUser',
          data: '`patient.name` (name from `patient`)',
          service: 'Datadog',
          kind: 'monitoring service',
        },
        suggestions: removing(CODE_6, 'name', '{ name: patient.name }', '{  }'),
      },
      { messageId: 'sentToService', line: 7, column: 34 },
      {
        messageId: 'sentToService',
        line: 8,
        column: 36,
        suggestions: removing(CODE_6, 'nir', '{ nir: patient.nir }', '{  }'),
      },
    ],
  },
  {
    code: CODE_7,
    errors: [
      {
        messageId: 'sentToService',
        line: 4,
        column: 36,
        suggestions: removing(CODE_7, 'name', '{ name: patient.fullName }', '{  }'),
      },
      { messageId: 'sentToService', line: 5, column: 44 },
    ],
  },
  // AI services: prompts that identify the patient.
  {
    code: `import OpenAI from 'openai';
const openai = new OpenAI();
export async function summarise(patient: Patient) {
  const prompt = \`Summarise the record of \${patient.name}, born \${patient.birthDate}.\`;
  return openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: prompt }],
  });
}`,
    errors: [
      {
        messageId: 'sentToService',
        line: 7,
        column: 15,
        data: {
          call: 'openai.chat.completions.create',
          data: 'name and date of birth from `patient`',
          service: 'OpenAI',
          kind: 'AI model',
        },
      },
    ],
  },
  {
    code: `import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { Mistral } from '@mistralai/mistralai';
const anthropic = new Anthropic();
const ai = new GoogleGenAI({});
const mistral = new Mistral({ apiKey: 'k' });
export async function ask(patient: Patient) {
  await anthropic.messages.create({ model: 'm', max_tokens: 512, system: JSON.stringify(patient), messages: [] });
  await ai.models.generateContent({ model: 'gemini', contents: \`Letter for \${patient.nom}\` });
  await mistral.chat.complete({ model: 'm', messages: [{ role: 'user', content: patient.nir }] });
}`,
    errors: [
      {
        messageId: 'sentToService',
        line: 8,
        column: 74,
        data: {
          call: 'anthropic.messages.create',
          data: 'patient record from `patient`',
          service: 'Anthropic',
          kind: 'AI model',
        },
      },
      { messageId: 'sentToService', line: 9, column: 64 },
      { messageId: 'sentToService', line: 10, column: 55 },
    ],
  },
  {
    // The Vercel AI SDK, and a LangChain model held in a class field declared with its type.
    code: `import { generateText } from 'ai';
import { ChatAnthropic } from '@langchain/anthropic';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
class Scribe {
  chatbot: BaseChatModel = new ChatAnthropic({});
  async note(patient: Patient) {
    await generateText({ model, prompt: \`Write to \${patient.firstName}\` });
    return this.chatbot.invoke([{ role: 'user', content: \`Patient \${patient.nir}\` }]);
  }
}`,
    errors: [
      { messageId: 'sentToService', line: 7, column: 41 },
      {
        messageId: 'sentToService',
        line: 8,
        column: 32,
        data: {
          call: 'this.chatbot.invoke',
          data: 'social security number (NIR) from `patient`',
          service: 'the LangChain model',
          kind: 'AI model',
        },
      },
    ],
  },
  {
    // A client declared with its type and assigned later, and a REST call to a provider's API.
    code: `import { ChatAnthropic } from '@langchain/anthropic';
let chatbot: ChatAnthropic;
export async function greet(patient: Patient, key: string) {
  if (chatbot == null) chatbot = new ChatAnthropic({});
  await chatbot.invoke(\`Write to \${patient.name}\`);
  await fetch(\`https://europe-west1-aiplatform.googleapis.com/v1/models/gemini:generateContent?key=\${key}\`, {
    method: 'POST',
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: patient.nir }] }] }),
  });
}`,
    errors: [
      { messageId: 'sentToService', line: 5, column: 24 },
      {
        messageId: 'sentToService',
        line: 8,
        column: 11,
        data: {
          call: 'fetch',
          data: 'social security number (NIR) from `patient`',
          service: 'Google Gemini',
          kind: 'AI model',
        },
      },
    ],
  },
  // A helper one call away is the service for its callers.
  {
    code: `import mixpanel from 'mixpanel-browser';
function trackEvent(name: string, props: object) {
  mixpanel.track(name, props);
}
export function opened(result: LabResult) {
  trackEvent('result_opened', { count: 1 });
  trackEvent('result_opened', { diagnosis: result.diagnosis });
}`,
    errors: [
      {
        messageId: 'sentToService',
        line: 7,
        column: 31,
        data: {
          call: 'trackEvent()',
          data: 'lab result and diagnosis from `result: LabResult`',
          service: 'Mixpanel',
          kind: 'analytics service',
        },
      },
    ],
  },
  {
    // The configured de-identification helper as a suggestion, with its import.
    code: `import * as Sentry from '@sentry/node';
function onError(patient: Patient) {
  Sentry.setContext('patient', patient);
}`,
    settings: DEIDENTIFICATION,
    errors: [
      {
        messageId: 'sentToService',
        line: 3,
        column: 32,
        suggestions: [
          {
            messageId: 'wrapInDeidentification',
            data: { helper: 'deidentify' },
            output: `import * as Sentry from '@sentry/node';
import { deidentify } from 'privacy-kit';
function onError(patient: Patient) {
  Sentry.setContext('patient', deidentify(patient));
}`,
          },
        ],
      },
    ],
  },
];

ruleTester.run('no-patient-data-to-third-party', rule, { valid, invalid });

describe('no-patient-data-to-third-party messages', () => {
  it('never repeat the patient values that triggered them', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = [
      "import * as Sentry from '@sentry/node';",
      "import OpenAI from 'openai';",
      "const patient = { nir: '284057512345678', diagnosis: 'HIV positive', nom: 'Martin', email: 'martin@example.org' };",
      'Sentry.setUser({ email: patient.email });',
      "gtag('event', 'x', { diagnosis: patient.diagnosis, nir: patient.nir });",
      "new OpenAI().chat.completions.create({ messages: [{ role: 'user', content: `${patient.nom}` }] });",
    ].join('\n');
    const messages = [...invalid.map((c) => c.code), code].flatMap((source) =>
      linter.verify(
        source,
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: parser as never },
            plugins: { t: { rules: { r: rule as never } } },
            rules: { 't/r': 'error' },
          },
        ],
        'file.ts',
      ),
    );
    const mine = messages.filter((m) => m.ruleId === 't/r');
    assert.ok(mine.length >= 20, `${mine.length} findings`);
    for (const message of messages) {
      for (const value of SYNTHETIC_VALUES) assert.ok(!message.message.includes(value), value);
    }
  });
});
