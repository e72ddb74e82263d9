// Vulnerable: the React panel where a doctor reads a patient's results and sends a prescription.
// Shows: patient results fetched from, and a prescription (ordonnance) posted to, a remote server
// over plain http://.
// CNIL SAN-2022-009: data sent in clear (art. 32).
// @expect-rules: no-cleartext-transport
import { useEffect, useState } from 'react';

const SIL_API = 'http://sil.atlantique-labo.fr/api';

interface Resultat {
  code: string;
  libelle: string;
  valeur: string;
}

export function ResultatsPanel({ patientId }: { patientId: number }) {
  const [resultats, setResultats] = useState<Resultat[]>([]);

  useEffect(() => {
    // no-cleartext-transport: results travel unencrypted.
    fetch(`${SIL_API}/patients/${patientId}/resultats`)
      .then((response) => response.json())
      .then(setResultats);
  }, [patientId]);

  async function envoyerOrdonnance(ordonnance: { medicaments: string[]; diagnostic: string }) {
    // no-cleartext-transport: the prescription and diagnosis posted over plain HTTP.
    await fetch('http://ordonnances.atlantique-labo.fr/api/ordonnances', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ patientId, ...ordonnance }),
    });
  }

  return (
    <section>
      <h2>Résultats</h2>
      <ul>
        {resultats.map((resultat) => (
          <li key={resultat.code}>
            {resultat.libelle} : {resultat.valeur}
          </li>
        ))}
      </ul>
      <button onClick={() => envoyerOrdonnance({ medicaments: [], diagnostic: '' })}>
        Renouveler l'ordonnance
      </button>
    </section>
  );
}
