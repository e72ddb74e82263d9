// Fixed: the patients router audits every dossier and results read with the authenticated user.
// Fixes: require-access-audit. Authentication is applied where the router is mounted (api/app.ts
// mounts it after app.use(requireAuth)).
// CNIL SAN-2022-009: no supervision, no escalation of security alerts (art. 32).
// @expect-rules: none
import { Router } from 'express';
import { pool } from '../../migration/db';
import { audit } from '../../security/audit';

export const patientsRouter = Router();

patientsRouter.get('/:id', async (req, res) => {
  audit.record('patient.read', { actor: res.locals.user.sub, patientId: req.params.id });
  const { rows } = await pool.query(
    'SELECT id, nom, prenom, date_naissance FROM patients WHERE id = $1',
    [req.params.id],
  );
  res.json(rows[0]);
});

patientsRouter.get('/:id/resultats', async (req, res) => {
  audit.record('resultat.read', { actor: res.locals.user.sub, patientId: req.params.id });
  const { rows } = await pool.query(
    'SELECT code_analyse, valeur, date_prelevement FROM resultats WHERE patient_id = $1',
    [req.params.id],
  );
  res.json(rows);
});
