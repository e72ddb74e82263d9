// Fixed: pseudonyms are HMAC-SHA-256 of the NIR under a secret key held outside the extract.
// Fixes: no-weak-pseudonymization. Without the key, enumerating every possible NIR gives nothing;
// the key comes from the environment and never travels with the data.
// CNIL SAN-2022-009 context: identifiers leaked with the records; GDPR art. 4(5) and 32
// (pseudonymisation).
// @expect-rules: none
import { createHmac } from 'node:crypto';

export interface LignePatient {
  nir: string;
  num_secu_ayant_droit?: string;
  date_naissance: string;
  code_analyse: string;
  valeur: string;
}

function pseudonymKey(): Buffer {
  const encoded = process.env.SIL_PSEUDONYM_KEY;
  if (!encoded) throw new Error('SIL_PSEUDONYM_KEY is not set');
  return Buffer.from(encoded, 'base64');
}

export function pseudonymiser(ligne: LignePatient) {
  const key = pseudonymKey();
  return {
    pseudo: createHmac('sha256', key).update(ligne.nir).digest('hex'),
    pseudoAyantDroit: ligne.num_secu_ayant_droit
      ? createHmac('sha256', key).update(ligne.num_secu_ayant_droit).digest('hex')
      : null,
    anneeNaissance: ligne.date_naissance.slice(0, 4),
    codeAnalyse: ligne.code_analyse,
    valeur: ligne.valeur,
  };
}
