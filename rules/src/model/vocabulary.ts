/**
 * The health-data vocabulary, English and French, as folded words (see tokens.ts). A term of
 * several words matches those consecutive words of a name; compounds written without separators
 * (`dateofbirth`, `groupesanguin`) are listed as one word.
 *
 * Tiers: `strong` terms are patient data on their own; `weak` identity terms are patient data
 * only inside a patient-like container (`patient.name`, a `patients` table) — `file.name`,
 * `hostname` or `user.email` in an auth module are not.
 */
export type Category = 'identity' | 'nationalId' | 'health' | 'container';
export type Tier = 'strong' | 'weak';

export interface VocabularyEntry {
  category: Category;
  tier: Tier;
  /** What a diagnostic calls this data, e.g. `HIV status`. */
  label: string;
  terms: string[];
  /**
   * The terms name orders or results that go through a workflow (a prescription, a lab result):
   * their status is the workflow's (FHIR `MedicationRequest.status`, `DiagnosticReport.status`),
   * so `medicationStatus` is no patient data, while `hivStatus` or `pregnancyStatus` is.
   */
  workflowStatus?: true;
  /**
   * Contact details (a means to reach the person: address, phone, e-mail), which the patient-data
   * inventory lists apart from the identity data (inventory/categories.ts).
   */
  contact?: true;
}

/** Lab results are health data as a field and patient records as a collection: in both entries. */
const LAB_RESULT_NAMES = [
  'lab result',
  'lab results',
  'labresult',
  'labresults',
  'resultat analyse',
  'resultats analyses',
];

