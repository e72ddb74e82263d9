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
  // no-patient-data-in-logs: identity, NIR and everything else in the dossier go to the log.
  logger.debug({ dossier }, 'dossier charge');
}
