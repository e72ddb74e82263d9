// Vulnerable: server-side staging for the migration: a copy table and a pg_dump of the patient
// tables.
// Shows: CREATE TABLE staging_patients AS SELECT * that is never dropped once the new LIS has
// pulled it; pg_dump of whole patient tables into a dump file that is never removed after the
// transfer; the superuser password passed in the child's environment; no audit event for the bulk
// copy.
// CNIL SAN-2022-009: over-extraction (art. 29, 5(1)(c)); no automatic deletion after the migration
// (art. 5(1)(e)); shared accounts (art. 32); no supervision (art. 32).
// @expect-rules: no-select-star-export, require-delete-after-migration, no-hardcoded-credentials, require-access-audit
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { pool } from './db';
import { envoyerAuNouveauSil } from './transfer';

export interface NouveauSil {
  pullTable(table: string): Promise<void>;
}

export async function migrerViaStaging(laboratoireId: number, nouveauSil: NouveauSil) {
  // no-select-star-export + require-delete-after-migration: a full copy outliving the migration.
  await pool.query(
    `CREATE TABLE staging_patients AS SELECT * FROM patients WHERE laboratoire_id = ${laboratoireId}`,
  );
  await pool.query(
    'CREATE TABLE staging_resultats AS SELECT r.* FROM resultats r JOIN staging_patients p ON p.id = r.patient_id',
  );
  await nouveauSil.pullTable('staging_patients');
  await nouveauSil.pullTable('staging_resultats');
}

export async function migrerParDump(laboratoireId: number): Promise<void> {
  const dumpFile = `/var/sil/migration/dump-${laboratoireId}.sql`;
  // no-select-star-export: whole tables, every column; require-delete-after-migration: dump kept.
  const child = spawn(
    'pg_dump',
    ['-h', '10.12.0.5', '-U', 'postgres', '-t', 'patients', '-t', 'resultats', '-f', dumpFile],
    // no-hardcoded-credentials: the superuser password in the child's environment.
    { env: { PGPASSWORD: 'Labo2019!' }, stdio: 'inherit' },
  );
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`pg_dump exited with ${code}`);
  await envoyerAuNouveauSil(dumpFile);
}
