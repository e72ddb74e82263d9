/**
 * The API catalogue: what library and platform functions do with data (write it, delete it, send
 * it, log it), one module per family, read by every rule. A fact about a library is added here
 * once, never as a list inside a rule.
 */
export * from './file-system';
export * from './processes';
export * from './browser-storage';
export * from './transports';
export * from './secrets';
export * from './loggers';
export * from './hashing';
export * from './caches';
export * from './object-storage';
export * from './spreadsheets';
export * from './sql-drivers';
export * from './orms';
export * from './uploads';
export * from './web-servers';
export * from './fhir-clients';
export * from './authentication';
export * from './ui-state';
export * from './emr-schemas';
export * from './third-party';
export * from './analytics';
export * from './error-trackers';
export * from './ai-services';
