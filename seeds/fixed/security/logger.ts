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

/**
 * De-identifies what leaves for a third party (an AI model, an error tracker): in text, NIR-like
 * numbers and e-mail addresses are masked; a record keeps its id and clinical fields only.
 */
export function deidentify<T>(value: T): T {
  if (typeof value === 'string')
    return value
      .replace(/\b[12](\s?\d{2}){3}(\s?\d{3}){2}(\s?\d{2})?\b/g, '[NIR]')
      .replace(/\S+@\S+/g, '[e-mail]') as T;
  if (value === null || typeof value !== 'object') return value;
  const identity = new Set([
    'nom',
    'prenom',
    'nir',
    'dateNaissance',
    'adresse',
    'email',
    'telephone',
  ]);
  return Object.fromEntries(Object.entries(value).filter(([key]) => !identity.has(key))) as T;
}

export function traceDossier(dossier: { id: number; nom: string; nir: string }): void {
  logger.debug(redactPatient(dossier), 'dossier charge');
}
