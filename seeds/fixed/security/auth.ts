// Fixed: per-user authentication of the laboratory portal with signed tokens from the identity
// provider.
// Fixes: no-hardcoded-credentials. Every employee has their own account; the verification key comes
// from the environment; the authenticated user is kept for the audit trail.
// CNIL SAN-2022-009: accounts shared between several employees (art. 32).
// @expect-rules: none
import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  const publicKey = process.env.SIL_JWT_PUBLIC_KEY;
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!publicKey || !token) {
    res.status(401).end();
    return;
  }
  try {
    res.locals.user = jwt.verify(token, publicKey, {
      algorithms: ['RS256'],
      audience: 'sil-atlantique',
    });
    next();
  } catch {
    res.status(401).end();
  }
}

/** NestJS guard backed by the passport-jwt strategy registered in the auth module. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}
