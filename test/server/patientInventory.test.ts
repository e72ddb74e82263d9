import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, runCli, SEEDS } from '../cli/helpers';
import { LspTestClient, SERVER_PATH } from '../helpers/lsp-client';
import { toInventoryTree } from '../../server/src/patientInventory';
import type { InventoryAnswer } from '../../server/src/protocol';
import type { Inventory } from '../../rules/src/host';

describe('the patient-data inventory in the language server', function () {
  this.timeout(120_000);

  it('maps categories to places that open the declaring or flagged line', function () {
    const inventory: Inventory = {
      files: 1,
      categories: [
        {
          id: 'health',
          title: 'Health data (special category, GDPR art. 9)',
          kinds: ['HIV/STI status'],
          definitions: [
            {
              category: 'health',
              kind: 'HIV/STI status',
              place: 'Patient',
              field: 'statutVih',
              form: 'sequelize',
              file: 'src/db.ts',
              line: 12,
            },
          ],
          flows: ['store: file (writeFileSync) (unencrypted)'],
          totals: { definitions: 1, flows: 1, findings: 1, byFlow: { store: 1 } },
        },
      ],
      flows: [
        {
          id: 'store: file (writeFileSync) (unencrypted)',
          kind: 'store',
          target: 'file (writeFileSync)',
          state: 'unencrypted',
          categories: [{ category: 'health', kinds: ['HIV/STI status'] }],
          findings: [
            {
              ruleId: 'health-data/no-unencrypted-write',
              file: 'src/export.ts',
              line: 7,
              column: 3,
              message: '`writeFileSync` writes HIV/STI status to a file unencrypted.',
            },
          ],
        },
      ],
      channels: [],
      otherFindings: [],
      totals: { categories: 1, definitions: 1, flows: 1, channels: 0, findings: 1 },
    };
    const [category] = toInventoryTree(inventory, '/work/app');
    assert.equal(category!.title, 'Health data (special category, GDPR art. 9)');
    assert.equal(category!.description, 'HIV/STI status');
    assert.deepEqual(
      category!.places.map((place) => [
        place.kind,
        place.label,
        place.uri,
        place.line,
        place.character,
      ]),
      [
        [
          'store',
          'Written to stores: file (writeFileSync)',
          pathToFileURL('/work/app/src/export.ts').href,
          6,
          2,
        ],
        [
          'declaration',
          'Declared: Patient.statutVih',
          pathToFileURL('/work/app/src/db.ts').href,
          11,
          0,
        ],
      ],
    );
    assert.equal(category!.places[0]!.description, 'unencrypted — src/export.ts:7');
  });

  describe('over LSP, after a workspace scan', function () {
    let workspace: string;
    let client: LspTestClient | undefined;

    before(function () {
      assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run npm run build`);
      ensureBuilt();
      workspace = mkdtempSync(join(tmpdir(), 'hdl-inventory-lsp-'));
      cpSync(join(SEEDS, 'vulnerable'), workspace, { recursive: true });
    });

    after(function () {
      client?.kill();
      rmSync(workspace, { recursive: true, force: true });
    });

    it('answers nothing before a scan, then the same inventory as the CLI', async function () {
      client = await LspTestClient.start({ workspaceFolders: [workspace] });
      const before: InventoryAnswer = await client.connection.sendRequest(
        'healthData/patientInventory',
        {},
      );
      assert.deepEqual(before, { scanned: false, categories: [] });

      await client.connection.sendRequest('healthData/scanWorkspace', {});
      const answer: InventoryAnswer = await client.connection.sendRequest(
        'healthData/patientInventory',
        { format: 'json' },
      );
      assert.equal(answer.scanned, true);
      assert.deepEqual(
        answer.categories.map((category) => category.id),
        ['identity', 'contact', 'national-identifier', 'health', 'patient-record'],
      );
      const editor = JSON.parse(answer.text!) as Inventory;
      const cli = runCli(['--report', 'inventory', '--format', 'json', '.'], workspace);
      assert.equal(cli.status, 0, cli.stderr);
      const ci = JSON.parse(cli.stdout) as Inventory;
      // The editor and CI read the same findings and declarations: the same flows and categories.
      assert.deepEqual(editor.flows, ci.flows);
      assert.deepEqual(editor.categories, ci.categories);
    });
  });
});
