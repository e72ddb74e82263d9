import assert from 'node:assert/strict';
import { Classifier } from '../../src/model/classifier';
import { defaultConfig } from '../../src/config/project-config';
import { tokenize } from '../../src/model/tokens';

const classifier = new Classifier();

/** [name, expected category of patient data on its own (role data), or null] */
const ALONE: Array<[string, string | null]> = [
  // National and insurance identifiers, EN/FR, any case style.
  ['nir', 'nationalId'],
  ['NIR', 'nationalId'],
  ['patientNir', 'nationalId'],
  ['nir_patient', 'nationalId'],
  ['ssn', 'nationalId'],
  ['SSN', 'nationalId'],
  ['socialSecurityNumber', 'nationalId'],
  ['social_security_number', 'nationalId'],
  ['num_secu', 'nationalId'],
  ['numSecu', 'nationalId'],
  ['NUM_SECU', 'nationalId'],
  ['numéroSécu', 'nationalId'],
  ['numero_securite_sociale', 'nationalId'],
  ['numeroSecuriteSociale', 'nationalId'],
  ['numéro-sécurité-sociale', 'nationalId'],
  ['nss', 'nationalId'],
  ['ins', 'nationalId'],
  ['insNir', 'nationalId'],
  ['carteVitale', 'nationalId'],
  ['carte_vitale', 'nationalId'],
  ['numeroCarteVitale', 'nationalId'],
  ['mrn', 'nationalId'],
  ['MRN', 'nationalId'],
  ['ipp', 'nationalId'],
  ['medicalRecordNumber', 'nationalId'],
  ['numeroMutuelle', 'nationalId'],
  ['insuranceNumber', 'nationalId'],
  ['nhsNumber', 'nationalId'],
  ['cle_nir', 'nationalId'],
  // Special-category health data.
  ['hivStatus', 'health'],
  ['HIVStatus', 'health'],
  ['hiv_status', 'health'],
  ['statut_vih', 'health'],
  ['statutVIH', 'health'],
  ['vih', 'health'],
  ['serologie', 'health'],
  ['sérologie', 'health'],
  ['serologyResult', 'health'],
  ['hepatitisB', 'health'],
  ['bloodGroup', 'health'],
  ['blood_type', 'health'],
  ['bloodType', 'health'],
  ['groupe_sanguin', 'health'],
  ['groupeSanguin', 'health'],
  ['rhesus', 'health'],
  ['rhésus', 'health'],
  ['pregnancy', 'health'],
  ['isPregnant', 'health'],
  ['grossesse', 'health'],
  ['estEnceinte', 'health'],
  ['pregnancyWeeks', 'health'],
  ['fertility', 'health'],
  ['fertilité', 'health'],
  ['genetic', 'health'],
  ['geneticData', 'health'],
  ['génétique', 'health'],
  ['donneesGenetiques', 'health'],
  ['genome', 'health'],
  ['dnaSequence', 'health'],
  ['brcaMutation', 'health'],
  ['caryotype', 'health'],
  ['diagnosis', 'health'],
  ['primaryDiagnosis', 'health'],
  ['diagnoses', 'health'],
  ['pathologie', 'health'],
  ['cancer', 'health'],
  ['cancerType', 'health'],
  ['tumeur', 'health'],
  ['oncologie', 'health'],
  ['chimiotherapie', 'health'],
  ['prescription', 'health'],
  ['prescriptions', 'health'],
  ['ordonnance', 'health'],
  ['ordonnances', 'health'],
  ['medication', 'health'],
  ['médicaments', 'health'],
  ['posologie', 'health'],
  ['labResult', 'health'],
  ['lab_results', 'health'],
  ['resultatsAnalyses', 'health'],
  ['résultats_analyses', 'health'],
  ['resultatBiologique', 'health'],
  ['compteRendu', 'health'],
  ['compte-rendu', 'health'],
  ['allergies', 'health'],
  ['allergie', 'health'],
  ['allergyIntolerance', 'health'],
  ['icd10Code', 'health'],
  ['cim10', 'health'],
  ['psychiatricHistory', 'health'],
  ['maladie', 'health'],
  ['antecedents', 'health'],
  ['medicalHistory', 'health'],
  ['handicap', 'health'],
  ['hba1c', 'health'],
  ['glycemie', 'health'],
  ['obx', 'health'],
  // Patient containers.
  ['patient', 'container'],
  ['patients', 'container'],
  ['Patient', 'container'],
  ['dossier', 'container'],
  ['dossiers', 'container'],
  ['dossierPatient', 'container'],
  ['dossier_medical', 'container'],
  ['medicalRecords', 'container'],
  ['healthRecord', 'container'],
  ['encounter', 'container'],
  ['séjour', 'container'],
  ['sejours', 'container'],
  ['hospitalisation', 'container'],
  ['prelevement', 'container'],
  ['prélèvements', 'container'],
  ['specimen', 'container'],
  ['specimens', 'container'],
  ['consultation', 'container'],
  ['beneficiaire', 'container'],
  ['assures', 'container'],
  ['PATIENTS', 'container'],
  ['patientList', 'container'],
  ['patientRecords', 'container'],
  ['allPatients', 'container'],
  // Identity with the patient in the name.
  ['patientName', 'identity'],
  ['nomPatient', 'identity'],
  ['patient_email', 'identity'],
  ['patientAddress', 'identity'],
  ['adressePatient', 'identity'],
  ['patientPhone', 'identity'],
  ['telephonePatient', 'identity'],
  ['patientDateOfBirth', 'identity'],
  ['dateNaissancePatient', 'identity'],
  ['patientDob', 'identity'],
  ['patientFirstName', 'identity'],
  ['prenomPatient', 'identity'],
  // False friends: never patient data alone.
  ['name', null],
  ['nom', null],
  ['email', null],
  ['address', null],
  ['adresse', null],
  ['phone', null],
  ['dateOfBirth', null],
  ['date_naissance', null],
  ['fileName', null],
  ['filename', null],
  ['hostname', null],
  ['hostName', null],
  ['className', null],
  ['typeName', null],
  ['userName', null],
  ['username', null],
  ['userEmail', null],
  ['user_email', null],
  ['results', null],
  ['searchResults', null],
  ['result', null],
  ['sampleRate', null],
  ['sampleSize', null],
  ['samples', null],
  ['diagnostics', null],
  ['diagnostic', null],
  ['treatment', null],
  ['traitement', null],
  ['report', null],
  ['condition', null],
  ['process', null],
  ['pid', null],
  ['PID', null],
  ['index', null],
  ['insert', null],
  ['inserts', null],
  ['instance', null],
  ['testResult', null],
  ['nomFichier', null],
  ['displayName', null],
  ['appName', null],
  ['packageName', null],
  ['firstName', null],
  ['lastName', null],
  ['age', null],
  ['maxAge', null],
  ['cacheAge', null],
  ['city', null],
  ['zipCode', null],
  ['gender', null],
  ['mobile', null],
  ['notes', null],
  ['analyse', null],
  ['examen', null],
  ['stdout', null],
  ['amplitude', null],
  ['nda', null],
  ['insuranceCompany', null],
  ['mutuelle', null],
  ['sampleData', null],
  ['dataset', null],
  ['caseName', null],
  ['queryResults', null],
  ['httpResult', null],
  ['nominal', null],
  ['insight', null],
  ['installer', null],
  ['vitals', null],
  ['hivemind', null],
  ['dnsName', null],
  ['ssnLength', null],
  // Roles: about patient data, not the data.
  ['patientId', null],
  ['patient_id', null],
  ['idPatient', 'container'],
  ['patientCount', null],
  ['nbPatients', null],
  ['ins_name_f', null],
  ['patientIdForOrder', null],
  ['ins_sex', null],
  // An insurer's type code, not the INS; a workflow's status; a document made from records.
  ['insTypeDisplay', null],
  ['medicationStatus', null],
  ['labResultStatus', null],
  ['makeMedicationHistoryPDF', null],
  ['patientBalanceCents', null],
  ['curEncounterStart', null],
  ['PatientDocumentsFilters', null],
  ['numDeletedPatients', null],
  ['totalActivePatients', null],
  ['allNonPatientRoles', null],
  ['patientPortal', null],
  ['patientRole', null],
  ['ehrDomain', null],
  ['kenyaEmrCon', null],
  ['patientReference', null],
  ['encounterParticipant', null],
  ['patientsTotal', null],
  ['PatientModel', null],
  ['patientRepository', null],
  ['patientsTable', null],
  ['patientController', null],
  ['patientService', null],
  ['patientSchema', null],
  ['isPatient', null],
  ['hasPatients', null],
  ['patientFilePath', null],
  ['dossierUrl', null],
  ['patientRouter', null],
  ['exportPatientsJob', null],
];

