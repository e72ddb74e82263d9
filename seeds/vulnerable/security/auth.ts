// Vulnerable: HTTP authentication of the laboratory portal through one account shared by all staff.
// Shows: a literal, shared login/password in the source; nobody can tell which employee did what.
// CNIL SAN-2022-009: accounts shared between several employees (art. 32).
// @expect-rules: no-hardcoded-credentials
import type { NextFunction, Request, Response } from 'express';

// no-hardcoded-credentials: one account for the whole laboratory, password in clear in the code.
const COMPTE_LABORATOIRE = { username: 'laboratoire', password: 'Atlantique2015' };

export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  const header = req.headers.authorization ?? '';
  const [user, pass] = Buffer.from(header.replace(/^Basic /, ''), 'base64')
    .toString()
    .split(':');
  if (user === COMPTE_LABORATOIRE.username && pass === COMPTE_LABORATOIRE.password) {
    next();
    return;
  }
  res.status(401).set('WWW-Authenticate', 'Basic realm="SIL"').end();
}
