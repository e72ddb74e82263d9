// Vulnerable: push of migrated patients to the new LIS's FHIR R4 endpoint.
// Shows: FHIR Patient and Observation resources (identity, INS-NIR, results) POSTed over http:// to
// a remote host; each Patient resource written to the application log.
// CNIL SAN-2022-009: data sent in clear (art. 32); personal data exposed in logs (art. 32).
// @expect-rules: no-cleartext-transport, no-patient-data-in-logs
import { logger } from '../security/logger';

const FHIR_BASE = 'http://fhir.nouveau-sil.atlantique-labo.fr/fhir';

export interface MigratedPatient {
  id: number;
  nom: string;
  prenom: string;
  dateNaissance: string;
  nir: string;
  resultats: { loinc: string; valeur: number; unite: string; date: string }[];
}

export async function pushToNewLis(source: MigratedPatient): Promise<void> {
  const patient = {
    resourceType: 'Patient',
    id: `atl-${source.id}`,
    // FHIR R4 Patient.identifier; 1.2.250.1.213.1.4.8 is the French INS-NIR system.
    identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.8', value: source.nir }],
    name: [{ family: source.nom, given: [source.prenom] }],
    birthDate: source.dateNaissance,
  };
  const observations = source.resultats.map((resultat) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: resultat.loinc }] },
    subject: { reference: `Patient/${patient.id}` },
    effectiveDateTime: resultat.date,
    valueQuantity: { value: resultat.valeur, unit: resultat.unite },
  }));
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [patient, ...observations].map((resource) => ({
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };

  // no-patient-data-in-logs: the FHIR Patient resource carries identity and NIR.
  logger.info({ patient }, 'FHIR Patient envoye');
  // no-cleartext-transport: identity, NIR and results over plain HTTP to a remote server.
  const response = await fetch(FHIR_BASE, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify(bundle),
  });
  if (!response.ok) throw new Error(`FHIR push failed with ${response.status}`);
}
