/**
 * FHIR clients: the methods that read resources from a FHIR server, and where a call names the
 * resource type it reads. The answer of such a read is the server's patient data when the type is
 * one of the Patient compartment's (vocabulary `FHIR_PATIENT_RESOURCES`). Other calls of a client
 * answer with the service's data, not the request's (provenance). Sources:
 * - fhir-kit-client `client.read({ resourceType, id })`, `vread`, `search({ resourceType,
 *   searchParams })`, `history`/`resourceHistory` (https://github.com/Vermonster/fhir-kit-client);
 * - Medplum `medplum.readResource('Patient', id)`, `searchResources`, `searchOne`, `search`
 *   (https://www.medplum.com/docs/sdk/core.medplumclient);
 * - SDKs typed by the resource they return, such as Oystehr `oystehr.fhir.get<Patient>(…)` and
 *   `fhir.search<Encounter>(…)`, whose type argument names it.
 */

/** Method names of FHIR clients that read resources (by id, version, search or history). */
export const FHIR_READ_METHODS: ReadonlySet<string> = new Set([
  'read',
  'vread',
  'get',
  'search',
  'searchAll',
  'searchOne',
  'searchResources',
  'readResource',
  'readReference',
  'readHistory',
  'history',
  'resourceHistory',
]);

/** Where a read names its resource type without a type argument: option key, or first argument. */
export const FHIR_RESOURCE_TYPE_OPTION = 'resourceType';

/**
 * Keys of the request objects FHIR clients take beside a `resourceType`: a patch's `operations`,
 * a search's `params`/`searchParams`, a request's `options`. An object literal with one of them is
 * a request about a resource (Oystehr `fhir.patch({ resourceType, id, operations })`,
 * `fhir.search({ resourceType, params })`), not the resource's body.
 */
export const FHIR_REQUEST_KEYS: ReadonlySet<string> = new Set([
  'operations',
  'params',
  'searchParams',
  'options',
]);

/** Elements that name a resource without holding its content: `{ resourceType, id }` is a key. */
export const FHIR_IDENTITY_KEYS: ReadonlySet<string> = new Set(['resourceType', 'id', 'meta']);
