import assert from 'node:assert/strict';
import {
  AI_SERVICES,
  ANALYTICS_SERVICES,
  ERROR_TRACKING_SERVICES,
  type SentData,
  type ThirdPartyService,
} from '../../../src/model/apis';
import { CALL } from '../../../src/model/imports';

const SERVICES: readonly ThirdPartyService[] = [
  ...ANALYTICS_SERVICES,
  ...ERROR_TRACKING_SERVICES,
  ...AI_SERVICES,
];

function sends(module: string, path: string[]): SentData | undefined {
  const service = SERVICES.find((s) =>
    s.modules.some((m) => (m.endsWith('/') ? module.startsWith(m) : m === module)),
  );
  return service?.sends?.(path);
}

/** The third-party families: which call of a service's client sends what. */
describe('catalogue: third-party services', () => {
  it('names every service by a module, a global or an API host, each module in one service', () => {
    const seen = new Map<string, string>();
    for (const service of SERVICES) {
      assert.ok(
        service.modules.length > 0 || service.globals || service.hosts,
        `${service.service}: no way to recognise it`,
      );
      if (service.modules.length > 0) assert.ok(service.sends, `${service.service}: no sends`);
      for (const module of service.modules) {
        assert.ok(!seen.has(module), `${module} in ${seen.get(module)} and ${service.service}`);
        seen.set(module, service.service);
      }
    }
  });

  const cases: [string, string[], SentData | undefined][] = [
    ['@sentry/node', ['setUser'], { args: [0] }],
    ['@sentry/node', ['getCurrentScope', CALL, 'setExtra'], { from: 1 }],
    ['@sentry/node', ['captureException'], { args: [0, 1] }],
    ['@sentry/node', ['init'], undefined],
    ['mixpanel-browser', ['people', 'set'], { from: 0 }],
    [
      'openai',
      [CALL, 'chat', 'completions', 'create'],
      { options: { arg: 0, keys: ['messages', 'system', 'instructions', 'input', 'prompt'] } },
    ],
    // A client's method, never a function of the module.
    ['openai', ['chat', 'completions', 'create'], undefined],
    ['openai', [CALL, 'models', 'list'], undefined],
    ['@langchain/anthropic', ['ChatAnthropic', CALL, 'invoke'], { args: [0] }],
    ['@langchain/anthropic', ['invoke'], undefined],
    [
      'ai',
      ['generateText'],
      { options: { arg: 0, keys: ['messages', 'system', 'instructions', 'input', 'prompt'] } },
    ],
  ];
  for (const [module, path, expected] of cases) {
    it(`${module} ${path.join('.')} → ${expected ? JSON.stringify(expected) : 'sends nothing'}`, () => {
      assert.deepEqual(sends(module, path), expected);
    });
  }

  it('knows the page snippets by their globals', () => {
    const globals = Object.assign({}, ...SERVICES.map((s) => s.globals ?? {}));
    for (const name of [
      'gtag',
      'dataLayer.push',
      'fbq',
      'hj',
      'ttq.track',
      'lintrk',
      'analytics.track',
    ])
      assert.ok(globals[name], name);
  });
});
