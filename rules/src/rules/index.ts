import type { TSESLint } from '@typescript-eslint/utils';
import noCleartextTransport from './no-cleartext-transport';
import noHardcodedCredentials from './no-hardcoded-credentials';
import noNationalIdentifierLiteral from './no-national-identifier-literal';
import noPatientDataInLogs from './no-patient-data-in-logs';
import noPatientDataToThirdParty from './no-patient-data-to-third-party';
import noPublicDataDirectory from './no-public-data-directory';
import noSelectStarExport from './no-select-star-export';
import noUnauthenticatedEndpoint from './no-unauthenticated-endpoint';
import noUnencryptedWrite from './no-unencrypted-write';
import noWeakPseudonymization from './no-weak-pseudonymization';
import requireAccessAudit from './require-access-audit';
import requireDeleteAfterMigration from './require-delete-after-migration';

/**
 * The rule catalog: the one list of rules. Presets, the README table, docs headers and SARIF
 * rule descriptors are all derived from it and from each rule's `meta`.
 */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'no-cleartext-transport': noCleartextTransport,
  'no-hardcoded-credentials': noHardcodedCredentials,
  'no-national-identifier-literal': noNationalIdentifierLiteral,
  'no-patient-data-in-logs': noPatientDataInLogs,
  'no-patient-data-to-third-party': noPatientDataToThirdParty,
  'no-public-data-directory': noPublicDataDirectory,
  'no-select-star-export': noSelectStarExport,
  'no-unauthenticated-endpoint': noUnauthenticatedEndpoint,
  'no-unencrypted-write': noUnencryptedWrite,
  'no-weak-pseudonymization': noWeakPseudonymization,
  'require-access-audit': requireAccessAudit,
  'require-delete-after-migration': requireDeleteAfterMigration,
};
