// Fixed: the follow-up controller logs how many notes it served, never the notes.
// Fixes: no-patient-data-in-logs (the helper is handed a count).
// CNIL SAN-2022-009: personal data stored without protection (art. 32); CNIL developer guide on
// logs.
// @expect-rules: none
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
    journaliser('notes', rows.length);
    res.json(rows);
  }
}
