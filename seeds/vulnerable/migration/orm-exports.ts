// Vulnerable: the per-driver readers of the migration, one for each storage the old LIS spread
// over.
// Shows: ORM and query-builder reads with no projection inside export functions: knex without
// .select, Sequelize findAll without attributes, Prisma findMany without select, Mongoose find
// without projection; none of these bulk reads of patient records leaves an audit event.
// CNIL SAN-2022-009: far more data extracted than requested (art. 29, 5(1)(c)); no supervision
// (art. 32).
// @expect-rules: no-select-star-export, require-access-audit
import { Op } from 'sequelize';
import { CompteRenduModel, knex, Patient, prisma } from './db';

export interface ExportWindow {
  laboratoireId: number;
  from: Date;
  to: Date;
}

export async function exportDossiersKnex(window: ExportWindow) {
  // no-select-star-export: a knex builder with no .select() reads every column.
  return knex('dossiers')
    .where('laboratoire_id', window.laboratoireId)
    .whereBetween('date_prelevement', [window.from, window.to]);
}

export async function exportPatientsSequelize(window: ExportWindow) {
  // no-select-star-export: findAll without `attributes`.
  return Patient.findAll({
    where: {
      laboratoireId: window.laboratoireId,
      updatedAt: { [Op.between]: [window.from, window.to] },
    },
  });
}

export async function exportResultatsPrisma(window: ExportWindow) {
  // no-select-star-export: findMany without `select`, and `include` pulls the whole patient too.
  return prisma.resultat.findMany({
    where: {
      laboratoireId: window.laboratoireId,
      datePrelevement: { gte: window.from, lte: window.to },
    },
    include: { patient: true },
  });
}

export async function exportComptesRendusMongo(window: ExportWindow) {
  // no-select-star-export: find without a projection returns diagnosis and genetic findings.
  return CompteRenduModel.find({
    laboratoireId: window.laboratoireId,
    createdAt: { $gte: window.from, $lte: window.to },
  }).lean();
}
