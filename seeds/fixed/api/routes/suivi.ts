// Fixed: the follow-up routes, on a router the application mounts after its authentication.
// Fixes: no-unauthenticated-endpoint (app.ts mounts the router after app.use(requireAuth)).
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication
// (art. 32).
// @expect-rules: none
import { Router } from 'express';
import { SuiviController } from '../controllers/suivi.controller';

export const suiviRouter = Router();
const controller = new SuiviController();

suiviRouter.get('/suivi/:id', (req, res) => controller.notes(req, res));
