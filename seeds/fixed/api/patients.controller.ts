// Fixed: the NestJS controller is guarded at class level and audits each read.
// Fixes: no-unauthenticated-endpoint (@UseGuards(JwtAuthGuard) on the class covers every handler),
// require-access-audit (audit.record with the authenticated user before each read).
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication
// (art. 32); no supervision (art. 32).
// @expect-rules: none
import {
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseIntPipe,
  Req,
  UseGuards,
} from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
import { audit } from '../security/audit';
import { JwtAuthGuard } from '../security/auth';

interface AuthenticatedRequest {
  user: { sub: string };
}

@Controller('patients')
@UseGuards(JwtAuthGuard)
export class PatientsController {
  constructor(private readonly prisma: PrismaClient) {}

  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number, @Req() req: AuthenticatedRequest) {
    audit.record('patient.read', { actor: req.user.sub, patientId: id });
    const patient = await this.prisma.patient.findUnique({
      where: { id },
      select: { id: true, nom: true, prenom: true, dateNaissance: true, statutVih: true },
    });
    if (!patient) throw new NotFoundException();
    return patient;
  }

  @Get(':id/genetique')
  async genetique(@Param('id', ParseIntPipe) id: number, @Req() req: AuthenticatedRequest) {
    audit.record('genetique.read', { actor: req.user.sub, patientId: id });
    return this.prisma.resultat.findMany({
      where: { patientId: id, categorie: 'genetique' },
      select: { code: true, valeur: true, dateValidation: true },
    });
  }
}
