import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unencrypted-write';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

type Options = [{ checkDatabaseWrites?: boolean }];
type MessageIds =
  | 'fileWrite'
  | 'browserStorage'
  | 'cacheWrite'
  | 'objectStorage'
  | 'databaseField'
  | 'wrapInEncryption'
  | 'addServerSideEncryption'
  | 'removeBrowserWrite';

/** The project's encryption helper, as healthdata.config.json declares it (paths relative to the config). */
const withEncryptionFix = {
  healthData: { encryption: { fix: { name: 'encryptForStorage', import: './security/crypto' } } },
};
const strict: Options = [{ checkDatabaseWrites: true }];

const valid: ValidTestCase<Options>[] = [
  // Sink summaries (issue 19): a project helper that writes what it is given.
  {
    code: `import { createObjectCsvWriter } from 'csv-writer';
async function writeCsv(path, header, data) {
  await createObjectCsvWriter({ path, header }).writeRecords(data);
}
export async function totals(db) {
  const [rows] = await db.query('SELECT COUNT(*) AS n FROM patients');
  await writeCsv('/tmp/totals.csv', [], [{ n: rows.length }]);
}`,
  },
  {
    code: `import { createObjectCsvWriter } from 'csv-writer';
async function writeCsv(path, header, data) {
  await createObjectCsvWriter({ path, header }).writeRecords(data);
}
export async function exportAll(db) {
  const [patientList] = await db.query('SELECT nom, nir FROM patients');
  await writeCsv('/tmp/p.csv', [], encryptRows(patientList));
}`,
  },
  {
    code: `import { writeFileSync } from 'fs';
import { encryptForStorage } from './security/crypto';
export function save(patient) {
  writeFileSync('/tmp/p.json', encryptForStorage(JSON.stringify(patient)));
}`,
  },
  {
    code: `import { writeFile } from 'fs/promises';
import { createCipheriv } from 'crypto';
export async function save(patient, key, iv) {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(patient)), cipher.final()]);
  await writeFile('/tmp/p.bin', data);
}`,
  },
  {
    code: `import { writeFileSync } from 'fs';
export function save(patients) {
  writeFileSync('/tmp/count.txt', String(patients.length));
}`,
  },
  {
    code: `import { writeFileSync } from 'fs';
export function save(patient) {
  writeFileSync('/tmp/id.txt', patient.id);
}`,
  },
  {
    code: `import { writeFileSync } from 'fs';
export function save(config) {
  writeFileSync('/tmp/config.json', JSON.stringify(config));
}`,
  },
  {
    code: `import { writeFileSync } from 'fs';
export function save(patients) {
  writeFileSync('/tmp/has.txt', patients.some((p) => p.hivStatus === 'positive') ? 'yes' : 'no');
}`,
  },
  {
    code: `export function writeFileSync(path: string, data: string) { return path + data; }
export function save(patient) {
  writeFileSync('/tmp/p.json', JSON.stringify(patient));
}`,
  },
  {
    code: `import { writeFileSync } from './my-fs';
export function save(patient) {
  writeFileSync('/tmp/p.json', JSON.stringify(patient));
}`,
  },
  {
    code: `import { readFileSync } from 'fs';
export function load(patient) {
  return readFileSync(\`/tmp/\${patient.id}.json\`, 'utf8');
}`,
  },
  // the path is not the written content
  {
    code: `import { writeFileSync } from 'fs';
export function save(patient) {
  writeFileSync(\`/tmp/\${patient.nir}.lock\`, '');
}`,
  },
  {
    code: `import { createWriteStream } from 'fs';
export function dump(lines: string[]) {
  const out = createWriteStream('/tmp/app.log');
  for (const line of lines) out.write(line);
  out.end();
}`,
  },
  {
    code: `import { createWriteStream } from 'fs';
export function dump(patient) {
  const out = createWriteStream('/tmp/p.bin');
  out.write(encryptForStorage(JSON.stringify(patient)));
}`,
  },
  {
    code: `import { createWriteStream } from 'fs';
export async function dump() {
  const out = createWriteStream('/tmp/p.bin');
  await new Promise((resolve) => out.end(resolve));
}`,
  },
  // unknown stream (could be a response or a cipher)
  {
    code: `export function write(stream, patient) {
  stream.write(JSON.stringify(patient));
}`,
  },
  {
    code: `export async function dump(patient) {
  await Bun.write('/tmp/p.json', await encryptForStorage(JSON.stringify(patient)));
}`,
  },
  {
    code: `import ExcelJS from 'exceljs';
export async function report(patients) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Counts');
  sheet.addRow(['total', patients.length]);
  await workbook.xlsx.writeFile('/tmp/counts.xlsx');
}`,
  },
  {
    code: `import ExcelJS from 'exceljs';
export async function report(patients) {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('P').addRows(patients);
  const buffer = await workbook.xlsx.writeBuffer();
  return encryptForStorage(buffer);
}`,
  },
  {
    code: `import * as XLSX from 'xlsx';
export function report(stats) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.json_to_sheet(stats), 'Stats');
  XLSX.writeFile(wb, '/tmp/stats.xlsx');
}`,
  },
  {
    code: `import { createObjectCsvWriter } from 'csv-writer';
export async function report(rows: { day: string; count: number }[]) {
  const writer = createObjectCsvWriter({ path: '/tmp/d.csv', header: [] });
  await writer.writeRecords(rows);
}`,
  },
  {
    code: `export function remember(tab: string) {
  sessionStorage.setItem('openTab', tab);
}`,
  },
  {
    code: `export function remember(patient) {
  sessionStorage.setItem('patientId', String(patient.id));
}`,
  },
  {
    code: `export function remember(patient) {
  localStorage.setItem('patient', encryptForStorage(JSON.stringify(patient)));
}`,
  },
  {
    code: `export function forget() {
  localStorage.removeItem('patient');
  sessionStorage.clear();
}`,
  },
  {
    code: `export function read() {
  return JSON.parse(localStorage.getItem('patient') ?? '{}');
}`,
  },
  {
    code: `export function remember(localStorage: Map<string, string>, patient) {
  localStorage.set('p', patient.nir);
}`,
  },
  {
    code: `const storage = new Map();
export function remember(patient) {
  storage.set('p', JSON.stringify(patient));
}`,
  },
  {
    code: `export function theme(mode: string) {
  document.cookie = \`theme=\${mode}; path=/\`;
}`,
  },
  {
    code: `import Cookies from 'js-cookie';
export function remember(patient) {
  Cookies.set('patientId', String(patient.id));
}`,
  },
  {
    code: `export function cache(db, patient) {
  db.transaction('p', 'readwrite').objectStore('p').put(encryptForStorage(JSON.stringify(patient)));
}`,
  },
  // a Set, not IndexedDB
  {
    code: `export function collect(set: Set<string>, patient) {
  set.add(patient.nir);
}`,
  },
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function cache(patient) {
  await redis.set(\`patient:\${patient.id}\`, await encryptForStorage(JSON.stringify(patient)), 'EX', 900);
}`,
  },
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function count(patients) {
  await redis.set('patients:count', patients.length);
}`,
  },
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function read(patient) {
  return redis.get(\`patient:\${patient.id}\`);
}`,
  },
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function lock(dossier) {
  await redis.set(\`lock:\${dossier.id}\`, '1', 'NX');
}`,
  },
  // unknown cache object (in-memory LRU?)
  {
    code: `export async function cache(cache, patient) {
  await cache.set('p', JSON.stringify(patient));
}`,
  },
  {
    code: `import { PutObjectCommand } from '@aws-sdk/client-s3';
export async function archive(s3, dossier) {
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: JSON.stringify(dossier), ServerSideEncryption: 'aws:kms' }));
}`,
  },
  {
    code: `import { PutObjectCommand } from '@aws-sdk/client-s3';
export async function archive(s3, dossier, keyId) {
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: JSON.stringify(dossier), SSEKMSKeyId: keyId }));
}`,
  },
  {
    code: `import { PutObjectCommand } from '@aws-sdk/client-s3';
export async function archive(s3, dossier) {
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: encryptForStorage(JSON.stringify(dossier)) }));
}`,
  },
  // spread parameters may carry SSE
  {
    code: `import { PutObjectCommand } from '@aws-sdk/client-s3';
export async function archive(s3, defaults, dossier) {
  await s3.send(new PutObjectCommand({ ...defaults, Key: 'k', Body: JSON.stringify(dossier) }));
}`,
  },
  {
    code: `import { PutObjectCommand } from '@aws-sdk/client-s3';
export async function publish(s3, html: string) {
  await s3.send(new PutObjectCommand({ Bucket: 'site', Key: 'index.html', Body: html }));
}`,
  },
  {
    code: `import { Upload } from '@aws-sdk/lib-storage';
export async function archive(client, patients) {
  await new Upload({ client, params: { Bucket: 'b', Key: 'k', Body: JSON.stringify(patients), ServerSideEncryption: 'aws:kms' } }).done();
}`,
  },
  {
    code: `import { Storage } from '@google-cloud/storage';
const storage = new Storage();
export async function archive(patient, kmsKeyName: string) {
  await storage.bucket('lab').file('p.json').save(JSON.stringify(patient), { kmsKeyName });
}`,
  },
  {
    code: `import { Storage } from '@google-cloud/storage';
const storage = new Storage();
export async function upload(extractPath: string) {
  await storage.bucket('lab').upload(extractPath);
}`,
  },
  // MinIO with server-side encryption asked in the object's metadata
  {
    code: `import * as Minio from 'minio';
const minio = new Minio.Client({ endPoint: 'files.lab' });
export async function archive(patient) {
  const body = JSON.stringify(patient);
  await minio.putObject('lab', 'p.json', body, body.length, { 'X-Amz-Server-Side-Encryption': 'aws:kms' });
}`,
  },
  // database writes only with checkDatabaseWrites
  {
    code: `export async function create(prisma, dto) {
  await prisma.patient.create({ data: { nom: dto.nom, nir: dto.nir } });
}`,
  },
  {
    code: `export async function create(prisma, dto) {
  await prisma.patient.create({ data: { nom: dto.nom, nir: encryptForStorage(dto.nir) } });
}`,
    options: strict,
  },
  {
    code: `export async function create(pool, p) {
  await pool.query('INSERT INTO patients (nom, nir) VALUES ($1, pgp_sym_encrypt($2, $3))', [p.nom, p.nir, key]);
}`,
    options: strict,
  },
  // identity fields are not special-category
  {
    code: `export async function create(pool, p) {
  await pool.query('INSERT INTO patients (nom, prenom) VALUES ($1, $2)', [p.nom, p.prenom]);
}`,
    options: strict,
  },
  {
    code: `export async function create(pool, p, key) {
  await pool.query('UPDATE patients SET nir = $1 WHERE id = $2', [encrypt(p.nir, key), p.id]);
}`,
    options: strict,
  },
  {
    code: `export async function close(settings) {
  await settings.update({ theme: 'dark' });
}`,
    options: strict,
  },
  {
    code: `export async function clear(pool, id) {
  await pool.query('UPDATE patients SET nir = NULL WHERE id = $1', [id]);
}`,
    options: strict,
  },
  // incomplete calls do not crash
  {
    code: `import { writeFileSync } from 'fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
export function partial() {
  writeFileSync();
  localStorage.setItem('x');
  document.cookie = undefined;
  return new PutObjectCommand();
}`,
  },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  // Sink summaries (issue 19): the call hands patient records to a helper that writes them.
  {
    code: `import { createObjectCsvWriter } from 'csv-writer';
async function writeCsv(path, header, data) {
  await createObjectCsvWriter({ path, header }).writeRecords(data);
}
export async function exportAll(db) {
  const [patientList] = await db.query('SELECT nom, nir FROM patients');
  await writeCsv('/tmp/p.csv', [], patientList);
}`,
    errors: [
      {
        messageId: 'fileWrite',
        data: { data: 'patient record from `patientList`', sink: 'writeCsv()', store: '' },
        line: 7,
        column: 36,
        endLine: 7,
        endColumn: 47,
      },
    ],
  },
  {
    code: `import { writeFileSync } from 'fs';
export function save(patient) {
  writeFileSync('/tmp/p.json', JSON.stringify(patient));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 3,
        column: 32,
        endLine: 3,
        endColumn: 55,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { writeFileSync } from 'fs';
import { encryptForStorage } from './security/crypto';
export function save(patient) {
  writeFileSync('/tmp/p.json', encryptForStorage(JSON.stringify(patient)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { writeFile } from 'fs/promises';
export async function save(patient) {
  await writeFile('/tmp/p.json', JSON.stringify(patient));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 3,
        column: 34,
        endLine: 3,
        endColumn: 57,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { writeFile } from 'fs/promises';
import { encryptForStorage } from './security/crypto';
export async function save(patient) {
  await writeFile('/tmp/p.json', encryptForStorage(JSON.stringify(patient)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import * as fs from 'node:fs';
export async function save(dossier) {
  await fs.promises.writeFile('/tmp/d.json', JSON.stringify(dossier));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 3,
        column: 46,
        endLine: 3,
        endColumn: 69,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import * as fs from 'node:fs';
import { encryptForStorage } from './security/crypto';
export async function save(dossier) {
  await fs.promises.writeFile('/tmp/d.json', encryptForStorage(JSON.stringify(dossier)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import fs from 'fs';
export function append(patient) {
  fs.appendFileSync('/var/log/extract.csv', patient.nom + ';' + patient.nir + '\\n');
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 3,
        column: 45,
        endLine: 3,
        endColumn: 83,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import fs from 'fs';
import { encryptForStorage } from './security/crypto';
export function append(patient) {
  fs.appendFileSync('/var/log/extract.csv', encryptForStorage(patient.nom + ';' + patient.nir + '\\n'));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const { writeFileSync: save } = require('fs');
function exporter(patient) {
  save('/tmp/p.csv', \`\${patient.nom};\${patient.nir}\`);
}
module.exports = { exporter };`,
    filename: 'src/jobs/export.cjs',
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 3,
        column: 22,
        endLine: 3,
        endColumn: 53,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `const { writeFileSync: save } = require('fs');
const { encryptForStorage } = require('../../security/crypto');
function exporter(patient) {
  save('/tmp/p.csv', encryptForStorage(\`\${patient.nom};\${patient.nir}\`));
}
module.exports = { exporter };`,
          },
        ],
      },
    ],
  },
  {
    code: `const fs = require('node:fs');
const { promises: fsp } = fs;
async function exporter(patients) {
  await fsp.writeFile('/tmp/p.json', JSON.stringify(patients));
}
module.exports = { exporter };`,
    filename: 'src/jobs/export.cjs',
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 4,
        column: 38,
        endLine: 4,
        endColumn: 62,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `const fs = require('node:fs');
const { encryptForStorage } = require('../../security/crypto');
const { promises: fsp } = fs;
async function exporter(patients) {
  await fsp.writeFile('/tmp/p.json', encryptForStorage(JSON.stringify(patients)));
}
module.exports = { exporter };`,
          },
        ],
      },
    ],
  },
  {
    code: `import fse from 'fs-extra';
export async function stage(patients) {
  await fse.outputJson('/var/staging/patients.json', patients);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 3,
        column: 54,
        endLine: 3,
        endColumn: 62,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import fse from 'fs-extra';
import { encryptForStorage } from './security/crypto';
export async function stage(patients) {
  await fse.outputJson('/var/staging/patients.json', encryptForStorage(patients));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const { outputFile } = require('fs-extra');
async function stage(dossier) {
  await outputFile('/var/staging/d.txt', dossier.diagnostic);
}
module.exports = stage;`,
    filename: 'src/stage.js',
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 3,
        column: 42,
        endLine: 3,
        endColumn: 60,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `const { outputFile } = require('fs-extra');
const { encryptForStorage } = require('../security/crypto');
async function stage(dossier) {
  await outputFile('/var/staging/d.txt', encryptForStorage(dossier.diagnostic));
}
module.exports = stage;`,
          },
        ],
      },
    ],
  },
  {
    code: `import { writeJson } from 'fs-extra';
export async function stage(resultats: LabResult[]) {
  await writeJson('/var/staging/results.json', resultats);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 3,
        column: 48,
        endLine: 3,
        endColumn: 57,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { writeJson } from 'fs-extra';
import { encryptForStorage } from './security/crypto';
export async function stage(resultats: LabResult[]) {
  await writeJson('/var/staging/results.json', encryptForStorage(resultats));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { writeFileSync } from 'fs';
export async function run(pool) {
  const result = await pool.query('SELECT nom, nir, statut_vih FROM patients');
  const rows = result.rows;
  const csv = rows.map((r) => [r.nom, r.nir, r.statut_vih].join(';')).join('\\n');
  writeFileSync('/tmp/export.csv', csv);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 6,
        column: 36,
        endLine: 6,
        endColumn: 39,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { writeFileSync } from 'fs';
import { encryptForStorage } from './security/crypto';
export async function run(pool) {
  const result = await pool.query('SELECT nom, nir, statut_vih FROM patients');
  const rows = result.rows;
  const csv = rows.map((r) => [r.nom, r.nir, r.statut_vih].join(';')).join('\\n');
  writeFileSync('/tmp/export.csv', encryptForStorage(csv));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { writeFile } from 'fs';
export function run(db) {
  db.query('SELECT * FROM dossiers', (err, rows) => {
    const payload = JSON.stringify(rows);
    writeFile('/tmp/dossiers.json', payload, () => {});
  });
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 5,
        column: 37,
        endLine: 5,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { writeFile } from 'fs';
import { encryptForStorage } from './security/crypto';
export function run(db) {
  db.query('SELECT * FROM dossiers', (err, rows) => {
    const payload = JSON.stringify(rows);
    writeFile('/tmp/dossiers.json', encryptForStorage(payload), () => {});
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { writeFileSync } from 'fs';
export async function run(prisma) {
  const patients = await prisma.patient.findMany();
  patients.forEach((p) => writeFileSync(\`/tmp/\${p.id}.txt\`, p.dateNaissance));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 4,
        column: 61,
        endLine: 4,
        endColumn: 76,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { writeFileSync } from 'fs';
import { encryptForStorage } from './security/crypto';
export async function run(prisma) {
  const patients = await prisma.patient.findMany();
  patients.forEach((p) => writeFileSync(\`/tmp/\${p.id}.txt\`, encryptForStorage(p.dateNaissance)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { createWriteStream } from 'fs';
export function dump(patients) {
  const out = createWriteStream('/tmp/patients.hl7');
  for (const patient of patients) {
    out.write(\`PID|\${patient.nom}^\${patient.prenom}|\${patient.nir}\\r\`);
  }
  out.end();
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 5,
        column: 15,
        endLine: 5,
        endColumn: 70,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { createWriteStream } from 'fs';
import { encryptForStorage } from './security/crypto';
export function dump(patients) {
  const out = createWriteStream('/tmp/patients.hl7');
  for (const patient of patients) {
    out.write(encryptForStorage(\`PID|\${patient.nom}^\${patient.prenom}|\${patient.nir}\\r\`));
  }
  out.end();
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import fs from 'fs';
export function dump(patient) {
  fs.createWriteStream('/tmp/p.txt').end(patient.groupeSanguin);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 3,
        column: 42,
        endLine: 3,
        endColumn: 63,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import fs from 'fs';
import { encryptForStorage } from './security/crypto';
export function dump(patient) {
  fs.createWriteStream('/tmp/p.txt').end(encryptForStorage(patient.groupeSanguin));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { open } from 'fs/promises';
export async function dump(patient) {
  const handle = await open('/tmp/p.txt', 'w');
  await handle.writeFile(JSON.stringify(patient));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 49,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { open } from 'fs/promises';
import { encryptForStorage } from './security/crypto';
export async function dump(patient) {
  const handle = await open('/tmp/p.txt', 'w');
  await handle.writeFile(encryptForStorage(JSON.stringify(patient)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function dump(patient) {
  await Bun.write('/tmp/p.json', JSON.stringify(patient));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 2,
        column: 34,
        endLine: 2,
        endColumn: 57,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export async function dump(patient) {
  await Bun.write('/tmp/p.json', encryptForStorage(JSON.stringify(patient)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import ExcelJS from 'exceljs';
export async function report(patients) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Patients');
  sheet.addRows(patients);
  await workbook.xlsx.writeFile('/tmp/patients.xlsx');
}`,
    errors: [
      { messageId: 'fileWrite', line: 6, column: 9, endLine: 6, endColumn: 32, suggestions: [] },
    ],
  },
  {
    code: `import { Workbook } from 'exceljs';
export async function report(patient) {
  const wb = new Workbook();
  wb.addWorksheet('x').getCell('A1').value = patient.nir;
  await wb.csv.writeFile('/tmp/p.csv');
}`,
    errors: [
      { messageId: 'fileWrite', line: 5, column: 9, endLine: 5, endColumn: 25, suggestions: [] },
    ],
  },
  {
    code: `import * as XLSX from 'xlsx';
export function report(patients) {
  const ws = XLSX.utils.json_to_sheet(patients);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Patients');
  XLSX.writeFile(wb, '/tmp/patients.xlsx');
}`,
    errors: [
      { messageId: 'fileWrite', line: 6, column: 3, endLine: 6, endColumn: 17, suggestions: [] },
    ],
  },
  {
    code: `import { createObjectCsvWriter } from 'csv-writer';
export async function report(dossiers) {
  const writer = createObjectCsvWriter({ path: '/tmp/d.csv', header: [] });
  await writer.writeRecords(dossiers);
}`,
    errors: [
      { messageId: 'fileWrite', line: 4, column: 29, endLine: 4, endColumn: 37, suggestions: [] },
    ],
  },
  {
    code: `export function remember(patient) {
  localStorage.setItem('patient', JSON.stringify(patient));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 2,
        column: 35,
        endLine: 2,
        endColumn: 58,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export function remember(patient) {
  localStorage.setItem('patient', encryptForStorage(JSON.stringify(patient)));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `export function remember(patient) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function remember(dossier) {
  window.sessionStorage.setItem('dossier', JSON.stringify(dossier));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 2,
        column: 44,
        endLine: 2,
        endColumn: 67,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export function remember(dossier) {
  window.sessionStorage.setItem('dossier', encryptForStorage(JSON.stringify(dossier)));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `export function remember(dossier) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function remember(patient) {
  localStorage['nir'] = patient.nir;
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 2,
        column: 25,
        endLine: 2,
        endColumn: 36,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export function remember(patient) {
  localStorage['nir'] = encryptForStorage(patient.nir);
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `export function remember(patient) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function remember(patient) {
  localStorage.diagnostic = patient.diagnostic;
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 2,
        column: 29,
        endLine: 2,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export function remember(patient) {
  localStorage.diagnostic = encryptForStorage(patient.diagnostic);
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `export function remember(patient) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function remember(patient) {
  const store = globalThis.localStorage;
  store.setItem('bloodType', patient.bloodType);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 3,
        column: 30,
        endLine: 3,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export function remember(patient) {
  const store = globalThis.localStorage;
  store.setItem('bloodType', encryptForStorage(patient.bloodType));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `export function remember(patient) {
  const store = globalThis.localStorage;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function remember(patient) {
  document.cookie = \`nir=\${patient.nir}; path=/\`;
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 2,
        column: 21,
        endLine: 2,
        endColumn: 49,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export function remember(patient) {
  document.cookie = \`nir=\${encryptForStorage(patient.nir)}; path=/\`;
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `export function remember(patient) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import Cookies from 'js-cookie';
export function remember(patient) {
  Cookies.set('patientName', patient.nom);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 3,
        column: 30,
        endLine: 3,
        endColumn: 41,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import Cookies from 'js-cookie';
import { encryptForStorage } from './security/crypto';
export function remember(patient) {
  Cookies.set('patientName', encryptForStorage(patient.nom));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `import Cookies from 'js-cookie';
export function remember(patient) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { setCookie } from 'cookies-next';
export function remember(patient) {
  setCookie('dob', patient.dateOfBirth);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 3,
        column: 20,
        endLine: 3,
        endColumn: 39,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { setCookie } from 'cookies-next';
import { encryptForStorage } from './security/crypto';
export function remember(patient) {
  setCookie('dob', encryptForStorage(patient.dateOfBirth));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `import { setCookie } from 'cookies-next';
export function remember(patient) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import Cookies from 'universal-cookie';
const cookies = new Cookies();
export function remember(patient) {
  cookies.set('serologie', patient.serologie);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 4,
        column: 28,
        endLine: 4,
        endColumn: 45,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import Cookies from 'universal-cookie';
import { encryptForStorage } from './security/crypto';
const cookies = new Cookies();
export function remember(patient) {
  cookies.set('serologie', encryptForStorage(patient.serologie));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `import Cookies from 'universal-cookie';
const cookies = new Cookies();
export function remember(patient) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function cache(db, result: LabResult) {
  db.transaction('results', 'readwrite').objectStore('results').put(result);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 2,
        column: 69,
        endLine: 2,
        endColumn: 75,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export function cache(db, result: LabResult) {
  db.transaction('results', 'readwrite').objectStore('results').put(encryptForStorage(result));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `export function cache(db, result: LabResult) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function cache(db, patient) {
  const store = db.transaction('patients', 'readwrite').objectStore('patients');
  store.add({ id: patient.id, nir: patient.nir });
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 3,
        column: 13,
        endLine: 3,
        endColumn: 49,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export function cache(db, patient) {
  const store = db.transaction('patients', 'readwrite').objectStore('patients');
  store.add({ id: patient.id, nir: encryptForStorage(patient.nir) });
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `export function cache(db, patient) {
  const store = db.transaction('patients', 'readwrite').objectStore('patients');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { openDB } from 'idb';
export async function cache(patient) {
  const db = await openDB('lab', 1);
  await db.put('patients', patient.dossier);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 4,
        column: 28,
        endLine: 4,
        endColumn: 43,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { openDB } from 'idb';
import { encryptForStorage } from './security/crypto';
export async function cache(patient) {
  const db = await openDB('lab', 1);
  await db.put('patients', encryptForStorage(patient.dossier));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `import { openDB } from 'idb';
export async function cache(patient) {
  const db = await openDB('lab', 1);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import Dexie from 'dexie';
class LabDb extends Dexie {}
const db = new LabDb('lab');
export async function cache(ordonnance: Ordonnance) {
  await db.table('ordonnances').put(ordonnance);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 5,
        column: 37,
        endLine: 5,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import Dexie from 'dexie';
import { encryptForStorage } from './security/crypto';
class LabDb extends Dexie {}
const db = new LabDb('lab');
export async function cache(ordonnance: Ordonnance) {
  await db.table('ordonnances').put(encryptForStorage(ordonnance));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `import Dexie from 'dexie';
class LabDb extends Dexie {}
const db = new LabDb('lab');
export async function cache(ordonnance: Ordonnance) {
}`,
          },
        ],
      },
    ],
  },
  {
    // idb-keyval: set(key, value) stores the value in IndexedDB.
    code: `import { set } from 'idb-keyval';
export async function keep(patient: Patient) {
  await set(\`patient:\${patient.id}\`, patient);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 3,
        column: 38,
        endLine: 3,
        endColumn: 45,
        data: { data: 'patient record from `patient`', sink: 'set', store: 'IndexedDB' },
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { set } from 'idb-keyval';
import { encryptForStorage } from './security/crypto';
export async function keep(patient: Patient) {
  await set(\`patient:\${patient.id}\`, encryptForStorage(patient));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `import { set } from 'idb-keyval';
export async function keep(patient: Patient) {
}`,
          },
        ],
      },
    ],
  },
  {
    // localForage: setItem(key, value), on the default instance and on createInstance().
    code: `const localforage = require('localforage');
const store = localforage.createInstance({ name: 'lab' });
async function keep(patient) {
  await store.setItem('last', patient);
}`,
    errors: [
      {
        messageId: 'browserStorage',
        line: 4,
        column: 31,
        endColumn: 38,
        suggestions: [
          {
            messageId: 'removeBrowserWrite',
            output: `const localforage = require('localforage');
const store = localforage.createInstance({ name: 'lab' });
async function keep(patient) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function cache(patient) {
  await redis.set(\`patient:\${patient.id}\`, JSON.stringify(patient));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'cacheWrite',
        line: 4,
        column: 44,
        endLine: 4,
        endColumn: 67,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import Redis from 'ioredis';
import { encryptForStorage } from './security/crypto';
const redis = new Redis();
export async function cache(patient) {
  await redis.set(\`patient:\${patient.id}\`, encryptForStorage(JSON.stringify(patient)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function cache(patient) {
  await redis.setex(\`patient:\${patient.id}\`, 900, JSON.stringify(patient));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'cacheWrite',
        line: 4,
        column: 51,
        endLine: 4,
        endColumn: 74,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import Redis from 'ioredis';
import { encryptForStorage } from './security/crypto';
const redis = new Redis();
export async function cache(patient) {
  await redis.setex(\`patient:\${patient.id}\`, 900, encryptForStorage(JSON.stringify(patient)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { createClient } from 'redis';
const client = createClient();
export async function cache(patient) {
  await client.hSet(\`patient:\${patient.id}\`, { nom: patient.nom, nir: patient.nir });
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'cacheWrite',
        line: 4,
        column: 46,
        endLine: 4,
        endColumn: 84,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { createClient } from 'redis';
import { encryptForStorage } from './security/crypto';
const client = createClient();
export async function cache(patient) {
  await client.hSet(\`patient:\${patient.id}\`, { nom: encryptForStorage(patient.nom), nir: encryptForStorage(patient.nir) });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import Redis from 'ioredis';
export class PatientCache {
  private readonly redis = new Redis();
  async push(patient) {
    await this.redis.lpush('queue', JSON.stringify(patient));
  }
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'cacheWrite',
        line: 5,
        column: 37,
        endLine: 5,
        endColumn: 60,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import Redis from 'ioredis';
import { encryptForStorage } from './security/crypto';
export class PatientCache {
  private readonly redis = new Redis();
  async push(patient) {
    await this.redis.lpush('queue', encryptForStorage(JSON.stringify(patient)));
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import type Redis from 'ioredis';
export async function track(redis: Redis, dossier) {
  await redis.sadd('dossiers', dossier.numeroSecuriteSociale);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'cacheWrite',
        line: 3,
        column: 32,
        endLine: 3,
        endColumn: 61,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import type Redis from 'ioredis';
import { encryptForStorage } from './security/crypto';
export async function track(redis: Redis, dossier) {
  await redis.sadd('dossiers', encryptForStorage(dossier.numeroSecuriteSociale));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function stream(patient) {
  await redis.xadd('events', '*', 'diagnosis', patient.diagnosis);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'cacheWrite',
        line: 4,
        column: 48,
        endLine: 4,
        endColumn: 65,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import Redis from 'ioredis';
import { encryptForStorage } from './security/crypto';
const redis = new Redis();
export async function stream(patient) {
  await redis.xadd('events', '*', 'diagnosis', encryptForStorage(patient.diagnosis));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import Redis from 'ioredis';
const redis = new Redis();
export async function cache(patient) {
  await redis.multi().rpush('q', patient.traitement).exec();
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'cacheWrite',
        line: 4,
        column: 34,
        endLine: 4,
        endColumn: 52,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import Redis from 'ioredis';
import { encryptForStorage } from './security/crypto';
const redis = new Redis();
export async function cache(patient) {
  await redis.multi().rpush('q', encryptForStorage(patient.traitement)).exec();
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const Memcached = require('memcached');
const memcached = new Memcached('localhost:11211');
function cache(patient) {
  memcached.set(\`p:\${patient.id}\`, JSON.stringify(patient), 600, () => {});
}
module.exports = cache;`,
    filename: 'src/cache.js',
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'cacheWrite',
        line: 4,
        column: 36,
        endLine: 4,
        endColumn: 59,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `const Memcached = require('memcached');
const { encryptForStorage } = require('../security/crypto');
const memcached = new Memcached('localhost:11211');
function cache(patient) {
  memcached.set(\`p:\${patient.id}\`, encryptForStorage(JSON.stringify(patient)), 600, () => {});
}
module.exports = cache;`,
          },
        ],
      },
    ],
  },
  {
    code: `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export async function archive(dossier) {
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: JSON.stringify(dossier) }));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'objectStorage',
        line: 4,
        column: 69,
        endLine: 4,
        endColumn: 92,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { encryptForStorage } from './security/crypto';
const s3 = new S3Client({});
export async function archive(dossier) {
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: encryptForStorage(JSON.stringify(dossier)) }));
}`,
          },
          {
            messageId: 'addServerSideEncryption',
            output: `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export async function archive(dossier) {
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: JSON.stringify(dossier), ServerSideEncryption: 'aws:kms' }));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { PutObjectCommand } from '@aws-sdk/client-s3';
export async function archive(s3, dossier) {
  await s3.send(
    new PutObjectCommand({
      Bucket: 'b',
      Key: 'k',
      Body: JSON.stringify(dossier),
    }),
  );
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'objectStorage',
        line: 7,
        column: 13,
        endLine: 7,
        endColumn: 36,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { PutObjectCommand } from '@aws-sdk/client-s3';
import { encryptForStorage } from './security/crypto';
export async function archive(s3, dossier) {
  await s3.send(
    new PutObjectCommand({
      Bucket: 'b',
      Key: 'k',
      Body: encryptForStorage(JSON.stringify(dossier)),
    }),
  );
}`,
          },
          {
            messageId: 'addServerSideEncryption',
            output: `import { PutObjectCommand } from '@aws-sdk/client-s3';
export async function archive(s3, dossier) {
  await s3.send(
    new PutObjectCommand({
      Bucket: 'b',
      Key: 'k',
      Body: JSON.stringify(dossier),
      ServerSideEncryption: 'aws:kms',
    }),
  );
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { PutObjectCommand } from '@aws-sdk/client-s3';
export async function archive(s3, patient) {
  const params = { Bucket: 'b', Key: 'k', Body: patient.nir };
  await s3.send(new PutObjectCommand(params));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'objectStorage',
        line: 3,
        column: 49,
        endLine: 3,
        endColumn: 60,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { PutObjectCommand } from '@aws-sdk/client-s3';
import { encryptForStorage } from './security/crypto';
export async function archive(s3, patient) {
  const params = { Bucket: 'b', Key: 'k', Body: encryptForStorage(patient.nir) };
  await s3.send(new PutObjectCommand(params));
}`,
          },
          {
            messageId: 'addServerSideEncryption',
            output: `import { PutObjectCommand } from '@aws-sdk/client-s3';
export async function archive(s3, patient) {
  const params = { Bucket: 'b', Key: 'k', Body: patient.nir, ServerSideEncryption: 'aws:kms' as const };
  await s3.send(new PutObjectCommand(params));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { Upload } from '@aws-sdk/lib-storage';
export async function archive(client, patients) {
  await new Upload({ client, params: { Bucket: 'b', Key: 'k', Body: JSON.stringify(patients) } }).done();
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'objectStorage',
        line: 3,
        column: 69,
        endLine: 3,
        endColumn: 93,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { Upload } from '@aws-sdk/lib-storage';
import { encryptForStorage } from './security/crypto';
export async function archive(client, patients) {
  await new Upload({ client, params: { Bucket: 'b', Key: 'k', Body: encryptForStorage(JSON.stringify(patients)) } }).done();
}`,
          },
          {
            messageId: 'addServerSideEncryption',
            output: `import { Upload } from '@aws-sdk/lib-storage';
export async function archive(client, patients) {
  await new Upload({ client, params: { Bucket: 'b', Key: 'k', Body: JSON.stringify(patients), ServerSideEncryption: 'aws:kms' } }).done();
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
async function archive(dossier) {
  await s3.putObject({ Bucket: 'b', Key: 'k', Body: JSON.stringify(dossier) }).promise();
}
module.exports = archive;`,
    filename: 'src/archive.js',
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'objectStorage',
        line: 4,
        column: 53,
        endLine: 4,
        endColumn: 76,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `const AWS = require('aws-sdk');
const { encryptForStorage } = require('../security/crypto');
const s3 = new AWS.S3();
async function archive(dossier) {
  await s3.putObject({ Bucket: 'b', Key: 'k', Body: encryptForStorage(JSON.stringify(dossier)) }).promise();
}
module.exports = archive;`,
          },
          {
            messageId: 'addServerSideEncryption',
            output: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
async function archive(dossier) {
  await s3.putObject({ Bucket: 'b', Key: 'k', Body: JSON.stringify(dossier), ServerSideEncryption: 'aws:kms' }).promise();
}
module.exports = archive;`,
          },
        ],
      },
    ],
  },
  {
    code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
async function archive(dossier) {
  await s3.upload({ Bucket: 'b', Key: 'k', Body: JSON.stringify(dossier) }).promise();
}
module.exports = archive;`,
    filename: 'src/archive.js',
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'objectStorage',
        line: 4,
        column: 50,
        endLine: 4,
        endColumn: 73,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `const AWS = require('aws-sdk');
const { encryptForStorage } = require('../security/crypto');
const s3 = new AWS.S3();
async function archive(dossier) {
  await s3.upload({ Bucket: 'b', Key: 'k', Body: encryptForStorage(JSON.stringify(dossier)) }).promise();
}
module.exports = archive;`,
          },
          {
            messageId: 'addServerSideEncryption',
            output: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
async function archive(dossier) {
  await s3.upload({ Bucket: 'b', Key: 'k', Body: JSON.stringify(dossier), ServerSideEncryption: 'aws:kms' }).promise();
}
module.exports = archive;`,
          },
        ],
      },
    ],
  },
  {
    code: `import { Storage } from '@google-cloud/storage';
const storage = new Storage();
export async function archive(patient) {
  await storage.bucket('lab').file(\`p/\${patient.id}.json\`).save(JSON.stringify(patient));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'objectStorage',
        line: 4,
        column: 65,
        endLine: 4,
        endColumn: 88,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { Storage } from '@google-cloud/storage';
import { encryptForStorage } from './security/crypto';
const storage = new Storage();
export async function archive(patient) {
  await storage.bucket('lab').file(\`p/\${patient.id}.json\`).save(encryptForStorage(JSON.stringify(patient)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { BlobServiceClient } from '@azure/storage-blob';
const service = BlobServiceClient.fromConnectionString(process.env.AZ ?? '');
export async function archive(patient) {
  const body = JSON.stringify(patient);
  await service.getContainerClient('lab').getBlockBlobClient('p.json').upload(body, body.length);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'objectStorage',
        line: 5,
        column: 79,
        endLine: 5,
        endColumn: 83,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { BlobServiceClient } from '@azure/storage-blob';
import { encryptForStorage } from './security/crypto';
const service = BlobServiceClient.fromConnectionString(process.env.AZ ?? '');
export async function archive(patient) {
  const body = JSON.stringify(patient);
  await service.getContainerClient('lab').getBlockBlobClient('p.json').upload(encryptForStorage(body), body.length);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { writeFileSync } from 'fs';
export function save(id: string, name: string) {
  const resource = { resourceType: 'Patient', id, name: [{ family: name }] };
  writeFileSync('/tmp/patient.json', JSON.stringify(resource));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 4,
        column: 38,
        endLine: 4,
        endColumn: 62,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { writeFileSync } from 'fs';
import { encryptForStorage } from './security/crypto';
export function save(id: string, name: string) {
  const resource = { resourceType: 'Patient', id, name: [{ family: name }] };
  writeFileSync('/tmp/patient.json', encryptForStorage(JSON.stringify(resource)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { writeFileSync } from 'fs';
export function save(code: string, value: string) {
  const observation = { resourceType: 'Observation', code: { text: code }, valueString: value };
  writeFileSync('/tmp/obs.json', JSON.stringify(observation));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 4,
        column: 34,
        endLine: 4,
        endColumn: 61,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { writeFileSync } from 'fs';
import { encryptForStorage } from './security/crypto';
export function save(code: string, value: string) {
  const observation = { resourceType: 'Observation', code: { text: code }, valueString: value };
  writeFileSync('/tmp/obs.json', encryptForStorage(JSON.stringify(observation)));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { appendFile } from 'fs/promises';
export async function journal(fiche) {
  const ligne = { nom: fiche.nom, numeroSecu: fiche.num_secu, grossesse: fiche.grossesse };
  await appendFile('/tmp/journal.ndjson', JSON.stringify(ligne) + '\\n');
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 4,
        column: 43,
        endLine: 4,
        endColumn: 71,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { appendFile } from 'fs/promises';
import { encryptForStorage } from './security/crypto';
export async function journal(fiche) {
  const ligne = { nom: fiche.nom, numeroSecu: fiche.num_secu, grossesse: fiche.grossesse };
  await appendFile('/tmp/journal.ndjson', encryptForStorage(JSON.stringify(ligne) + '\\n'));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function remember(patient) {
  sessionStorage.setItem('p', patient.nir);
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'browserStorage',
        line: 2,
        column: 31,
        endLine: 2,
        endColumn: 42,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export function remember(patient) {
  sessionStorage.setItem('p', encryptForStorage(patient.nir));
}`,
          },
          {
            messageId: 'removeBrowserWrite',
            output: `export function remember(patient) {
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { writeFileSync } from 'fs';
import { decrypt } from './crypto';
export function save(patient) {
  writeFileSync('/tmp/p.txt', decrypt(encrypt(patient.nir)));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'fileWrite',
        line: 4,
        column: 31,
        endLine: 4,
        endColumn: 60,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { writeFileSync } from 'fs';
import { decrypt } from './crypto';
import { encryptForStorage } from './security/crypto';
export function save(patient) {
  writeFileSync('/tmp/p.txt', encryptForStorage(decrypt(encrypt(patient.nir))));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function create(prisma, dto) {
  await prisma.patient.create({ data: { nom: dto.nom, nir: dto.nir } });
}`,
    options: strict,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'databaseField',
        line: 2,
        column: 55,
        endLine: 2,
        endColumn: 67,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export async function create(prisma, dto) {
  await prisma.patient.create({ data: { nom: dto.nom, nir: encryptForStorage(dto.nir) } });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function create(pool, p) {
  await pool.query('INSERT INTO patients (nom, nir, statut_vih) VALUES ($1, $2, $3)', [p.nom, p.nir, p.statutVih]);
}`,
    options: strict,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'databaseField',
        line: 2,
        column: 95,
        endLine: 2,
        endColumn: 100,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export async function create(pool, p) {
  await pool.query('INSERT INTO patients (nom, nir, statut_vih) VALUES ($1, $2, $3)', [p.nom, encryptForStorage(p.nir), p.statutVih]);
}`,
          },
        ],
      },
      {
        messageId: 'databaseField',
        line: 2,
        column: 102,
        endLine: 2,
        endColumn: 113,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export async function create(pool, p) {
  await pool.query('INSERT INTO patients (nom, nir, statut_vih) VALUES ($1, $2, $3)', [p.nom, p.nir, encryptForStorage(p.statutVih)]);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function fix(db, id, diagnosis) {
  await db.query('UPDATE dossiers SET diagnosis = ? WHERE id = ?', [diagnosis, id]);
}`,
    options: strict,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'databaseField',
        line: 2,
        column: 69,
        endLine: 2,
        endColumn: 78,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export async function fix(db, id, diagnosis) {
  await db.query('UPDATE dossiers SET diagnosis = ? WHERE id = ?', [encryptForStorage(diagnosis), id]);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function fix(Patient, id, nir) {
  await Patient.updateOne({ _id: id }, { $set: { nir } });
}`,
    options: strict,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'databaseField',
        line: 2,
        column: 50,
        endLine: 2,
        endColumn: 53,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import { encryptForStorage } from './security/crypto';
export async function fix(Patient, id, nir) {
  await Patient.updateOne({ _id: id }, { $set: { nir: encryptForStorage(nir) } });
}`,
          },
        ],
      },
    ],
  }, // MinIO: the object-storage catalogue's putObject(bucket, name, data)
  {
    code: `import * as Minio from 'minio';
const minio = new Minio.Client({ endPoint: 'files.lab' });
export async function archive(patient) {
  await minio.putObject('lab', 'p.json', JSON.stringify(patient));
}`,
    settings: withEncryptionFix,
    errors: [
      {
        messageId: 'objectStorage',
        line: 4,
        column: 42,
        endLine: 4,
        endColumn: 65,
        suggestions: [
          {
            messageId: 'wrapInEncryption',
            data: { helper: 'encryptForStorage' },
            output: `import * as Minio from 'minio';
import { encryptForStorage } from './security/crypto';
const minio = new Minio.Client({ endPoint: 'files.lab' });
export async function archive(patient) {
  await minio.putObject('lab', 'p.json', encryptForStorage(JSON.stringify(patient)));
}`,
          },
        ],
      },
    ],
  },
];

ruleTester.run('no-unencrypted-write', rule, { valid, invalid });

describe('no-unencrypted-write messages', () => {
  it('name the sink and the patient data in one short sentence, never the value', () => {
    const linter = new Linter({ configType: 'flat' });
    const [message] = linter.verify(
      `import { writeFileSync } from 'fs';
export async function run(pool) {
  const result = await pool.query('SELECT nom, nir FROM patients');
  writeFileSync('/tmp/x.csv', result.rows.map((r) => r.nir).join('\\n'));
}`,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: parser as never },
          plugins: { h: { rules: { r: rule as never } } },
          rules: { 'h/r': 'error' },
        },
      ],
      'src/x.ts',
    );
    assert.equal(
      message?.message,
      '`writeFileSync` writes social security number (NIR) to a file unencrypted.',
    );
  });
});
