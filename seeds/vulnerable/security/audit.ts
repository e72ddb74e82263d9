// Vulnerable: the old LIS's access journal, which copies the whole patient record into the log.
// Shows: patient data (NIR, HIV status, results) written to an ordinary log stream.
// CNIL SAN-2022-009: no effective supervision of access (art. 32); CNIL developer guide on logs.
// @expect-rules: no-patient-data-in-logs
import pino from 'pino';

const journal = pino({ name: 'sil-journal' });

export const audit = {
  record(action: string, patient: Record<string, unknown>): void {
    // no-patient-data-in-logs: the "audit" entry is the full record, not who accessed which id.
    journal.info({ action, patient }, 'acces dossier');
  },
};
