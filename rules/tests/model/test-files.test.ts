import assert from 'node:assert/strict';
import { isTestFile } from '../../src/model/test-files';

describe('model/test-files: test code by the runners conventions', () => {
  it('knows the folders of Jest, Mocha, Playwright and Cypress tests and doubles', () => {
    for (const file of [
      'server/__tests__/route-match-test.js',
      'src/__mocks__/db.js',
      'test/app.js',
      'packages/api/tests/helpers.ts',
      'e2e/patients.ts',
      'cypress/support/commands.ts',
    ])
      assert.equal(isTestFile(file), true, file);
  });

  it('knows test file names: .test., .spec., .e2e., .cy.', () => {
    for (const file of ['src/app.test.js', 'src/app.spec.ts', 'login.e2e.ts', 'patients.cy.tsx'])
      assert.equal(isTestFile(file), true, file);
  });

  it('leaves application code alone, including names that only contain the words', () => {
    for (const file of [
      'src/routes/patients.js',
      'src/testing-center/results.js',
      'src/latest.js',
      'src/contest.spec-sheet.js',
      'test.js',
      'src/lab-tests/results.ts',
    ])
      assert.equal(isTestFile(file), false, file);
  });
});
