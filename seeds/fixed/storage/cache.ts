// Fixed: the Redis cache holds encrypted patient entries that expire after 15 minutes.
// Fixes: no-unencrypted-write. Every value goes through encryptForStorage before set/hset, so a
// dump of the cache (or another service reading it) yields ciphertext only.
// CNIL SAN-2022-009: personal data stored without encryption (art. 32).
// @expect-rules: none
import Redis from 'ioredis';
import { encryptForStorage } from '../security/crypto';

const redis = new Redis({
  host: process.env.REDIS_HOST,
  password: process.env.REDIS_PASSWORD,
  tls: {},
});
const TTL_SECONDS = 15 * 60;

export interface Patient {
  id: number;
  nom: string;
  prenom: string;
  nir: string;
  groupeSanguin: string;
  statutVih: string;
}

export async function cachePatient(patient: Patient): Promise<void> {
  await redis.set(
    `patient:${patient.id}`,
    encryptForStorage(JSON.stringify(patient)),
    'EX',
    TTL_SECONDS,
  );
}

export async function cacheDossierFields(patient: Patient): Promise<void> {
  const key = `dossier:${patient.id}`;
  await redis.hset(key, {
    identite: encryptForStorage(JSON.stringify({ nom: patient.nom, prenom: patient.prenom })),
    nir: encryptForStorage(patient.nir),
    statutVih: encryptForStorage(patient.statutVih),
  });
  await redis.expire(key, TTL_SECONDS);
}
