// Fixed: the access journal records who did what to which patient id, never the record itself.
// Fixes: no-patient-data-in-logs. Entries go to an append-only file shipped to the SIEM, where
// unusual volumes raise alerts.
// CNIL SAN-2022-009: no supervision, no escalation of security alerts (art. 32).
// @expect-rules: none
import pino from 'pino';

const journal = pino(
  { name: 'sil-audit' },
  pino.destination({ dest: process.env.SIL_AUDIT_LOG ?? '/var/log/sil/audit.log', sync: true }),
);

export interface AuditEvent {
  actor: string;
  patientId?: number | string;
  laboratoireId?: number;
  count?: number;
}

export const audit = {
  record(action: string, event: AuditEvent): void {
    journal.info({ action, ...event, at: new Date().toISOString() });
  },
};
