// Fixed: the night script migrates dossiers as HL7 v2 ORU messages (PID + OBX) with only the
// requested fields, encrypted at rest and removed after the transfer.
// Fixes: no-hardcoded-credentials (connection string from the environment), no-select-star-export
// (explicit columns, no NIR), no-unencrypted-write (encryptForStorage),
// require-delete-after-migration (purgeStaging, the deletion helper declared in
// healthdata.config.json, in finally), no-patient-data-in-logs (counts only), require-access-audit
// (audit.record before the read).
// CNIL SAN-2022-009: over-extraction (art. 29, 5(1)(c)); encryption, accounts, supervision
// (art. 32); deletion after the migration (art. 5(1)(e)).
// @expect-rules: none
const { writeFile } = require('node:fs/promises');
const path = require('node:path');
const { Client } = require('pg');
const winston = require('winston');
const { audit } = require('../security/audit');
const { encryptForStorage } = require('../security/crypto');
const { envoyerAuNouveauSil, purgeStaging } = require('./transfer');

const logger = winston.createLogger({
  transports: [new winston.transports.File({ filename: 'migration.log' })],
});

async function migrerDossiers(laboratoireId, operateur) {
  const client = new Client({
    connectionString: process.env.SIL_DATABASE_URL,
    ssl: { rejectUnauthorized: true },
  });
  await client.connect();
  audit.record('patient.export', { actor: operateur, laboratoireId });
  const { rows } = await client.query(
    'SELECT d.id, d.nom, d.prenom, d.date_naissance, r.code_analyse, r.valeur FROM dossiers d JOIN prelevements pr ON pr.dossier_id = d.id JOIN resultats r ON r.prelevement_id = pr.id WHERE d.laboratoire_id = $1',
    [laboratoireId],
  );
  await client.end();

  const messages = rows.map(
    (dossier) =>
      `PID|1||${dossier.id}^^^ATL||${dossier.nom}^${dossier.prenom}||${dossier.date_naissance}\r` +
      `OBX|1|ST|${dossier.code_analyse}||${dossier.valeur}|||||F\r`,
  );
  const fichier = path.join('/var/sil/echanges/hl7', `oru-${laboratoireId}.hl7.enc`);
  try {
    await writeFile(fichier, encryptForStorage(messages.join('')), { mode: 0o600 });
    await envoyerAuNouveauSil(fichier);
    logger.info('dossiers migres', { laboratoireId, count: rows.length });
  } finally {
    await purgeStaging(fichier, operateur);
  }
}

module.exports = { migrerDossiers };
