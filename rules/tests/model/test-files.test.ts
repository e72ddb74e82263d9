import assert from 'node:assert/strict';
import { inDemoData, inTestCode, isDemoDataFile, isTestFile } from '../../src/model/test-files';

describe('model/test-files: test code by the runners conventions', () => {
  it('knows the folders of Jest, Mocha, Playwright and Cypress tests and doubles', () => {
    for (const file of [
      'server/__tests__/route-match-test.js',
      'src/__mocks__/db.js',
      'test/app.js',
      'packages/api/tests/helpers.ts',
      'e2e/patients.ts',
      'cypress/support/commands.ts',
      'src/mockServer/fixtures/usersDTO.ts',
      'src/mocks/handlers.ts',
    ])
      assert.equal(isTestFile(file), true, file);
  });

  it('knows test file names: .test., .spec., .e2e., .cy.', () => {
    for (const file of [
      'src/app.test.js',
      'src/app.spec.ts',
      'login.e2e.ts',
      'patients.cy.tsx',
      'client/cypress.config.ts',
      'src/setupTests.ts',
    ])
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

  it('judges a linted file by its path in its project, or in the folder the linter runs in', () => {
    // No package.json anywhere above: the folder the linter runs in tells where tests are.
    assert.equal(inTestCode('/nowhere/registry/tests/upload.js', '/nowhere/registry'), true);
    assert.equal(inTestCode('/nowhere/registry/server/app.js', '/nowhere/registry'), false);
    // Folders above the linter's folder say nothing (a checkout under ~/test/).
    assert.equal(
      inTestCode('/home/dev/test/registry/server/app.js', '/home/dev/test/registry'),
      false,
    );
  });
});

describe('model/test-files: demonstration and synthetic data', () => {
  it('knows folders of made-up records by their words', () => {
    for (const file of [
      'DemoData/pushData.js',
      'packages/database/src/demoData/users.js',
      'scripts/synthetic-patient-data/generate.ts',
      'sample_data/patients.json.js',
      'scripts/synthetic-quick-picks/bootstrap.ts',
    ])
      assert.ok(isDemoDataFile(file), file);
    for (const file of ['src/data/patients.ts', 'src/demo/app.ts', 'demoData.js', 'src/sample.ts'])
      assert.equal(isDemoDataFile(file), false, file);
  });

  it('judges a linted file by its path in its project or the linter folder', () => {
    assert.equal(inDemoData('/nowhere/registry/DemoData/push.js', '/nowhere/registry'), true);
    assert.equal(inDemoData('/home/demo-data/registry/app.js', '/home/demo-data/registry'), false);
  });
});

describe('model/test-files: the project configuration', () => {
  it('adds the globs of `testCode.globs` and can drop the conventions', () => {
    const qa = { globs: ['qa/**'], conventions: true };
    assert.ok(inTestCode('/nowhere/lab/qa/load.js', '/nowhere/lab', qa));
    assert.ok(inTestCode('/nowhere/lab/tests/upload.js', '/nowhere/lab', qa));
    const none = { globs: [], conventions: false };
    assert.equal(inTestCode('/nowhere/lab/tests/upload.js', '/nowhere/lab', none), false);
    assert.equal(inDemoData('/nowhere/lab/demoData/users.js', '/nowhere/lab', none), false);
  });
});
