// Fixed: server-side staging keeps only the requested columns and is dropped once the new LIS has
// pulled it; pg_dump is limited to reference tables.
// Fixes: no-select-star-export (explicit columns; patient tables never go through pg_dump),
// require-delete-after-migration (DROP TABLE IF EXISTS and rm in finally), no-hardcoded-credentials
// (pg_dump inherits PGUSER/PGPASSWORD from the job's environment), require-access-audit.
// CNIL SAN-2022-009: over-extraction (art. 29, 5(1)(c)); deletion after the migration
// (art. 5(1)(e)); shared accounts, supervision (art. 32).
// @expect-rules: none
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { audit } from '../security/audit';
import { pool } from './db';
import { envoyerAuNouveauSil } from './transfer';

export interface NouveauSil {
  pullTable(table: string): Promise<void>;
}

export async function migrerViaStaging(
  laboratoireId: number,
  operateur: string,
  nouveauSil: NouveauSil,
) {
  audit.record('patient.export', { actor: operateur, laboratoireId });
  try {
    await pool.query(
      'CREATE UNLOGGED TABLE staging_patients (id integer, nom text, prenom text, date_naissance date)',
    );
    await pool.query(
      'INSERT INTO staging_patients SELECT id, nom, prenom, date_naissance FROM patients WHERE laboratoire_id = $1',
      [laboratoireId],
    );
    await pool.query(
      'CREATE UNLOGGED TABLE staging_resultats AS SELECT r.patient_id, r.code_analyse, r.valeur, r.date_prelevement FROM resultats r JOIN staging_patients p ON p.id = r.patient_id',
    );
    await nouveauSil.pullTable('staging_patients');
    await nouveauSil.pullTable('staging_resultats');
  } finally {
    await pool.query('DROP TABLE IF EXISTS staging_resultats');
    await pool.query('DROP TABLE IF EXISTS staging_patients');
  }
}

export async function migrerParDump(laboratoireId: number): Promise<void> {
  const dumpFile = `/var/sil/migration/referentiels-${laboratoireId}.sql`;
  try {
    const child = spawn(
      'pg_dump',
      ['-t', 'catalogue_analyses', '-t', 'unites_mesure', '-f', dumpFile],
      { stdio: 'inherit' },
    );
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`pg_dump exited with ${code}`);
    await envoyerAuNouveauSil(dumpFile);
  } finally {
    await rm(dumpFile, { force: true });
  }
}
