/**
 * The words of route paths: which paths name patient data beyond the classifier's containers
 * (`/results`, `/resultats`), which exist to authenticate (`/login`, `/oauth/callback`,
 * `/.well-known/jwks`) and which tell a load balancer the service is up (`/healthz`, `/metrics`).
 * Read by the endpoint model to decide whether a route serves patient data.
 */
import { tokenize } from '../tokens';
import { HL7_V2_PATIENT_MESSAGES } from '../vocabulary';

/** Path words that name patient data beyond the classifier's containers: `/results`, `/resultats`. */
export const PATIENT_PATH_WORDS: ReadonlySet<string> = new Set([
  'result',
  'results',
  'resultat',
  'resultats',
  'examens',
  'observations',
  'diagnostics',
  'prescriptions',
  'medical',
  'ehr',
  'emr',
]);

/** Routes that exist to authenticate (English and French spellings, OAuth and OIDC discovery). */
export const LOGIN_WORDS: ReadonlySet<string> = new Set([
  'login',
  'logout',
  'signin',
  'signout',
  'signup',
  'register',
  'token',
  'oauth',
  'oauth2',
  'callback',
  'authorize',
  'auth',
  'session',
  'sessions',
  'password',
  'forgot',
  'reset',
  'connexion',
  'deconnexion',
  'inscription',
  'well-known',
  '.well-known',
  'jwks',
]);

/**
 * Words of routes that are public by nature, whatever their siblings require: one-time codes and
 * verification links, web hooks called by other services, public pages and API documentation.
 */
export const PUBLIC_PATH_WORDS: ReadonlySet<string> = new Set([
  'public',
  'otp',
  'verify',
  'verification',
  'confirm',
  'webhook',
  'webhooks',
  'hook',
  'captcha',
  'docs',
  'swagger',
  'openapi',
  'terms',
  'privacy',
  'faq',
  'contact',
]);

/** Routes that tell a load balancer or a monitor the service is up (Kubernetes probes, metrics). */
export const HEALTH_CHECK_WORDS: ReadonlySet<string> = new Set([
  'health',
  'healthz',
  'healthcheck',
  'ping',
  'status',
  'ready',
  'readyz',
  'live',
  'livez',
  'liveness',
  'readiness',
  'metrics',
  'version',
  'metadata',
  'favicon',
]);

/** Whether a path's static segments name a login route, as a segment (`/login`) or a word of one (`/oauthCallback`). */
export function namesLogin(segments: readonly string[]): boolean {
  return (
    segments.some((s) => LOGIN_WORDS.has(s.toLowerCase())) ||
    segments.flatMap((s) => tokenize(s)).some((w) => LOGIN_WORDS.has(w))
  );
}

/** Whether a path segment names a health check: `/healthz`, `/status`. */
export function namesHealthCheck(segment: string): boolean {
  return HEALTH_CHECK_WORDS.has(segment.toLowerCase());
}

/** Whether a path segment names patient data by one of the path words: `/results`, `/medicalRecords`. */
export function namesPatientPathWord(segment: string): boolean {
  return (
    PATIENT_PATH_WORDS.has(segment.toLowerCase()) ||
    tokenize(segment).some((w) => PATIENT_PATH_WORDS.has(w))
  );
}

/**
 * Whether a path segment names an HL7 v2 message type that carries patients' data, alone or with
 * its trigger event: `/adt`, `/adt-a31`, `/ORU_R01`, `/oru^r01` (not `/ref` of a longer word).
 */
export function namesHl7PatientMessage(segment: string): boolean {
  const [type, event, ...rest] = segment.toLowerCase().split(/[-_^]/);
  return (
    rest.length === 0 &&
    type !== undefined &&
    HL7_V2_PATIENT_MESSAGES.has(type) &&
    (event === undefined ? type !== 'ref' && type !== 'bar' : /^[a-z]\d{2}$/.test(event))
  );
}