export const VOCABULARY: VocabularyEntry[] = [
  // National and insurance identifiers (CNIL SAN-2022-009: the leak held NIRs and insurers).
  {
    category: 'nationalId',
    tier: 'strong',
    label: 'social security number (NIR)',
    terms: [
      'nir',
      'ssn',
      'nss',
      'num secu',
      'numsecu',
      'numero secu',
      'no secu',
      'n secu',
      'secu number',
      'securite sociale',
      'secu sociale',
      'social security',
      'socialsecurity',
      'social security number',
      'cle nir',
      'matricule insee',
    ],
  },
  {
    category: 'nationalId',
    tier: 'strong',
    label: 'national health identifier (INS)',
    terms: ['ins', 'ins nir', 'ins nia', 'identite nationale sante', 'matricule ins', 'insi'],
  },
  {
    category: 'nationalId',
    tier: 'strong',
    label: 'health insurance card number',
    terms: [
      'carte vitale',
      'cartevitale',
      'vitale',
      'health insurance number',
      'insurance number',
      'numero mutuelle',
      'num mutuelle',
      'adherent mutuelle',
      'medicare number',
      'medicaid number',
      'nhs number',
      'ehic',
    ],
  },
  {
    category: 'nationalId',
    tier: 'strong',
    label: 'medical record number',
    terms: [
      'mrn',
      'ipp',
      'medical record number',
      'numero dossier medical',
      'identifiant permanent patient',
    ],
  },
  {
    category: 'identity',
    tier: 'weak',
    label: 'health insurer',
    terms: [
      'mutuelle',
      'insurer',
      'insurance',
      'assurance maladie',
      'caisse',
      'organisme',
      'regime',
    ],
  },
  // Special-category health data (GDPR art. 9).
  {
    category: 'health',
    tier: 'strong',
    label: 'HIV/STI status',
    terms: [
      'hiv',
      'vih',
      'sida',
      'hiv status',
      'statut vih',
      'serologie',
      'serology',
      'serologies',
      'hepatitis',
      'hepatite',
      'hbv',
      'hcv',
      'syphilis',
      'chlamydia',
    ],
  },
  {
    category: 'health',
    tier: 'strong',
    label: 'blood group',
    terms: [
      'blood group',
      'bloodgroup',
      'blood type',
      'bloodtype',
      'groupe sanguin',
      'groupesanguin',
      'groupage',
      'rhesus',
      'rh factor',
      'abo group',
    ],
  },
  {
    category: 'health',
    tier: 'strong',
    label: 'pregnancy',
    terms: [
      'pregnancy',
      'pregnancies',
      'pregnant',
      'grossesse',
      'grossesses',
      'enceinte',
      'gestation',
      'gravidity',
      'prenatal',
      'prenatale',
      'obstetric',
      'obstetrique',
    ],
  },
  {
    category: 'health',
    tier: 'strong',
    label: 'fertility',
    terms: ['fertility', 'fertilite', 'infertility', 'ivf', 'procreation', 'amp', 'spermogramme'],
  },
  {
    category: 'health',
    tier: 'strong',
    label: 'genetic data',
    terms: [
      'genetic',
      'genetics',
      'genetique',
      'genetiques',
      'genomic',
      'genomics',
      'genome',
      'genomique',
      'genotype',
      'genotypage',
      'dna',
      'adn',
      'brca',
      'karyotype',
      'caryotype',
      'mutation genetique',
    ],
  },
  {
    category: 'health',
    tier: 'strong',
    label: 'diagnosis',
    terms: [
      'diagnosis',
      'diagnoses',
      'diagnostic medical',
      'pathologie',
      'pathologies',
      'pathology',
      'icd',
      'icd10',
      'cim',
      'cim10',
      'disease',
      'maladie',
      'maladies',
      'comorbidity',
      'comorbidite',
      'medical history',
      'antecedents',
      'antecedent medical',
      'psychiatric',
      'psychiatrie',
      'mental health',
      'sante mentale',
      'disability',
      'handicap',
      'cancer',
      'cancers',
      'oncology',
      'oncologie',
      'tumor',
      'tumour',
      'tumeur',
      'chemotherapy',
      'chimiotherapie',
      'allergy',
      'allergies',
      'allergie',
      'allergy intolerance',
      'symptoms',
      'symptomes',
      'addiction',
    ],
  },
  {
    category: 'health',
    tier: 'strong',
    label: 'prescription',
    workflowStatus: true,
    terms: [
      'prescription',
      'prescriptions',
      'ordonnance',
      'ordonnances',
      'medication',
      'medications',
      'medicament',
      'medicaments',
      'posologie',
      'dosage',
      'medication request',
      'medication statement',
    ],
  },
  {
    category: 'health',
    tier: 'strong',
    label: 'lab result',
    workflowStatus: true,
    terms: [
      ...LAB_RESULT_NAMES,
      'resultat biologique',
      'resultats biologiques',
      'resultat labo',
      'compte rendu',
      'biology result',
      'test result value',
      'observation value',
      'value quantity',
      'obx',
      'hba1c',
      'glycemie',
      'creatinine',
      'troponine',
    ],
  },
  // Weak health words: medical when about a patient, generic elsewhere (`diagnostic` in tooling,
  // `traitement` = processing in French, `treatment` in A/B tests).
  {
    category: 'health',
    tier: 'weak',
    label: 'medical information',
    terms: [
      'diagnostic',
      'treatment',
      'treatments',
      'traitement',
      'traitements',
      'therapy',
      'therapie',
      'condition',
      'conditions',
      'vaccination',
      'vaccin',
      'symptom',
      'symptome',
      'observation',
      'observations',
      'result',
      'results',
      'resultat',
      'resultats',
      'analyse',
      'analyses',
      'examen',
      'examens',
      'report',
      'rapport',
      'notes',
      'note',
      'weight',
      'poids',
      'height',
      'taille',
      'bmi',
      'imc',
    ],
  },
  // Direct identity: weak, patient data only in a patient-like container.
  {
    category: 'identity',
    tier: 'weak',
    label: 'name',
    terms: [
      'name',
      'names',
      'nom',
      'noms',
      'prenom',
      'prenoms',
      'first name',
      'firstname',
      'last name',
      'lastname',
      'surname',
      'given',
      'given name',
      'family',
      'family name',
      'nom naissance',
      'nom usage',
      'nom marital',
      'maiden name',
      'middle name',
      'full name',
      'fullname',
      'display name',
    ],
  },
  {
    category: 'identity',
    tier: 'weak',
    label: 'date of birth',
    terms: [
      'dob',
      'birth date',
      'birthdate',
      'date of birth',
      'dateofbirth',
      'date naissance',
      'datenaissance',
      'date de naissance',
      'naissance',
      'birthday',
      'ddn',
      'age',
      'birth',
    ],
  },
  {
    category: 'identity',
    tier: 'weak',
    label: 'address',
    contact: true,
    terms: [
      'address',
      'addresses',
      'adresse',
      'adresses',
      'street',
      'rue',
      'city',
      'ville',
      'zip',
      'zipcode',
      'postal code',
      'postcode',
      'code postal',
      'cp',
      'commune',
      'domicile',
    ],
  },
  {
    category: 'identity',
    tier: 'weak',
    label: 'phone number',
    contact: true,
    terms: ['phone', 'phones', 'telephone', 'tel', 'mobile', 'portable', 'fax', 'telecom'],
  },
  {
    category: 'identity',
    tier: 'weak',
    label: 'e-mail address',
    contact: true,
    terms: ['email', 'emails', 'e mail', 'mail', 'courriel', 'adresse mail'],
  },
  {
    category: 'identity',
    tier: 'weak',
    label: 'sex',
    terms: ['gender', 'sex', 'sexe', 'nationality', 'nationalite', 'ethnicity', 'ethnie'],
  },
  // Patient-like containers: records of patients, whatever the language.
  {
    category: 'container',
    tier: 'strong',
    label: 'patient record',
    terms: [
      'patient',
      'patients',
      'patientes',
      'patiente',
      'dossier',
      'dossiers',
      'dossier patient',
      'dossier medical',
      'medical record',
      'medical records',
      'health record',
      'health records',
      // `ehr`/`emr` alone name the system (`EHR_URL`, `ehrDomain`, `ports.ehr`), not a record.
      'ehr record',
      'ehr records',
      'emr record',
      'emr records',
      'dmp',
      'beneficiaire',
      'beneficiaires',
      'assure',
      'assures',
      ...LAB_RESULT_NAMES,
      'diagnostic report',
      'diagnosticreport',
      'medication request',
      'encounter',
      'encounters',
      'sejour',
      'sejours',
      'hospitalisation',
      'hospitalisations',
      'admission',
      'admissions',
      'prelevement',
      'prelevements',
      'specimen',
      'specimens',
      'consultation',
      'consultations',
      'demande analyse',
      'demandes analyses',
      'compte rendu',
      'comptes rendus',
    ],
  },
  // Weak containers: lab samples, records only as the head word of a name (`samples`, not
  // `sampleRate`); they make identity words count (`sample.name`) but are not data alone.
  {
    category: 'container',
    tier: 'weak',
    label: 'lab sample',
    terms: ['sample', 'samples', 'echantillon', 'echantillons', 'tube', 'tubes', 'specimen record'],
  },
];

