// Vulnerable: matching of patients between the old LIS and the new one before the switch-over.
// Shows: the candidate duplicates (names, birth dates, both systems' ids) written through the
// project's CSV helper (storage/spreadsheets.ts) to a folder on the server, in clear, and never
// removed once the switch-over is done; the switch-over report, the deliverable the lab keeps,
// names every patient in clear (an unencrypted write, but no leftover extract to delete).
// CNIL SAN-2022-009: personal data stored without encryption (art. 32) and kept after the
// migration (art. 5(1)(e)).
// @expect-rules: no-unencrypted-write, require-delete-after-migration
import { writeFile } from 'node:fs/promises';
import { writeCsvFile } from '../storage/spreadsheets';

export interface PatientEnDouble {
  ancienId: string;
  nouvelId: string;
  nom: string;
  prenom: string;
  dateNaissance: string;
}

const ENTETES = [
  { id: 'ancienId', title: 'Id ancien SIL' },
  { id: 'nouvelId', title: 'Id nouveau SIL' },
  { id: 'nom', title: 'Nom' },
  { id: 'prenom', title: 'Prénom' },
  { id: 'dateNaissance', title: 'Date de naissance' },
];

export async function exporterDoublons(patientsEnDouble: PatientEnDouble[]): Promise<void> {
  // no-unencrypted-write and require-delete-after-migration: names and birth dates to a CSV file
  // through the helper, left on the server.
  await writeCsvFile('./rapprochement/doublons-candidats.csv', ENTETES, patientsEnDouble);
}

export async function rapportDeBascule(patientsEnDouble: PatientEnDouble[]): Promise<string> {
  // The switch-over report is the deliverable the lab keeps, not a staged extract: no deletion
  // is asked for. no-unencrypted-write: it still names every patient, in clear.
  const rapport = './rapprochement/rapport-bascule.txt';
  await writeFile(rapport, patientsEnDouble.map((p) => `${p.nom} ${p.prenom}`).join('\n'));
  console.log(`Rapport de bascule : ${rapport}`);
  return rapport;
}
