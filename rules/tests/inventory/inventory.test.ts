import { strict as assert } from 'node:assert';
import { buildInventory, type InventoryFinding } from '../../src/inventory/build';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  definitionsInFile,
  schemaFileDefinitions,
  schemaFilesUnder,
} from '../../src/inventory/definitions';
import { parseMessage } from '../../src/inventory/messages';
import { classifierFor } from '../../src/model/classifier';

const classifier = classifierFor();

function inventory(
  findings: InventoryFinding[],
  messages: Record<string, Record<string, string>> = {},
) {
  return buildInventory({
    files: 1,
    findings,
    definitions: [],
    messagesOf: (rule) => messages[rule],
    classifier,
  });
}

describe('inventory', function () {
  describe('declarations', function () {
    it('puts contact details apart from identity, and health data with its kind', function () {
      const text = [
        'export interface DossierPatient {',
        '  nom: string;',
        '  adresse: string;',
        '  telephone: string;',
        '  email: string;',
        '  nir: string;',
        '  statutVih: string;',
        '  grossesse: boolean;',
        '}',
        'export interface Upload { name: string; size: number }',
      ].join('\n');
      const found = definitionsInFile(text, 'src/types.ts', classifier).map(
        (d) => `${d.category}:${d.kind}:${d.place}.${d.field}:${d.line}`,
      );
      assert.deepEqual(found, [
        'identity:name:DossierPatient.nom:2',
        'contact:address:DossierPatient.adresse:3',
        'contact:phone number:DossierPatient.telephone:4',
        'contact:e-mail address:DossierPatient.email:5',
        'national-identifier:social security number (NIR):DossierPatient.nir:6',
        'health:HIV/STI status:DossierPatient.statutVih:7',
        'health:pregnancy:DossierPatient.grossesse:8',
      ]);
    });

    it('reads tables from the schemas the rules read, and FHIR resources by their kind', function () {
      const text = [
        "sequelize.define('Patient', { nom: DataTypes.STRING, groupeSanguin: DataTypes.STRING });",
        "const condition = { resourceType: 'Condition', code: diag };",
      ].join('\n');
      const found = definitionsInFile(text, 'src/db.js', classifier).map(
        (d) =>
          `${d.category}:${d.kind}:${d.form}:${d.place}${d.field ? `.${d.field}` : ''}:${d.line}`,
      );
      assert.deepEqual(found, [
        'identity:name:sequelize:Patient.nom:1',
        'health:blood group:sequelize:Patient.groupeSanguin:1',
        'health:diagnosis:fhir:Condition:2',
      ]);
    });

    it('calls a type a FHIR resource only when it has a resourceType', function () {
      const text = [
        'type Patient = { patient_id: number; nir: string };',
        "interface Condition { resourceType: 'Condition'; id: string }",
      ].join('\n');
      assert.deepEqual(
        definitionsInFile(text, 'src/t.ts', classifier).map(
          (d) => `${d.form}:${d.place}:${d.kind}`,
        ),
        ['type:Patient:social security number (NIR)', 'fhir:Condition:diagnosis'],
      );
    });

    it('reads the .sql files under the report, not those of dependencies', function () {
      const root = mkdtempSync(join(tmpdir(), 'hdl-inventory-sql-'));
      try {
        mkdirSync(join(root, 'db'));
        mkdirSync(join(root, 'node_modules/dep'), { recursive: true });
        const sql = 'CREATE TABLE patients (\n  id INT,\n  telephone TEXT,\n  statut_vih TEXT\n);';
        writeFileSync(join(root, 'db/schema.sql'), sql);
        writeFileSync(join(root, 'node_modules/dep/x.sql'), sql);
        assert.deepEqual(schemaFilesUnder([root]), [join(root, 'db/schema.sql')]);
        assert.deepEqual(
          schemaFileDefinitions(sql, 'db/schema.sql', classifier).map(
            (d) => `${d.category}:${d.kind}:${d.form}:${d.place}.${d.field}:${d.line}`,
          ),
          [
            'contact:phone number:sql:patients.telephone:1',
            'health:HIV/STI status:sql:patients.statut_vih:1',
          ],
        );
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    it('declares nothing in a file that does not parse', function () {
      assert.deepEqual(definitionsInFile('interface Patient { nir: ', 'src/a.ts', classifier), []);
    });
  });

  describe('flows', function () {
    it('reads a finding back through its rule’s template: message id, target and data', function () {
      assert.deepEqual(
        parseMessage(
          'no-unencrypted-write',
          { fileWrite: '`{{sink}}` writes {{data}} to a file unencrypted.' },
          '`fs.writeFile` writes name and HIV/STI status from `p` to a file unencrypted.',
        ),
        {
          messageId: 'fileWrite',
          data: { sink: 'fs.writeFile', data: 'name and HIV/STI status from `p`' },
        },
      );
      const result = inventory(
        [
          {
            ruleId: 'health-data/no-unencrypted-write',
            file: 'a.ts',
            line: 3,
            column: 1,
            message: '`fs.writeFile` writes name and 1 more from `p` to a file unencrypted.',
            related: [
              {
                kind: 'source',
                message: 'Patient data comes from here: name and HIV/STI status from `p`',
              },
            ],
          },
        ],
        {
          'no-unencrypted-write': {
            fileWrite: '`{{sink}}` writes {{data}} to a file unencrypted.',
          },
        },
      );
      assert.deepEqual(
        result.flows.map((flow) => [flow.id, flow.categories]),
        [
          [
            'store: file (fs.writeFile) (unencrypted)',
            [
              { category: 'identity', kinds: ['name'] },
              { category: 'health', kinds: ['HIV/STI status'] },
            ],
          ],
        ],
      );
      assert.deepEqual(
        result.categories.map((c) => [c.id, c.flows.length, c.totals.findings]),
        [
          ['identity', 1, 1],
          ['health', 1, 1],
        ],
      );
    });

    it('takes the third-party rule by its id, its service and the data it names', function () {
      const result = inventory(
        [
          {
            ruleId: 'health-data/no-patient-data-to-third-party',
            file: 'a.ts',
            line: 9,
            column: 3,
            message: '`Sentry.captureException` sends diagnosis to Sentry.',
          },
        ],
        {
          'no-patient-data-to-third-party': {
            sdkCall: '`{{call}}` sends {{data}} to {{service}}.',
          },
        },
      );
      assert.deepEqual(
        result.flows.map((flow) => [flow.kind, flow.target, flow.categories]),
        [['third-party', 'Sentry', [{ category: 'health', kinds: ['diagnosis'] }]]],
      );
    });

    it('lists a cleartext channel with no patient data apart, and credentials as other findings', function () {
      const result = inventory(
        [
          {
            ruleId: 'health-data/no-cleartext-transport',
            file: 'a.ts',
            line: 1,
            column: 1,
            message:
              'This connection to `http://lab.example` uses http://, which is not encrypted; use TLS.',
          },
          {
            ruleId: 'health-data/no-hardcoded-credentials',
            file: 'a.ts',
            line: 2,
            column: 1,
            message:
              'A literal password is written in the code (`password`); read it from the environment or a secret manager.',
          },
        ],
        {
          'no-cleartext-transport': {
            cleartextRequest:
              'This connection to `{{origin}}` uses {{scheme}}, which is not encrypted; use TLS.',
          },
        },
      );
      assert.deepEqual(result.flows, []);
      assert.deepEqual(result.categories, []);
      assert.deepEqual(
        result.channels.map((flow) => flow.id),
        ['transport: http://lab.example (in clear (no TLS))'],
      );
      assert.deepEqual(
        result.otherFindings.map((f) => f.line),
        [2],
      );
    });

    it('is the same whatever the order of its input', function () {
      const findings: InventoryFinding[] = [
        {
          ruleId: 'health-data/no-patient-data-in-logs',
          file: 'b.ts',
          line: 4,
          column: 1,
          message: '`console.log` logs diagnosis; log the record id instead.',
        },
        {
          ruleId: 'health-data/no-patient-data-in-logs',
          file: 'a.ts',
          line: 9,
          column: 1,
          message: '`console.log` logs prescription; log the record id instead.',
        },
      ];
      const messages = {
        'no-patient-data-in-logs': {
          patientDataInLog: '`{{sink}}` logs {{data}}; log the record id instead.',
        },
      };
      assert.deepEqual(inventory(findings, messages), inventory([...findings].reverse(), messages));
    });
  });
});
