// Vulnerable: matching of patients between the old LIS and the new one before the switch-over.
// Shows: the candidate duplicates (names, birth dates, both systems' ids) written through the
// project's CSV helper (storage/spreadsheets.ts) to a folder on the server, in clear, and never
// removed once the switch-over is done.
// CNIL SAN-2022-009: personal data stored without encryption (art. 32) and kept after the
// migration (art. 5(1)(e)).
// @expect-rules: no-unencrypted-write, require-delete-after-migration
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
