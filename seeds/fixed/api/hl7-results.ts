// Fixed: the analysers' results feed, HL7 v2 ORU^R01 messages posted as JSON by the lab's
// instrument middleware.
// Fixes: no-unauthenticated-endpoint — app.ts calls the registrar after app.use(requireAuth), so
// only an authenticated instrument middleware can post results; the handler is unchanged.
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication (art. 32).
// @expect-rules: none
import type { Express, Request, Response } from 'express';
import { pool } from '../migration/db';

async function receiveResults(req: Request, res: Response): Promise<void> {
  const { patient_id, code_analyse, valeur, date_prelevement } = req.body;
  await pool.query(
    'INSERT INTO resultats (patient_id, code_analyse, valeur, date_prelevement) VALUES ($1, $2, $3, $4)',
    [patient_id, code_analyse, valeur, date_prelevement],
  );
  res.sendStatus(202);
}

export function mountResultsFeed(app: Express): void {
  app.use('/hl7/oru-r01', receiveResults);
}
