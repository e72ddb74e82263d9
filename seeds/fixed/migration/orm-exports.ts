// Fixed: the per-driver readers project exactly the requested fields and audit each bulk read.
// Fixes: no-select-star-export (knex .select, Sequelize attributes, Prisma select, Mongoose
// projection) and require-access-audit (audit.record names the operator before each read).
// CNIL SAN-2022-009: over-extraction (art. 29, 5(1)(c)); no supervision (art. 32).
// @expect-rules: none
import { Op } from 'sequelize';
import { audit } from '../security/audit';
import { CompteRenduModel, knex, Patient, prisma } from './db';

export interface ExportWindow {
  laboratoireId: number;
  operateur: string;
  from: Date;
  to: Date;
}

export async function exportDossiersKnex(window: ExportWindow) {
  audit.record('patient.export', { actor: window.operateur, laboratoireId: window.laboratoireId });
  return knex('dossiers')
    .select('id', 'patient_id', 'date_prelevement', 'code_analyse')
    .where('laboratoire_id', window.laboratoireId)
    .whereBetween('date_prelevement', [window.from, window.to]);
}

export async function exportPatientsSequelize(window: ExportWindow) {
  audit.record('patient.export', { actor: window.operateur, laboratoireId: window.laboratoireId });
  return Patient.findAll({
    attributes: ['id', 'nom', 'prenom', 'dateNaissance'],
    where: {
      laboratoireId: window.laboratoireId,
      updatedAt: { [Op.between]: [window.from, window.to] },
    },
  });
}

export async function exportResultatsPrisma(window: ExportWindow) {
  audit.record('patient.export', { actor: window.operateur, laboratoireId: window.laboratoireId });
  return prisma.resultat.findMany({
    where: {
      laboratoireId: window.laboratoireId,
      datePrelevement: { gte: window.from, lte: window.to },
    },
    select: { id: true, patientId: true, codeAnalyse: true, valeur: true, datePrelevement: true },
  });
}

export async function exportComptesRendusMongo(window: ExportWindow) {
  audit.record('patient.export', { actor: window.operateur, laboratoireId: window.laboratoireId });
  return CompteRenduModel.find(
    { laboratoireId: window.laboratoireId, createdAt: { $gte: window.from, $lte: window.to } },
    { patientId: 1, createdAt: 1, statut: 1 },
  ).lean();
}
