// Vulnerable: the patient portal's results page, with the marketing team's analytics and ad tags.
// Shows: each result a patient opens sent to Google Analytics and Meta Pixel with the test, the HIV
// status and the condition; the vendors join them to the device and the advertising profile.
// CNIL SAN-2022-009: data with people who had no business holding it. GDPR art. 9, 28, 44; HHS OCR bulletin on online tracking technologies (2022, updated 2024).
// @expect-rules: no-patient-data-to-third-party
import { useEffect } from 'react';

declare function gtag(...args: unknown[]): void;
declare function fbq(...args: unknown[]): void;

interface ResultatPatient {
  id: number;
  examen: string;
  diagnostic: string;
  pathologie: string;
  statutVih: string;
}

export function PortailResultats({ resultat }: { resultat: ResultatPatient }) {
  useEffect(() => {
    // no-patient-data-to-third-party: the HIV status goes to the analytics vendor.
    gtag('event', 'resultat_consulte', { examen: resultat.examen, statut_vih: resultat.statutVih });
    // no-patient-data-to-third-party: the condition goes to the advertising pixel.
    fbq('trackCustom', 'ResultatConsulte', { pathologie: resultat.pathologie });
  }, [resultat]);

  return (
    <section>
      <h1>{resultat.examen}</h1>
      <p>{resultat.diagnostic}</p>
    </section>
  );
}
