// Fixed: the results portal keeps dossiers in memory for the page's lifetime only.
// Fixes: no-unencrypted-write. Nothing about the patient reaches localStorage, sessionStorage,
// IndexedDB or cookies; sessionStorage keeps only which tab was open, and logout clears memory.
// CNIL SAN-2022-009: personal data stored without encryption (art. 32).
// @expect-rules: none
export interface DossierPatient {
  id: number;
  nom: string;
  prenom: string;
  dateOfBirth: string;
  nir: string;
  bloodType: string;
  hivStatus: string;
}

export interface LabResult {
  patientId: number;
  code: string;
  value: string;
  specimen: string;
}

const dossiers = new Map<number, DossierPatient>();
const labResults: LabResult[] = [];

export function rememberDossier(dossier: DossierPatient): void {
  dossiers.set(dossier.id, dossier);
}

export function cacheResults(results: LabResult[]): Promise<void> {
  labResults.push(...results);
  return Promise.resolve();
}

export function rememberTab(onglet: 'resultats' | 'ordonnances' | 'historique'): void {
  sessionStorage.setItem('ongletActif', onglet);
}

export function forgetEverything(): void {
  dossiers.clear();
  labResults.length = 0;
  sessionStorage.removeItem('ongletActif');
}
