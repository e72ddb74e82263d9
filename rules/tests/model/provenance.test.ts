import assert from 'node:assert/strict';
import { shortLabels } from '../../src/model/provenance';
import { probe } from './probe';

/** [what it shows, code with one `sink(x)`, expected: substring of the description or null] */
const CASES: Array<[string, string, string | null]> = [
  // A variable declared empty and given only strings assembled here holds what they carry, not
  // what its name says (issue 23: a prompt's patient details of age and sex only).
  [
    'a string assembled later holds what its holes carry',
    `function f(patient: Patient) { let patientInfoDetails = undefined; if (patient) { const patientSex = patient.gender; patientInfoDetails = \`Sex: \${patientSex}\`; } sink(patientInfoDetails); }`,
    'sex from',
  ],
  [
    'a string assembled later with nothing of the patient',
    `function f(visit) { let patientNote = ''; patientNote = \`Visit on \${visit.date}\`; sink(patientNote); }`,
    null,
  ],
  [
    'a variable declared empty and given literals chosen by a condition keeps its name',
    `function f(patient: Patient) { let patientSex: string | undefined; if (patient.gender === 'female') patientSex = 'Female'; sink(patientSex); }`,
    'sex',
  ],
  [
    'a variable declared empty and given a record keeps its name',
    `function f(rows) { let patient = undefined; patient = rows[0]; sink(patient); }`,
    'patient record',
  ],
  // Values a test found empty (issue 19): a malformed search response logged before throwing.
  [
    'a search response that is not a bundle or has no entries',
    `function parse(bundle: Bundle) { if (bundle.resourceType !== 'Bundle' || bundle.entry === undefined) { sink(JSON.stringify(bundle)); throw new Error('malformed'); } }`,
    null,
  ],
  [
    'an empty list of patients',
    `function f(rows: Patient[]) { if (!rows?.length) { sink(rows); } }`,
    null,
  ],
  [
    'a bundle tested for something else stays data',
    `function f(bundle: Bundle) { if (bundle.entry === undefined || bundle.total > 3) { sink(bundle); } }`,
    'patient record',
  ],
  // Queries that return keys and counts only (issue 19): a migration listing duplicate pairs.
  [
    'duplicate key pairs counted in a patient table',
    `async function f(db) { const duplicates = await db.query(\`SELECT patient_id, prescription_id, COUNT(*)::text AS count FROM patient_ongoing_prescriptions GROUP BY patient_id, prescription_id HAVING COUNT(*) > 1\`); sink(JSON.stringify(duplicates)); }`,
    null,
  ],
  [
    'one data column among the keys keeps the rows patient data',
    `async function f(db) { const rows = await db.query('SELECT p.id, p.nom AS name FROM patients p'); sink(rows); }`,
    'patients',
  ],
  // Members of a constant object literal (issue 19): a lab test item built from its definition.
  [
    "a literal's name taken from a test definition, beside a report's alert",
    `function f(def: ActivityDefinition, report: DiagnosticReport) { const item = { name: def.name, alert: report.conclusion }; sink(\`converted \${item.name}\`); }`,
    null,
  ],
  [
    "a literal's member assigned a patient's name later",
    `function f(patient: Patient, def) { const item = { name: def.title }; item.name = patient.name; sink(item.name); }`,
    'name',
  ],
  // Strong updates (issue 19): a PDF builder replacing a patient's unsupported characters.
  [
    'a character of the name replaced just before it is logged',
    `function f(patient: Patient) { const chars = [...patient.name]; chars[i] = '?'; missing++; sink(chars[i]); }`,
    null,
  ],
  [
    'a variable overwritten by the statement before',
    `function f(patient: Patient) { let shown = patient.name; shown = '?'; sink(shown); }`,
    null,
  ],
  [
    'a list emptied and then filled with the patient',
    `function f(patient: Patient) { let rows = patient.name; rows = []; rows.push(patient); sink(rows); }`,
    'patient',
  ],
  [
    'a list emptied and then handed to a filler with the patient',
    `function f(patient: Patient) { let rows = patient.name; rows = []; fillRows(rows, patient); sink(rows); }`,
    'patient',
  ],
  [
    'an element whose index moved after the write',
    `function f(patient: Patient) { const chars = [...patient.name]; chars[i] = '?'; i++; sink(chars[i]); }`,
    'name',
  ],
  [
    'an overwrite in one branch only',
    `function f(patient: Patient, short) { let shown = patient.name; if (short) { shown = '?'; } sink(shown); }`,
    'name',
  ],
  [
    'a loop that writes the data back after the read',
    `function f(patient: Patient, rows) { let shown = '?'; for (const row of rows) { sink(shown); shown = patient.name; } }`,
    'name',
  ],
  [
    'a closure that may write in between',
    `function f(patient: Patient) { let shown = '?'; const reset = () => { shown = patient.name; }; shown = ''; reset(); sink(shown); }`,
    'name',
  ],
  // Declared types (issue 19): lab results put into an error string; a form's state hook.
  [
    'a FHIR report interpolated whole prints [object Object]',
    `function f(results: DiagnosticReport[]) { for (let i = 0; i < results.length; i++) { const result = results[i]; if (!result.id) sink(\`result \${result} has no id\`); } }`,
    null,
  ],
  [
    'a FHIR report picked by a generic helper, interpolated whole',
    `const pick = <T extends Resource>(resources: T[], id: string): T[] => resources.filter((r) => r.id === id); function f(results: DiagnosticReport[]) { const related = pick(results, 'x'); for (let i = 0; i < related.length; i++) { const result = related[i]; sink(\`result \${result} has no id\`); } }`,
    null,
  ],
  [
    'the conclusion of a report picked by a generic helper',
    `const pick = <T extends Resource>(resources: T[], id: string): T[] => resources.filter((r) => r.id === id); function f(results: DiagnosticReport[]) { const related = pick(results, 'x'); sink(\`result \${related[0].conclusion}\`); }`,
    'medical information',
  ],
  [
    "a FHIR report's conclusion interpolated",
    `function f(results: DiagnosticReport[]) { for (const result of results) sink(\`result \${result.conclusion}\`); }`,
    'medical information',
  ],
  [
    'an untyped patient interpolated whole (its class may print it)',
    `function f(patient) { sink(\`saving \${patient}\`); }`,
    'patient record',
  ],
  [
    'state declared as dates by specimen id, whatever its name',
    `function Form() { const [specimensData, setSpecimensData] = useState<{ [specimenId: string]: { date: string } }>({}); sink(specimensData); }`,
    null,
  ],
  [
    'state declared with a name field',
    `function Form() { const [patientData, setPatientData] = useState<{ name: string }>({ name: '' }); sink(patientData); }`,
    'patient record',
  ],
  // Tagged variants (issue 19): lab orders submitted in parallel, each settled as a tagged object.
  ...(['fulfilled', 'rejected'] as const).flatMap(
    (branch): Array<[string, string, string | null]> => {
      const submit = `const settled = await Promise.all(orders.map(async (order) => { try { const receipt: DocumentReference = await lab.submit(order); return { status: 'fulfilled', order: order.number, receipt }; } catch (e) { return { status: 'rejected', order: order.number, reason: String(e) }; } }));`;
      const expected = branch === 'fulfilled' ? 'patient record' : null;
      return [
        [
          `the ${branch} variant under an if on its tag`,
          `async function f(orders, lab) { ${submit} for (const res of settled) { if (res.status === '${branch}') sink(res); } }`,
          expected,
        ],
        [
          `the ${branch} variant in an else branch`,
          `async function f(orders, lab) { ${submit} for (const res of settled) { if (res.status !== '${branch}') {} else sink(res); } }`,
          expected,
        ],
        [
          `the ${branch} variant in a switch case`,
          `async function f(orders, lab) { ${submit} for (const res of settled) { switch (res.status) { case '${branch}': sink(res); break; } } }`,
          expected,
        ],
      ];
    },
  ),
  [
    'the other variant carries the patient too',
    `function f(items, patient: Patient) { const rs = items.map((i) => { if (i) return { kind: 'ok', id: i.id }; return { kind: 'bad', who: patient }; }); for (const r of rs) { if (r.kind === 'bad') sink(r); } }`,
    'patient record',
  ],
  // Tuples (issue 19): a claim builder returning its requests and the order of their labels.
  [
    'the labels element of a returned tuple',
    `function build(cov: Coverage): [object[], string[]] { const requests = []; const order: string[] = []; requests.push({ resource: cov }); order.push('coverage'); return [requests, order]; } function f(cov: Coverage) { const [requests, order] = build(cov); sink(order); }`,
    null,
  ],
  [
    'the requests element of a returned tuple',
    `function build(cov: Coverage): [object[], string[]] { const requests = []; const order: string[] = []; requests.push({ resource: cov }); order.push('coverage'); return [requests, order]; } function f(cov: Coverage) { const [requests, order] = build(cov); sink(requests); }`,
    'patient record',
  ],
  [
    'an element of an array literal',
    `function f(patient: Patient) { const [label, name] = ['patient', patient.name]; sink(name); }`,
    'name',
  ],
  [
    'a sum of pending payments from a function declared to return a number',
    `async function pendingCents(client, id): Promise<number> { const r = await client.payments.list(id); return r.total; } async function f(client, id) { const pendingPatientPayments = await pendingCents(client, id); sink({ pendingPaymentCents: pendingPatientPayments || 0 }); }`,
    null,
  ],
  [
    'a patient from a function declared to return one',
    `async function pendingFor(client, id): Promise<Patient> { return client.patients.get(id); } async function f(client, id) { const pendingPatient = await pendingFor(client, id); sink(pendingPatient); }`,
    'patient record',
  ],
  // FHIR elements of references only (issue 19): an encounter's diagnosis list being rebuilt.
  [
    "an encounter's diagnosis list declared by its FHIR element",
    `function f(encounter: Encounter) { let encounterDiagnoses: NonNullable<Encounter['diagnosis']> | null = null; encounterDiagnoses = []; encounterDiagnoses.push({ condition: { reference: 'urn:uuid:1' }, rank: 1 }); sink(JSON.stringify(encounterDiagnoses)); }`,
    null,
  ],
  [
    "an encounter's diagnosis element read from the encounter",
    `function f(encounter: Encounter) { sink(encounter.diagnosis); }`,
    null,
  ],
  // A template's encounter picked from its contained resources by a type predicate (issue 19).
  [
    'the diagnosis list of an encounter found by a type predicate',
    `function f(template: List) { const templateEncounter = template.contained?.find((r): r is Encounter => r.resourceType === 'Encounter'); const diagnoses = templateEncounter?.diagnosis ?? []; const first = diagnoses.find((d) => d.rank === 1); sink(JSON.stringify([{ ...first, rank: 1 }])); }`,
    null,
  ],
  [
    'conditions kept by a type predicate',
    `function f(resources: Resource[], patientResources: Resource[]) { const conditions = patientResources.filter((r): r is Condition => r.resourceType === 'Condition'); sink(JSON.stringify(conditions)); }`,
    'patient record',
  ],
  // Business identifiers (issue 19): a script resetting a lab order renumbers its requests.
  [
    'the identifiers of service requests read from a FHIR search',
    `async function f(client, orderNumber) { const requests = []; const srs = (await client.fhir.search<ServiceRequest>({ resourceType: 'ServiceRequest', params: [] })).unbundle(); srs.forEach((sr) => { const ids = [...sr.identifier.filter((id) => id.value !== orderNumber), { value: 'new' }]; requests.push({ method: 'PATCH', url: \`ServiceRequest/\${sr.id}\`, operations: [{ op: 'replace', path: '/identifier', value: ids }] }); }); sink(JSON.stringify(requests)); }`,
    null,
  ],
  [
    'the identifiers of patients read from a FHIR search',
    `async function f(client) { const patients = (await client.fhir.search<Patient>({ resourceType: 'Patient', params: [] })).unbundle(); patients.forEach((p) => sink(p.identifier)); }`,
    'patient record',
  ],
  [
    'the identifiers of resources included in a search of service requests',
    `async function f(client) { const found = (await client.fhir.search<ServiceRequest>({ resourceType: 'ServiceRequest', params: [{ name: '_include', value: 'ServiceRequest:subject' }] })).unbundle(); found.forEach((r) => sink(r.identifier)); }`,
    'ServiceRequest data',
  ],
  [
    "the identifiers of a policy contained in a claim's answer (an ERA)",
    `function f(claimResponse: ClaimResponse) { const contained = claimResponse.contained ?? []; const coverage = contained.find((r) => r.resourceType === 'Coverage'); sink(coverage.identifier); }`,
    'patient record',
  ],
  [
    "a policy's identifiers (member numbers)",
    `function f(coverage: Coverage) { sink(coverage.identifier); }`,
    'patient record',
  ],
  [
    "a declared service request's code (the test ordered)",
    `function f(sr: ServiceRequest) { sink(sr.code); }`,
    'patient record',
  ],
  // Template content (issue 19): a chart template's procedure codes checked for a modifier.
  [
    "a template's procedure coding",
    `function f(resource: TemplateEncounterResource | undefined) { if (!resource || resource.resourceType !== 'Procedure') return false; return resource.code.coding.flatMap((coding) => sink(coding)); }`,
    null,
  ],
  [
    "a chart's procedure coding",
    `function f(resource: EncounterResource | undefined) { if (!resource || resource.resourceType !== 'Procedure') return false; return resource.code.coding.flatMap((coding) => sink(coding)); }`,
    'patient record',
  ],
  [
    "a condition's code",
    `function f(condition: Condition) { sink(condition.code); }`,
    'patient record',
  ],
  // Outcomes of actions and search criteria (issue 19): lab submission and document search code.
  [
    'the outcome of submitting lab results',
    `async function f(ids) { const submitLabResults = await Promise.allSettled(ids.map((id) => submit(id))); sink(submitLabResults); }`,
    null,
  ],
  [
    'what a re-merge of patient records reports',
    `async function f(maintainer) { const outcomes = await maintainer.remergePatientRecords(); sink(outcomes); }`,
    null,
  ],
  [
    "the filters of a patient's document search",
    `function f(filters: PatientDocumentsFilters) { sink(filters); }`,
    null,
  ],
  // Promise rejection handlers (issue 19): the error of a failed query, not its rows.
  [
    "a query's rejection handler receives the error",
    `function f(db) { db.query('SELECT * FROM patients').then((rows) => rows, (err) => { sink(err); }); }`,
    null,
  ],
  [
    "a query's catch handler receives the error",
    `function f(db) { db.query('SELECT * FROM patients').catch((err) => sink(err)); }`,
    null,
  ],
  // Identity fields written together (issue 19): a billing report's CSV line.
  [
    'a name and a date of birth of one row, together',
    `function f(reportData) { const lines = reportData.map((row) => [\`"\${row.claimId}"\`, \`"\${row.fullName}"\`, \`"\${row.dateOfBirth}"\`].join(',')); sink(lines); }`,
    'name and date of birth',
  ],
  [
    "a user's name and e-mail are not a patient's identity",
    `function f(user) { sink(\`\${user.name} <\${user.email}>\`); }`,
    null,
  ],
  // Names that the value contradicts (issue 19): billing and medication-order code.
  [
    "a record number initialised with the record's id",
    `function f(patient: Patient) { const medicalRecordNumber = patient.id; sink(\`MRN \${medicalRecordNumber}\`); }`,
    null,
  ],
  [
    "a medication order's status is the workflow's",
    `function f(medicationStatus: MedicationOrderStatusesType) { sink(\`order status: \${medicationStatus}\`); }`,
    null,
  ],
  ['an HIV status stays the data', `function f(hivStatus) { sink(hivStatus); }`, 'HIV'],
  [
    'an amount owed by the patient is a number',
    `function f(itemization) { sink(\`balance=\${itemization.patientBalanceCents}\`); }`,
    null,
  ],
  // Non-patient FHIR resources picked out of mixed search results (issue 19): lab-order code.
  [
    'organisations collected from a mixed bundle, declared as such',
    `function f(resources: (Patient | Organization)[]) { const labs: Organization[] = []; resources.forEach((r) => { labs.push(r); }); sink(JSON.stringify(labs)); }`,
    null,
  ],
  [
    'a resource narrowed by its resourceType to an organisation',
    `function f(resources: (Patient | Organization)[]) { for (const r of resources) { if (r.resourceType === 'Organization' && r.active) { sink(r.name); } } }`,
    null,
  ],
  [
    'a resource narrowed by its resourceType to a patient stays data',
    `function f(resources: (Patient | Organization)[]) { resources.forEach((r) => { if (r.resourceType === 'Patient') sink(r.name); }); }`,
    'name',
  ],
  [
    'a practitioner found by a resourceType predicate',
    `function f(entries: Bundle) { const doc = entries.find((r) => r.resourceType === 'Practitioner'); sink(doc); }`,
    null,
  ],
  [
    'a resource asserted to a location',
    `function f(encounter: Encounter) { sink(JSON.stringify(encounter.contained[0] as Location)); }`,
    null,
  ],
  // Requests about resources (issue 19): a telemedicine invite patching an encounter's participants.
  [
    'a patch request adding a participant to an encounter',
    `function f(encounter: Encounter, ref) { const participants = [...(encounter.participant ?? []), { individual: { reference: ref } }]; const patch = { resourceType: 'Encounter', id: encounter.id ?? '', operations: [{ op: 'replace', path: '/participant', value: participants }] }; sink(JSON.stringify(patch)); }`,
    null,
  ],
  [
    "a patch request writing a patient's name carries it",
    `function f(patient: Patient) { sink(JSON.stringify({ resourceType: 'Patient', id: patient.id, operations: [{ op: 'replace', path: '/name', value: patient.name }] })); }`,
    'name',
  ],
  ["a resource's key alone", `function f(id) { sink({ resourceType: 'Patient', id }); }`, null],
  // FHIR client reads (issue 19): the resources a FHIR server answers with.
  [
    'a typed search of encounters',
    `async function f(oystehr, id) { const found = (await oystehr.fhir.search<Encounter>({ resourceType: 'Encounter', params: [{ name: '_id', value: id }] })).unbundle(); sink(JSON.stringify(found)); }`,
    'Encounter',
  ],
  [
    'a read named by its resourceType option',
    `async function f(client, id) { const found = await client.read({ resourceType: 'Patient', id }); sink(found); }`,
    'patient identity',
  ],
  [
    'a read named by its first argument',
    `async function f(medplum, id) { sink(await medplum.readResource('Observation', id)); }`,
    'Observation',
  ],
  [
    'a search of organisations is not patient data',
    `async function f(oystehr) { sink(await oystehr.fhir.search<Organization>({ resourceType: 'Organization' })); }`,
    null,
  ],
  // Replies of remote services (issue 19): a PACS or FHIR server's error text, not what was sent.
  [
    "a server's reply to a request carrying a report",
    `async function f(report: DiagnosticReport) { const response = await fetch(PACS_URL, { method: 'POST', body: JSON.stringify(report) }); const text = await response.text(); sink(\`failed: \${response.status} \${text}\`); }`,
    null,
  ],
  [
    "an HTTP client's reply, not awaited",
    `import axios from 'axios'; function f(patient: Patient) { axios.post('/fhir/Patient', patient).then((res) => sink(res.data)); }`,
    null,
  ],
  [
    'the request body itself stays data',
    `async function f(report: DiagnosticReport) { const body = JSON.stringify(report); await fetch(PACS_URL, { method: 'POST', body }); sink(body); }`,
    'DiagnosticReport',
  ],
  [
    'a map callback with several returns gives what any of them returns',
    `function f(patient: Patient, questionnaire) { const items = questionnaire.item.map((q) => { if (q.linkId === 'address') { return { linkId: q.linkId, answer: patient.address }; } return { linkId: q.linkId }; }); sink(JSON.stringify(items)); }`,
    'address',
  ],
  [
    'a fold keeps what its callback returns: the earliest arrival time of encounters',
    `function f(encounters: Encounter[]) { const earliest = encounters.reduce((acc, e) => { const start = e.period?.start; if (!acc || start < acc) acc = start; return acc; }, undefined); sink(earliest); }`,
    null,
  ],
  [
    "a fold of patients' names carries them",
    `function f(patients: Patient[]) { sink(patients.reduce((acc, p) => acc + p.name, '')); }`,
    'name',
  ],
  [
    "an encounter's start time named after the encounter",
    `function f(encounter: Encounter) { const curEncounterStart = DateTime.fromISO(encounter.period.start); sink(\`waiting since \${curEncounterStart}\`); }`,
    null,
  ],
  [
    'collection dates keyed by specimen',
    `function f(specimenCollectionDates) { sink(JSON.stringify(specimenCollectionDates)); }`,
    null,
  ],
  // Return summaries of the file's own functions (issue 19): shapes seen in billing and lab code.
  [
    "a helper returning a record's id carries no data",
    `const labelOf = (claim) => claim.id; function f(claims: Claim[]) { sink(labelOf(claims[0])); }`,
    null,
  ],
  [
    "a helper returning the payer's name from the records carries no patient data",
    `function payeeOf(responses) { const first = responses[0]; return first?.payee?.status ?? 'unknown'; } function f(responses: ClaimResponse[]) { sink(payeeOf(responses)); }`,
    null,
  ],
  [
    "a helper returning a patient's name carries it",
    `function displayName(p) { if (!p) return ''; return \`\${p.name[0].given} \${p.name[0].family}\`; } function f(patient: Patient) { sink(displayName(patient)); }`,
    'name',
  ],
  [
    'a helper typed for patients and practitioners, called with a practitioner',
    `function fullName(person: Patient | Practitioner) { return person.name?.[0]?.text; } async function f(fhir, id) { const practitioner = await fhir.get<Practitioner>({ resourceType: 'Practitioner', id }); sink(fullName(practitioner)); }`,
    null,
  ],
  [
    "a helper named after a field answers for itself: a catalogue medication's name",
    `const getMedicationName = (medication) => medication.code?.text ?? 'unknown'; function f(inventory: Medication[]) { for (const item of inventory) sink(\`\${getMedicationName(item)} (\${item.id})\`); }`,
    null,
  ],
  [
    'a helper named after records keeps its name when what it returns is a reply',
    `import axios from 'axios'; async function fetchPatient(id) { return (await axios.get(\`/api/patients/\${id}\`)).data; } async function f(id) { sink(await fetchPatient(id)); }`,
    'fetchPatient',
  ],
  [
    'a helper that reads patient data itself carries it whatever its arguments',
    `function loadRows(db, id) { return db.query('SELECT * FROM patients WHERE id = ?', [id]); } async function f(db) { sink(await loadRows(db, 3)); }`,
    'patients',
  ],
  [
    'a helper with destructured parameters follows the field it returns',
    `const contactOf = ({ telecom, id }) => telecom; function f(patient: Patient) { sink(contactOf(patient)); }`,
    'phone',
  ],
  [
    'a recursive helper returns what its other branches return',
    `function flat(items) { return items.length ? flat(items.slice(1)) : items; } function f(patients: Patient[]) { sink(flat(patients)); }`,
    'patient record',
  ],
  [
    'a helper declared to answer with a status and date, whatever it calls',
    `async function verdictOf(reply: Response): Promise<CheckStatusWithDate> { const body = (await reply.json()) as CoverageEligibilityResponse; return parseReply(body); } async function f(replies: Response[], response: CoverageEligibilityResponse) { sink(await verdictOf(response)); }`,
    null,
  ],
  [
    'a helper declared to answer with a boolean',
    `function isEligible(coverage: Coverage): boolean { return check(coverage); } function f(coverage: Coverage) { sink(isEligible(coverage)); }`,
    null,
  ],
  [
    'a helper declared to answer with a record still carries it',
    `function latest(patients: Patient[]): Patient { return pick(patients); } function f(patients: Patient[]) { sink(latest(patients)); }`,
    'patient',
  ],
  [
    'a literal holds what is written in it, whatever its declared type',
    `function f(input, intent) { const response: FinalizePatientPaymentResponse = { patientId: input.patientId, paymentIntentId: intent.id }; sink(response); }`,
    null,
  ],
  [
    'an empty literal is filled later: its declared type says with what',
    `function f() { const patients: Patient[] = []; sink(patients); }`,
    'patient',
  ],
  [
    'a helper given an object literal answers with the property it returns',
    `function notify({ people, message }) { return message; } function f(patients: Patient[]) { sink(notify({ people: patients, message: 'Results ready' })); }`,
    null,
  ],
  [
    '…and with the records when it returns them',
    `function notify({ people, message }) { return people; } function f(patients: Patient[]) { sink(notify({ people: patients, message: 'Results ready' })); }`,
    'patient',
  ],
  [
    'the replies of a service called for each record, awaited together',
    `async function f(people: RelatedPerson[], sms) { const results = await Promise.allSettled(people.map((p) => sms.send({ to: p.id, text: p.name }))); sink(results); }`,
    null,
  ],
  [
    "a destructured callback parameter that the vocabulary does not name is not the record's data",
    `function f(items: Patient[]) { items.forEach(({ oystehr }) => sink(oystehr)); }`,
    null,
  ],
  [
    'a variable of the environment is a setting, whatever its name',
    `function f() { sink(\`prescriptions: \${process.env.EXTERNAL_PRESCRIPTION_CRED} \${import.meta.env.VITE_PATIENT_NAME}\`); }`,
    null,
  ],
  [
    'a value logged in the branch where its declared type leaves it empty',
    `function f(observation: Observation) { let value: number | undefined = observation.valueQuantity?.value; if (value === undefined || typeof value !== 'number') { sink(value); } }`,
    null,
  ],
  [
    '…but not where the test leaves it a number',
    `function f(observation: Observation) { let value: number | undefined = observation.valueQuantity?.value; if (typeof value === 'number') { sink(value); } }`,
    'Observation',
  ],
  [
    "a literal of a record's metadata, whatever the variable is called",
    `function f(payment, encounter) { const patientPaymentSummary = { paymentId: payment.id, encounterId: encounter.id, status: 'paid' }; sink(patientPaymentSummary); }`,
    null,
  ],
  [
    "…but a literal that writes a patient's fields keeps the name's verdict",
    `function f(a, b) { const patient = { nom: a, prenom: b }; sink(patient); }`,
    'patient',
  ],
  [
    "a person's identity fields written together, wherever their values come from",
    `function f(clients) { sink(clients.map(({ f_name, l_name, dob, phone_no, status }) => ({ f_name, l_name, dob, phone_no, status }))); }`,
    'date of birth',
  ],
  [
    "a place's name, address and phone are not a person's",
    `function f(place) { sink({ name: place.displayName, address: place.formattedAddress, phone: place.phoneNumber }); }`,
    null,
  ],
  // Record fields vs record metadata (issue 19): shapes seen in FHIR and EHR code, rewritten.
  [
    "a record's structural elements are not its data",
    `function f(questionnaire: QuestionnaireResponse) { sink(\`\${questionnaire.status} \${questionnaire.resourceType} \${questionnaire.meta}\`); }`,
    null,
  ],
  [
    'references and participants of an encounter are not its data',
    `function f(encounter: Encounter) { sink(JSON.stringify(encounter.participant)); }`,
    null,
  ],
  [
    "a record's birth date is data",
    `function f(patient: Patient) { sink(patient.birthDate); }`,
    'birth',
  ],
  [
    'a clinical code of a condition is data',
    `function f(condition: Condition) { sink(condition.code); }`,
    'Condition',
  ],
  [
    'the whole record serialised is data',
    `function f(patient: Patient) { sink(JSON.stringify(patient)); }`,
    'patient',
  ],
  [
    'url, version and id heads on any name',
    `function f(patient: Patient, sourceQuestionnaireUrl, initialServiceRequestId) { sink(\`\${sourceQuestionnaireUrl} \${initialServiceRequestId}\`); }`,
    null,
  ],
  [
    'a destructured status of a record',
    `function f(patient: Patient) { const { status } = patient; sink(status); }`,
    null,
  ],
  [
    'a counter named after a health term is a number',
    `function f(orders) { let medications = 0; for (const o of orders) medications++; sink(\`\${medications} med(s)\`); }`,
    null,
  ],
  [
    'a count of patients anywhere in the name',
    `function f(numDeletedPatients) { sink(numDeletedPatients); }`,
    null,
  ],
  ['a negated patient term', `function f(allNonPatientRoles) { sink(allNonPatientRoles); }`, null],
  ['systems named after the record', `function f(ports) { sink(ports.ehr); }`, null],
  ['a patient portal is a system', `function f(patientPortal) { sink(patientPortal); }`, null],
  [
    'a record after a preposition qualifies what the name returns',
    `async function f(id) { sink(await getStripeAccountForAppointmentOrEncounter(id)); }`,
    null,
  ],
  [
    'a verb before the preposition leaves the record the data',
    `async function f(id) { sink(await findByPatient(id)); }`,
    'patient',
  ],
  [
    'an acronym plural after a container is its ids',
    `function f(patientIDs) { sink(patientIDs.join(', ')); }`,
    null,
  ],
  [
    'a pagination token of an SDK',
    `function f(patients) { const nextPageToken = patients.nextPageToken; sink(nextPageToken); }`,
    null,
  ],
  [
    'a place a record points to is not the record',
    `function f(encounter: Encounter, orderingLocation) { sink(orderingLocation); }`,
    null,
  ],
  [
    "configuration constants are never a patient's data",
    `const MEDICATION_ADMINISTRATION_RESOURCE_TYPES = ['MedicationAdministration']; function f() { sink(MEDICATION_ADMINISTRATION_RESOURCE_TYPES); }`,
    null,
  ],
  [
    'a count under a health key',
    `function f(stockByCode) { sink({ uniqueMedications: stockByCode.size }); }`,
    null,
  ],
  [
    "a thing's name in a record is not a person's",
    `function f(attachments: DocumentReference[]) { for (const a of attachments) sink(a.fileName); }`,
    null,
  ],
  [
    "a record's other members are not its data",
    `function f(encounter: Encounter, remit) { sink(JSON.stringify(encounter.account)); }`,
    null,
  ],
  [
    'members that carry the records keep them',
    `function f(bundle: Bundle<Patient>) { sink(bundle.entry); }`,
    'Bundle',
  ],
  [
    "a record's identifiers are its data",
    `async function f(personId, con) { const patient = await loadPatientData(personId, con); sink(patient.identifiers); }`,
    'patient',
  ],
  [
    'a destructured member of a record that is not its data',
    `function f(encounterPackage) { const { claim, amountCents } = encounterPackage; sink(\`balance: \${amountCents}\`); }`,
    null,
  ],
  [
    'a generic that holds records keeps its type argument',
    `function f(list: Promise<Array<Observation>>) { sink(list); }`,
    'Observation',
  ],
  [
    'a generic that only mentions a record type does not',
    `function f(errors: FieldErrors<MedicationOrderFormData>, requests: BatchInputDeleteRequest<ServiceRequest>[]) { sink(errors); sink(requests); }`,
    null,
  ],
  // Receiver mutation (issue 19, item 2).
  [
    'an array a patient is pushed into',
    `function f(patients: Patient[]) { const out = []; for (const p of patients) out.push(p); sink(JSON.stringify(out)); }`,
    'patient',
  ],
  [
    'a row whose members are assigned from a patient',
    `function f(patient: Patient) { const row = {}; row.name = patient.name; sink(row); }`,
    'name',
  ],
  [
    'an empty row filled by a helper that also receives the patient',
    `function f(submittedPatient: Patient) { const row = {}; partialRow(submittedPatient, row, ''); sink(row); }`,
    'Patient',
  ],
  [
    'a row that only receives counts',
    `function f(patients: Patient[]) { const stats = {}; stats.total = patients.length; sink(stats); }`,
    null,
  ],
  // Request input (issue 19, item 1).
  [
    'a request body whose patient fields the handler destructures',
    `app.post('/createPatient', (req, res) => { const { firstName, dob, insuranceId, address } = req.body; sink(req.body); });`,
    'request input `req.body`',
  ],
  [
    'identity fields read through an alias, in a handler that builds a patient',
    `exports.updateInfo = (req, res) => { const data = req.body; const p = new Patient({ Name: data.Name, Phone: data.Phone }); sink(req.body); };`,
    'phone',
  ],
  [
    'identity fields on a route about patients',
    `app.post('/edit/patient', auth, (req, res) => { const { patientId, newAddress, newCity } = req.body; sink(req.body); });`,
    'address',
  ],
  [
    'a login form is no patient data',
    `app.post('/login', (req, res) => { const { email, password } = req.body; sink(req.body); });`,
    null,
  ],
  [
    'a request body whose fields are not read',
    `app.post('/patients', (req, res) => { sink(req.body); });`,
    null,
  ],
  [
    'a check that returns the matching records',
    `async function f(id) { const list = await checkForAlreadyExistingPatientInAmrs(id); sink(JSON.stringify(list)); }`,
    'patient',
  ],
  // No propagation through a service's answer (issue 19, item 5).
  [
    "an awaited SDK call answers with the service's data",
    `async function f(sms, patient: Patient) { const response = await sms.messages.create({ to: patient.telecom, body: 'Rappel' }); sink(response); }`,
    null,
  ],
  [
    'an awaited built-in keeps its argument',
    `async function f(patients: Patient[]) { sink(await Promise.all(patients)); }`,
    'patient',
  ],
  // Sources
  [
    'for-in keys are field names',
    `function f(patientItems) { for (const grouping in patientItems) { sink(\`\${grouping} orders\`); } }`,
    null,
  ],
  [
    'for-of elements are records',
    `function f(patients) { for (const p of patients) { sink(p); } }`,
    '`patients`',
  ],
  ['FHIR resource type', `function f(obs: Observation[]) { sink(obs); }`, 'Observation'],
  [
    'French record type',
    `function transfererResultats(resultats: Resultat[]) { sink(JSON.stringify(resultats)); }`,
    'Resultat',
  ],
  [
    'generic Result type is not a record',
    `function f(r: Result<string, Error>) { sink(r); }`,
    null,
  ],
  [
    'French results table',
    `async function f(db) { sink(await db.query('SELECT valeur FROM resultats')); }`,
    'query of `resultats`',
  ],
  [
    'Prisma French results model',
    `async function f(prisma) { sink(await prisma.resultat.findMany()); }`,
    'query of `resultat`',
  ],
  [
    'status-named sensitive field',
    `function f(patient) { sink(patient.hivStatus); }`,
    'HIV/STI status',
  ],
  [
    'destructured sensitive status',
    `function f(patient) { const { hivStatus } = patient; sink(hivStatus); }`,
    'HIV/STI status',
  ],
  ['status flag of a record', `function f(patient) { sink(patient.accountStatus); }`, null],
  [
    'SQL read of a patient table',
    `async function f(pool) { const { rows } = await pool.query('SELECT * FROM patients'); sink(rows); }`,
    'query of `patients`',
  ],
  [
    'SQL read through a module constant',
    `const Q = 'SELECT nom, nir ' + 'FROM dossiers'; async function f(db) { sink(await db.query(Q)); }`,
    'query of `dossiers`',
  ],
  [
    'tagged template read',
    `async function f(sql) { const r = await sql\`SELECT * FROM resultats_analyses WHERE id = \${1}\`; sink(r); }`,
    'query of `resultats_analyses`',
  ],
  [
    'Prisma read',
    `async function f(prisma) { sink(await prisma.patient.findMany()); }`,
    'query of `patient`',
  ],
  [
    'Sequelize read',
    `async function f() { const all = await Patient.findAll(); sink(all); }`,
    'query of `Patient`',
  ],
  [
    'knex read',
    `async function f(knex) { sink(await knex('patients').where({ actif: true })); }`,
    'query of `patients`',
  ],
  [
    'Mongo collection read',
    `async function f(db) { sink(await db.collection('dossiers').find({}).toArray()); }`,
    'query of `dossiers`',
  ],
  [
    'TypeORM repository in a variable',
    `async function f(ds) { const repo = ds.getRepository(Patient); sink(await repo.find()); }`,
    'query of `Patient`',
  ],
  ['patient-named parameter', `function f(patient) { sink(patient); }`, '`patient`'],
  ['typed parameter', `function f(p: Patient) { sink(p); }`, '`p: Patient`'],
  ['typed array parameter', `function f(rows: LabResult[]) { sink(rows); }`, '`rows: LabResult[]`'],
  [
    'generic typed variable',
    `async function f(load: any) { const rows: Array<Dossier> = await load(); sink(rows); }`,
    'Dossier',
  ],
  [
    'strong field of anything',
    `function f(x) { sink(x.numeroSecu); }`,
    'social security number (NIR) from `x.numeroSecu`',
  ],
  ['weak field of a patient', `function f(patient) { sink(patient.nom); }`, 'name from `patient`'],
  [
    'object literal with strong keys',
    `function f(a, b) { sink({ nir: a, statut_vih: b }); }`,
    'social security number (NIR) and HIV/STI status',
  ],
  [
    'FHIR resource literal',
    `function f(id) { sink({ resourceType: 'Observation', id, status: 'final' }); }`,
    'FHIR Observation resource',
  ],
  [
    'getter named after patients',
    `async function f(id) { sink(await getPatient(id)); }`,
    '`getPatient()`',
  ],
  [
    'driver callback rows',
    `function f(conn) { conn.query('SELECT * FROM patients', (err, rows) => sink(rows)); }`,
    'query of `patients`',
  ],
  // Propagation
  [
    'assignment',
    `function f(patient) { let s; s = patient.prenom; sink(s); }`,
    'name from `patient`',
  ],
  [
    're-assignment chain',
    `function f(patient) { const a = patient; const b = a; const c = b; sink(c); }`,
    '`patient`',
  ],
  [
    'destructuring a strong key',
    `function f(row) { const { groupe_sanguin } = row; sink(groupe_sanguin); }`,
    'blood group',
  ],
  [
    'destructuring from a query',
    `async function f(db) { const [first] = (await db.query('SELECT * FROM patients')).rows; sink(first); }`,
    'query of `patients`',
  ],
  ['spread', `function f(patient) { sink({ ...patient, exportedAt: 1 }); }`, '`patient`'],
  [
    'template literal',
    `function f(patient) { sink(\`\${patient.nom};\${patient.prenom}\`); }`,
    'name',
  ],
  ['concatenation', `function f(patient) { sink('Patient: ' + patient.nom); }`, 'name'],
  ['JSON.stringify', `function f(dossier) { sink(JSON.stringify(dossier)); }`, '`dossier`'],
  [
    'map to fields',
    `function f(patients) { sink(patients.map((p) => p.nir)); }`,
    'social security number (NIR)',
  ],
  ['join', `function f(patients) { sink(patients.map((p) => p.nom).join('\\n')); }`, 'name'],
  ['filter', `function f(patients) { sink(patients.filter((p) => p.actif)); }`, '`patients`'],
  ['flatMap', `function f(dossiers) { sink(dossiers.flatMap((d) => d.resultats)); }`, '`dossiers`'],
  [
    'await and Promise.all',
    `async function f() { sink(await Promise.all([getPatient(1), getPatient(2)])); }`,
    '`getPatient()`',
  ],
  [
    'unknown call with tainted argument',
    `function f(patient) { sink(toCsv(patient)); }`,
    '`patient`',
  ],
  [
    'forEach callback parameter',
    `function f(rows: Patient[]) { rows.forEach((r) => sink(r)); }`,
    'Patient',
  ],
  [
    'then callback parameter',
    `function f() { getPatients().then((list) => sink(list)); }`,
    '`getPatients()`',
  ],
  [
    'destructured callback parameter',
    `function f(patients) { patients.forEach(({ nom }) => sink(nom)); }`,
    'name',
  ],
  [
    'Buffer.from',
    `function f(patient) { sink(Buffer.from(JSON.stringify(patient))); }`,
    '`patient`',
  ],
  [
    'conditional',
    `function f(patient, x) { sink(x ? patient.nir : null); }`,
    'social security number (NIR)',
  ],
  // Drops
  [
    'row count',
    `async function f(db) { const r = await db.query('SELECT nom FROM patients'); sink(r.rows.length); }`,
    null,
  ],
  ['ORM count', `async function f() { sink(await Patient.count()); }`, null],
  ['count helper', `async function f() { sink(await countPatients()); }`, null],
  ['id alone', `function f(patient) { sink(patient.id); }`, null],
  ['ids of a list', `function f(patients) { sink(patients.map((p) => p.id)); }`, null],
  ['destructured id', `function f(patient) { const { id } = patient; sink(id); }`, null],
  ['comparison is a boolean', `function f(patient) { sink(patient.nir === '1'); }`, null],
  ['negation is a boolean', `function f(patient) { sink(!patient.hivStatus); }`, null],
  ['includes is a boolean', `function f(patients, x) { sink(patients.includes(x)); }`, null],
  ['arithmetic is a number', `function f(patient) { sink(patient.age * 2); }`, null],
  [
    'non-patient names',
    `function f(file, user, hostname, results) { sink(file.name + user.email + hostname + results); }`,
    null,
  ],
  [
    'reference table query',
    `async function f(db) { sink(await db.query('SELECT * FROM countries')); }`,
    null,
  ],
  [
    'schema column types',
    `function f(DataTypes) { sink({ nir: DataTypes.STRING, hivStatus: DataTypes.BOOLEAN }); }`,
    null,
  ],
  ['projection flags', `function f() { sink({ nir: true, statut_vih: 1 }); }`, null],
];

