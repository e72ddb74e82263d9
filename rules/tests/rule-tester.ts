import { RuleTester } from '@typescript-eslint/rule-tester';
import * as mocha from 'mocha';

// @typescript-eslint/rule-tester needs the test framework's hooks; the project runs mocha.
RuleTester.afterAll = mocha.after;
RuleTester.describe = mocha.describe;
RuleTester.it = mocha.it;
RuleTester.itOnly = mocha.it.only;

/** A RuleTester with the TypeScript parser and JSX, as the presets configure it. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  });
}
