// Fixed: hand-over of the migration extracts to the new LIS over encrypted channels only.
// Fixes: no-cleartext-transport (FTPS with secure: true and certificate checks; sftp:// for curl),
// no-unencrypted-write (ServerSideEncryption: 'aws:kms' on the staging object),
// require-delete-after-migration (the staging object is deleted in finally once imported;
// purgeStaging, the project's deletion helper, removes local extracts and journals it).
// CNIL SAN-2022-009: files sent in clear and stored without encryption (art. 32); deletion after
// the migration (art. 5(1)(e)).
// @expect-rules: none
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Client } from 'basic-ftp';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { audit } from '../security/audit';

const DEPOT_SFTP = 'sftp://depot.nouveau-sil.fr/import/';
const STAGING_BUCKET = 'atlantique-migration-staging';
const s3 = new S3Client({ region: 'eu-west-3' });

export async function envoyerAuNouveauSil(extraitPatientsPath: string): Promise<void> {
  const ftp = new Client();
  try {
    await ftp.access({
      host: 'depot.nouveau-sil.fr',
      user: process.env.DEPOT_USER,
      password: process.env.DEPOT_PASSWORD,
      secure: true,
      secureOptions: { rejectUnauthorized: true },
    });
    await ftp.uploadFrom(extraitPatientsPath, `/import/${basename(extraitPatientsPath)}`);
  } finally {
    ftp.close();
  }
}

/**
 * Deletes a staged extract and journals the deletion, the evidence each laboratory gets that its
 * extract did not outlive the migration. Safe to call when the file was never written.
 */
export async function purgeStaging(extraitPatientsPath: string, operateur: string): Promise<void> {
  await rm(extraitPatientsPath, { force: true });
  audit.record('extract.purged', { actor: operateur });
}

export async function envoyerParCurl(extraitPatientsPath: string): Promise<void> {
  await promisify(execFile)('curl', ['--netrc', '-T', extraitPatientsPath, DEPOT_SFTP]);
}

export interface DossierPatient {
  id: number;
  nom: string;
  prenom: string;
  nir: string;
  resultats: { code: string; valeur: string }[];
}

export async function deposerDossiersPourImport(
  laboratoireId: number,
  dossiers: DossierPatient[],
  importer: (bucket: string, key: string) => Promise<void>,
): Promise<void> {
  const key = `laboratoire-${laboratoireId}/dossiers.json`;
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: STAGING_BUCKET,
        Key: key,
        Body: JSON.stringify(dossiers),
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: process.env.MIGRATION_KMS_KEY_ID,
      }),
    );
    await importer(STAGING_BUCKET, key);
  } finally {
    await s3.send(new DeleteObjectCommand({ Bucket: STAGING_BUCKET, Key: key }));
  }
}
