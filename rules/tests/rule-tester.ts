import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import assert from 'node:assert/strict';
import * as mocha from 'mocha';
import { MAX_FINDING_MESSAGE_LENGTH } from '../src/model/redact';

// @typescript-eslint/rule-tester needs the test framework's hooks; the project runs mocha.
RuleTester.afterAll = mocha.after;
RuleTester.describe = mocha.describe;
RuleTester.it = mocha.it;
RuleTester.itOnly = mocha.it.only;

/** A message as ESLint fills it: `{{ name }}` takes `data.name`, unknown names stay as written. */
export function fillMessage(template: string, data: Record<string, unknown> | undefined): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) =>
    data && name in data ? String(data[name]) : whole,
  );
}

/**
 * Besides its cases, every rule's invalid cases that pin a messageId and its data must give a
 * message of at most MAX_FINDING_MESSAGE_LENGTH characters (issue 22): RuleTester checks the
 * data against what the rule reports, so the filled message is the one a user reads.
 */
class ShortMessageRuleTester extends RuleTester {
  override run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    super.run(ruleName, rule, tests);
    mocha.describe(ruleName, () => {
      mocha.it(`fills every message in at most ${MAX_FINDING_MESSAGE_LENGTH} characters`, () => {
        const messages = rule.meta.messages as Record<string, string>;
        const tooLong: string[] = [];
        for (const test of tests.invalid) {
          for (const error of test.errors) {
            if (!('messageId' in error) || !error.messageId) continue;
            const text = fillMessage(messages[error.messageId] ?? '', error.data);
            if (text.length > MAX_FINDING_MESSAGE_LENGTH) tooLong.push(`${text.length}: ${text}`);
          }
        }
        assert.deepEqual(tooLong, []);
      });
    });
  }
}

/** A RuleTester with the TypeScript parser and JSX, as the presets configure it. */
export function createRuleTester(): RuleTester {
  return new ShortMessageRuleTester({
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  });
}
