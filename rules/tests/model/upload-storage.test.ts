import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import plugin from '../../src/index';
import { clearProjectGraphCache } from '../../src/model/project-graph';
import { lintWithPlugin } from './apis/lint-with-plugin';

/** The upload findings of `no-unencrypted-write` on one file: `line message`. */
function uploads(code: string, filename = 'src/routes/results.js'): string[] {
  return lintWithPlugin(code, { filename })
    .filter((m) => m.ruleId === 'health-data/no-unencrypted-write')
    .map((m) => `${m.line} ${m.message}`);
}

const S3 = `import multer from 'multer';
import multerS3 from 'multer-s3';
import express from 'express';
const router = express.Router();
`;

/**
 * Upload storage engines (model/upload-storage.ts, catalogue UPLOAD_STORAGE_ENGINES): what a
 * patient-data route receives is stored by its upload middleware — on disk in the clear, or in a
 * bucket readable by anyone or not encrypted.
 */
describe('model/upload-storage: uploads of patient-data routes', () => {
  it('multer-s3 with a public ACL, for a route that stores a patient file reference', () => {
    const code = `${S3}const storage = multerS3({ s3, bucket: BUCKET, acl: 'public-read' });
const upload = multer({ storage });
router.post('/', upload.single('recfile'), async (req, res) => {
  await sequelize.query(\`INSERT INTO medical_tests (patientUUID, fileName) VALUES ('\${req.body.patientUUID}', '\${req.file.key}')\`);
  res.sendStatus(201);
});`;
    assert.deepEqual(uploads(code), [
      "5 `multerS3` stores files uploaded to POST / readable by anyone (`acl: 'public-read'`).",
    ]);
    // Private and encrypted by the bucket: nothing to say.
    assert.deepEqual(
      uploads(code.replace("acl: 'public-read'", "serverSideEncryption: 'aws:kms'")),
      [],
    );
    // Private but not encrypted.
    assert.deepEqual(uploads(code.replace("acl: 'public-read'", "acl: 'private'")), [
      '5 `multerS3` stores files uploaded to POST / in a bucket without server-side encryption.',
    ]);
  });

  it("multer's disk storage and `dest`, formidable's `uploadDir`", () => {
    const disk = `import multer from 'multer';
import express from 'express';
const router = express.Router();
const storage = multer.diskStorage({
  destination: function (req, file, cb) { cb(null, 'uploads/scans'); },
});
const upload = multer({ storage });
router.post('/patients/:id/scans', upload.single('scan'), saveScan);`;
    assert.deepEqual(uploads(disk), [
      "4 `multer.diskStorage` stores files uploaded to POST /patients/:id/scans unencrypted in `'uploads/scans'`.",
    ]);
    const dest = `import multer from 'multer';
import express from 'express';
const router = express.Router();
const upload = multer({ dest: 'uploads/' });
router.post('/dossiers/import', upload.array('files'), importDossiers);`;
    assert.equal(uploads(dest).length, 1);
    const form = `import formidable from 'formidable';
import express from 'express';
const router = express.Router();
router.post('/patients/:id/documents', (req, res) => {
  const form = formidable({ uploadDir: './documents' });
  form.parse(req, () => res.end());
});`;
    assert.equal(uploads(form).length, 1);
  });

  it('quiet for uploads of routes that serve no patient data, or no route at all', () => {
    assert.deepEqual(
      uploads(`import multer from 'multer';
import express from 'express';
const router = express.Router();
const upload = multer({ dest: 'uploads/' });
router.post('/settings/logo', upload.single('logo'), saveLogo);
const unused = multer({ dest: 'tmp/' });`),
      [],
    );
  });

  it('an upload module exported to routes of other modules (`module.exports = upload`)', () => {
    const root = mkdtempSync(join(tmpdir(), 'hdl-upload-'));
    try {
      clearProjectGraphCache();
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'hospital' }));
      mkdirSync(join(root, 'utils'));
      mkdirSync(join(root, 'routes'));
      const config = `const multer = require('multer');
const storage = multer.diskStorage({
  destination: function (req, file, cb) { cb(null, '../frontend/public/images'); },
});
const upload = multer({ storage: storage });
module.exports = upload;`;
      writeFileSync(join(root, 'utils/multerConfig.js'), config);
      const route = (sql: string) =>
        writeFileSync(
          join(root, 'routes/registerRoute.js'),
          `const express = require('express');
const router = express.Router();
const upload = require('../utils/multerConfig');
router.post('/', upload.single('profile_image'), (req, res) => {
  const { first_name, date_of_birth, blood_group } = req.body;
  connection.query(${JSON.stringify(sql)}, [first_name, date_of_birth, blood_group]);
});
module.exports = router;`,
        );
      const lint = () =>
        new Linter({ configType: 'flat', cwd: root })
          .verify(config, plugin.configs.recommended as Linter.Config[], {
            filename: join(root, 'utils/multerConfig.js'),
          })
          .map((m) => `${m.line} ${m.message}`);
      route('INSERT INTO patients (first_name, date_of_birth, blood_group) VALUES (?, ?, ?)');
      assert.deepEqual(lint(), [
        "2 `multer.diskStorage` stores files uploaded to POST / in registerRoute.js unencrypted in `'../frontend/public/images'`.",
      ]);
      // The server that serves that folder: no-public-data-directory, by the uploads landing there.
      const server = `const express = require('express');
const path = require('path');
const app = express();
app.use('/images', express.static(path.join(__dirname, '../frontend/public/images')));
app.use('/assets', express.static(path.join(__dirname, '../frontend/public/assets')));`;
      assert.deepEqual(
        new Linter({ configType: 'flat', cwd: root })
          .verify(server, plugin.configs.recommended as Linter.Config[], {
            filename: join(root, 'Server.js'),
          })
          .map((m) => `${m.line} ${m.message}`),
        [
          '4 `express.static` serves `public/images` unauthenticated, where POST / in registerRoute.js stores its uploads.',
        ],
      );
      clearProjectGraphCache();
      writeFileSync(
        join(root, 'routes/registerRoute.js'),
        `const express = require('express');
const router = express.Router();
const upload = require('../utils/multerConfig');
router.post('/', upload.single('banner'), (req, res) => {
  connection.query('INSERT INTO banners (title) VALUES (?)', [req.body.title]);
});`,
      );
      assert.deepEqual(lint(), []);
    } finally {
      clearProjectGraphCache();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** A script regenerating test fixtures writes what the tests read, not records (storage-writes.ts). */
describe('model/storage-writes: writes into a test folder', () => {
  it('a file written under test/ or fixtures/ is a fixture; the same write elsewhere is reported', () => {
    const script = (folder: string) => `import * as fs from 'fs';
import * as path from 'path';
const dataDir = path.join(__dirname, '${folder}');
export function regenerate(patientRecordItems: Patient[]) {
  fs.writeFileSync(path.join(dataDir, 'patient-record.json'), JSON.stringify(patientRecordItems));
}`;
    assert.deepEqual(uploads(script('../test/data'), 'scripts/regenerate.ts'), []);
    assert.deepEqual(uploads(script('../fixtures'), 'scripts/regenerate.ts'), []);
    assert.equal(uploads(script('../exports'), 'scripts/regenerate.ts').length, 1);
  });
});
