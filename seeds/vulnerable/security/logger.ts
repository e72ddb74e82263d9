// Vulnerable: the shared application logger, with a debugging helper that dumps whole dossiers.
// Shows: patient records in application logs, which are shipped, kept and read far beyond the LIS.
// CNIL SAN-2022-009: personal data stored without protection (art. 32); CNIL developer guide on
// logs.
// @expect-rules: no-patient-data-in-logs
import pino from 'pino';

export const logger = pino({ name: 'sil-atlantique', level: 'debug' });

// Written for the logs, used nowhere: traceDossier below predates it.
export function redactPatient(patient: { id: number }): { patientId: number } {
  return { patientId: patient.id };
}

export function traceDossier(dossier: { id: number; nom: string; nir: string }): void {
  // no-patient-data-in-logs: identity, NIR and everything else in the dossier go to the log.
  logger.debug({ dossier }, 'dossier charge');
}
