// Vulnerable: the patients router of the new portal, mounted by api/app.ts.
// Shows: dossier and results reads that leave no audit event, and routes that api/app.ts mounts
// with no authentication before them: each route is reported here, with the mount as a related
// location (and the mount itself in api/app.ts).
// CNIL SAN-2022-009: no supervision, no escalation of security alerts; part of the server
// reachable without authentication (art. 32).
// @expect-rules: no-unauthenticated-endpoint, require-access-audit
import { Router } from 'express';
import { pool } from '../../migration/db';

export const patientsRouter = Router();

// require-access-audit: nobody will ever know who read this dossier.
patientsRouter.get('/:id', async (req, res) => {
  const { rows } = await pool.query(
    'SELECT id, nom, prenom, date_naissance FROM patients WHERE id = $1',
    [req.params.id],
  );
  res.json(rows[0]);
});

// require-access-audit: HIV serology and pregnancy tests included, still no trace.
patientsRouter.get('/:id/resultats', async (req, res) => {
  const { rows } = await pool.query(
    'SELECT code_analyse, valeur, date_prelevement FROM resultats WHERE patient_id = $1',
    [req.params.id],
  );
  res.json(rows);
});
