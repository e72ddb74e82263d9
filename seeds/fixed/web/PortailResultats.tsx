// Fixed: the patient portal's results page counts page views with no patient data in them.
// Fixes: no-patient-data-to-third-party. The analytics event carries its name only (no test,
// status or diagnosis), and the ad pixel is gone from pages that show health data.
// CNIL SAN-2022-009: data with people who had no business holding it. GDPR art. 9, 28, 44; HHS OCR bulletin on online tracking technologies (2022, updated 2024).
// @expect-rules: none
import { useEffect } from 'react';

declare function gtag(...args: unknown[]): void;

interface ResultatPatient {
  id: number;
  examen: string;
  diagnostic: string;
  pathologie: string;
  statutVih: string;
}

export function PortailResultats({ resultat }: { resultat: ResultatPatient }) {
  useEffect(() => {
    gtag('event', 'resultat_consulte');
  }, [resultat]);

  return (
    <section>
      <h1>{resultat.examen}</h1>
      <p>{resultat.diagnostic}</p>
    </section>
  );
}
