// Vulnerable: browser-side cache of the results portal, "to make the back button fast".
// Shows: patient dossiers and results kept in localStorage, sessionStorage, IndexedDB and a cookie,
// all in clear, readable by any script on the origin and left behind on shared lab workstations.
// CNIL SAN-2022-009: personal data stored without encryption (art. 32).
// @expect-rules: no-unencrypted-write
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

export function rememberDossier(dossier: DossierPatient): void {
  // no-unencrypted-write: the whole dossier in localStorage, kept forever.
  localStorage.setItem(`dossier:${dossier.id}`, JSON.stringify(dossier));
  // no-unencrypted-write: the same in sessionStorage for the current tab.
  sessionStorage.setItem('patientCourant', JSON.stringify(dossier));
  // no-unencrypted-write: the NIR in a cookie, sent with every request.
  document.cookie = `nir=${dossier.nir}; path=/; max-age=31536000`;
}

export function cacheResults(results: LabResult[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('resultats-cache', 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore('labResults', { autoIncrement: true });
    request.onsuccess = () => {
      const tx = request.result.transaction('labResults', 'readwrite');
      // no-unencrypted-write: each result put in IndexedDB in clear.
      for (const labResult of results) tx.objectStore('labResults').put(labResult);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    };
    request.onerror = () => reject(request.error);
  });
}
