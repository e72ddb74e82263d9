import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { clearProjectGraphCache } from '../../src/model/project-graph';
import logRule from '../../src/rules/no-patient-data-in-logs';
import { probe } from './probe';

// Summaries of calls into the project's other modules (issue 19), from shapes seen in billing,
// certificate and lab code: helpers that return ids, statuses or file paths for a patient carry
// no patient data; helpers that return the patient's fields or read records do.
const MODULES: Record<string, string> = {
  'package.json': '{ "name": "clinic" }',
  'src/shared/index.ts': `export * from './format';\nexport * from './certificates';\n`,
  'src/shared/format.ts': `
export const labelOf = (patient) => \`Patient/\${patient.id}\`;
export function displayName(p) {
  const [name] = p.name ?? [];
  return \`\${name?.given?.join(' ')} \${name?.family}\`;
}
export { readRows as loadRows } from '../db/rows';
`,
  'src/shared/certificates.ts': `
export async function makeCertificate({ patient, outDir }) {
  const filePath = \`\${outDir}/certificate-\${patient.id}.pdf\`;
  await render(patient, filePath);
  return { status: 'success', filePath };
}
`,
  'src/shared/status.ts': `import { tagOps } from './tags';
export const statusOps = (appointment, status) => tagOps(appointment, status);
`,
  'src/shared/tags.ts': `export const tagOps = (resource, code) => [{ op: 'add', path: '/meta/tag/-', value: { code } }];
`,
  'src/db/rows.ts': `
export async function readRows(db) {
  const [rows] = await db.query('SELECT nom, prenom, nir FROM patients');
  return rows;
}
`,
};

