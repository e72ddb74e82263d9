// Vulnerable: the follow-up routes of the portal, on a router the application mounts.
// Shows: a route whose path names no patient data, judged by the controller method it hands the
// request to (which reads the patients' follow-up notes), served with no authentication.
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication
// (art. 32).
// @expect-rules: no-unauthenticated-endpoint
import { Router } from 'express';
import { SuiviController } from '../controllers/suivi.controller';

export const suiviRouter = Router();
const controller = new SuiviController();

// no-unauthenticated-endpoint: the controller reads suivi_patients; nothing authenticates first.
suiviRouter.get('/suivi/:id', (req, res) => controller.notes(req, res));
