// Fixed: the candidate duplicates reach the reviewer encrypted, and the working file is deleted
// whatever happens.
// Fixes: no-unencrypted-write (the rows are sealed with encryptForStorage before they are
// written) and require-delete-after-migration (rm in finally, once the file is sent); the
// switch-over report counts the duplicates and names nobody.
// CNIL SAN-2022-009: personal data stored without encryption (art. 32) and kept after the
// migration (art. 5(1)(e)).
// @expect-rules: none
import { rm, writeFile } from 'node:fs/promises';
import { encryptForStorage } from '../security/crypto';
import { envoyerAuNouveauSil } from './transfer';

export interface PatientEnDouble {
  ancienId: string;
  nouvelId: string;
  nom: string;
  prenom: string;
  dateNaissance: string;
}

export async function exporterDoublons(patientsEnDouble: PatientEnDouble[]): Promise<void> {
  const chemin = './rapprochement/doublons-candidats.json.enc';
  try {
    await writeFile(chemin, encryptForStorage(JSON.stringify(patientsEnDouble)));
    await envoyerAuNouveauSil(chemin);
  } finally {
    await rm(chemin, { force: true });
  }
}

export async function rapportDeBascule(patientsEnDouble: PatientEnDouble[]): Promise<string> {
  // The switch-over report the lab keeps counts the duplicates; it names nobody.
  const rapport = './rapprochement/rapport-bascule.txt';
  await writeFile(rapport, `Doublons rapprochés : ${patientsEnDouble.length}\n`);
  console.log(`Rapport de bascule : ${rapport}`);
  return rapport;
}
