// Vulnerable: hand-over of the migration extracts to the new LIS.
// Shows: extracts pushed over plain FTP (basic-ftp with secure: false, and an ftp:// URL given to
// curl); patient dossiers put in an S3 staging bucket without server-side encryption and left there
// after the new LIS has imported them.
// CNIL SAN-2022-009: files sent in clear and stored without encryption (art. 32); no automatic
// deletion after the migration (art. 5(1)(e)).
// @expect-rules: no-cleartext-transport, no-unencrypted-write, require-delete-after-migration
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Client } from 'basic-ftp';
import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { promisify } from 'node:util';

const DEPOT_FTP = 'ftp://depot.nouveau-sil.fr/import/';
const STAGING_BUCKET = 'atlantique-migration-staging';
const s3 = new S3Client({ region: 'eu-west-3' });

export async function envoyerAuNouveauSil(extraitPatientsPath: string): Promise<void> {
  const ftp = new Client();
  try {
    // no-cleartext-transport: login and extract cross the network unencrypted.
    await ftp.access({
      host: 'depot.nouveau-sil.fr',
      user: process.env.DEPOT_USER,
      password: process.env.DEPOT_PASSWORD,
      secure: false,
    });
    await ftp.uploadFrom(extraitPatientsPath, `/import/${basename(extraitPatientsPath)}`);
  } finally {
    ftp.close();
  }
}

export async function envoyerParCurl(extraitPatientsPath: string): Promise<void> {
  // no-cleartext-transport: the same extract through an ftp:// URL.
  await promisify(execFile)('curl', ['--netrc', '-T', extraitPatientsPath, DEPOT_FTP]);
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
  // no-unencrypted-write: no ServerSideEncryption; require-delete-after-migration: never deleted.
  await s3.send(
    new PutObjectCommand({ Bucket: STAGING_BUCKET, Key: key, Body: JSON.stringify(dossiers) }),
  );
  await importer(STAGING_BUCKET, key);
}
