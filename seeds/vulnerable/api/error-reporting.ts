// Vulnerable: the API's error handler reports each failure to Sentry with the dossier it was
// handling, and Sentry is set up to send every request's body and user with each error.
// Shows: identity, NIR and health data of patients copied to an error-tracking vendor.
// CNIL SAN-2022-009: data with people who had no business holding it. GDPR art. 9, 28, 44; HIPAA 45 CFR 164.502(e).
// @expect-rules: no-patient-data-to-third-party
import * as Sentry from '@sentry/node';
import type { NextFunction, Request, Response } from 'express';

// no-patient-data-to-third-party: request bodies (dossiers) and users go with every error.
Sentry.init({ dsn: process.env.SENTRY_DSN, sendDefaultPii: true });

interface Dossier {
  id: number;
  nom: string;
  prenom: string;
  nir: string;
  email: string;
}

export function signalerErreur(
  err: Error,
  req: Request & { dossier?: Dossier },
  res: Response,
  next: NextFunction,
): void {
  const dossier = req.dossier;
  if (dossier) {
    // no-patient-data-to-third-party: the patient's e-mail address becomes Sentry's user.
    Sentry.setUser({ id: String(dossier.id), email: dossier.email });
    // no-patient-data-to-third-party: the whole dossier, NIR included, as an extra.
    Sentry.captureException(err, { extra: { dossier } });
  } else {
    Sentry.captureException(err);
  }
  if (res.headersSent) return next(err);
  res.status(500).json({ error: 'internal error' });
}
