/**
 * Whether a route serves patient data, and the evidence: a path segment that names it (a FHIR
 * patient resource, a container or strong health word of the classifier, a patient path word, an
 * export word), else what its handler reads or responds with. Login and health-check routes serve
 * none, whatever their handler does.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { staticSegments } from '../routes';
import { FHIR_PATIENT_RESOURCES } from '../vocabulary';
import type { EndpointFile } from './file';
import { handlerFunction, type HandlerEvidence, patientDataTouched } from './handlers';
import {
  namesHealthCheck,
  namesHl7PatientMessage,
  namesLogin,
  namesPatientPathWord,
} from './words';
import type { SiblingEvidence } from './siblings';

/**
 * Why a route serves patient data: its path says so, or its handler touches it — or, for a route
 * that reads or writes data, its router's other routes all authenticate (siblings.ts).
 */
export type RouteEvidence = { kind: 'path'; segment: string } | HandlerEvidence | SiblingEvidence;

/** Whether one static segment of a route path names patient data: `Patient`, `dossiers`, `results`. */
export function pathSegmentIsPatientData(segment: string, f: EndpointFile): boolean {
  if (FHIR_PATIENT_RESOURCES.has(segment)) return true;
  if (namesPatientPathWord(segment)) return true;
  if (namesHl7PatientMessage(segment)) return true;
  if (f.classifier.container(segment)) return true;
  const cls = f.classifier.classify(segment);
  if (cls && cls.role === 'data' && cls.tier === 'strong' && cls.category !== 'identity')
    return true;
  return f.model
    ? f.model.exportContext.match(segment) !== undefined
    : /export|extract|dump|backup/.test(segment.toLowerCase());
}

/**
 * Why a route at `path` handled by `handler` (an expression: inline, wrapped or named) serves
 * patient data, or undefined when it does not or is a login or health-check route.
 */
export function routeServesPatientData(
  path: string | undefined,
  handler: TSESTree.Node | undefined,
  f: EndpointFile,
): RouteEvidence | undefined {
  const segments = staticSegments(path);
  if (namesLogin(segments)) return undefined;
  for (const segment of segments) {
    if (pathSegmentIsPatientData(segment, f)) return { kind: 'path', segment };
  }
  if (segments.some(namesHealthCheck)) return undefined;
  const fn = handler ? handlerFunction(handler, f.program) : undefined;
  return fn ? patientDataTouched(fn, f) : undefined;
}
