// Fixed: the storage-encryption helper, keyed from the environment (a KMS-provisioned data key).
// Fixes: no-hardcoded-credentials. The key is never in the repository; a missing key stops the
// process instead of silently falling back to clear text.
// CNIL SAN-2022-009: security measures insufficient (art. 32).
// @expect-rules: none
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

function storageKey(): Buffer {
  const encoded = process.env.SIL_STORAGE_KEY;
  const key = encoded ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new Error('SIL_STORAGE_KEY must hold a base64 256-bit key');
  return key;
}

/** AES-256-GCM; the output is iv (12 bytes) + tag (16 bytes) + ciphertext. */
export function encryptForStorage(plaintext: string | Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', storageKey(), iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptFromStorage(sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', storageKey(), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}