/** [name, expected category when the owner is a patient container (`patient.<name>`)] */
const IN_CONTAINER: Array<[string, string | null]> = [
  ['name', 'identity'],
  ['nom', 'identity'],
  ['prenom', 'identity'],
  ['prénom', 'identity'],
  ['firstName', 'identity'],
  ['lastName', 'identity'],
  ['nom_naissance', 'identity'],
  ['family', 'identity'],
  ['given', 'identity'],
  ['birthDate', 'identity'],
  ['dateOfBirth', 'identity'],
  ['date_naissance', 'identity'],
  ['dob', 'identity'],
  ['email', 'identity'],
  ['courriel', 'identity'],
  ['address', 'identity'],
  ['adresse', 'identity'],
  ['telephone', 'identity'],
  ['téléphone', 'identity'],
  ['phone', 'identity'],
  ['telecom', 'identity'],
  ['gender', 'identity'],
  ['sexe', 'identity'],
  ['mutuelle', 'identity'],
  ['traitement', 'health'],
  ['treatment', 'health'],
  ['results', 'health'],
  ['résultats', 'health'],
  ['notes', 'health'],
  ['condition', 'health'],
  ['nir', 'nationalId'],
  ['hivStatus', 'health'],
  ['fileName', null],
  ['id', null],
  ['createdAt', null],
  ['uuid', null],
  ['nomFichier', null],
];