/** Heads that say when: a time about data, never the data, even for sensitive terms. */
export const TIME_HEADS: ReadonlySet<string> = new Set([
  'date',
  'dates',
  'at',
  'time',
  'times',
  'timestamp',
  'timestamps',
  'start',
  'end',
]);

/**
 * The last word of a name says what the value is. These heads make a name about patients
 * describe something other than the data itself (`patientId`, `patientCount`, `dossierPath`,
 * `PatientModel`, `sampleRate`), so a name like that is not a source of patient data.
 */
export const HEAD_ROLES: ReadonlyMap<string, 'id' | 'count' | 'reference' | 'flag'> = new Map([
  ...[
    'id',
    'ids',
    'uuid',
    'guid',
    'ref',
    'refs',
    'key',
    'keys',
    'num',
    'number',
    'code',
    'codes',
    'hash',
  ].map((word) => [word, 'id'] as const),
  ...[
    'count',
    'counts',
    'total',
    'totals',
    'nb',
    'nombre',
    'length',
    'size',
    'ratio',
    'rate',
    'index',
    'idx',
    'offset',
    'limit',
    'page',
    'pages',
    'percent',
    'sum',
    'max',
    'min',
    'avg',
    // Amounts of money: `patientBalanceCents`, `copayAmount`.
    'cents',
    'amount',
    'amounts',
    'balance',
    'price',
    'cost',
    'fee',
    'fees',
  ].map((word) => [word, 'count'] as const),
  ...[
    'exists',
    'enabled',
    'flag',
    'flags',
    'status',
    'state',
    ...TIME_HEADS,
    'mode',
    'visible',
  ].map((word) => [word, 'flag'] as const),
  ...[
    'path',
    'paths',
    'dir',
    'directory',
    'folder',
    'file',
    'files',
    'filename',
    'url',
    'urls',
    'uri',
    'route',
    'routes',
    'router',
    'controller',
    'service',
    'services',
    'module',
    'schema',
    'schemas',
    'model',
    'models',
    'entity',
    'repository',
    'repo',
    'table',
    'tables',
    'collection',
    'column',
    'columns',
    'field',
    'fields',
    'query',
    'queries',
    'sql',
    'template',
    'config',
    'options',
    'settings',
    'label',
    'labels',
    'class',
    'component',
    'view',
    'form',
    'version',
    'timeout',
    'duration',
    'error',
    'errors',
    'exception',
    'event',
    'events',
    'handler',
    'listener',
    'callback',
    'color',
    'icon',
    'format',
    'formatter',
    'parser',
    'validator',
    'mapper',
    'builder',
    'factory',
    'type',
    'types',
    'kind',
    'spec',
    'mock',
    'test',
    'tests',
    'api',
    'endpoint',
    'client',
    'store',
    'provider',
    'module',
    'guard',
    'middleware',
    'page',
    'screen',
    'modal',
    'dialog',
    'button',
    'link',
    'menu',
    'tab',
    'card',
    'style',
    'styles',
    'prefix',
    'suffix',
    'regex',
    'pattern',
    'lock',
    'mutex',
    'queue',
    'job',
    'worker',
    'task',
    'migration',
    'migrations',
    'seed',
    'seeds',
    'fixture',
    'fixtures',
    'exporter',
    'importer',
    'serializer',
    'resolver',
    'loader',
    'fetcher',
    'selector',
    'reducer',
    'action',
    'actions',
    'slice',
    'hook',
    'context',
    'manager',
    'helper',
    'helpers',
    'util',
    'utils',
    'lib',
    // Systems and access, not records: `patientPortal`, `ehrDomain`, `patientRole`, `kenyaEmrCon`.
    'portal',
    'domain',
    'role',
    'roles',
    'tier',
    'app',
    'system',
    'systems',
    'con',
    'conn',
    'connection',
    'connections',
    'server',
    // What a record refers to or is described by, FHIR's structural elements among them:
    // `patientReference`, `encounterParticipant`, `resource.meta`, `extension`.
    'reference',
    'references',
    'links',
    'meta',
    'metadata',
    'extension',
    'extensions',
    'participant',
    'participants',
    'profile',
    'tag',
    'tags',
    // Pagination and session handles: `nextPageToken`, `patientCursor`.
    'token',
    'tokens',
    'cursor',
    // FHIR resources outside the Patient compartment, the definitions and places a record
    // points to (https://hl7.org/fhir/R4/compartmentdefinition-patient.html):
    // `activityDefinition`, `orderingLocation`, `practitioner`, `questionnaire`.
    // A document made from records, named by its file: `makeMedicationHistoryPDF()`.
    'pdf',
    'pdfs',
    // Search criteria about records, not the records: `PatientDocumentsFilters`, `patientParams`.
    'filter',
    'filters',
    'criteria',
    'params',
    'parameters',
    'definition',
    'definitions',
    'location',
    'locations',
    'organization',
    'organizations',
    'practitioner',
    'practitioners',
    'questionnaire',
    'questionnaires',
    'schedule',
    'schedules',
    'slot',
    'slots',
  ].map((word) => [word, 'reference'] as const),
]);

