import assert from 'node:assert/strict';
import {
  isCsvWriterFactory,
  isCsvWriterWrite,
  isExceljsWrite,
  ROW_PATH_WRITERS,
  ROW_SINK_NAMES,
  sheetjsFileWriter,
} from '../../../src/model/apis';
import { CALL } from '../../../src/model/imports';
import { rulesReporting as reportingOn } from './lint-with-plugin';

const rulesReporting = (code: string) => reportingOn(code, 'src/export.js');

/**
 * The spreadsheets family: the writers of sheets and CSV files. A CSV writer reached under any
 * name is a file write for the unencrypted-write rule and a staged extract for the deletion rule.
 */

describe('catalogue: spreadsheets', () => {
  it('recognises csv-writer factories and the writes of the writers they make', () => {
    assert.ok(isCsvWriterFactory('csv-writer', ['createObjectCsvWriter']));
    assert.ok(isCsvWriterFactory('csv-writer', ['createArrayCsvWriter']));
    assert.ok(!isCsvWriterFactory('csv-writer', ['createObjectCsvStringifier']));
    assert.ok(isCsvWriterWrite('csv-writer', ['createObjectCsvWriter', CALL, 'writeRecords']));
    assert.ok(!isCsvWriterWrite('csv-writer', ['writeRecords']));
  });

  it('recognises SheetJS and ExcelJS workbook writers', () => {
    assert.deepEqual(sheetjsFileWriter('xlsx', ['writeFileXLSX']), { book: 0, path: 1 });
    assert.equal(sheetjsFileWriter('xlsx', ['utils', 'json_to_sheet']), undefined);
    assert.ok(isExceljsWrite('exceljs', ['Workbook', CALL, 'xlsx', 'writeFile']));
    assert.ok(isExceljsWrite('exceljs', ['Workbook', CALL, 'csv', 'write']));
    assert.ok(!isExceljsWrite('exceljs', ['Workbook', CALL, 'addWorksheet']));
  });

  it('names the calls rows go into: SheetJS, ExcelJS, csv-writer, fast-csv, Papa Parse', () => {
    for (const name of [
      'json_to_sheet',
      'sheet_add_aoa',
      'addRows',
      'writeRecords',
      'writeToPath',
      'writeToStream',
      'unparse',
    ])
      assert.ok(ROW_SINK_NAMES.has(name), name);
    assert.deepEqual(ROW_PATH_WRITERS.get('writeToPath'), { path: 0, data: 1 });
  });

  const csvWriters: [string, string][] = [
    [
      'imported',
      `const { createObjectCsvWriter } = require('csv-writer');\nconst make = createObjectCsvWriter;`,
    ],
    ['under another name', `const make = require('csv-writer').createObjectCsvWriter;`],
  ];
  for (const [how, binding] of csvWriters) {
    it(`a csv-writer factory ${how} is seen by every rule that sees files`, () => {
      const code = `${binding}
async function exportPatients(pool) {
  const { rows } = await pool.query('SELECT nom, nir FROM patients');
  const writer = make({ path: '/tmp/export.csv', header: [] });
  await writer.writeRecords(rows);
}
module.exports = { exportPatients };
`;
      assert.deepEqual(rulesReporting(code), [
        'no-unencrypted-write',
        'require-delete-after-migration',
      ]);
    });
  }
});
