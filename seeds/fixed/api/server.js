// Fixed: the first portal of the old LIS, now behind authentication with every read audited.
// Fixes: no-unauthenticated-endpoint (app.use(requireAuth) before every route),
// no-public-data-directory (no static serving of exports/; one audited download route instead),
// require-access-audit (audit.record names the user and the patient before each read).
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication
// (art. 32); no supervision (art. 32).
// @expect-rules: none
const express = require('express');
const path = require('node:path');
const { pool } = require('../migration/db');
const { audit } = require('../security/audit');
const { requireAuth } = require('../security/auth');

const EXPORT_DIR = path.join(__dirname, 'exports');
const app = express();

app.use(requireAuth);

app.get('/patients/:id', async (req, res) => {
  audit.record('patient.read', { actor: res.locals.user.sub, patientId: req.params.id });
  const { rows } = await pool.query(
    'SELECT id, nom, prenom, date_naissance FROM patients WHERE id = $1',
    [req.params.id],
  );
  res.json(rows[0]);
});

app.get('/resultats', async (req, res) => {
  audit.record('resultat.read', { actor: res.locals.user.sub });
  const { rows } = await pool.query(
    'SELECT patient_id, code_analyse, valeur, date_prelevement FROM resultats WHERE date_prelevement >= $1 AND prescripteur_id = $2',
    [req.query.depuis, res.locals.user.sub],
  );
  res.json(rows);
});

app.get('/export', (req, res) => {
  const fichier = path.basename(String(req.query.fichier));
  audit.record('export.download', { actor: res.locals.user.sub });
  res.download(path.join(EXPORT_DIR, fichier));
});

app.listen(8080);
