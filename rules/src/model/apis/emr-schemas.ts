/**
 * Tables of known EMR schemas that hold patient records although their names carry no patient
 * word. OpenMRS (https://wiki.openmrs.org/display/docs/Data+Model): the `person` table and its
 * satellites hold every patient's identity — names, addresses and attributes (phone numbers,
 * next of kin) — with `patient`, `patient_identifier` and `patient_program` on top; `obs` and
 * `encounter` are the clinical record. Their `…_type` tables stay reference data
 * (`patient-tables.ts` decides that first); `visit` and `orders` are left out, as generic names
 * of other applications' tables.
 */
export const EMR_RECORD_TABLES: ReadonlySet<string> = new Set([
  // OpenMRS
  'person',
  'person_name',
  'person_address',
  'person_attribute',
  'patient',
  'patient_identifier',
  'patient_program',
  'patient_state',
  'obs',
  'encounter',
]);