describe('health-data classifier', () => {
  it('tokenises every case style and folds accents', () => {
    assert.deepEqual(tokenize('numéroSécu'), ['numero', 'secu']);
    assert.deepEqual(tokenize('NUM_SECU'), ['num', 'secu']);
    assert.deepEqual(tokenize('HIVStatus'), ['hiv', 'status']);
    assert.deepEqual(tokenize('groupe-sanguin'), ['groupe', 'sanguin']);
    assert.deepEqual(tokenize('cim10Code'), ['cim', '10', 'code']);
    assert.deepEqual(tokenize('PatientDTO'), ['patient', 'dto']);
    assert.deepEqual(tokenize('prélèvement'), ['prelevement']);
  });

  for (const [name, expected] of ALONE) {
    it(`classifies \`${name}\` alone as ${expected ?? 'not patient data'}`, () => {
      const result = classifier.classify(name);
      // Weak containers (`samples`) qualify identity words but are not patient data alone.
      const isData =
        result?.role === 'data' && !(result.category === 'container' && result.tier === 'weak');
      const actual = isData ? result.category : null;
      assert.equal(actual, expected, `${name}: ${JSON.stringify(result)}`);
    });
  }

  for (const [name, expected] of IN_CONTAINER) {
    it(`classifies \`patient.${name}\` as ${expected ?? 'not patient data'}`, () => {
      const result = classifier.classify(name, { inContainer: true });
      const actual = result && result.role === 'data' ? result.category : null;
      assert.equal(actual, expected, `${name}: ${JSON.stringify(result)}`);
    });
  }

  it('explains each decision with category, tier, label and matched term', () => {
    const result = classifier.classify('statutVIH');
    assert.deepEqual(
      { category: result?.category, tier: result?.tier, label: result?.label, term: result?.term },
      { category: 'health', tier: 'strong', label: 'HIV/STI status', term: 'statut vih' },
    );
    assert.equal(classifier.classify('email')?.tier, undefined);
    assert.equal(classifier.classify('email', { inContainer: true })?.tier, 'weak');
  });

  it('names roles of names about patients that are not the data', () => {
    assert.equal(classifier.classify('patientId')?.role, 'id');
    assert.equal(classifier.classify('patientCount')?.role, 'count');
    assert.equal(classifier.classify('PatientModel')?.role, 'reference');
    assert.equal(classifier.classify('isPatient')?.role, 'flag');
    assert.equal(classifier.container('PatientModel')?.category, 'container');
    assert.equal(classifier.container('staging_patients')?.category, 'container');
    assert.equal(classifier.container('countries'), undefined);
  });

  it('adds and excludes terms from the project configuration', () => {
    const config = defaultConfig();
    config.vocabulary.health = ['hba1cLevel', 'statutCovid'];
    config.vocabulary.nationalId = ['numeroAdeli'];
    config.vocabulary.containers = ['beneficiaireCmu'];
    config.vocabulary.identity = ['pseudo'];
    config.vocabulary.exclude = ['patientName', 'Diagnosis'];
    const custom = new Classifier(config);
    assert.equal(custom.classify('statut_covid')?.category, 'health');
    assert.equal(custom.classify('numeroAdeli')?.category, 'nationalId');
    assert.equal(custom.classify('beneficiaireCmu')?.category, 'container');
    assert.equal(custom.classify('pseudo'), undefined);
    assert.equal(custom.classify('pseudo', { inContainer: true })?.category, 'identity');
    assert.equal(custom.classify('patient_name'), undefined);
    assert.equal(custom.classify('diagnosis'), undefined);
    assert.equal(classifier.classify('statutCovid'), undefined);
  });

  it('answers a cached name with the same object (no recomputation)', () => {
    const first = classifier.classify('groupeSanguinPatient');
    assert.ok(first);
    assert.equal(classifier.classify('groupeSanguinPatient'), first);
  });

  it('labels at least 200 names in this suite', () => {
    assert.ok(
      ALONE.length + IN_CONTAINER.length >= 200,
      String(ALONE.length + IN_CONTAINER.length),
    );
  });
});
