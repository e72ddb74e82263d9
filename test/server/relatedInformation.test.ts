import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient, SERVER_PATH } from '../helpers/lsp-client';

const EXPORT = `import { writeFile } from 'node:fs/promises';
import { Pool } from 'pg';

const pool = new Pool();

export async function exportResults(): Promise<void> {
  const result = await pool.query('SELECT nir, statut_vih FROM patients');
  const rows = result.rows;
  await writeFile('/srv/export/patients.json', JSON.stringify(rows));
}
`;

const ROUTER = `import { Router } from 'express';
import { db } from '../db';

export const patientsRouter = Router();

patientsRouter.get('/patients/:id', async (req, res) => {
  res.json(await db.patients.findOne({ id: req.params.id }));
});
`;

const APP = `import express from 'express';
import { patientsRouter } from './routes/patients';

const app = express();
app.use('/api', patientsRouter);
app.listen(3000);
`;

describe('language server: related information', function () {
  let workspace: string;
  let client: LspTestClient | undefined;

  before(() => {
    assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run npm run build`);
  });

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'hdl-related-'));
  });

  afterEach(() => {
    client?.kill();
    client = undefined;
    rmSync(workspace, { recursive: true, force: true });
  });

  function write(path: string, text: string): string {
    const file = join(workspace, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return pathToFileURL(file).href;
  }

  it('a clear-text write shows where its patient data was read, then the path it took', async () => {
    const uri = write('src/export.ts', EXPORT);
    client = await LspTestClient.start({ workspaceFolders: [workspace] });
    await client.open(uri, 'typescript', EXPORT);
    const diagnostics = await client.diagnostics(uri);
    const write_ = diagnostics.find((d) => d.code === 'health-data/no-unencrypted-write');
    assert.ok(write_, JSON.stringify(diagnostics.map((d) => d.code)));
    const related = write_.relatedInformation ?? [];
    const source = related.find((r) => r.message.startsWith('Patient data comes from here'));
    assert.ok(source, JSON.stringify(related));
    assert.equal(source.location.uri, uri);
    // Line 7 (0-based 6): the query of the patients table.
    assert.equal(source.location.range.start.line, 6);
    assert.match(source.message, /patient records from query of `patients`/);
    const steps = related.filter((r) => r.message.startsWith('The patient data flows'));
    assert.deepEqual(
      steps.map((r) => r.location.range.start.line),
      [7],
      'then `rows` on line 8',
    );
  });

  it('the related locations follow an edit of the document', async () => {
    const uri = write('src/export.ts', EXPORT);
    client = await LspTestClient.start({ workspaceFolders: [workspace] });
    await client.open(uri, 'typescript', EXPORT);
    await client.diagnostics(uri);
    await client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n' },
    ]);
    const diagnostics = await client.diagnostics(uri);
    const write_ = diagnostics.find((d) => d.code === 'health-data/no-unencrypted-write');
    assert.equal(write_?.range.start.line, 10);
    const related = (write_?.relatedInformation ?? []).map((r) => ({
      line: r.location.range.start.line,
      message: r.message,
    }));
    const source = related.find((r) => r.message.startsWith('Patient data comes from here'));
    assert.equal(source?.line, 8, JSON.stringify(related));
  });

  it('an unauthenticated mount links to the exposed route in the router file', async () => {
    write('src/db.ts', 'export const db: any = {};\n');
    const routerUri = write('src/routes/patients.ts', ROUTER);
    const appUri = write('src/app.ts', APP);
    client = await LspTestClient.start({ workspaceFolders: [workspace] });
    await client.open(appUri, 'typescript', APP);
    const diagnostics = await client.diagnostics(appUri);
    const mount = diagnostics.find((d) => d.code === 'health-data/no-unauthenticated-endpoint');
    assert.ok(mount, JSON.stringify(diagnostics));
    const site = mount.relatedInformation?.find((r) => r.location.uri === routerUri);
    assert.ok(site, JSON.stringify(mount.relatedInformation));
    assert.equal(site.location.range.start.line, 5);
    assert.match(site.message, /GET \/api\/patients\/:id is defined here/);
  });

  it('the router file itself shows its exposed route, linked to the mount in the app', async () => {
    // The project's package.json: the mounts of a router are looked for in its project.
    write('package.json', '{ "name": "lab-portal", "private": true }\n');
    write('src/db.ts', 'export const db: any = {};\n');
    const routerUri = write('src/routes/patients.ts', ROUTER);
    const appUri = write('src/app.ts', APP);
    client = await LspTestClient.start({ workspaceFolders: [workspace] });
    await client.open(routerUri, 'typescript', ROUTER);
    const diagnostics = await client.diagnostics(routerUri);
    const route = diagnostics.find((d) => d.code === 'health-data/no-unauthenticated-endpoint');
    assert.ok(route, JSON.stringify(diagnostics));
    assert.equal(route.range.start.line, 5);
    assert.match(
      String(route.message),
      /^GET \/api\/patients\/:id serves patient data .*`\.\.\/app\.ts` mounts it unauthenticated\.$/,
    );
    const mount = route.relatedInformation?.find((r) => r.location.uri === appUri);
    assert.ok(mount, JSON.stringify(route.relatedInformation));
    assert.equal(mount.location.range.start.line, 4);
  });
});
