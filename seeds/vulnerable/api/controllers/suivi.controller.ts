// Vulnerable: the follow-up controller of the portal, whose methods the follow-up routes call.
// Shows: a helper of the module that writes what it is given to the log, handed the patients'
// follow-up notes: reported where the notes are handed over, not in the helper.
// CNIL SAN-2022-009: personal data stored without protection (art. 32); CNIL developer guide on
// logs.
// @expect-rules: no-patient-data-in-logs
import type { Request, Response } from 'express';
import { pool } from '../../migration/db';
import { logger } from '../../security/logger';

function journaliser(etape: string, detail: unknown): void {
  logger.info({ etape, detail }, 'suivi');
}

export class SuiviController {
  async notes(req: Request, res: Response): Promise<void> {
    const { rows } = await pool.query(
      'SELECT date_note, texte, auteur FROM suivi_patients WHERE patient_id = $1',
      [req.params.id],
    );
    // no-patient-data-in-logs: the notes go to the log through journaliser().
    journaliser('notes', rows);
    res.json(rows);
  }
}
