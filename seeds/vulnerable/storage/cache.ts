// Vulnerable: the Redis cache in front of the dossier service.
// Shows: patient objects stored in Redis with set and hset, in clear and with no expiry, on a cache
// that every service of the platform can read.
// CNIL SAN-2022-009: personal data stored without encryption (art. 32).
// @expect-rules: no-unencrypted-write
import Redis from 'ioredis';

const redis = new Redis({ host: process.env.REDIS_HOST, password: process.env.REDIS_PASSWORD });

export interface Patient {
  id: number;
  nom: string;
  prenom: string;
  nir: string;
  groupeSanguin: string;
  statutVih: string;
}

export async function cachePatient(patient: Patient): Promise<void> {
  // no-unencrypted-write: identity, NIR and HIV status in clear, never expiring.
  await redis.set(`patient:${patient.id}`, JSON.stringify(patient));
}

export async function cacheDossierFields(patient: Patient): Promise<void> {
  // no-unencrypted-write: the same record, field by field, in a hash.
  await redis.hset(`dossier:${patient.id}`, {
    nom: patient.nom,
    prenom: patient.prenom,
    nir: patient.nir,
    statutVih: patient.statutVih,
  });
}
