// Vulnerable: the original night script that migrated dossiers as HL7 v2 ORU messages (PID + OBX).
// Shows: credentials in the connection string; SELECT d.* over the dossier tables; HL7 files
// holding identity, NIR and results written in clear and never removed after the transfer; every
// dossier logged by winston; no audit event for the bulk read.
// CNIL SAN-2022-009: over-extraction (art. 29, 5(1)(c)); no encryption, shared accounts, no
// supervision (art. 32); no automatic deletion after the migration (art. 5(1)(e)).
// @expect-rules: no-select-star-export, no-unencrypted-write, require-delete-after-migration, no-patient-data-in-logs, no-hardcoded-credentials, require-access-audit
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const winston = require('winston');
const { envoyerAuNouveauSil } = require('./transfer');

const logger = winston.createLogger({
  transports: [new winston.transports.File({ filename: 'migration.log' })],
});

async function migrerDossiers(laboratoireId) {
  // no-hardcoded-credentials: shared superuser account in the URL.
  const client = new Client({
    connectionString: 'postgres://postgres:Labo2019!@10.12.0.5/sil_atlantique',
  });
  await client.connect();
  // no-select-star-export: d.* and pr.* bring every column of dossiers and specimens.
  const { rows } = await client.query(
    'SELECT d.*, pr.*, r.code_analyse, r.valeur FROM dossiers d JOIN prelevements pr ON pr.dossier_id = d.id JOIN resultats r ON r.prelevement_id = pr.id WHERE d.laboratoire_id = $1',
    [laboratoireId],
  );
  await client.end();

  const fichier = path.join('/var/sil/echanges/hl7', `oru-${laboratoireId}.hl7`);
  // no-unencrypted-write + require-delete-after-migration: clear-text HL7 left on disk for good.
  const out = fs.createWriteStream(fichier);
  for (const dossier of rows) {
    out.write(
      `PID|1||${dossier.id}^^^ATL||${dossier.nom}^${dossier.prenom}||${dossier.date_naissance}|||||||||||${dossier.nir}\r`,
    );
    out.write(`OBX|1|ST|${dossier.code_analyse}||${dossier.valeur}|||||F\r`);
    // no-patient-data-in-logs: the whole dossier row in the migration log file.
    logger.info('dossier migre', dossier);
  }
  await new Promise((resolve) => out.end(resolve));
  await envoyerAuNouveauSil(fichier);
}

module.exports = { migrerDossiers };
