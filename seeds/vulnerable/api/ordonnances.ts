// Vulnerable: scanned prescriptions (ordonnances) that patients' nurses upload at the reception desk.
// Shows: multer-s3 stores every scan in the bucket with a public-read ACL and no server-side
// encryption, so anyone who guesses or is sent an object URL reads the prescription.
// CNIL SAN-2022-009: personal data stored without encryption and reachable by anyone (art. 32).
// @expect-rules: no-unencrypted-write
import { S3Client } from '@aws-sdk/client-s3';
import express, { type Request, type Response } from 'express';
import multer from 'multer';
import multerS3 from 'multer-s3';
import { pool } from '../migration/db';
import { requireAuth } from '../security/auth';

const s3 = new S3Client({ region: 'eu-west-3' });

// no-unencrypted-write: public-read, and no serverSideEncryption.
const scans = multerS3({
  s3,
  bucket: 'atlantique-ordonnances',
  acl: 'public-read',
  key: (
    _req: Request,
    file: Express.Multer.File,
    cb: (error: Error | null, key?: string) => void,
  ) => cb(null, `ordonnances/${Date.now()}-${file.originalname}`),
});
const upload = multer({ storage: scans });

export const ordonnancesRouter = express.Router();

ordonnancesRouter.post(
  '/patients/:id/ordonnances',
  requireAuth,
  upload.single('scan'),
  async (req: Request, res: Response) => {
    const file = req.file as Express.MulterS3.File;
    await pool.query('INSERT INTO ordonnances (patient_id, fichier) VALUES ($1, $2)', [
      req.params.id,
      file.key,
    ]);
    res.sendStatus(201);
  },
);
