// Fixed: the Fastify service verifies a JWT in a preHandler/onRequest hook and audits each read.
// Fixes: no-unauthenticated-endpoint (preHandler: [app.authenticate], onRequest in the
// route-options form), require-access-audit.
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication
// (art. 32); no supervision (art. 32).
// @expect-rules: none
import fastifyJwt from '@fastify/jwt';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { prisma } from '../migration/db';
import { audit } from '../security/audit';

declare module 'fastify' {
  interface FastifyInstance {
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

const publicKey = process.env.SIL_JWT_PUBLIC_KEY;
if (!publicKey) throw new Error('SIL_JWT_PUBLIC_KEY is not set');

const app = Fastify({ logger: false });

await app.register(fastifyJwt, {
  secret: { public: publicKey },
  verify: { algorithms: ['RS256'], allowedAud: 'sil-atlantique' },
});

app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
  try {
    await request.jwtVerify();
  } catch {
    await reply.code(401).send();
  }
});

app.get<{ Params: { id: string } }>(
  '/patients/:id',
  { preHandler: [app.authenticate] },
  async (request) => {
    audit.record('patient.read', { actor: request.user.sub, patientId: request.params.id });
    return prisma.patient.findUnique({
      where: { id: Number(request.params.id) },
      select: { id: true, nom: true, prenom: true, dateNaissance: true, groupeSanguin: true },
    });
  },
);

app.route<{ Params: { id: string } }>({
  method: 'GET',
  url: '/patients/:id/prelevements',
  onRequest: [app.authenticate],
  handler: async (request) => {
    audit.record('prelevement.read', { actor: request.user.sub, patientId: request.params.id });
    return prisma.prelevement.findMany({
      where: { patientId: Number(request.params.id) },
      select: { id: true, type: true, datePrelevement: true },
    });
  },
});

await app.listen({ port: 3000, host: '0.0.0.0' });
