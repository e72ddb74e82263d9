// Vulnerable: the storage-encryption helper of the old LIS, keyed with a secret written in the
// source.
// Shows: a shared encryption secret committed to the repository, readable by every developer and
// every copy of the code, so "encrypted" extracts are only as private as the Git history.
// CNIL SAN-2022-009: security measures insufficient (art. 32); shared secrets across staff and
// sites.
// @expect-rules: no-hardcoded-credentials
import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';

// no-hardcoded-credentials: the key material is a literal, identical on every laboratory site.
const STORAGE_SECRET = 'Atlantique-SIL-2019!';
const key = scryptSync(STORAGE_SECRET, 'sil-atlantique', 32);

export function encryptForStorage(plaintext: string | Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}
