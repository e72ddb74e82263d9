/**
 * Which table and model names hold patient records: the one answer to "is this a patient
 * table?" for every rule and for provenance. A name of reference data (`patient_types`,
 * `analysis_codes`, `countries`) is never a patient table, whatever the patient word in it says;
 * a name whose container or strong health or national-id word says it holds the records
 * (`patients`, `dossiers`, `diagnoses`) is one of `records`; a name that only relates to patient
 * data (`patient_ids`, a weak health word, a lab's `resultats`, a `medical_…` table) is `related`. It also knows which
 * columns of such a table are special-category data (health, national identifiers).
 */
import { EMR_RECORD_TABLES } from './apis';
import type { Classifier } from './classifier';
import { stripModelSuffix, type TableSchema } from './schema';
import { tokenize } from './tokens';

/** Words of table names that hold reference data, never patient records (`patient_types`, `countries`). */
const REFERENCE_WORDS: ReadonlySet<string> = new Set([
  'type',
  'types',
  'code',
  'codes',
  'category',
  'categories',
  'categorie',
  'status',
  'statuses',
  'statut',
  'statuts',
  'setting',
  'settings',
  'parametre',
  'parametres',
  'config',
  'configuration',
  'country',
  'countries',
  'pays',
  'unit',
  'units',
  'unite',
  'unites',
  'lookup',
  'ref',
  'reference',
  'references',
  'referentiel',
  'referentiels',
  'catalog',
  'catalogue',
  'catalogues',
  'nomenclature',
  'nomenclatures',
  'dictionary',
  'dictionnaire',
  'template',
  'templates',
  'enum',
  'kind',
  'kinds',
  'schema',
  'migrations',
  'sequence',
  'sequences',
]);

/**
 * Table and model names that hold patient records in lab software although the word alone is
 * generic (`resultats` of a LIS are lab results; `prisma.resultat`, `examens`).
 */
const RECORD_TABLE_WORDS: ReadonlySet<string> = new Set([
  'resultat',
  'resultats',
  'examen',
  'examens',
  'lab result',
  'lab results',
]);

/**
 * Qualifiers that make a table of anything a table about patients' health: `medical_tests`,
 * `medical_conditions`, `clinical_notes`, `antecedents_medicaux`. Alone (`medical`) they name
 * nothing.
 */
const HEALTH_TABLE_QUALIFIERS: ReadonlySet<string> = new Set([
  'medical',
  'clinical',
  'medicaux',
  'medicales',
  'medicale',
  'cliniques',
  'clinique',
]);

/**
 * What a table name holds: `records` — the patient records themselves (every column leaves with
 * a `SELECT *`); `related` — data about patients that is not evidently the records (ids, a weak
 * health word, a lab's generic `resultats`).
 */
export type PatientTable = 'records' | 'related';

/** The table of a qualified or aliased name: `public.patients`, `patients as p` → `patients`. */
function bareTableName(name: string): string {
  return (name.split('.').pop() ?? name).replace(/\s+as\s+\w+$/i, '');
}

/** Whether a name is a lab's generic word for its records (`resultats`, `examens`, `lab results`). */
export function isRecordTableWord(name: string): boolean {
  return RECORD_TABLE_WORDS.has(tokenize(name).join(' '));
}

/** Whether a table name holds reference data (`patient_types`, `exam_codes`, `countries`). */
export function isReferenceTable(name: string): boolean {
  return tokenize(bareTableName(name)).some((word) => REFERENCE_WORDS.has(word));
}

/** What patient data a table or model name holds, or undefined when it holds none (or reference data). */
export function patientTable(name: string, classifier: Classifier): PatientTable | undefined {
  const bare = bareTableName(name);
  const words = tokenize(bare);
  if (words.length === 0 || words.some((word) => REFERENCE_WORDS.has(word))) return undefined;
  if (EMR_RECORD_TABLES.has(bare.toLowerCase())) return 'records';
  const container = classifier.container(bare);
  if (container) return container.role === 'data' ? 'records' : 'related';
  const cls = classifier.classify(bare);
  if (
    cls?.role === 'data' &&
    cls.tier === 'strong' &&
    (cls.category === 'health' || cls.category === 'nationalId')
  )
    return 'records';
  if (cls?.category === 'health' || RECORD_TABLE_WORDS.has(words.join(' '))) return 'related';
  if (words.length > 1 && words.some((word) => HEALTH_TABLE_QUALIFIERS.has(word))) return 'related';
  return undefined;
}

/** Whether a table name holds patient records (`patients`, `dossiers`; not `patient_types`). */
export function isPatientRecordsTable(name: string, classifier: Classifier): boolean {
  return patientTable(name, classifier) === 'records';
}

/** Whether a model name holds patient records (`Patient`, `PatientModel`, `DossierEntity`). */
export function isPatientRecordsModel(name: string, classifier: Classifier): boolean {
  return isPatientRecordsTable(stripModelSuffix(name), classifier);
}

/** The columns of a table that hold special-category data: health and national identifiers. */
export function specialColumns(schema: TableSchema | undefined, classifier: Classifier): string[] {
  if (!schema) return [];
  return schema.columns.filter((column) => {
    const cls = classifier.classify(column, { inContainer: true });
    return (
      cls !== undefined &&
      cls.role === 'data' &&
      (cls.category === 'health' || cls.category === 'nationalId')
    );
  });
}
