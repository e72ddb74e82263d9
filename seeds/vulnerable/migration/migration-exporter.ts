// Vulnerable: MigrationExporter, the job that moved each laboratory from the old LIS to the new
// one.
// Shows: SELECT * over the patient tables although the laboratories asked for a few fields over a
// date range; a staging CSV written in clear and never deleted; patient rows printed to the
// console; a bulk read of patient records with no audit event.
// CNIL SAN-2022-009: far more data extracted than requested (art. 29, 5(1)(c)); no encryption
// (art. 32); no automatic deletion after the migration (art. 5(1)(e)); no supervision (art. 32).
// @expect-rules: no-select-star-export, no-unencrypted-write, require-delete-after-migration, no-patient-data-in-logs, require-access-audit
import { mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pool } from './db';
import { envoyerAuNouveauSil } from './transfer';

const STAGING_DIR = '/var/sil/migration/staging';

interface PatientRow {
  id: number;
  nom: string;
  prenom: string;
  date_naissance: string;
  nir: string;
  groupe_sanguin: string;
  statut_vih: string;
}

export class MigrationExporter {
  constructor(private readonly laboratoireId: number) {}

  async exportPatients(from: Date, to: Date): Promise<number> {
    // no-select-star-export: every column of the patient table, whatever was asked for.
    const patients = await pool.query<PatientRow>(
      'SELECT * FROM patients WHERE laboratoire_id = $1',
      [this.laboratoireId],
    );
    // no-select-star-export: p.* also drags NIR, blood group and HIV status along with the results.
    const resultats = await pool.query(
      `SELECT p.*, r.code_analyse, r.valeur, r.date_prelevement
         FROM patients p JOIN resultats r ON r.patient_id = p.id
        WHERE r.date_prelevement BETWEEN $1 AND $2`,
      [from, to],
    );

    const lines = patients.rows.map((patient) => {
      // no-patient-data-in-logs: the whole row, NIR and HIV status included, goes to stdout.
      console.log('export patient', patient);
      return [patient.id, patient.nom, patient.prenom, patient.nir, patient.statut_vih].join(';');
    });

    mkdirSync(STAGING_DIR, { recursive: true });
    const stagingPath = join(STAGING_DIR, `patients-${this.laboratoireId}.csv`);
    // no-unencrypted-write + require-delete-after-migration: clear-text extract left on disk.
    writeFileSync(stagingPath, lines.join('\n'));
    await writeFile(`${stagingPath}.resultats.json`, JSON.stringify(resultats.rows));
    await envoyerAuNouveauSil(stagingPath);
    await envoyerAuNouveauSil(`${stagingPath}.resultats.json`);
    return patients.rowCount ?? 0;
  }
}
