import type { CategoryId } from './categories';

/**
 * Where patient data goes, as the inventory groups it. Each kind is filled only from the findings
 * of the rules below: a flow is listed when a rule saw it, with what the rule saw.
 */
export type FlowKind =
  'route' | 'store' | 'export' | 'log' | 'transport' | 'third-party' | 'pseudonym' | 'code';

export const FLOW_ORDER: readonly FlowKind[] = [
  'route',
  'store',
  'export',
  'log',
  'transport',
  'third-party',
  'pseudonym',
  'code',
];

export const FLOW_TITLES: Readonly<Record<FlowKind, string>> = {
  route: 'Read by routes',
  store: 'Written to stores',
  export: 'Dumped or exported',
  log: 'Logged',
  transport: 'Sent over the network',
  'third-party': 'Sent to third-party services',
  pseudonym: 'Pseudonymised',
  code: 'Written in the code',
};

/** The same kinds as the summary table's column heads. */
export const FLOW_COLUMNS: Readonly<Record<FlowKind, string>> = {
  route: 'Routes',
  store: 'Stores',
  export: 'Exports',
  log: 'Logs',
  transport: 'Network',
  'third-party': 'Third parties',
  pseudonym: 'Pseudonyms',
  code: 'In code',
};

/**
 * How one message of a rule reads as a flow: what the flow reaches (`target`, a template over the
 * message's placeholders), what the rule says of its protection (`state`), and which placeholders
 * name the data. Without `data` the message names no patient data: the flow is listed apart, as
 * a channel or a finding the analysis did not tie to a category.
 */
export interface MessageFlow {
  target: string;
  state: string;
  data?: readonly string[];
  /** The category every finding of this message is about, when its text names no label. */
  category?: CategoryId;
  /** The kind of flow of this message when it is not its rule's. */
  kind?: FlowKind;
  /**
   * The placeholder naming a table or model read whole: the flow carries every column the
   * project declares for it (the schema the rule itself reads, model/schema.ts).
   */
  table?: string;
}

export interface RuleFlows {
  kind: FlowKind;
  messages: Readonly<Record<string, MessageFlow>>;
}

const ROUTE_DATA = ['reason'];

/**
 * The rules whose findings are flows of patient data, by rule id and message id. A rule that is
 * not here (shared credentials) is listed among the other findings; a message of a listed rule
 * that is not here takes the first `code` of its text as its target. The third-party rule
 * (`no-patient-data-to-third-party`) is read through its `service` and `data` placeholders.
 */