/**
 * Elements of a record, by exact name, that describe it rather than hold the patient's data:
 * FHIR's structural and administrative elements whose last word says nothing
 * (https://hl7.org/fhir/R4/resource.html, https://hl7.org/fhir/R4/domainresource.html):
 * `basedOn`, `partOf`, `implicitRules`, `lastUpdated`, `intent`, `priority`, `period`, `start`,
 * `end`, `use`, `language`, `security`, `statusHistory`, `classHistory`.
 */
export const RECORD_METADATA_NAMES: ReadonlySet<string> = new Set([
  'basedOn',
  'partOf',
  'implicitRules',
  'lastUpdated',
  'intent',
  'priority',
  'period',
  'start',
  'end',
  'use',
  'language',
  'security',
  // An encounter's administrative history: statuses and classes over time, with their periods.
  'statusHistory',
  'classHistory',
]);

/**
 * Elements of a record that hold its data although their word alone reads as metadata: its
 * `identifier`s (FHIR `identifier.value`: the patient's numbers), `telecom` and `contact`,
 * OpenMRS `obs`, a clinical `code` or `coding` (the diagnosis, the test), a `value`, a `note`, a `text`, a
 * `display`, a report's `conclusion` or `interpretation`.
 */
export const RECORD_DATA_NAMES: ReadonlySet<string> = new Set([
  'identifier',
  'identifiers',
  'telecom',
  'contact',
  'contacts',
  'obs',
  'code',
  'codes',
  'coding',
  'value',
  'note',
  'notes',
  'text',
  'display',
  'conclusion',
  'interpretation',
]);

/**
 * Members that carry the records of what holds them, rather than describe it: a FHIR bundle's
 * `entry` and each entry's `resource`, query results' `rows`/`recordset`/`Items`, an ORM's
 * `dataValues` and `_doc`, an HTTP body's `data`/`payload`, and the generic `items`, `results`,
 * `records`, `list`, `values`, `details`, `info`. Other members of a record are its data only
 * when the vocabulary says so (`patient.birthDate`, `observation.value`).
 */
export const RECORD_CARRIERS: ReadonlySet<string> = new Set([
  'entry',
  'entries',
  'resource',
  'resources',
  'item',
  'items',
  'Items',
  'data',
  'dataValues',
  '_doc',
  'row',
  'rows',
  'recordset',
  'recordsets',
  'record',
  'records',
  'result',
  'results',
  'list',
  'values',
  'body',
  'payload',
  'content',
  'contents',
  'docs',
  'doc',
  'hits',
  'nodes',
  'edges',
  'node',
  'info',
  'details',
  'detail',
  'attributes',
  'fields',
  'contained',
  'subject',
  'answer',
  'answers',
]);

