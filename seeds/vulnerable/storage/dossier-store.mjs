// Vulnerable: long-term archive of validated dossiers in S3 (legal retention of lab results).
// Shows: dossiers uploaded with @aws-sdk/lib-storage Upload and without server-side encryption.
// CNIL SAN-2022-009: personal data stored without encryption (art. 32).
// Scope: the legal retention copy, kept by design and written outside any export or migration code,
// so only encryption is at stake (no deletion finding).
// @expect-rules: no-unencrypted-write
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

const s3 = new S3Client({ region: 'eu-west-3' });

export async function conserverDossier(dossier) {
  // no-unencrypted-write: no ServerSideEncryption in the upload parameters.
  const upload = new Upload({
    client: s3,
    params: {
      Bucket: 'atlantique-archives-resultats',
      Key: `dossiers/${dossier.id}.json`,
      Body: JSON.stringify(dossier),
      ContentType: 'application/json',
    },
  });
  await upload.done();
}
