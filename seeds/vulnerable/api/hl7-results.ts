// Vulnerable: the analysers' results feed, HL7 v2 ORU^R01 messages posted as JSON by the lab's
// instrument middleware.
// Shows: a request handler mounted on its own path by a registrar function the application calls
// before its authentication middleware, so anyone who can reach the server can store results for
// any patient: the handler takes what the client sends (patient, analysis, value) into `resultats`.
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication (art. 32).
// @expect-rules: no-unauthenticated-endpoint
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
  // no-unauthenticated-endpoint: app.ts calls this before app.use(requireAuth).
  app.use('/hl7/oru-r01', receiveResults);
}