/**
 * Words that make a declared type the shape of a template or a definition rather than of a
 * patient's record: `TemplateEncounterResource`, `LabPlanTemplate`, `ConditionBlueprint`. A
 * value of such a type is content written ahead for any patient. (Names of variables keep their
 * data: `templateDiagnosis` may be the diagnosis a template just added to this patient's chart.)
 */
export const TEMPLATE_TYPE_WORDS: ReadonlySet<string> = new Set([
  'template',
  'templates',
  'blueprint',
  'boilerplate',
]);

/**
 * Generic types whose type arguments are the records they hold: TypeScript's `Array`,
 * `ReadonlyArray`, `Promise`, `Awaited`, `Partial`, `Readonly`, `Required`, `Pick`, `Omit`,
 * `NonNullable`, `Record`, `Map`, `Set`, `Iterable`, and FHIR's `Bundle` and `BundleEntry`. Other
 * generics only mention a record type (`FieldErrors<PatientForm>`, `BatchInputDeleteRequest<T>`).
 */
export const RECORD_TYPE_CONTAINERS: ReadonlySet<string> = new Set([
  'Array',
  'ReadonlyArray',
  'Promise',
  'Awaited',
  'Partial',
  'Readonly',
  'Required',
  'Pick',
  'Omit',
  'NonNullable',
  'Record',
  'Map',
  'ReadonlyMap',
  'Set',
  'ReadonlySet',
  'Iterable',
  'AsyncIterable',
  'Bundle',
  'BundleEntry',
]);

/**
 * Words before a patient term that count it (`numDeletedPatients`, `nbDossiers`,
 * `totalPatients`, `numberOfPatients`): the name holds a number.
 */
export const COUNT_PREFIXES: ReadonlySet<string> = new Set([
  'num',
  'nb',
  'number',
  'count',
  'total',
  'nombre',
]);

/**
 * Words that make a patient term after them a qualifier of what comes before
 * (`getStripeAccountForEncounter` returns an account; `noteForPatient` is a note), unless only a
 * verb comes before (`findByPatient` returns the patient's records).
 */
export const QUALIFYING_PREPOSITIONS: ReadonlySet<string> = new Set([
  'for',
  'from',
  'of',
  'to',
  'with',
  'per',
  'pour',
  'par',
]);

/** Verbs that begin function names: alone before a preposition they leave the term the data. */
export const LEADING_VERBS: ReadonlySet<string> = new Set([
  'get',
  'check',
  'find',
  'fetch',
  'load',
  'read',
  'list',
  'search',
  'query',
  'select',
  'lookup',
  'retrieve',
  'build',
  'make',
  'create',
  'format',
  'map',
  'handle',
  'process',
  'all',
  'by',
]);

/**
 * Names under which handlers receive the request (Express and Fastify `req`/`request`, Koa
 * `ctx`); the members that hold what the client sent are each framework's (`requestInput` in
 * `frameworks/`).
 */
export const REQUEST_OBJECT_NAMES: ReadonlySet<string> = new Set(['req', 'request', 'ctx']);

/**
 * Words after a short strong term (three letters or fewer: `ins`, `ssn`, `hiv`, `icd`, `dna`)
 * that confirm it names the data (`insNumber`, `ssnLast4`, `hivStatus`, `icd10Code`,
 * `dnaSequence`); followed by anything else it is the prefix of another field (`ins_name_f`,
 * `ins_sex` in an insurer's eligibility response).
 */
export const SHORT_TERM_CONFIRMERS: ReadonlySet<string> = new Set([
  'number',
  'num',
  'no',
  'nr',
  'numero',
  'id',
  'code',
  'codes',
  'value',
  'key',
  'cle',
  'status',
  'statut',
  'result',
  'results',
  'resultat',
  'test',
  'tests',
  'positive',
  'negative',
  'last',
  'sequence',
  'sample',
]);

/**
 * Words right before a patient term that negate it (`allNonPatientRoles`, `withoutPatient`,
 * `sansDossier`): the name is about what is not patient data.
 */
export const NEGATIONS: ReadonlySet<string> = new Set(['non', 'not', 'without', 'sans', 'no']);

/** Boolean prefixes: `isPatient`, `hasDiagnosis`, `estEnceinte` describe a fact, not the data. */
export const BOOLEAN_PREFIXES = new Set([
  'is',
  'has',
  'can',
  'should',
  'est',
  'a',
  'was',
  'did',
  'will',
]);

