// Fixed: the shared application logger redacts patient fields and logs dossiers by id only.
// Fixes: no-patient-data-in-logs. redactPatient is the project's redaction helper (see
// redaction.helpers in healthdata.config.json); pino's redact paths are a second net.
// CNIL SAN-2022-009: personal data stored without protection (art. 32); CNIL developer guide on
// logs.
// @expect-rules: none
import pino from 'pino';

export const logger = pino({
  name: 'sil-atlantique',
  level: 'info',
  redact: { paths: ['*.nom', '*.prenom', '*.nir', '*.dateNaissance', '*.statutVih'], remove: true },
});

export function redactPatient(patient: { id: number }): { patientId: number } {
  return { patientId: patient.id };
}

export function traceDossier(dossier: { id: number; nom: string; nir: string }): void {
  logger.debug(redactPatient(dossier), 'dossier charge');
}