export const RULE_FLOWS: Readonly<Record<string, RuleFlows>> = {
  'no-unauthenticated-endpoint': {
    kind: 'route',
    messages: {
      unauthenticated: {
        target: '{{method}} {{path}}',
        state: 'no authentication seen',
        data: ROUTE_DATA,
      },
      registeredBeforeAuth: {
        target: '{{method}} {{path}}',
        state: 'authentication registered after the route',
        data: ROUTE_DATA,
      },
      mountedWithoutAuth: {
        target: '{{route}}',
        state: 'router mounted with no authentication',
        data: ['route'],
      },
      attachedWithoutAuth: {
        target: '{{method}} {{path}}',
        state: 'router mounted with no authentication',
        data: ROUTE_DATA,
      },
      serverFunctionUnauthenticated: {
        target: 'server action {{name}}',
        state: 'no session check seen',
        data: ROUTE_DATA,
      },
      unknownMountNoAuth: {
        target: '{{method}} {{path}}',
        state: 'no authentication anywhere in the project',
        data: ROUTE_DATA,
      },
      unknownMount: {
        target: '{{method}} {{path}}',
        state: 'no authentication seen; router mounted nowhere found',
        data: ROUTE_DATA,
      },
      unguardedController: {
        target: '{{method}} {{path}}',
        state: 'no guard on the route or its controller',
        data: ROUTE_DATA,
      },
      publicOptOut: {
        target: '{{method}} {{path}}',
        state: 'auth guard skipped by @{{decorator}}()',
        data: ROUTE_DATA,
      },
      nextUnauthenticated: {
        target: '{{method}} {{path}}',
        state: 'no session check or middleware seen',
        data: ROUTE_DATA,
      },
      uploadBeforeAuth: {
        target: '{{method}} {{path}}',
        state: 'uploads stored before authentication',
      },
    },
  },
  'no-public-data-directory': {
    kind: 'route',
    messages: {
      publicFolder: {
        target: 'static folder {{folder}}',
        state: 'served with no authentication (judged by its name)',
        category: 'patient-record',
      },
      publicWrittenFolder: {
        target: 'static folder {{folder}}',
        state: 'served with no authentication',
        data: ['data'],
      },
      publicUploadFolder: {
        target: 'static folder {{folder}}',
        state: 'uploads of {{route}} served with no authentication',
        category: 'patient-record',
      },
    },
  },
  'require-access-audit': {
    kind: 'route',
    messages: {
      routeWithoutAudit: {
        target: '{{method}} {{path}}',
        state: 'no audit event',
        data: ['data'],
      },
      exportWithoutAudit: {
        kind: 'export',
        target: '{{name}}',
        state: 'read for an export with no audit event',
        data: ['data'],
      },
    },
  },
  'no-unencrypted-write': {
    kind: 'store',
    messages: {
      fileWrite: { target: 'file ({{sink}})', state: 'unencrypted', data: ['data'] },
      browserStorage: { target: '{{store}} ({{sink}})', state: 'unencrypted', data: ['data'] },
      cacheWrite: { target: '{{store}} ({{sink}})', state: 'unencrypted', data: ['data'] },
      objectStorage: { target: 'bucket object ({{sink}})', state: 'unencrypted', data: ['data'] },
      uploadToDisk: {
        target: 'uploaded files in {{folder}} ({{engine}})',
        state: 'unencrypted',
        category: 'patient-record',
      },
      uploadPublic: {
        target: 'uploaded files ({{engine}})',
        state: "readable by anyone (acl '{{acl}}')",
        category: 'patient-record',
      },
      uploadToBucket: {
        target: 'uploaded files ({{engine}})',
        state: 'bucket without server-side encryption',
        category: 'patient-record',
      },
      databaseField: {
        target: 'database field {{field}} ({{sink}})',
        state: 'no field-level encryption',
        data: ['label', 'field'],
      },
    },
  },
  'require-delete-after-migration': {
    kind: 'export',
    messages: {
      notDeleted: { target: '{{where}}', state: 'extract never deleted', data: ['data'] },
      deletedOnlyOnSuccess: {
        target: '{{where}}',
        state: 'extract deleted only on success',
        data: ['data'],
      },
      sourceNotPurged: {
        target: '{{where}}',
        state: 'source never purged after the copy',
        data: ['data'],
      },
      sourceKeptAfterBulkCopy: {
        target: '{{target}}',
        state: 'source {{source}} never purged after the copy',
        data: ['data'],
      },
    },
  },
  'no-select-star-export': {
    kind: 'export',
    messages: {
      selectStar: {
        table: 'table',
        target: 'every column of {{table}}',
        state: 'read whole for an export',
        data: ['table', 'special'],
      },
      unprojectedRead: {
        table: 'table',
        target: 'every column of {{table}}',
        state: 'read whole for an export',
        data: ['table', 'special'],
      },
      dumpTable: {
        table: 'table',
        target: 'dump of {{table}}',
        state: 'dumped whole for an export',
        data: ['table', 'special'],
      },
    },
  },
  'no-patient-data-in-logs': {
    kind: 'log',
    messages: {
      patientDataInLog: { target: '{{sink}}', state: 'logged', data: ['data'] },
      patientDataInError: {
        target: 'error message',
        state: 'logged with the error',
        data: ['data'],
      },
      bodyInAccessLog: {
        target: 'access log (:{{token}})',
        state: 'request bodies logged',
        category: 'patient-record',
      },
    },
  },
  'no-cleartext-transport': {
    kind: 'transport',
    messages: {
      patientDataCleartext: { target: '{{origin}}', state: 'in clear (no TLS)', data: ['data'] },
      cleartextRequest: { target: '{{origin}}', state: 'in clear (no TLS)' },
      ftpWithoutTls: { target: 'FTP connection', state: 'in clear ({{how}})' },
      smtpWithoutTls: { target: 'SMTP transport', state: 'may send in clear ({{how}})' },
      tlsVerificationDisabled: { target: 'TLS connection', state: 'certificates not verified' },
      tlsVerificationDisabledGlobally: {
        target: 'every TLS connection',
        state: 'certificates not verified',
      },
      databaseWithoutTls: { target: 'database {{host}}', state: 'in clear (TLS off)' },
      insecureSessionCookie: { target: 'cookie {{cookie}}', state: 'sent over plain http' },
      plainHttpServer: { target: 'HTTP server', state: 'in clear unless a proxy adds TLS' },
    },
  },
  'no-patient-data-to-third-party': {
    kind: 'third-party',
    messages: {},
  },
  'no-weak-pseudonymization': {
    kind: 'pseudonym',
    messages: {
      unkeyedHash: { target: '{{what}}', state: 'reversible (unkeyed hash)', data: ['data'] },
      reversibleEncoding: {
        target: '{{what}}',
        state: 'reversible (encoding)',
        data: ['data'],
      },
    },
  },
  'no-national-identifier-literal': {
    kind: 'code',
    messages: {
      nir: { target: 'literal', state: 'a valid {{kind}}', category: 'national-identifier' },
      ssn: { target: 'literal', state: 'a valid {{kind}}', category: 'national-identifier' },
    },
  },
};

/** Placeholders a message of a rule not described above may use to name the service and data. */
export const GENERIC_TARGET_KEYS = ['service', 'vendor', 'sdk', 'origin', 'host', 'sink'];
export const GENERIC_DATA_KEYS = ['data', 'what', 'fields'];