/** Words that make an identity word technical rather than personal (`fileName`, `hostName`). */
export const TECHNICAL_QUALIFIERS = new Set([
  'fichier',
  'utilisateur',
  'serveur',
  'hote',
  'classe',
  'champ',
  'colonne',
  'societe',
  'entreprise',
  'expediteur',
  'file',
  'host',
  'class',
  'type',
  'user',
  'username',
  'app',
  'package',
  'module',
  'event',
  'function',
  'method',
  'field',
  'column',
  'table',
  'index',
  'db',
  'database',
  'schema',
  'tag',
  'attribute',
  'attr',
  'param',
  'property',
  'prop',
  'key',
  'dir',
  'folder',
  'path',
  'bucket',
  'queue',
  'topic',
  'channel',
  'server',
  'service',
  'domain',
  'display',
  'component',
  'node',
  'element',
  'font',
  'project',
  'org',
  'organization',
  'company',
  'brand',
  'product',
  'store',
  'shop',
  'sender',
  'from',
  'reply',
  'smtp',
  'admin',
  'operator',
  'staff',
  'doctor',
  'medecin',
  'practitioner',
  'praticien',
  'lab',
  'laboratoire',
  'laboratory',
  'site',
  'device',
  'machine',
  'test',
  'spec',
  'mock',
  'sample',
  'report',
  'job',
  'task',
  'step',
  'queue',
  'worker',
]);

/**
 * FHIR R4 resource types that hold data about a patient (resourceType values): the resources of
 * the Patient compartment (https://hl7.org/fhir/R4/compartmentdefinition-patient.html) — clinical,
 * care-planning, scheduling, consent and financial records of one patient — and `Bundle`, which
 * carries them. Left out: the compartment's records about records and groupings (`AuditEvent`,
 * `Provenance`, `List`, `Group`, `Basic`, `MeasureReport`), the practitioner's `Schedule`, devices
 * and supply logistics (`Device`, `SupplyDelivery`, `SupplyRequest`) and `RequestGroup`, whose
 * content is the resources it links.
 */
export const FHIR_PATIENT_RESOURCES = new Set([
  'Patient',
  'Person',
  'RelatedPerson',
  'Account',
  'AdverseEvent',
  'AllergyIntolerance',
  'Appointment',
  'AppointmentResponse',
  'BodyStructure',
  'CarePlan',
  'CareTeam',
  'ChargeItem',
  'Claim',
  'ClaimResponse',
  'ClinicalImpression',
  'Communication',
  'CommunicationRequest',
  'Composition',
  'Condition',
  'Consent',
  'Coverage',
  'CoverageEligibilityRequest',
  'CoverageEligibilityResponse',
  'DetectedIssue',
  'DeviceRequest',
  'DeviceUseStatement',
  'DiagnosticReport',
  'DocumentManifest',
  'DocumentReference',
  'Encounter',
  'EnrollmentRequest',
  'EpisodeOfCare',
  'ExplanationOfBenefit',
  'FamilyMemberHistory',
  'Flag',
  'Goal',
  'ImagingStudy',
  'Immunization',
  'ImmunizationEvaluation',
  'ImmunizationRecommendation',
  'Invoice',
  'Media',
  'MedicationAdministration',
  'MedicationDispense',
  'MedicationRequest',
  'MedicationStatement',
  'MolecularSequence',
  'NutritionOrder',
  'Observation',
  'Procedure',
  'QuestionnaireResponse',
  'ResearchSubject',
  'RiskAssessment',
  'ServiceRequest',
  'Specimen',
  'VisionPrescription',
  'Bundle',
]);

/**
 * The kind of health data a FHIR R4 resource of the Patient compartment holds, as a label of the
 * vocabulary above; a resource not listed is a patient record of no named kind. Read by the
 * patient-data inventory (https://hl7.org/fhir/R4/condition.html, diagnosticreport.html,
 * medicationrequest.html, molecularsequence.html, specimen.html).
 */
export const FHIR_RESOURCE_LABELS: ReadonlyMap<string, string> = new Map([
  ['Condition', 'diagnosis'],
  ['DiagnosticReport', 'lab result'],
  ['Observation', 'medical information'],
  ['MedicationRequest', 'prescription'],
  ['MedicationStatement', 'prescription'],
  ['MedicationDispense', 'prescription'],
  ['MedicationAdministration', 'prescription'],
  ['VisionPrescription', 'prescription'],
  ['MolecularSequence', 'genetic data'],
  ['Specimen', 'lab sample'],
]);

/**
 * Elements of FHIR R4 resources that hold only references, codes of workflow and timing: who took
 * part and where, the conditions an encounter points to with their rank, the status history. A
 * value declared as one (`Encounter['diagnosis']`) carries no patient data of its own, whatever
 * its name (https://hl7.org/fhir/R4/encounter.html#resource, appointment.html#resource).
 */
