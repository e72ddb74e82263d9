// Fixed: the new portal's Express application authenticates before any patient route or router.
// Fixes: no-public-data-directory (no static serving of the export folder),
// no-unauthenticated-endpoint (app.use(requireAuth) precedes the patients and follow-up routers,
// the HL7 results feed and the report route), require-access-audit.
// The /health probe stays before requireAuth on purpose: it serves no patient data.
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication
// (art. 32); no supervision (art. 32).
// @expect-rules: none
import express from 'express';
import { pool } from '../migration/db';
import { audit } from '../security/audit';
import { requireAuth } from '../security/auth';
import { mountResultsFeed } from './hl7-results';
import { patientsRouter } from './routes/patients';
import { suiviRouter } from './routes/suivi';

export const app = express();
app.use(express.json());

app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});

app.use(requireAuth);

app.use('/api/patients', patientsRouter);
app.use('/api', suiviRouter);
mountResultsFeed(app);

app.get('/api/resultats/:id/compte-rendu', async (req, res) => {
  audit.record('compte-rendu.read', { actor: res.locals.user.sub, patientId: req.params.id });
  const { rows } = await pool.query(
    'SELECT patient_id, diagnostic, compte_rendu FROM comptes_rendus WHERE id = $1',
    [req.params.id],
  );
  res.json(rows[0]);
});

app.get('/api/catalogue/analyses', async (_req, res) => {
  const { rows } = await pool.query('SELECT code, libelle, tube FROM catalogue_analyses');
  res.json(rows);
});
