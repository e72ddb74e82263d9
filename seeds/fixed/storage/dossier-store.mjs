// Fixed: long-term archive of validated dossiers in S3 with KMS server-side encryption.
// Fixes: no-unencrypted-write. The upload parameters ask S3 to encrypt with the archive's KMS key,
// and the bucket policy rejects any PutObject without it.
// CNIL SAN-2022-009: personal data stored without encryption (art. 32).
// Scope: the legal retention copy, kept by design and written outside any export or migration code,
// so only encryption is at stake (no deletion finding).
// @expect-rules: none
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

const s3 = new S3Client({ region: 'eu-west-3' });

export async function conserverDossier(dossier) {
  const upload = new Upload({
    client: s3,
    params: {
      Bucket: 'atlantique-archives-resultats',
      Key: `dossiers/${dossier.id}.json`,
      Body: JSON.stringify(dossier),
      ContentType: 'application/json',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: process.env.ARCHIVE_KMS_KEY_ID,
    },
  });
  await upload.done();
}