export const FHIR_REFERENCE_ELEMENTS: ReadonlySet<string> = new Set([
  'Encounter.diagnosis',
  'Encounter.participant',
  'Encounter.location',
  'Encounter.statusHistory',
  'Encounter.classHistory',
  'Appointment.participant',
  'EpisodeOfCare.diagnosis',
  'EpisodeOfCare.statusHistory',
]);

/** The element that holds a FHIR resource's business identifiers (`identifier[].value`). */
export const IDENTIFIER_ELEMENTS: ReadonlySet<string> = new Set(['identifier', 'identifiers']);

/**
 * FHIR resources whose `identifier`s are a person's numbers — medical record, national,
 * passport, member or account numbers — rather than the record's own (an order's placer and
 * filler numbers, a specimen's accession number, a claim's number): these are logged, exported
 * or shown as the patient's data; the others are record ids.
 */
export const FHIR_PERSON_IDENTIFIER_RESOURCES: ReadonlySet<string> = new Set([
  'Patient',
  'RelatedPerson',
  'Person',
  'Coverage',
  'Account',
]);

/**
 * FHIR R4 resource types that never hold a patient's data: definitions, terminology, the
 * organisation's own people and places, and infrastructure (outside the Patient compartment,
 * https://hl7.org/fhir/R4/resourcelist.html). A value declared or narrowed to one of them
 * (`labs: Organization[]`, `x as Practitioner`, `if (r.resourceType === 'Location')`) carries no
 * patient data, whatever collection it was taken from.
 */
export const FHIR_NON_PATIENT_RESOURCES = new Set([
  'ActivityDefinition',
  'CapabilityStatement',
  'ChargeItemDefinition',
  'CodeSystem',
  'ConceptMap',
  'DeviceDefinition',
  'Endpoint',
  'EventDefinition',
  'GraphDefinition',
  'HealthcareService',
  'ImplementationGuide',
  'InsurancePlan',
  'Library',
  'Location',
  'Measure',
  'Medication',
  'MedicationKnowledge',
  'MessageDefinition',
  'NamingSystem',
  'ObservationDefinition',
  'OperationDefinition',
  'OperationOutcome',
  'Organization',
  'OrganizationAffiliation',
  'PlanDefinition',
  'Practitioner',
  'PractitionerRole',
  'Questionnaire',
  'ResearchDefinition',
  'ResearchElementDefinition',
  'Schedule',
  'SearchParameter',
  'Slot',
  'SpecimenDefinition',
  'StructureDefinition',
  'StructureMap',
  'Subscription',
  'Substance',
  'TerminologyCapabilities',
  'ValueSet',
]);

/**
 * Identifier systems of national identifiers: INS-NIR / INS-NIA OIDs of the French ANS
 * (1.2.250.1.213.1.4.8 to .11) and the US SSN system of FHIR.
 */
export const NATIONAL_ID_SYSTEMS = [
  '1.2.250.1.213.1.4.8',
  '1.2.250.1.213.1.4.9',
  '1.2.250.1.213.1.4.10',
  '1.2.250.1.213.1.4.11',
  'http://hl7.org/fhir/sid/us-ssn',
];

/** HL7 v2 segments that carry patient data (PID identity, OBX results, DG1 diagnoses...). */
export const HL7_PATIENT_SEGMENTS = new Set([
  'PID',
  'PD1',
  'NK1',
  'PV1',
  'PV2',
  'OBX',
  'OBR',
  'DG1',
  'AL1',
  'IN1',
  'IN2',
  'GT1',
  'ORC',
  'SPM',
  'NTE',
]);

/**
 * Terminology and namespace URIs: names of code systems, never endpoints or patient data
 * (`http://loinc.org` in a Coding is not cleartext transport).
 */
export const TERMINOLOGY_URI_PREFIXES = [
  'http://loinc.org',
  'http://snomed.info/',
  'http://hl7.org/fhir',
  'http://terminology.hl7.org/',
  'http://unitsofmeasure.org',
  'http://www.nlm.nih.gov/research/umls/',
  'http://www.whocc.no/atc',
  'http://hl7.org/',
  'http://ihe.net/',
  'http://interopsante.org/',
  'http://esante.gouv.fr/',
  'http://www.w3.org/',
  'http://json-schema.org/',
  'http://schemas.xmlsoap.org/',
  'http://purl.org/',
  'http://ns.adobe.com/',
];

/**
 * Words that mark export, extraction and migration code (EN/FR). Not `sync` (a product's own
 * replication between its servers and devices, a state hook's `syncStatus`) nor `bulk`
 * (`bulkCreate`, `afterBulkUpdate`: an ORM's batch operations): both name the product at work,
 * not data leaving it.
 */
