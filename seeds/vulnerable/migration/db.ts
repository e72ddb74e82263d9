// Vulnerable: database connections of the migration job, one per driver the old and new LIS use.
// Shows: literal, default and shared database accounts ('postgres', 'admin', 'Labo2019!') in four
// forms: pg options, knex connection object, Sequelize positional arguments, credentials in a URL.
// CNIL SAN-2022-009: accounts shared between several employees (art. 32).
// Scope: database URL schemes (postgres://, mongodb://) are not cleartext-transport findings; TLS
// is a driver option, and the fixed twin turns it on.
// @expect-rules: no-hardcoded-credentials
import { PrismaClient } from '@prisma/client';
import knexFactory from 'knex';
import mongoose from 'mongoose';
import { Pool } from 'pg';
import { DataTypes, Sequelize } from 'sequelize';

// no-hardcoded-credentials: superuser account and password shared by every technician.
export const pool = new Pool({
  host: '10.12.0.5',
  database: 'sil_atlantique',
  user: 'postgres',
  password: 'Labo2019!',
});

// no-hardcoded-credentials: same password, knex connection object.
export const knex = knexFactory({
  client: 'pg',
  connection: {
    host: '10.12.0.5',
    database: 'sil_atlantique',
    user: 'admin',
    password: 'Labo2019!',
  },
});

// no-hardcoded-credentials: positional (database, username, password) arguments.
export const sequelize = new Sequelize('sil_atlantique', 'admin', 'Labo2019!', {
  host: '10.12.0.5',
  dialect: 'postgres',
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

// no-hardcoded-credentials: user and password in the userinfo part of the connection URL.
export const mongo = mongoose.createConnection('mongodb://admin:Labo2019!@10.12.0.9:27017/sil');

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
