// Vulnerable: the first portal of the old LIS, one Express file that laboratories and doctors
// reached from the internet.
// Shows: patient, results and export routes with no authentication at all; the export folder served
// as static files; patient records read with no audit event.
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication
// (art. 32); no supervision (art. 32).
// @expect-rules: no-unauthenticated-endpoint, no-public-data-directory, require-access-audit
const express = require('express');
const path = require('node:path');
const { pool } = require('../migration/db');

const app = express();

// no-public-data-directory: every extract dropped in exports/ is downloadable by URL.
app.use('/exports', express.static('exports'));

// no-unauthenticated-endpoint + require-access-audit: anyone can read any dossier by id.
app.get('/patients/:id', async (req, res) => {
  const { rows } = await pool.query(
    'SELECT id, nom, prenom, date_naissance, nir, groupe_sanguin, statut_vih FROM patients WHERE id = $1',
    [req.params.id],
  );
  res.json(rows[0]);
});

// no-unauthenticated-endpoint + require-access-audit: results of a whole date range, no login.
app.get('/resultats', async (req, res) => {
  const { rows } = await pool.query(
    'SELECT patient_id, code_analyse, valeur, date_prelevement FROM resultats WHERE date_prelevement >= $1',
    [req.query.depuis],
  );
  res.json(rows);
});

// no-unauthenticated-endpoint: the migration extracts, downloadable by name.
app.get('/export', (req, res) => {
  res.download(path.join(__dirname, 'exports', String(req.query.fichier)));
});

app.listen(8080);