export const EXPORT_CONTEXT_WORDS = new Set([
  'export',
  'exports',
  'exporter',
  'exporting',
  'exportation',
  'extract',
  'extracts',
  'extraction',
  'extractor',
  'extraire',
  'migrate',
  'migrates',
  'migrating',
  'migration',
  'migrations',
  'migrator',
  'migrer',
  'reprise',
  'dump',
  'dumps',
  'backup',
  'backups',
  'sauvegarde',
  'sauvegardes',
  'transfer',
  'transfers',
  'transfert',
  'transferts',
  'transferer',
  'etl',
  'archive',
  'archives',
  'archivage',
  'archiver',
  'csv',
  'xlsx',
  'replicate',
  'replication',
  'offload',
  'handover',
  'bascule',
]);

/**
 * Words of a package's `name` or `description` that make the whole package a data migration
 * tool: "Used to import data from one openmrs instance to another", `patient-exporter`,
 * `dossier-migration`. Broader than function names allow for `import` (an `importX` function is
 * any module loader), narrower for `export`, `csv`, `backup`, which describe features of an
 * application, not its purpose.
 */
export const MIGRATION_PACKAGE_WORDS: ReadonlySet<string> = new Set([
  'migrate',
  'migrates',
  'migrating',
  'migration',
  'migrator',
  'migrer',
  'reprise',
  'import',
  'importer',
  'importing',
  'exporter',
  'extractor',
  'etl',
  'transfer',
  'transfert',
  'bascule',
]);

/**
 * Last words of names that hold a secret: `password`, `dbPass`, `jwtSecret`, French `mdp`
 * (mot de passe). Read by `credentials.ts` for the hard-coded credentials rule.
 */
export const SECRET_HEADS: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'mdp',
]);

/**
 * `key`/`token` name a secret only after these qualifiers: `apiKey`, `privateKey`, `accessToken`,
 * and the keys of ciphers, HMACs, JWTs and signed cookies (`cryptoKey`, `hmacKey`, `jwtKey`).
 */
export const SECRET_KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'api',
  'crypto',
  'cipher',
  'hmac',
  'jwt',
  'cookie',
  'private',
  'secret',
  'access',
  'encryption',
  'signing',
  'master',
  'client',
  'auth',
  'bearer',
  'refresh',
  'session',
]);

/**
 * Dummy values people type where a name asks for a secret (`whatever`, `test`, `foo`,
 * `my-secret`, `fake-token`, `dummy_password`) and values of three characters or fewer: not a
 * secret under a name alone. Where a library takes the value as its key (`jwt.sign(claims,
 * 'my-secret-key')`), it is the key in use, dummy or not.
 */
export const DUMMY_SECRET =
  /^(?:.{1,3}|whatever|foo|foobar|bar|baz|test|testing|secret|password|passwd|token|value|key|sample|(?:my|test|fake|dummy|sample|mock|demo)[-_. ].*)$/i;

/**
 * Values that stand for a secret left for the operator to fill in, not a secret: `<password>`,
 * `${DB_PASSWORD}`, `{{secret}}`, `$PGPASSWORD`, `%s`, `:password`, `xxx`/`***`, `your_password`
 * and words such as placeholder, redacted, todo, dummy, example.
 */
export const SECRET_PLACEHOLDER =
  /^(?:<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|\$[A-Z_][A-Z0-9_]*|%[sd]|:[a-z_]+|[x*._#?-]+|your[-_ ]?\w*|placeholder|redacted|todo|tbd|fixme|dummy|example|none|null|undefined|__hole__)$/i;

/**
 * HL7 v2 message types that carry a patient's data (the PID segment and what follows it):
 * patient administration (ADT), observation results (ORU), orders (ORM, OML, OMG, OMI, OMB),
 * medical documents (MDM), scheduling (SIU), financial transactions and billing (DFT, BAR),
 * vaccinations (VXU), pharmacy (RDE, RDS, RAS, RGV), problems and goals (PPR, PGL), referrals
 * (REF, RRI). Master files (MFN) and acknowledgements (ACK) carry none. A route or queue named
 * after one (`/adt-a31`, `/oru_r01`) handles patients' messages.
 */
export const HL7_V2_PATIENT_MESSAGES: ReadonlySet<string> = new Set([
  'adt',
  'oru',
  'orm',
  'oml',
  'omg',
  'omi',
  'omb',
  'mdm',
  'siu',
  'dft',
  'bar',
  'vxu',
  'rde',
  'rds',
  'ras',
  'rgv',
  'ppr',
  'pgl',
  'ref',
  'rri',
]);
