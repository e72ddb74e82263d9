// Fixed: the API's error handler reports failures to Sentry with the dossier's id only.
// Fixes: no-patient-data-to-third-party. Sentry keeps its default (no request bodies, cookies or
// users), and the extra names the dossier by id; the error tells the team where to look.
// CNIL SAN-2022-009: data with people who had no business holding it. GDPR art. 9, 28, 44; HIPAA 45 CFR 164.502(e).
// @expect-rules: none
import * as Sentry from '@sentry/node';
import type { NextFunction, Request, Response } from 'express';

Sentry.init({ dsn: process.env.SENTRY_DSN, sendDefaultPii: false });

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
  Sentry.captureException(err, { extra: { dossierId: dossier?.id } });
  if (res.headersSent) return next(err);
  res.status(500).json({ error: 'internal error' });
}
