// Fixed: the React panel talks to the LIS over HTTPS only.
// Fixes: no-cleartext-transport. Results and prescriptions (ordonnances) travel over https://, so
// neither the network nor a proxy on the way can read them.
// CNIL SAN-2022-009: data sent in clear (art. 32).
// @expect-rules: none
import { useEffect, useState } from 'react';

const SIL_API = 'https://sil.atlantique-labo.fr/api';

interface Resultat {
  code: string;
  libelle: string;
  valeur: string;
}

export function ResultatsPanel({ patientId }: { patientId: number }) {
  const [resultats, setResultats] = useState<Resultat[]>([]);

  useEffect(() => {
    fetch(`${SIL_API}/patients/${patientId}/resultats`)
      .then((response) => response.json())
      .then(setResultats);
  }, [patientId]);

  async function envoyerOrdonnance(ordonnance: { medicaments: string[]; diagnostic: string }) {
    await fetch('https://ordonnances.atlantique-labo.fr/api/ordonnances', {
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