/** [what it shows, code, expected sanitizer kind recorded] */
const SANITIZED: Array<[string, string, string]> = [
  ['encrypt helper', `function f(patient) { sink(encrypt(JSON.stringify(patient))); }`, 'encrypt'],
  [
    'French encryption helper',
    `function f(dossier) { sink(chiffrerDossier(dossier)); }`,
    'encrypt',
  ],
  [
    'createCipheriv update/final',
    `import crypto from 'node:crypto'; function f(patient, k, iv) { const c = crypto.createCipheriv('aes-256-gcm', k, iv); sink(Buffer.concat([c.update(JSON.stringify(patient)), c.final()])); }`,
    'encrypt',
  ],
  [
    'WebCrypto subtle.encrypt',
    `async function f(patient, key, iv) { sink(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, patient)); }`,
    'encrypt',
  ],
  ['KMS', `async function f(kms, patient) { sink(await kmsEncrypt(kms, patient)); }`, 'encrypt'],
  ['redaction', `function f(patient) { sink(redactPatient(patient)); }`, 'mask'],
  ['masking', `function f(patient) { sink(maskNir(patient.nir)); }`, 'mask'],
  [
    'HMAC',
    `import { createHmac } from 'node:crypto'; function f(patient, secret) { sink(createHmac('sha256', secret).update(patient.nir).digest('hex')); }`,
    'hmac',
  ],
];

