// Vulnerable: the NestJS controller of the new LIS back office.
// Shows: @Controller('patients') with @Get(':id') and no @UseGuards anywhere; reads with no audit
// event.
// CNIL SAN-2022-009: part of the server reachable from the internet without authentication
// (art. 32); no supervision (art. 32).
// @expect-rules: no-unauthenticated-endpoint, require-access-audit
import { Controller, Get, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Controller('patients')
export class PatientsController {
  constructor(private readonly prisma: PrismaClient) {}

  // no-unauthenticated-endpoint + require-access-audit: no guard on the method or the class.
  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number) {
    const patient = await this.prisma.patient.findUnique({
      where: { id },
      select: { id: true, nom: true, prenom: true, dateNaissance: true, statutVih: true },
    });
    if (!patient) throw new NotFoundException();
    return patient;
  }

  // no-unauthenticated-endpoint + require-access-audit: genetic results, same story.
  @Get(':id/genetique')
  async genetique(@Param('id', ParseIntPipe) id: number) {
    return this.prisma.resultat.findMany({
      where: { patientId: id, categorie: 'genetique' },
      select: { code: true, valeur: true, dateValidation: true },
    });
  }
}
