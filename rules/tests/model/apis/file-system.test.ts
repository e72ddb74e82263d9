import assert from 'node:assert/strict';
import { PATH_DELETERS, PATH_WRITERS } from '../../../src/model/apis';
import { rulesReporting } from './lint-with-plugin';

/**
 * The file-system family of the catalogue is read by every rule that sees files: each writer in
 * it is a write for the unencrypted-write, served-folder and staging-deletion rules alike, and
 * each deleter ends a staged extract's life. A writer added to the table reaches all three.
 */

describe('catalogue: file system', () => {
  for (const name of PATH_WRITERS.keys()) {
    it(`fs-extra ${name}(path, data) is a file write for every rule that sees files`, () => {
      const code = `import fse from 'fs-extra';
import express from 'express';
const app = express();
export async function exportPatients() {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  await fse.${name}('reports/export.json', rows);
}
app.use('/reports', express.static('reports'));
`;
      assert.deepEqual(rulesReporting(code), [
        'no-public-data-directory',
        'no-unencrypted-write',
        'require-delete-after-migration',
      ]);
    });
  }

  for (const name of PATH_DELETERS.keys()) {
    it(`${name}(path) deletes a staged extract`, () => {
      const code = `import fse from 'fs-extra';
import { encrypt } from './crypto';
export async function exportPatients() {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  await fse.writeFile('/tmp/export.json', encrypt(rows));
  await send('/tmp/export.json');
  await fse.${name}('/tmp/export.json');
}
`;
      const without = code.replace(/\n {2}await fse\.\w+\('\/tmp\/export\.json'\);\n\}/, '\n}');
      assert.deepEqual(rulesReporting(without), ['require-delete-after-migration']);
      assert.deepEqual(rulesReporting(code), []);
    });
  }
});
