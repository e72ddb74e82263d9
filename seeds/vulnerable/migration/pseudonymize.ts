// Vulnerable: "anonymisation" of the statistics extract sent to the regional health observatory.
// Shows: unkeyed MD5 and SHA-256 of the NIR used as pseudonyms; with ~10^13 possible NIRs (and far
// fewer plausible ones) anyone holding the extract reverses them in minutes.
// CNIL SAN-2022-009 context: identifiers leaked with the records; GDPR art. 4(5) and 32
// (pseudonymisation).
// @expect-rules: no-weak-pseudonymization
import { createHash } from 'node:crypto';

export interface LignePatient {
  nir: string;
  num_secu_ayant_droit?: string;
  date_naissance: string;
  code_analyse: string;
  valeur: string;
}

export function pseudonymiser(ligne: LignePatient) {
  return {
    // no-weak-pseudonymization: a plain hash of the NIR is a lookup away from the NIR.
    pseudo: createHash('sha256').update(ligne.nir).digest('hex'),
    // no-weak-pseudonymization: MD5, unkeyed, of the beneficiary's social security number.
    pseudoAyantDroit: ligne.num_secu_ayant_droit
      ? createHash('md5').update(ligne.num_secu_ayant_droit).digest('hex')
      : null,
    anneeNaissance: ligne.date_naissance.slice(0, 4),
    codeAnalyse: ligne.code_analyse,
    valeur: ligne.valeur,
  };
}
