// Vulnerable: the spreadsheets laboratories download for their quality reviews.
// Shows: patient results written with exceljs and csv-writer straight to a path on the server, in
// clear.
// CNIL SAN-2022-009: personal data stored without encryption (art. 32).
// Scope: the laboratory's own working files, kept by design and written outside any export or
// migration code, so only encryption is at stake (no deletion finding).
// @expect-rules: no-unencrypted-write
import { createObjectCsvWriter } from 'csv-writer';
import ExcelJS from 'exceljs';

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
  // no-unencrypted-write: an .xlsx of named patients' results on disk in clear.
  await workbook.xlsx.writeFile(path);
}

export async function writeResultsSheet(
  resultatsPatients: ResultatPatient[],
  path: string,
): Promise<void> {
  const writer = createObjectCsvWriter({
    path,
    header: Object.keys(resultatsPatients[0] ?? {}).map((id) => ({ id, title: id })),
  });
  // no-unencrypted-write: the same rows as CSV.
  await writer.writeRecords(resultatsPatients);
}

/** Writes rows to a CSV file under the given header: the helper the migration scripts share. */
export async function writeCsvFile(
  path: string,
  header: { id: string; title: string }[],
  rows: object[],
): Promise<void> {
  await createObjectCsvWriter({ path, header }).writeRecords(rows);
}
