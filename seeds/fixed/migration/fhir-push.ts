// Fixed: push of migrated patients to the new LIS's FHIR R4 endpoint over HTTPS, logging ids only.
// Fixes: no-cleartext-transport (https:// endpoint), no-patient-data-in-logs (patient id and
// count).
// The http://loinc.org coding system is a FHIR canonical identifier, never fetched: not a
// transport.
// CNIL SAN-2022-009: data sent in clear (art. 32); personal data exposed in logs (art. 32).
// @expect-rules: none
import { logger } from '../security/logger';

const FHIR_BASE = 'https://fhir.nouveau-sil.atlantique-labo.fr/fhir';

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

  logger.info({ patientId: source.id, observations: observations.length }, 'FHIR Patient envoye');
  const response = await fetch(FHIR_BASE, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify(bundle),
  });
  if (!response.ok) throw new Error(`FHIR push failed with ${response.status}`);
}
