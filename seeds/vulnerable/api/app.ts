// Vulnerable: the new portal's Express application.
// Shows: the export folder served as static files; the patients and follow-up routers mounted
// before the authentication middleware; a results route registered before app.use(requireAuth),
// so it never runs it; that route reads patient results with no audit event; the analysers' HL7
// results feed, mounted by a registrar function called before the middleware too.
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication
// (art. 32); no supervision (art. 32).
// The catalogue route, behind requireAuth and reading reference data only, must stay unreported.
// @expect-rules: no-unauthenticated-endpoint, no-public-data-directory, require-access-audit
import express from 'express';
import { join } from 'node:path';
import { pool } from '../migration/db';
import { requireAuth } from '../security/auth';
import { mountResultsFeed } from './hl7-results';
import { patientsRouter } from './routes/patients';
import { suiviRouter } from './routes/suivi';

export const app = express();
app.use(express.json());

// no-public-data-directory: migration extracts served to whoever guesses a file name.
app.use('/exports', express.static(join(__dirname, '..', 'exports')));

// no-unauthenticated-endpoint: mounted before app.use(requireAuth), so the router runs without it.
app.use('/api/patients', patientsRouter);
// no-unauthenticated-endpoint: the follow-up router too, whose route reads through a controller.
app.use('/api', suiviRouter);

// no-unauthenticated-endpoint (reported in hl7-results.ts): a results feed anyone can post to.
mountResultsFeed(app);

// no-unauthenticated-endpoint + require-access-audit: registered before the auth middleware.
app.get('/api/resultats/:id/compte-rendu', async (req, res) => {
  const { rows } = await pool.query(
    'SELECT patient_id, diagnostic, compte_rendu FROM comptes_rendus WHERE id = $1',
    [req.params.id],
  );
  res.json(rows[0]);
});

app.use(requireAuth);

app.get('/api/catalogue/analyses', async (_req, res) => {
  const { rows } = await pool.query('SELECT code, libelle, tube FROM catalogue_analyses');
  res.json(rows);
});
