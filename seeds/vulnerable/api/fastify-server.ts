// Vulnerable: the Fastify service the new LIS exposes to prescribing doctors.
// Shows: patient and results routes with no preHandler/onRequest authentication hook; reads with no
// audit event.
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication
// (art. 32); no supervision (art. 32).
// @expect-rules: no-unauthenticated-endpoint, require-access-audit
import Fastify from 'fastify';
import { prisma } from '../migration/db';

const app = Fastify({ logger: false });

// no-unauthenticated-endpoint + require-access-audit: no hook, no guard, no trace.
app.get<{ Params: { id: string } }>('/patients/:id', async (request) => {
  return prisma.patient.findUnique({
    where: { id: Number(request.params.id) },
    select: { id: true, nom: true, prenom: true, dateNaissance: true, groupeSanguin: true },
  });
});

// no-unauthenticated-endpoint + require-access-audit: the route-options form, still no preHandler.
app.route<{ Params: { id: string } }>({
  method: 'GET',
  url: '/patients/:id/prelevements',
  handler: async (request) =>
    prisma.prelevement.findMany({
      where: { patientId: Number(request.params.id) },
      select: { id: true, type: true, datePrelevement: true },
    }),
});

await app.listen({ port: 3000, host: '0.0.0.0' });