describe('health-data provenance', () => {
  for (const [title, code, expected] of CASES) {
    it(`${expected === null ? 'drops' : 'traces'}: ${title}`, () => {
      const [result] = probe(code);
      assert.ok(result, 'the probe saw no sink');
      if (expected === null) assert.equal(result.description, null);
      else assert.ok(result.description?.includes(expected), `got ${result.description}`);
    });
  }

  for (const [title, code, kind] of SANITIZED) {
    it(`records the sanitiser: ${title}`, () => {
      const [result] = probe(code);
      assert.ok(result?.description, 'the value should still be traced to its patient source');
      assert.ok(
        result.sanitizers.includes(kind as never),
        `sanitizers: ${result.sanitizers.join(',')}`,
      );
    });
  }

  it('decryption removes the protection', () => {
    const [result] = probe(`function f(patient) { sink(decrypt(encrypt(patient))); }`);
    assert.deepEqual(result?.sanitizers, []);
  });

  it('a value mixing encrypted and clear parts is not protected', () => {
    const [result] = probe(`function f(patient) { sink(encrypt(patient.nir) + patient.nom); }`);
    assert.deepEqual(result?.sanitizers, []);
  });

  it('names the source for messages, and leaves its line to the related location', () => {
    const [result] = probe(
      `async function f(db) {\n  const r = await db.query('SELECT * FROM patients');\n  sink(r.rows);\n}`,
    );
    assert.equal(result?.description, 'patient records from query of `patients`');
  });

  it('shortens the labels to fit a message: the first ones and how many more', () => {
    const labels = ['name', 'social security number (NIR)', 'HIV/STI status'];
    assert.equal(shortLabels(labels, 60), 'name, social security number (NIR) and HIV/STI status');
    assert.equal(shortLabels(labels, 45), 'name, social security number (NIR) and 1 more');
    assert.equal(shortLabels(labels, 20), 'name and 2 more');
    assert.equal(shortLabels(labels, 10), 'patient data');
  });

  it('survives cycles and half-typed code', () => {
    const [result] = probe(
      `function f(patient) { let a = patient; let b = a; a = b; b = a; sink(b); }`,
    );
    assert.ok(result?.description);
    assert.doesNotThrow(() => probe(`function f(x) { sink(x.y.z()()[0]?.w!); }`));
  });
});
