import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { HealthDataConfig } from '../config/project-config';
import { configFor } from '../config/resolve';
import { type Classifier, classifierFor } from './classifier';
import { ExportContextFinder } from './context';
import { onFileDone } from './file-lifetime';
import { Provenance } from './provenance';

export type { Classification, Role } from './classifier';
export type { ExportContext } from './context';
export type { PatientRead, SanitizerKind, Taint } from './provenance';
export { joinLabels, shortLabels } from './provenance';
export type { SqlSelect, SqlStar, SqlStatement, SqlTableRef } from './sql';
export { scanSql, tablesRead, tablesUnderStar } from './sql';
export { staticString } from './ast';

/**
 * The health-data model of one file, shared by every rule linting it: built once per file
 * (keyed by ESLint's SourceCode), so rules never re-classify or re-trace what another asked.
 */
export interface HealthModel {
  config: HealthDataConfig;
  classifier: Classifier;
  provenance: Provenance;
  exportContext: ExportContextFinder;
  /** The export/migration context of a node, if any. */
  exportContextOf(node: TSESTree.Node): ReturnType<ExportContextFinder['of']>;
}

const models = new WeakMap<object, { model: HealthModel; configKey?: string }>();
onFileDone((sourceCode) => models.delete(sourceCode));

export function healthModel(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): HealthModel {
  const sourceCode = context.sourceCode;
  const config = configFor(context);
  const cached = models.get(sourceCode);
  if (cached?.model.config === config) return cached.model;
  // Compared by content when a host hands an equal configuration as another object: the model
  // and its caches are kept. A file's first model needs no key.
  const configKey = cached ? JSON.stringify(config) : undefined;
  if (cached && (cached.configKey ??= JSON.stringify(cached.model.config)) === configKey)
    return cached.model;
  const classifier = classifierFor(config);
  const provenance = new Provenance(sourceCode, classifier, config, {
    file: context.filename,
    program: sourceCode.ast,
  });
  const exportContext = new ExportContextFinder(context.filename, config, sourceCode.ast);
  const model: HealthModel = {
    config,
    classifier,
    provenance,
    exportContext,
    exportContextOf: (node) => exportContext.of(node),
  };
  models.set(sourceCode, { model, configKey });
  return model;
}

// ---- The public entry of the model for rules: everything a rule reads of the model, from one module ----
export type { ImportedHelper } from '../config/project-config';
export {
  auditRouteUnits,
  exportUnit,
  innermostUnit,
  isAuditCall,
  withinNode,
} from './access-audit';
export type { AuditRecognizer } from './access-audit';
export { ACCESS_LOGGER, FTP_TLS_OPTION, MAIL_TRANSPORT, URL_SCHEME_SERVICES } from './apis';
export {
  keyName,
  literalString,
  propertyName,
  referenceName,
  sourceRangeOf,
  templatePart,
  unwrap,
} from './ast';
export type { StaticString } from './ast';
export {
  cleartextFtp,
  cleartextSmtp,
  cleartextUrl,
  databaseTlsOffHost,
  disablesTlsVerification,
  disablesTlsVerificationGlobally,
  isRequestCall,
  mayHoldCleartextUrl,
  mentionsFtpWithoutTls,
  remoteSslDisabledHost,
  requestPatientPayload,
  requestUrlArgument,
  transferToolUrls,
} from './connections';
export type { CleartextUrl } from './connections';
export {
  clientMethodPassword,
  constructorPassword,
  credentialClient,
  comparedSecret,
  credentialsOwnerName,
  environmentName,
  groupSharedSecrets,
  isAccountRecord,
  isDefaultAccount,
  isEnvironmentMember,
  isNamedSecret,
  isRealSecret,
  isSecretName,
  ldapAccount,
  looksLive,
  optionsAccount,
  otherLinesText,
  repeatsAccount,
  screamingSnake,
  secretNameKind,
  urlCredentials,
} from './credentials';
export { discoverControllers } from './decorated-routes';
export {
  controllerExposures,
  fileRouteExposures,
  mayDeclareEndpoints,
  mountExposure,
  routeExposure,
  handlerMountExposure,
  type RouteExposure,
} from './endpoints/exposure';
export { lintedEndpointFile } from './endpoints/file';
export { projectShowsAuthentication } from './endpoints/project-auth';
export { serverFunctionExposures } from './endpoints/server-functions';
export type { EndpointFile } from './endpoints/file';
export type { RouteEvidence } from './endpoints/patient-data';
export {
  ormFieldWrites,
  specialCategoryField,
  sqlFieldWrites,
  storedInClear,
} from './field-writes';
export type { FieldWrite } from './field-writes';
export { fileRouteOf } from './file-routes';
export { mayServeFolders } from './frameworks/static';
export {
  LogCalls,
  loggedPatientData,
  thrownErrorMessage,
  wrappedLogWrite,
  type LogWrite,
} from './log-calls';
export { unpurgedBulkCopies } from './migration/bulk-copy';
export { deletionsIn } from './migration/deletions';
export type { Staging } from './migration/facts';
export { MigrationFile } from './migration/file';
export { sourcePurged, verdict } from './migration/matching';
export { insideTmpScope, routineName, routineOf } from './migration/routines';
export type { Routine } from './migration/routines';
export { stagingWrites } from './migration/staging';
export { findNationalIdentifiers, inSsnField } from './national-ids';
export type { IdentifierMatch } from './national-ids';
export { AST_NODE_TYPES } from './node-types';
export { specialColumns } from './patient-tables';
export { identifyingInput, mayTransformIdentifiers, weakTransform } from './pseudonyms';
export type { WeakTransform } from './pseudonyms';
export { recordIdOf } from './record-ids';
export { describeLiteralForMessage, MAX_QUOTED_CODE_LENGTH } from './redact';
export { provenanceRelated } from './related';
export type { RelatedLocation } from './related';
export type { ModuleSource } from './imported-functions';
export { discoverRoutes } from './routes';
export type { Route } from './routes';
export { indexSchemas, projectSchemas, schemasInProgram } from './schema';
export type { SchemaIndex } from './schema';
export {
  dataFolderWord,
  folderSegments,
  patientFolderWrites,
  staticServeAuthenticated,
  staticServes,
  staticUseCall,
  useMountOf,
} from './served-folders';
export type { PatientFolderWrite } from './served-folders';
export {
  literalPasswordColumns,
  mayBindPasswords,
  mayHandSecrets,
  secretArgument,
  secretLiteral,
  secretOptionModule,
} from './secret-sinks';
export { insecureSessionCookie, isTlsServerOptions, serverKind } from './session-cookies';
export {
  identifiesPatient,
  sentPatientData,
  sentryDefaultPii,
  ThirdPartyCalls,
  wrappedThirdPartySend,
} from './third-party-calls';
export type { ThirdPartySend } from './third-party-calls';
export { StorageWrites, wrappedStorageWrite, writesTestFixture } from './storage-writes';
export type { ObjectArgument, StorageWrite } from './storage-writes';
export { tokenize } from './tokens';
export { inDemoData, inInventedCode, inProjectGlobs, inTestCode } from './test-files';
export { UnprojectedReads } from './unprojected-reads';
export type { UnprojectedRead } from './unprojected-reads';
export { landsIn, patientUploads, projectUploadFolders } from './upload-storage';
export type { PatientUpload, UploadFolder, UploadRoute, UploadStorage } from './upload-storage';
// ---- end of the public entry
