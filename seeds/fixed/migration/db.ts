// Fixed: database connections of the migration job, each with the job's own service account.
// Fixes: no-hardcoded-credentials. Accounts and passwords come from the environment (injected from
// the vault per run); connections require TLS with certificate checks.
// CNIL SAN-2022-009: accounts shared between several employees (art. 32).
// Scope: database URL schemes (postgres://, mongodb://) are not cleartext-transport findings; TLS
// is a driver option, and the fixed twin turns it on.
// @expect-rules: none
import { PrismaClient } from '@prisma/client';
import knexFactory from 'knex';
import mongoose from 'mongoose';
import { Pool } from 'pg';
import { DataTypes, Sequelize } from 'sequelize';

const ssl = { rejectUnauthorized: true };

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export const pool = new Pool({
  host: process.env.PGHOST,
  database: process.env.PGDATABASE,
  user: process.env.PGUSER,
  password: process.env.PGPASSWORD,
  ssl,
});

export const knex = knexFactory({
  client: 'pg',
  connection: {
    host: process.env.PGHOST,
    database: process.env.PGDATABASE,
    user: process.env.PGUSER,
    password: process.env.PGPASSWORD,
    ssl,
  },
});

export const sequelize = new Sequelize({
  host: process.env.PGHOST,
  database: process.env.PGDATABASE,
  username: process.env.PGUSER,
  password: process.env.PGPASSWORD,
  dialect: 'postgres',
  dialectOptions: { ssl },
});

export const Patient = sequelize.define('Patient', {
  nom: DataTypes.STRING,
  prenom: DataTypes.STRING,
  dateNaissance: DataTypes.DATEONLY,
  nir: DataTypes.STRING,
  groupeSanguin: DataTypes.STRING,
  statutVih: DataTypes.STRING,
  grossesse: DataTypes.BOOLEAN,
});

export const prisma = new PrismaClient();

export const mongo = mongoose.createConnection(requiredEnv('SIL_MONGO_URL'), { tls: true });

export const CompteRenduModel = mongo.model(
  'CompteRendu',
  new mongoose.Schema({
    patientId: String,
    nom: String,
    diagnostic: String,
    genetique: String,
    ordonnance: String,
  }),
);