/** Writes a project's files into a temporary folder for the suite; removes it afterwards. */
function onDisk(files: Record<string, string>): { root: string } {
  const project = { root: '' };
  before(() => {
    project.root = mkdtempSync(join(tmpdir(), 'hdl-imported-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(project.root, path)), { recursive: true });
      writeFileSync(join(project.root, path), text);
    }
    clearProjectGraphCache();
  });
  after(() => {
    rmSync(project.root, { recursive: true, force: true });
    clearProjectGraphCache();
  });
  return project;
}

describe('health-data provenance across modules', () => {
  const project = onDisk(MODULES);

  const app = (): string => join(project.root, 'src/app.ts');
  const imports = `import { labelOf, displayName, makeCertificate, loadRows } from './shared';\n`;

  it("drops an imported helper's answer that is the record's id", () => {
    const [result] = probe(
      `${imports}function f(patient: Patient) { sink(labelOf(patient)); }`,
      app(),
      project.root,
    );
    assert.equal(result?.description, null);
  });

  it('drops the status and file path a certificate builder returns', () => {
    const [result] = probe(
      `${imports}async function f(patient: Patient) { const pdf = await makeCertificate({ patient, outDir: '/tmp' }); sink(pdf); }`,
      app(),
      project.root,
    );
    assert.equal(result?.description, null);
  });

  it("traces the patient's name an imported helper returns, to this file's source", () => {
    const [result] = probe(
      `${imports}function f(patient: Patient) { sink(displayName(patient)); }`,
      app(),
      project.root,
    );
    assert.ok(result?.description?.includes('name from `patient`'), result?.description ?? '');
  });

  it('names the call for records read in the other module (through a renamed re-export)', () => {
    const [result] = probe(
      `${imports}async function f(db) { sink(await loadRows(db)); }`,
      app(),
      project.root,
    );
    assert.ok(result?.description?.includes('`loadRows()`'), result?.description ?? '');
  });

  it('follows a helper that calls a helper of a third module', () => {
    const [result] = probe(
      `import { statusOps } from './shared/status';\nfunction f(appointment: Appointment) { sink(JSON.stringify(statusOps(appointment, 'arrived'))); }`,
      app(),
      project.root,
    );
    assert.equal(result?.description, null);
  });

  it('keeps data in, data out for functions it cannot find', () => {
    const [result] = probe(
      `import { send } from './missing';\nfunction f(patient: Patient) { sink(send(patient)); }`,
      app(),
      project.root,
    );
    assert.ok(result?.description, 'an unknown function passes its arguments through');
  });
});

// A monorepo's workspace packages imported by name (issue 19): `from 'utils'` in a package beside
// `packages/utils`, whose entry is a barrel of barrels.
const WORKSPACE: Record<string, string> = {
  'package.json': '{ "name": "clinic", "private": true, "workspaces": ["packages/*"] }',
  'packages/utils/package.json': '{ "name": "utils", "main": "lib/main.ts" }',
  'packages/utils/lib/main.ts': `export * from './auth';\nexport * from './fhir';\n`,
  'packages/utils/lib/auth/index.ts': `export const isAdmin = (user) => user.roles.includes('admin');\n`,
  'packages/utils/lib/fhir/index.ts': `export * from './patch';\n`,
  'packages/utils/lib/fhir/patch.ts': `
export function statusPatch(appointment, status) {
  return [{ op: 'replace', path: '/status', value: status }, { op: 'add', path: '/meta/tag/-', value: { code: status } }];
}
export function namePatch(patient) {
  return [{ op: 'replace', path: '/name', value: patient.name }];
}
`,
  'packages/api/package.json': '{ "name": "api" }',
};

describe('health-data provenance across workspace packages', () => {
  const project = onDisk(WORKSPACE);

  const app = (): string => join(project.root, 'packages/api/src/visits.ts');
  const imports = `import { statusPatch, namePatch } from 'utils';\n`;

  it('follows a workspace package entry through its barrels: a status patch is no data', () => {
    const [result] = probe(
      `${imports}function f(appointment: Appointment) { sink(JSON.stringify(statusPatch(appointment, 'arrived'))); }`,
      app(),
      project.root,
    );
    assert.equal(result?.description, null);
  });

  it("…and a patch that writes the patient's name carries it", () => {
    const [result] = probe(
      `${imports}function f(patient: Patient) { sink(JSON.stringify(namePatch(patient))); }`,
      app(),
      project.root,
    );
    assert.ok(result?.description?.includes('name'), result?.description ?? '');
  });
});

// Sink summaries across modules (issue 19): a logging helper of the project, imported.
const LOGGING: Record<string, string> = {
  'package.json': '{ "name": "lab" }',
  'src/util/log.ts': `
export function logFailure(step, detail) {
  console.error(\`\${step} failed:\`, JSON.stringify(detail));
}
export function logPatient(patient: Patient) {
  console.log(patient);
}
`,
};

describe('sink summaries across modules', () => {
  const project = onDisk(LOGGING);

  function lint(code: string) {
    const linter = new Linter({ configType: 'flat', cwd: project.root });
    return linter.verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: parser as never },
          plugins: { h: { rules: { logs: logRule as never } } },
          rules: { 'h/logs': 'error' },
        },
      ],
      join(project.root, 'src/import.ts'),
    );
  }

  it('reports the argument an imported logging helper writes to the log, at the call', () => {
    const messages = lint(
      `import { logFailure } from './util/log';\nfunction f(patient: Patient) {\n  logFailure('import', patient);\n}`,
    );
    assert.equal(messages.length, 1, JSON.stringify(messages));
    assert.equal(messages[0]!.line, 3);
    assert.equal(messages[0]!.column, 24);
    assert.ok(messages[0]!.message.startsWith('`logFailure()` logs'), messages[0]!.message);
  });

  it('stays quiet for what the helper is given that is not patient data', () => {
    assert.deepEqual(
      lint(
        `import { logFailure } from './util/log';\nfunction f(patient: Patient) { logFailure('import', patient.id); }`,
      ),
      [],
    );
  });

  it('leaves a helper that logs patient data of its own to the helper’s file', () => {
    assert.deepEqual(
      lint(
        `import { logPatient } from './util/log';\nfunction f(patient: Patient) { logPatient(patient); }`,
      ),
      [],
    );
  });
});
