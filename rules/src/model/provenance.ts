import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type { HealthDataConfig } from '../config/project-config';
import {
  calleeName,
  constantInit,
  directPatternKey,
  enclosingFunction,
  type FunctionNode,
  functionName,
  keyName,
  localFunction,
  reassigned,
  memberChain,
  outermostExpression,
  propertyName,
  resolveVariable,
  returnedExpressions,
  SELECTING_METHODS,
  type StaticString,
  typeReferenceName,
  staticString,
  unwrap,
} from './ast';
import type { Classification, Classifier } from './classifier';
import {
  COUNT_VALUE,
  looksLikeSql,
  scanSql,
  selectedValue,
  type SqlStatement,
  tablesRead,
} from './sql';
import { isRequestCall } from './connections';
import { type ImportedFunction, importedFunction, type ModuleSource } from './imported-functions';
import { importedBinding, isProjectSpecifier } from './project-graph';
import { patientFieldsOfInput } from './request-input';
import { dominatingMemberWrite, dominatingWrite } from './strong-update';
import {
  declaredResource,
  declaredTypeOf,
  holdsReferenceElements,
  printedHoles,
  readsReferenceElement,
  spellsOutNoData,
} from './declared-types';
import { excludedVariant, ruledOut, tagConstraints } from './variant-narrowing';
import {
  assertedNonPatient,
  declaredNonPatient,
  fhirRead,
  narrowedAway,
  readsOneResourceType,
  selectsNonPatient,
} from './resource-types';
import { isRecordTableWord, patientTable } from './patient-tables';
import { tokenize } from './tokens';
import {
  EXPORT_CONTEXT_WORDS,
  FHIR_PATIENT_RESOURCES,
  FHIR_PERSON_IDENTIFIER_RESOURCES,
  HEAD_ROLES,
  IDENTIFIER_ELEMENTS,
  RECORD_CARRIERS,
  RECORD_DATA_NAMES,
  RECORD_TYPE_CONTAINERS,
  RECORD_METADATA_NAMES,
  TECHNICAL_QUALIFIERS,
  TEMPLATE_TYPE_WORDS,
} from './vocabulary';
import {
  FHIR_IDENTITY_KEYS,
  FHIR_REQUEST_KEYS,
  ROW_READ_METHODS,
  SQL_RUNNER_METHODS,
} from './apis';

/**
 * What made a value safe for one purpose: encryption (storage), masking (logs), keyed hashing,
 * de-identification by a configured helper (third parties).
 */
export type SanitizerKind = 'encrypt' | 'mask' | 'hmac' | 'deidentify';

/** A value that carries patient data, and where that data came from. */
export interface Taint {
  /** The expression where the patient data enters: a query, a field, a parameter, a resource. */
  source: TSESTree.Node;
  /** How a message names the source: "query of `patients`", "`patient.nir`". */
  description: string;
  /** What patient data it is, as labels: "social security number (NIR)", "HIV/STI status". */
  labels: string[];
  /** Intermediate expressions from the source to the value asked about, in order. */
  steps: TSESTree.Node[];
  /** Sanitisers the value passed through on its way. */
  sanitizers: SanitizerKind[];
  /**
   * The FHIR resource type the value is, or holds a list of, when its source says so (a typed
   * FHIR read, a declared `ServiceRequest`); unset once a member of it is read.
   */
  resource?: string;
}

/** Members through which a FHIR read's answer still holds its resources: `bundle.entry[0].resource`. */
const BUNDLE_CARRIERS = new Set(['entry', 'resource']);

/** A read of patient records: SQL on patient tables, an ORM or query-builder read of a patient model. */
export interface PatientRead {
  tables: string[];
  via: 'sql' | 'orm';
  /** The SQL text and its statements, for SQL reads. */
  sql?: { value: StaticString; statements: SqlStatement[]; node: TSESTree.Node };
}

const MAX_DEPTH = 60;

/** Longest description of patient data in a message (a message is at most 120 characters). */
export const MAX_DESCRIPTION_LENGTH = 50;

/** Longest name of the value reaching a sink that a message quotes: `rows`, `patient.nir`. */
const MAX_SHOWN_VALUE_LENGTH = 30;

/**
 * How many modules away from the linted file a call is summarised: the provenance of each module
 * is kept per distance, so an answer never depends on the order files are linted in.
 */
const MAX_MODULE_DEPTH = 2;

/** How many calls deep a return value is summarised through the file's own functions. */
const MAX_SUMMARY_DEPTH = 3;

/** Declared types that are patient records in lab code although their word is generic alone. */
const RECORD_TYPE_NAMES = new Set([
  'Resultat',
  'Resultats',
  'Examen',
  'Analyse',
  'Prelevement',
  'Ordonnance',
]);
const MAX_LABELS = 4;

/** Member names whose value is a count, size or flag about a collection or a string. */
const COUNT_PROPERTIES = new Set([
  'length',
  'size',
  'byteLength',
  'rowCount',
  'affectedRows',
  'changes',
  'count',
]);

/** Calls that answer a yes/no or a number about their receiver or argument. */
const NON_DATA_CALLS = new Set([
  'includes',
  'some',
  'every',
  'has',
  'indexOf',
  'lastIndexOf',
  'findIndex',
  'isArray',
  'test',
  'startsWith',
  'endsWith',
  'localeCompare',
  'getTime',
  'Boolean',
  'Number',
  'parseInt',
  'parseFloat',
  'count',
  'countDocuments',
  'estimatedDocumentCount',
  'exists',
  'existsSync',
  'isValid',
  'isEmpty',
  'keys',
  'getLength',
  'size',
  'hasOwnProperty',
  'isNaN',
  'isFinite',
  'compare',
  'equals',
  'validate',
  'stat',
  'statSync',
  'access',
]);

/** Leading words of function names that compute facts rather than return data: `countPatients()`. */
const NON_DATA_CALL_PREFIXES = new Set([
  'count',
  'nb',
  'compter',
  'has',
  'is',
  'exists',
  'validate',
  'verify',
  'delete',
  'remove',
  'purge',
  'supprimer',
  'drop',
  'log',
  'audit',
  'send',
  'notify',
  // Actions whose answer is their outcome: `remergePatientRecords()`, `submitLabResults`.
  'merge',
  'remerge',
  'submit',
  'upload',
]);

/** Methods that put their arguments into their receiver: arrays, maps, sets, form data. */
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'append']);

/** Array and promise methods whose result is (part of) their receiver. */
const RECEIVER_METHODS = new Set([
  'filter',
  'slice',
  'sort',
  'reverse',
  'concat',
  'find',
  'findLast',
  'at',
  'flat',
  'join',
  'toString',
  'toJSON',
  'valueOf',
  'trim',
  'toUpperCase',
  'toLowerCase',
  'padStart',
  'padEnd',
  'split',
  'replace',
  'replaceAll',
  'substring',
  'substr',
  'entries',
  'values',
  'get',
  'getAll',
  'toArray',
  'lean',
  'exec',
  'clone',
  'pop',
  'shift',
  'splice',
  'reduce',
  'reduceRight',
  'finally',
  'catch',
  'toObject',
  'get',
  'rows',
  'json',
  'text',
  'pipe',
  'stringify',
]);

/** Promise methods and the position of their rejection handler, whose parameter is the error. */
const PROMISE_REJECTION_HANDLERS: ReadonlyMap<string, number> = new Map([
  ['then', 1],
  ['catch', 0],
]);

/** The vocabulary's label of a date of birth: with one other identity field, a person. */
const BIRTH_DATE_LABEL = 'date of birth';
const SEX_LABEL = 'sex';

/** Calls that print their first argument as it is: a message names that argument. */
const SHOWN_THROUGH = new Set(['JSON.stringify', 'String', 'util.inspect', 'inspect']);

/**
 * Methods that fold their receiver through a callback `(accumulator, element) => …` from an
 * initial value: the result is what the callback returns or the initial value; the callback's
 * element is its second parameter, its accumulator starts as the initial value.
 */
const ACCUMULATOR_METHODS = new Set(['reduce', 'reduceRight']);

/** Methods whose result is what their callback returns for each element or for the resolved value. */
const CALLBACK_RESULT_METHODS = new Set(['map', 'flatMap', 'then']);

/** Methods whose callback receives the receiver's elements or resolved value. */
const ELEMENT_CALLBACK_METHODS = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'find',
  'findLast',
  'some',
  'every',
  'reduce',
  'then',
  'each',
  'on',
  'sort',
  'findIndex',
]);

/** Words of a callee name that encrypt its argument (`encryptField`, `kms.seal`, `chiffrer`). */
export const ENCRYPT_WORDS: ReadonlySet<string> = new Set([
  'encrypt',
  'encrypted',
  'encryption',
  'encrypts',
  'cipher',
  'cipheriv',
  'seal',
  'sealed',
  'kms',
  'jwe',
  'chiffrer',
  'chiffre',
  'chiffrement',
  'crypter',
  'envelope',
]);
const DECRYPT_WORDS = new Set([
  'decrypt',
  'decrypted',
  'decipher',
  'decipheriv',
  'unseal',
  'dechiffrer',
  'decrypter',
]);
const MASK_WORDS = new Set([
  'mask',
  'masked',
  'redact',
  'redacted',
  'anonymize',
  'anonymise',
  'anonymized',
  'anonymiser',
  'pseudonymize',
  'pseudonymise',
  'pseudonymiser',
  'masquer',
  'obfuscate',
  'scrub',
  'tokenize',
  'hash',
  'digest',
]);
const HMAC_WORDS = new Set(['hmac']);

type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** What a parameter is bound to in a summary: what the call's argument carries, by key for a literal. */
interface Bound {
  taint: Taint | undefined;
  keys?: ReadonlyMap<string, Taint | undefined>;
}
const NOTHING: Bound = { taint: undefined };

/** A function a call reaches, with the provenance of the module that declares it. */
export interface CalledFunction {
  fn: FunctionNode;
  /** The declaring module's file; undefined for the file linted. */
  file: string | undefined;
  source: ModuleSource;
  provenance: Provenance;
}

/**
 * Intra-procedural provenance: answers, for any expression of one file, whether it carries
 * patient data and from where. Evaluated lazily from the expression asked about back to its
 * sources through the scope manager, memoised per node, so a file costs only what its sinks ask.
 */
export class Provenance {
  private memo = new Map<TSESTree.Node, Taint | null>();
  /** What the arguments of the calls being summarised carry, by callee (issue 19, summaries). */
  private readonly bindings = new Map<FunctionNode, Bound[]>();
  private readonly readMemo = new Map<TSESTree.Node, PatientRead | null>();
  private readonly sqlMemo = new Map<
    TSESTree.Node,
    { value: StaticString; statements: SqlStatement[] } | null
  >();
  private readonly encryptHelpers: Set<string>;
  private readonly maskHelpers: Set<string>;
  private readonly deidentifyHelpers: Set<string>;
  private depth = 0;

  constructor(
    private readonly sourceCode: Readonly<ModuleSource>,
    private readonly classifier: Classifier,
    private readonly config?: HealthDataConfig,
    /**
     * The file and its program, for summaries of calls into the project's other modules, and how
     * many modules away from the linted file it is (summaries stop `MAX_MODULE_DEPTH` away).
     */
    private readonly where?: { file: string; program: TSESTree.Program; depth?: number },
  ) {
    this.encryptHelpers = new Set(config?.encryption.helpers ?? []);
    if (config?.encryption.fix) this.encryptHelpers.add(config.encryption.fix.name);
    this.maskHelpers = new Set(config?.redaction.helpers ?? []);
    if (config?.redaction.fix) this.maskHelpers.add(config.redaction.fix.name);
    this.deidentifyHelpers = new Set(config?.deidentification.helpers ?? []);
    if (config?.deidentification.fix) this.deidentifyHelpers.add(config.deidentification.fix.name);
  }

  readonly scopeOf: ScopeOf = (node) => this.sourceCode.getScope(node);

  /** The patient data a value carries, whatever sanitisers it passed through. */
  trace(node: TSESTree.Node): Taint | undefined {
    const cached = this.memo.get(node);
    if (cached !== undefined) return cached ?? undefined;
    if (this.depth > MAX_DEPTH) return undefined;
    this.memo.set(node, null); // cycles (`x = x + y`) resolve to "no new source"
    this.depth++;
    let result: Taint | undefined;
    try {
      result = this.compute(node);
    } finally {
      this.depth--;
    }
    this.memo.set(node, result ?? null);
    return result;
  }

  /**
   * The patient data a value carries unprotected for a purpose: `['encrypt']` for storage (an
   * encrypted value is fine), `['mask', 'encrypt', 'hmac']` for logs.
   */
  carriesPatientData(node: TSESTree.Node, unless: SanitizerKind[] = []): Taint | undefined {
    const taint = this.trace(node);
    if (!taint) return undefined;
    return taint.sanitizers.some((kind) => unless.includes(kind)) ? undefined : taint;
  }

  /** The static SQL text of an expression and its statements, when it looks like SQL. */
  sqlOf(node: TSESTree.Node): { value: StaticString; statements: SqlStatement[] } | undefined {
    const cached = this.sqlMemo.get(node);
    if (cached !== undefined) return cached ?? undefined;
    let result: { value: StaticString; statements: SqlStatement[] } | null = null;
    const value = staticString(node, this.scopeOf);
    if (value && value.text.length < 200_000 && looksLikeSql(value.text)) {
      result = { value, statements: scanSql(value.text) };
    }
    this.sqlMemo.set(node, result);
    return result ?? undefined;
  }

  /**
   * Whether a table or model name holds patient data (`patients`, `Dossier`, `staging_patients`;
   * not reference data such as `patient_types`), as `model/patient-tables.ts` decides.
   */
  isPatientTable(name: string): boolean {
    return patientTable(name, this.classifier) !== undefined;
  }

  /** A read of patient records by a call: SQL text on patient tables, or an ORM/builder read of a patient model. */
  patientRead(node: TSESTree.Node): PatientRead | undefined {
    const cached = this.readMemo.get(node);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.computeRead(node) ?? null;
    this.readMemo.set(node, result);
    return result ?? undefined;
  }

  private computeRead(node: TSESTree.Node): PatientRead | undefined {
    const expr = unwrap(node);
    if (expr.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const sql = this.sqlOf(expr.quasi);
      const tables = sql
        ? sql.statements.flatMap(tablesRead).filter((t) => this.isPatientTable(t))
        : [];
      return sql && tables.length && !this.selectsKeysAndCounts(sql.statements)
        ? { tables, via: 'sql', sql: { ...sql, node: expr.quasi } }
        : undefined;
    }
    if (expr.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const name = calleeName(expr.callee);
    // SQL passed to a driver: pool.query('SELECT …'), db.raw(`…`), prisma.$queryRawUnsafe(sql).
    if (name && SQL_RUNNER_METHODS.has(name)) {
      const first = expr.arguments[0];
      const sql =
        first && first.type !== AST_NODE_TYPES.SpreadElement ? this.sqlOf(first) : undefined;
      if (sql && first) {
        const tables = sql.statements.flatMap(tablesRead).filter((t) => this.isPatientTable(t));
        if (tables.length && !this.selectsKeysAndCounts(sql.statements))
          return { tables, via: 'sql', sql: { ...sql, node: first } };
        return undefined;
      }
    }
    // ORM / builder reads: prisma.patient.findMany(), Patient.findAll(), knex('patients').where(…),
    // db.collection('dossiers').find(), getRepository(Patient).find().
    if (!name || !ROW_READ_METHODS.has(name)) return undefined;
    const table = this.modelInChain(expr.callee);
    return table ? { tables: [table], via: 'orm' } : undefined;
  }

  /**
   * Whether every row a query returns holds only keys, statuses and counts: `SELECT patient_id,
   * prescription_id, COUNT(*) … GROUP BY …` lists duplicates, not patients. Explicit select lists
   * only; a star, an expression or any data column keeps the read a read of patient data.
   */
  private selectsKeysAndCounts(statements: readonly SqlStatement[]): boolean {
    const results = statements.flatMap((s) => s.selects).filter((s) => s.topLevel && !s.predicate);
    return (
      results.length > 0 &&
      results.every(
        (select) =>
          select.stars.length === 0 &&
          select.columns.length > 0 &&
          select.columns.every((column) => this.keyOrCountColumn(column)),
      )
    );
  }

  private keyOrCountColumn(column: string): boolean {
    const value = selectedValue(column);
    return value === COUNT_VALUE || (value !== undefined && this.describesNonData(value, true));
  }

  /** The patient model or table named along a call chain: identifiers, members, string and class arguments. */
  modelInChain(node: TSESTree.Node): string | undefined {
    let current: TSESTree.Node = unwrap(node);
    for (let guard = 0; guard < 32; guard++) {
      if (current.type === AST_NODE_TYPES.MemberExpression) {
        const prop = propertyName(current);
        if (prop && (this.classifier.container(prop) || isRecordTableWord(prop))) return prop;
        current = unwrap(current.object);
      } else if (current.type === AST_NODE_TYPES.CallExpression) {
        for (const arg of current.arguments.slice(0, 1)) {
          const a = unwrap(arg);
          if (
            a.type === AST_NODE_TYPES.Literal &&
            typeof a.value === 'string' &&
            this.classifier.container(a.value)
          )
            return a.value;
          if (a.type === AST_NODE_TYPES.Identifier && this.classifier.container(a.name))
            return a.name;
        }
        current = unwrap(current.callee);
      } else if (current.type === AST_NODE_TYPES.Identifier) {
        if (this.classifier.container(current.name)) return current.name;
        // A repository or model held in a variable: const repo = getRepository(Patient).
        const variable = resolveVariable(this.scopeOf(current), current);
        const def = variable?.defs[0];
        if (def?.type === 'Variable' && def.node.init && def.node.init !== node) {
          const init = unwrap(def.node.init);
          if (
            init.type === AST_NODE_TYPES.CallExpression ||
            init.type === AST_NODE_TYPES.MemberExpression ||
            init.type === AST_NODE_TYPES.AwaitExpression
          ) {
            return this.modelInChain(
              init.type === AST_NODE_TYPES.AwaitExpression ? init.argument : init,
            );
          }
        }
        return undefined;
      } else if (current.type === AST_NODE_TYPES.ThisExpression) {
        return undefined;
      } else {
        return undefined;
      }
    }
    return undefined;
  }

  /**
   * How a message names a taint, in at most `maxLength` characters (issue 22: one short sentence
   * per finding): "NIR and HIV/STI status from query of `patients`", or only the labels when the
   * origin does not fit. The origin's line is the related `source` location, not the message.
   */
  describe(taint: Taint, maxLength = MAX_DESCRIPTION_LENGTH): string {
    const labels = shortLabels(taint.labels, maxLength);
    const full = `${labels} from ${taint.description}`;
    return full.length <= maxLength ? full : labels;
  }

  /**
   * How a message names the data reaching a sink at `node` (issue 19): the value written there
   * when it is a short name or member (`\`patient.nir\` (social security number (NIR) from
   * \`patient\`)`), else what `describe` says; at most `maxLength` characters either way.
   */
  describeAt(node: TSESTree.Node, taint: Taint, maxLength = MAX_DESCRIPTION_LENGTH): string {
    let shown = unwrap(node);
    // JSON.stringify(x), String(x), await x: the value is x.
    for (;;) {
      if (shown.type === AST_NODE_TYPES.AwaitExpression) shown = unwrap(shown.argument);
      else if (
        shown.type === AST_NODE_TYPES.CallExpression &&
        shown.arguments[0] &&
        SHOWN_THROUGH.has(this.sourceCode.getText(shown.callee))
      )
        shown = unwrap(shown.arguments[0]);
      else break;
    }
    if (
      shown.type !== AST_NODE_TYPES.Identifier &&
      (shown.type !== AST_NODE_TYPES.MemberExpression || memberChain(shown).length < 2)
    )
      return this.describe(taint, maxLength);
    const text = this.sourceCode.getText(shown);
    if (
      text.length > MAX_SHOWN_VALUE_LENGTH ||
      /\s/.test(text) ||
      taint.description === `\`${text}\``
    )
      return this.describe(taint, maxLength);
    // `text` (…): the backticks, the space and the parentheses take 5 characters.
    return `\`${text}\` (${this.describe(taint, maxLength - text.length - 5)})`;
  }

  private compute(node: TSESTree.Node): Taint | undefined {
    if (assertedNonPatient(node)) return undefined; // `entry.resource as Organization`
    const expr = unwrap(node);
    switch (expr.type) {
      case AST_NODE_TYPES.Identifier:
        return this.identifier(expr);
      case AST_NODE_TYPES.MemberExpression:
        return this.member(expr);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return this.call(expr);
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.SpreadElement:
        return this.step(this.trace(expr.argument), expr);
      case AST_NODE_TYPES.YieldExpression:
        return expr.argument ? this.step(this.trace(expr.argument), expr) : undefined;
      case AST_NODE_TYPES.TemplateLiteral:
        // `${report}` of a FHIR resource prints "[object Object]".
        return this.any(printedHoles(expr, this.scopeOf), expr);
      case AST_NODE_TYPES.TaggedTemplateExpression: {
        const read = this.patientRead(expr);
        if (read) return this.readTaint(expr, read);
        return this.any(expr.quasi.expressions, expr);
      }
      case AST_NODE_TYPES.BinaryExpression:
        if (expr.operator !== '+') return undefined; // comparisons are booleans, arithmetic is numbers
        return this.any([expr.left, expr.right], expr);
      case AST_NODE_TYPES.LogicalExpression:
        return this.any([expr.left, expr.right], expr);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.any([expr.consequent, expr.alternate], expr);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.step(this.trace(expr.right), expr);
      case AST_NODE_TYPES.SequenceExpression:
        return this.step(this.trace(expr.expressions[expr.expressions.length - 1]!), expr);
      case AST_NODE_TYPES.ArrayExpression:
        return this.any(
          expr.elements.filter(
            (e): e is TSESTree.Expression | TSESTree.SpreadElement => e !== null,
          ),
          expr,
        );
      case AST_NODE_TYPES.ObjectExpression:
        return this.object(expr);
      default:
        return undefined;
    }
  }

  private identifier(id: TSESTree.Identifier): Taint | undefined {
    const taint = this.identifierValue(id);
    const constraints = taint && tagConstraints(id);
    const excluded = constraints && excludedVariant(taint.steps, constraints);
    if (!excluded) return taint;
    // `if (res.status === 'rejected')`: only the variants of that tag, returned beside the one
    // the data came through, can be there.
    const fn = enclosingFunction(excluded);
    const returned = fn ? returnedExpressions(fn).map((e) => unwrap(e)) : [];
    if (!returned.includes(excluded)) return taint;
    const others = returned.filter(
      (e) => e.type === AST_NODE_TYPES.ObjectExpression && !ruledOut(e, constraints),
    );
    return this.step(this.any(others, id), id);
  }

  private identifierValue(id: TSESTree.Identifier): Taint | undefined {
    if (id.name === 'undefined') return undefined;
    const own = this.classifier.classify(id.name);
    const variable = resolveVariable(this.scopeOf(id), id);
    // `let medications = 0`: a counter or a flag, whatever its name; `const PATIENT_FIELDS = …`:
    // configuration, never a patient's data.
    if (variable && (holdsNumberOrFlag(variable) || isConfigurationConstant(id.name, variable)))
      return undefined;
    // `labs: Organization[]`, used under `if (r.resourceType === 'Practitioner')` or under
    // `if (bundle.resourceType !== 'Bundle' || bundle.entry === undefined)`.
    const annotation = variable?.defs[0]?.name;
    if (
      variable?.defs.some((def) => declaredNonPatient(def.name)) ||
      narrowedAway(
        id,
        annotation?.type === AST_NODE_TYPES.Identifier
          ? (annotation.typeAnnotation?.typeAnnotation ?? undefined)
          : undefined,
      )
    )
      return undefined;
    // `const medicalRecordNumber = patient.id`: the value is known to be a record's id;
    // `const pendingPatientPayments = await sumPending(…)` of a function declared `: Promise<number>`.
    if (
      own &&
      variable &&
      (this.initDescribesNonData(variable) ||
        (isSource(own) && this.initCallReturnsNonData(variable)))
    )
      return undefined;
    // `submitLabResults`, `deletePatientOutcome`: the outcome of an action on the data.
    const actionOutcome = own && NON_DATA_CALL_PREFIXES.has(tokenize(id.name)[0] ?? '');
    // In a summary a parameter holds what the call passes, whatever it is named.
    const bound = variable?.defs.some(
      (def) => def.type === 'Parameter' && this.bindings.has(def.node as FunctionNode),
    );
    // `const patientSummary = { id: patient.id, status }`, `const patientTab = 'details'`: a
    // literal that shows it holds no data's fields decides, not the name it is given.
    const literal =
      variable !== undefined &&
      (this.literalWithoutDataFields(variable) || assembledLater(variable));
    // `useState<{ [specimenId: string]: { date: string } }>()`: a declared type that spells out
    // its members, none of them data, decides over the name too.
    const declared = own && isSource(own) ? declaredTypeOf(id, this.scopeOf) : undefined;
    const spelled =
      declared !== undefined &&
      spellsOutNoData(declared, (key) => this.describesNonData(key, true));
    if (own && isSource(own) && !actionOutcome && !bound && !literal && !spelled)
      return this.source(id, `\`${id.name}\``, own);
    if (own && own.role !== 'data') return undefined; // patientId, patientCount: not the data
    // `questionnaireUrl`, `componentId`, `examVersion`: what the name holds is not the data.
    if (!own && this.describesNonData(id.name)) return undefined;
    if (!variable) return undefined;
    // `detail = '?'; console.warn(detail)`: the write just before decides (strong update).
    const written = dominatingWrite(id, variable);
    if (written) return this.step(this.trace(written), id);
    for (const def of variable.defs) {
      let taint: Taint | undefined;
      if (def.type === 'Variable') {
        taint =
          def.node.id.type === AST_NODE_TYPES.Identifier
            ? def.node.init
              ? this.trace(def.node.init)
              : undefined
            : this.destructured(def.node.id, id.name, def.node.init ?? undefined);
        // `const response: PaymentResponse = { paymentId, status }`: what a literal holds is
        // written there, whatever its declared type could hold.
        if (!taint && !isLiteralValue(def.node.init)) taint = this.typed(def.node.id);
      } else if (def.type === 'Parameter') {
        taint = this.parameter(def.node, def.name);
      }
      if (taint) return this.step(taint, id);
    }
    for (const ref of variable.references) {
      if (!ref.writeExpr || ref.identifier === id) continue;
      const def = variable.defs[0];
      if (def?.type === 'Variable' && ref.writeExpr === def.node.init) continue;
      // `for (const key in patient)`: the keys are field names, not the patient's values.
      if (isForInTarget(ref.identifier)) continue;
      const taint = this.trace(ref.writeExpr);
      if (taint) return this.step(taint, id);
    }
    return this.mutated(variable, id);
  }

  /**
   * What a variable receives after its declaration (issue 19, receiver mutation): members
   * assigned (`row.name = patient.name`), elements added (`list.push(patient)`,
   * `byId.set(id, patient)`, `Object.assign(target, patient)`), and, for an empty object or array,
   * being handed to a call together with patient data (`fillRow(patient, row)`).
   */
  private mutated(
    variable: {
      defs: readonly { type: string; node: TSESTree.Node }[];
      references: readonly { identifier: TSESTree.Node }[];
    },
    id: TSESTree.Identifier,
  ): Taint | undefined {
    const def = variable.defs[0];
    const init =
      def?.type === 'Variable' &&
      def.node.type === AST_NODE_TYPES.VariableDeclarator &&
      def.node.init
        ? unwrap(def.node.init)
        : undefined;
    const accumulator =
      (init?.type === AST_NODE_TYPES.ObjectExpression && init.properties.length === 0) ||
      (init?.type === AST_NODE_TYPES.ArrayExpression && init.elements.length === 0);
    for (const ref of variable.references) {
      const use = ref.identifier;
      if (use === id) continue;
      const parent = use.parent;
      let taint: Taint | undefined;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use) {
        const outer = parent.parent;
        if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent)
          taint = this.trace(outer.right);
        else if (
          outer?.type === AST_NODE_TYPES.CallExpression &&
          outer.callee === parent &&
          MUTATING_METHODS.has(propertyName(parent) ?? '')
        )
          taint = this.any(outer.arguments, outer);
      } else if (
        parent?.type === AST_NODE_TYPES.CallExpression &&
        parent.arguments.includes(use as TSESTree.Expression)
      ) {
        const others = parent.arguments.filter((a) => a !== use);
        const target = calleeName(parent.callee) === 'assign' && parent.arguments[0] === use;
        if (target || accumulator) taint = this.any(others, parent);
      }
      if (taint) return this.step(taint, id);
    }
    return undefined;
  }

  private member(member: TSESTree.MemberExpression): Taint | undefined {
    const input = patientFieldsOfInput(member, this.classifier);
    if (input) {
      const labels = input.fields.reduce<string[]>((all, f) => addLabel(all, f.label), []);
      return {
        ...this.source(member, `request input \`${input.input}\``, input.fields[0]!),
        labels,
      };
    }
    const written = dominatingMemberWrite(member, (node) => this.text(node));
    if (written) return this.step(this.trace(written), member);
    const prop = propertyName(member);
    if (prop !== undefined && COUNT_PROPERTIES.has(prop)) return undefined;
    // `process.env.EXTERNAL_PRESCRIPTION_CRED`, `import.meta.env.VITE_PATIENT_API`: settings.
    if (isEnvironmentRead(member)) return undefined;
    // `NOTE_RECORD_TYPES.PATIENT`: a member of a configuration constant is configuration.
    if (
      prop !== undefined &&
      SCREAMING_CASE.test(prop) &&
      SCREAMING_CASE.test(memberChain(member)[0] ?? '')
    )
      return undefined;
    // `encounter.diagnosis` of an `Encounter`: condition references and ranks.
    if (readsReferenceElement(member, this.scopeOf)) return undefined;
    // `testItem.name` of `const testItem = { name: definition.name, … }`: that property's value.
    const literal = prop !== undefined ? this.literalProperty(member.object, prop) : undefined;
    if (literal) return this.step(this.trace(literal), member);
    const objectTaint =
      member.object.type === AST_NODE_TYPES.Super ? undefined : this.trace(member.object);
    // `serviceRequest.identifier`: the order's own numbers (placer, filler, accession), record
    // ids; a person's or a policy's identifiers (`patient.identifier`) are the patient's numbers.
    if (prop !== undefined && IDENTIFIER_ELEMENTS.has(prop)) {
      const resource = declaredResource(member.object, this.scopeOf) ?? objectTaint?.resource;
      if (resource !== undefined && !FHIR_PERSON_IDENTIFIER_RESOURCES.has(resource))
        return undefined;
    }
    // `rows.count`, `dossier.createdAt`; in a record, its structural and administrative elements
    // (`questionnaire.status`, `.resourceType`) but not its data (`patient.birthDate`, `.code`).
    if (prop !== undefined && this.describesNonData(prop, objectTaint !== undefined))
      return undefined;
    if (prop === undefined) return this.step(objectTaint, member);
    const objectIsContainer = objectTaint !== undefined || this.containerNamed(member.object);
    const cls = this.classifier.classify(prop, { inContainer: objectIsContainer });
    if (cls && cls.role !== 'data') return undefined; // patient.id, rows.count, dossier.createdAt
    if (cls && (cls.tier === 'strong' || objectIsContainer) && cls.category !== 'container') {
      const text = this.text(member);
      if (objectTaint)
        return {
          ...objectTaint,
          labels: addLabel(objectTaint.labels, cls.label),
          steps: [...objectTaint.steps, member],
          resource: undefined,
        };
      return this.source(member, `\`${text}\``, cls);
    }
    if (cls && cls.category === 'container' && cls.tier === 'strong' && !objectTaint)
      return this.source(member, `\`${this.text(member)}\``, cls);
    // A record's other members are not its data (`encounter.account`, `remit.allowed`), except
    // those that carry the records themselves (`bundle.entry`, `result.rows`, `doc.data`).
    if (objectTaint && !cls && !RECORD_CARRIERS.has(prop) && !RECORD_DATA_NAMES.has(prop))
      return undefined;
    const element = this.step(objectTaint, member);
    // A bundle's entries are its resources; any other element (`contained`, `item`) is not.
    return element && BUNDLE_CARRIERS.has(prop)
      ? element
      : element && { ...element, resource: undefined };
  }

  /**
   * The value a constant object literal gives one of its properties, when no member of the
   * constant is assigned later: `const item = { name: def.name, alert }` then `item.name`.
   */
  private literalProperty(object: TSESTree.Node, prop: string): TSESTree.Node | undefined {
    const id = unwrap(object);
    if (id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = resolveVariable(this.scopeOf(id), id);
    const init = variable && constantInit(variable);
    const literal = init && unwrap(init);
    if (literal?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const property = literal.properties.find(
      (p): p is TSESTree.Property =>
        p.type === AST_NODE_TYPES.Property && !p.computed && keyName(p) === prop,
    );
    if (!property || property.kind !== 'init') return undefined;
    const assigned = variable!.references.some((reference) => {
      const parent = reference.identifier.parent;
      return (
        parent?.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === reference.identifier &&
        parent.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
        parent.parent.left === parent
      );
    });
    return assigned ? undefined : property.value;
  }

  private call(call: TSESTree.CallExpression | TSESTree.NewExpression): Taint | undefined {
    const callee = unwrap(call.callee);
    const name = calleeName(callee);
    const words = name ? tokenize(name) : [];
    const args = call.arguments;
    if (name && NON_DATA_CALLS.has(name)) return undefined;
    if (words.length > 1 && NON_DATA_CALL_PREFIXES.has(words[0]!)) return undefined;
    const sanitizer = name ? this.sanitizerOf(callee, name, words) : undefined;
    if (sanitizer === 'decrypt') {
      const taint = this.any(args, call);
      return taint && { ...taint, sanitizers: [] };
    }
    if (sanitizer) {
      const receiver =
        callee.type === AST_NODE_TYPES.MemberExpression ? this.trace(callee.object) : undefined;
      const taint = this.any(args, call) ?? receiver;
      return (
        taint && {
          ...taint,
          steps: [...taint.steps, call],
          sanitizers: [...new Set([...taint.sanitizers, sanitizer])],
        }
      );
    }
    if (call.type === AST_NODE_TYPES.CallExpression) {
      const read = this.patientRead(call);
      if (read) return this.readTaint(call, read);
      // `fhir.search<Encounter>(…)`, `client.read({ resourceType: 'Patient', id })`.
      const resource = fhirRead(call);
      if (resource)
        return {
          source: call,
          description: `FHIR read of ${resource}`,
          labels: [resource === 'Patient' ? 'patient identity' : `${resource} data`],
          steps: [],
          sanitizers: [],
          ...(readsOneResourceType(call, (node) => this.sourceCode.getText(node))
            ? { resource }
            : {}),
        };
    }
    if (name) {
      const cls = this.classifier.classify(name);
      if (cls && cls.role !== 'data') return undefined;
      if (cls && isSource(cls) && !(cls.category === 'container' && words.length === 1)) {
        // A function we can read answers for itself when its name only names a field
        // (`getMedicationName(inventoryItem)`); one named after records keeps its name
        // (`fetchPatient(id)` may wrap an HTTP client whose answer we do not follow).
        const summary = cls.category !== 'container' ? this.summary(call, callee) : undefined;
        return summary ? summary.taint : this.source(call, `\`${name}()\``, cls);
      }
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && name) {
      // `resources.find((r) => r.resourceType === 'Organization')`
      if (SELECTING_METHODS.has(name) && selectsNonPatient(args[0])) return undefined;
      // `.map((item) => { switch (…) { case 'name': return {…}; … } })`: what any return gives;
      // `.reduce((acc, x) => …, initial)`: what the callback returns, or the initial value.
      if (CALLBACK_RESULT_METHODS.has(name) || ACCUMULATOR_METHODS.has(name)) {
        const fn = args[0] && unwrap(args[0]);
        if (
          fn &&
          (fn.type === AST_NODE_TYPES.ArrowFunctionExpression ||
            fn.type === AST_NODE_TYPES.FunctionExpression)
        ) {
          let found: Taint | undefined =
            ACCUMULATOR_METHODS.has(name) && args[1] ? this.trace(args[1]) : undefined;
          for (const returned of returnedExpressions(fn))
            found = merge(found, this.trace(returned));
          return this.step(found, call);
        }
      }
      const receiver = this.trace(callee.object);
      if (receiver) return this.step(receiver, call);
      if (RECEIVER_METHODS.has(name) && args.length === 0) return undefined;
    }
    // An awaited method of a client — an SDK, an API, an AI model, a PDF service — answers with
    // the service's data, not the request's: `await candid.patients.create(patient)`.
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      isAwaited(call) &&
      isServiceReceiver(callee.object)
    )
      return undefined;
    // A request sent with an HTTP client of the catalogue answers with the server's data:
    // `await fetch(pacsUrl, { body: JSON.stringify(report) })` carries the reply, not the report.
    if (call.type === AST_NODE_TYPES.CallExpression && isRequestCall(call, this.scopeOf))
      return undefined;
    const summary = this.summary(call, callee);
    if (summary) return summary.taint;
    // Unknown calls, JSON.stringify, Buffer.from, Promise.all, Object.values: data in, data out.
    return this.any(args, call);
  }

  /**
   * What a call of a function we can read returns: a function of this file answers with what
   * its returns carry for these arguments (`formatLabel(patient)` returning `patient.id` carries
   * no patient data), and so does a function of another module of the project, up to two
   * modules away. Undefined when the function is not one of those.
   */
  private summary(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    callee: TSESTree.Node,
  ): { taint: Taint | undefined } | undefined {
    const local = localFunction(callee, this.scopeOf(callee));
    if (local) {
      if (this.returnsNonData(local)) return { taint: undefined };
      return this.bindings.size < MAX_SUMMARY_DEPTH
        ? { taint: this.summarised(call, local) }
        : undefined;
    }
    const imported =
      this.where &&
      (this.where.depth ?? 0) < MAX_MODULE_DEPTH &&
      callee.type === AST_NODE_TYPES.Identifier
        ? importedFunction(callee, this.where.program, this.where.file)
        : undefined;
    if (!imported) return undefined;
    if (this.returnsNonData(imported.fn)) return { taint: undefined };
    return { taint: this.summarisedElsewhere(call, imported) };
  }

  /**
   * A function whose declared return type says it answers with no patient data, read even where
   * its body is too far to summarise: `Promise<boolean>`, `: number`, `: void`, or a type named
   * after a status, id, count or reference (`Promise<InsuranceCheckStatusWithDate>`).
   */
  private returnsNonData(fn: FunctionNode): boolean {
    let type = fn.returnType?.typeAnnotation;
    if (
      type?.type === AST_NODE_TYPES.TSTypeReference &&
      typeReferenceName(type) === 'Promise' &&
      type.typeArguments?.params.length === 1
    )
      type = type.typeArguments.params[0];
    if (!type) return false;
    if (NON_DATA_TYPE_KEYWORDS.has(type.type)) return true;
    if (type.type !== AST_NODE_TYPES.TSTypeReference) return false;
    const name = typeReferenceName(type);
    if (!name) return false;
    // A status, id or count by its name; `Task` or `…Config` may well hold records.
    const cls = this.classifier.classify(name, { inContainer: true });
    const words = tokenize(name);
    const role = cls ? cls.role : HEAD_ROLES.get(words[words.length - 1] ?? '');
    return role === 'flag' || role === 'id' || role === 'count';
  }

  /**
   * The patient data a call of a function of this file returns: its return expressions traced
   * with each parameter carrying what the call's argument carries. Evaluated apart from the
   * memo, whose answers hold for the function's own (unbound) parameters; a recursive call adds
   * nothing to what the other returns carry.
   */
  private summarised(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    fn: FunctionNode,
  ): Taint | undefined {
    if (this.bindings.has(fn)) return undefined;
    return this.step(
      this.returnedWith(
        fn,
        call.arguments.map((arg) => this.bind(arg)),
      ),
      call,
    );
  }

  /**
   * What a function of this file returns when its parameters carry `bound` (by position): its
   * return expressions traced apart from the memo, whose answers hold for the function's own
   * (unbound) parameters. Undefined for a function that returns nothing.
   */
  returnedWith(fn: FunctionNode, bound: Bound[]): Taint | undefined {
    if (this.bindings.has(fn)) return undefined;
    const returned = returnedExpressions(fn);
    if (returned.length === 0) return undefined;
    return this.judgedWith(fn, bound, () => {
      let found: Taint | undefined;
      for (const expression of returned) found = merge(found, this.trace(expression));
      return found;
    });
  }

  /**
   * The function a call reaches that provenance can read: one of this file, or one a module this
   * file imports exports (sink summaries look one module away, the editor's open file and its
   * direct imports; `localOnly`: this file only). Undefined for anything else, and inside
   * another module's summary.
   */
  calledFunction(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    { localOnly = false } = {},
  ): CalledFunction | undefined {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const local = localFunction(callee, this.scopeOf(callee));
    if (local) return { fn: local, file: undefined, source: this.sourceCode, provenance: this };
    if (localOnly || !this.where || (this.where.depth ?? 0) > 0) return undefined;
    const imported = importedFunction(callee, this.where.program, this.where.file);
    if (!imported) return undefined;
    return {
      fn: imported.fn,
      file: imported.module.file,
      source: imported.source,
      provenance: moduleProvenance(imported, this.classifier, this.config, 1),
    };
  }

  /**
   * Whether a call's callee is a name imported from a module of the project (relative, or a
   * workspace package): the only calls `calledFunction` can follow out of this file. Answered
   * from the import declarations, once per name and program.
   */
  callsProjectImport(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier || !this.where) return false;
    const { program, file } = this.where;
    let byName = projectImports.get(program);
    if (!byName) projectImports.set(program, (byName = new Map()));
    let found = byName.get(callee.name);
    if (found === undefined) {
      const binding = importedBinding(program, callee.name);
      found = binding !== undefined && isProjectSpecifier(file, binding.specifier);
      byName.set(callee.name, found);
    }
    return found;
  }

  /**
   * Sink summaries: what `judge` finds inside a called function when one argument of the call
   * carries patient data and its parameter is bound to it (the others to nothing), kept only when
   * what it finds came through that argument — `logError('failed', patient)` around a
   * `console.error`. Answers with the argument and its taint as seen at the call (steps inside
   * another module left out), and what `judge` said about where.
   */
  throughArgument<T>(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    callee: CalledFunction,
    judge: (inside: Provenance) => { taint: Taint; at: T } | undefined,
  ): { argument: TSESTree.Node; taint: Taint; at: T } | undefined {
    if (this.bindings.has(callee.fn) || callee.provenance.bindings.size > 0) return undefined;
    const args = call.arguments;
    for (let index = 0; index < args.length; index++) {
      const argument = args[index]!;
      if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
      const taint = this.trace(argument);
      if (!taint) continue;
      const bound = this.bind(argument);
      const found = callee.provenance.judgedWith(
        callee.fn,
        args.map((_, i) => (i === index ? bound : NOTHING)),
        judge,
      );
      // Kept when it came through the argument: its own source, or one of its properties'.
      const sources = new Set([
        taint.source,
        ...[...(bound.keys?.values() ?? [])].map((t) => t?.source),
      ]);
      if (!found || !sources.has(found.taint.source)) continue;
      const program = programOf(call);
      const steps = found.taint.steps.filter((step) => programOf(step) === program);
      return { argument, taint: { ...found.taint, steps }, at: found.at };
    }
    return undefined;
  }

  /**
   * What an argument binds its parameter to: what it carries, and for an object literal of
   * static keys (`send({ people, message })`), what each property carries.
   */
  private bind(argument: TSESTree.Node): Bound {
    const taint = this.trace(argument);
    const expr = unwrap(argument);
    if (!taint || expr.type !== AST_NODE_TYPES.ObjectExpression) return { taint };
    const keys = new Map<string, Taint | undefined>();
    for (const property of expr.properties) {
      const key = property.type === AST_NODE_TYPES.Property ? keyName(property) : undefined;
      if (property.type !== AST_NODE_TYPES.Property || key === undefined) return { taint };
      keys.set(key, this.trace(property.value));
    }
    return { taint, keys };
  }

  /** `judge` run with `fn`'s parameters bound to `bound`, apart from the memo (see returnedWith). */
  private judgedWith<R>(fn: FunctionNode, bound: Bound[], judge: (p: Provenance) => R): R {
    const memo = this.memo;
    this.memo = new Map();
    this.bindings.set(fn, bound);
    try {
      return judge(this);
    } finally {
      this.bindings.delete(fn);
      this.memo = memo;
    }
  }

  /**
   * A call of a function another module of the project exports, summarised there. What the
   * summary finds in that module is named here by the call (`\`buildClaim()\``), so messages
   * and related locations stay in the linted file.
   */
  private summarisedElsewhere(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    imported: ImportedFunction,
  ): Taint | undefined {
    const bound = call.arguments.map((arg) => this.bind(arg));
    const depth = (this.where?.depth ?? 0) + 1;
    const found = moduleProvenance(imported, this.classifier, this.config, depth).returnedWith(
      imported.fn,
      bound,
    );
    if (!found) return undefined;
    const program = this.where!.program;
    if (programOf(found.source) === program)
      return this.step(
        { ...found, steps: found.steps.filter((step) => programOf(step) === program) },
        call,
      );
    return {
      source: call,
      description: `\`${this.text(call.callee)}()\``,
      labels: found.labels,
      steps: [],
      sanitizers: found.sanitizers,
    };
  }

  private object(object: TSESTree.ObjectExpression): Taint | undefined {
    let found: Taint | undefined;
    let isFhir: string | undefined;
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        found = merge(found, this.trace(property.argument));
        continue;
      }
      const key = keyName(property);
      if (
        key === 'resourceType' &&
        property.value.type === AST_NODE_TYPES.Literal &&
        typeof property.value.value === 'string' &&
        FHIR_PATIENT_RESOURCES.has(property.value.value)
      ) {
        isFhir = property.value.value;
        continue;
      }
      const valueTaint =
        property.value.type === AST_NODE_TYPES.AssignmentPattern ||
        property.value.type === AST_NODE_TYPES.ObjectPattern ||
        property.value.type === AST_NODE_TYPES.ArrayPattern
          ? undefined
          : this.trace(property.value);
      if (valueTaint) {
        const cls =
          key !== undefined ? this.classifier.classify(key, { inContainer: true }) : undefined;
        if (cls && cls.role !== 'data') continue; // { patientId: patient.id }
        found = merge(
          found,
          cls ? { ...valueTaint, labels: addLabel(valueTaint.labels, cls.label) } : valueTaint,
        );
        continue;
      }
      if (key !== undefined && !isLiteralEmpty(property.value)) {
        const cls = this.classifier.classify(key);
        if (
          cls &&
          cls.role === 'data' &&
          cls.tier === 'strong' &&
          cls.category !== 'container' &&
          !isConstantFlag(property.value) &&
          !this.isNumber(property.value)
        ) {
          found = merge(found, this.source(property, `\`${key}\` field`, cls));
        }
      }
    }
    // `{ f_name, l_name, dob, phone_no }`: a person's identity fields written together are a
    // patient's identity, wherever their values come from (as identifiesTogether for members).
    if (!found && !isFhir) found = this.identityFieldsTogether(object);
    // A request about a resource (`{ resourceType, id, operations }`) or its key alone
    // (`{ resourceType, id }`) is not the resource's body.
    const keys = object.properties.map((p) =>
      p.type === AST_NODE_TYPES.Property ? keyName(p) : undefined,
    );
    if (
      isFhir &&
      (keys.some((key) => key !== undefined && FHIR_REQUEST_KEYS.has(key)) ||
        keys.every((key) => key !== undefined && FHIR_IDENTITY_KEYS.has(key)))
    )
      isFhir = undefined;
    if (isFhir) {
      const fhir: Taint = {
        source: object,
        description: `FHIR ${isFhir} resource`,
        labels: [isFhir === 'Patient' ? 'patient identity' : `${isFhir} data`],
        steps: [],
        sanitizers: [],
      };
      return found ? { ...found, labels: addLabel(found.labels, fhir.labels[0]!) } : fhir;
    }
    return found ? this.step(found, object) : undefined;
  }

  private destructured(
    pattern: TSESTree.Node,
    name: string,
    init: TSESTree.Expression | undefined,
  ): Taint | undefined {
    const path = patternPath(pattern, name);
    if (!path) return undefined;
    // `const [requests, order] = build(…)`: the element the tuple holds at that place.
    const element = init && this.tupleElement(pattern, name, init);
    if (element) return element.taint;
    const initTaint = init ? this.trace(init) : undefined;
    const key = path.key;
    if (key !== undefined && this.describesNonData(key, initTaint !== undefined)) return undefined;
    if (key !== undefined) {
      const cls = this.classifier.classify(key, {
        inContainer: initTaint !== undefined || (init !== undefined && this.containerNamed(init)),
      });
      if (cls && cls.role !== 'data') return undefined;
      if (cls && cls.category !== 'container' && (cls.tier === 'strong' || initTaint)) {
        return initTaint
          ? { ...initTaint, labels: addLabel(initTaint.labels, cls.label) }
          : this.source(path.node, `\`${key}\``, cls);
      }
      if (cls && cls.category === 'container' && cls.tier === 'strong')
        return initTaint ?? this.source(path.node, `\`${key}\``, cls);
      // As for members: `const { amountCents } = encounterPackage` is not the record's data.
      if (initTaint && !cls && !RECORD_CARRIERS.has(key) && !RECORD_DATA_NAMES.has(key))
        return undefined;
    }
    return path.rest || key === undefined || initTaint ? initTaint : undefined;
  }

  /**
   * What a name bound directly by an array pattern receives from a tuple: the element at its
   * place of an array literal, or of every array literal a function of this file returns
   * (`return [requests, order]`). Undefined when the value is not such a tuple.
   */
  private tupleElement(
    pattern: TSESTree.Node,
    name: string,
    init: TSESTree.Expression,
  ): { taint: Taint | undefined } | undefined {
    if (pattern.type !== AST_NODE_TYPES.ArrayPattern) return undefined;
    const index = pattern.elements.findIndex(
      (e) => e?.type === AST_NODE_TYPES.Identifier && e.name === name,
    );
    if (index < 0) return undefined;
    let value = unwrap(init);
    if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
    const elementOf = (tuple: TSESTree.Node): TSESTree.Node | null | undefined => {
      const array = unwrap(tuple);
      if (array.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
      if (array.elements.slice(0, index + 1).some((e) => e?.type === AST_NODE_TYPES.SpreadElement))
        return undefined;
      return array.elements[index] ?? null;
    };
    const direct = elementOf(value);
    if (direct !== undefined) return { taint: direct ? this.trace(direct) : undefined };
    if (value.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const fn = localFunction(value.callee, this.scopeOf(value.callee));
    if (!fn || this.bindings.has(fn) || this.bindings.size >= MAX_SUMMARY_DEPTH) return undefined;
    const returned = returnedExpressions(fn);
    const elements = returned.map(elementOf);
    if (elements.length === 0 || elements.some((e) => e === undefined)) return undefined;
    const bound = value.arguments.map((arg) => this.bind(arg));
    const taint = this.judgedWith(fn, bound, () => {
      let found: Taint | undefined;
      for (const e of elements) if (e) found = merge(found, this.trace(e));
      return found;
    });
    return { taint: this.step(taint, value) };
  }

  private parameter(
    fn: TSESTree.Node,
    param: TSESTree.Identifier | TSESTree.Node,
  ): Taint | undefined {
    // In a summary the call's argument says what the parameter holds, whatever its declared
    // type allows: `getFullName(practitioner)` of a `Patient | Practitioner` parameter.
    const typed =
      param.type === AST_NODE_TYPES.Identifier && !this.bindings.has(fn as FunctionNode)
        ? this.typed(param)
        : undefined;
    if (typed) return typed;
    if (
      fn.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
      fn.type !== AST_NODE_TYPES.FunctionExpression &&
      fn.type !== AST_NODE_TYPES.FunctionDeclaration
    )
      return undefined;
    const index = fn.params.findIndex((p) => p === param || containsNode(p, param));
    const paramNode = fn.params[index];
    const bound = this.bindings.get(fn);
    const owner = bound
      ? paramNode?.type === AST_NODE_TYPES.RestElement
        ? bound
            .slice(index)
            .reduce<Taint | undefined>((all, { taint }) => merge(all, taint), undefined)
        : bound[index]?.taint
      : this.callbackValue(fn, index);
    if (!owner && !bound && paramNode === param && param.type === AST_NODE_TYPES.Identifier) {
      const exported = this.exportedRecords(fn, param);
      if (exported) return exported;
    }
    // Destructured parameter: ({ nir, nom }) => …
    if (paramNode && paramNode !== param && param.type === AST_NODE_TYPES.Identifier) {
      const pattern =
        paramNode.type === AST_NODE_TYPES.AssignmentPattern ? paramNode.left : paramNode;
      // Bound to an object literal: the property the call wrote, `send({ people, message })`.
      const keys = bound?.[index]?.keys;
      const key = keys && directPatternKey(pattern, param.name);
      if (keys && key !== undefined) return keys.get(key);
      return this.destructuredFrom(pattern, param.name, owner);
    }
    return owner;
  }

  /**
   * The generic parameter (`data`, `rows`, `records`) of an export routine named for the patient
   * data it exports: `exportRecurrentPatients(data)`, `migrerDossiers(rows)` — what the routine
   * writes out is what its name says, whatever the caller's variable was called.
   */
  private exportedRecords(fn: FunctionNode, param: TSESTree.Identifier): Taint | undefined {
    if (!RECORD_CARRIERS.has(param.name)) return undefined;
    const name = functionName(fn);
    if (!name) return undefined;
    const extra = this.config?.contexts.export ?? [];
    const words = tokenize(name);
    const isExport = (word: string) =>
      EXPORT_CONTEXT_WORDS.has(word) || extra.some((w) => tokenize(w).includes(word));
    if (!words.some(isExport)) return undefined;
    const cls = this.classifier.classify(name);
    if (!cls || cls.role !== 'data') return undefined;
    return this.source(param, `\`${param.name}\` of \`${name}\``, cls);
  }

  private destructuredFrom(
    pattern: TSESTree.Node,
    name: string,
    owner: Taint | undefined,
  ): Taint | undefined {
    const path = patternPath(pattern, name);
    if (!path?.key) return owner;
    if (this.describesNonData(path.key)) return undefined;
    const cls = this.classifier.classify(path.key, { inContainer: owner !== undefined });
    if (cls && cls.role !== 'data') return undefined;
    if (cls && cls.category !== 'container' && (cls.tier === 'strong' || owner))
      return owner
        ? { ...owner, labels: addLabel(owner.labels, cls.label) }
        : this.source(path.node, `\`${path.key}\``, cls);
    // As for members and variables: `({ env, oystehr }) => …` of a record is not its data.
    if (owner && !cls && !RECORD_CARRIERS.has(path.key) && !RECORD_DATA_NAMES.has(path.key))
      return undefined;
    return owner;
  }

  /** What a callback parameter receives: elements of a tainted receiver, rows of a driver callback. */
  private callbackValue(fn: TSESTree.Node, index: number): Taint | undefined {
    const call = fn.parent;
    if (
      !call ||
      (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) ||
      !call.arguments.includes(fn as TSESTree.Expression)
    )
      return undefined;
    const callee = unwrap(call.callee);
    const name = calleeName(callee);
    // A promise's rejection handler receives the error: `.then(ok, (err) => …)`, `.catch(…)`.
    if (name && PROMISE_REJECTION_HANDLERS.get(name) === call.arguments.indexOf(fn as never))
      return undefined;
    if (callee.type === AST_NODE_TYPES.MemberExpression && name && ACCUMULATOR_METHODS.has(name)) {
      if (call.arguments[0] !== fn) return undefined;
      if (index === 1) return this.step(this.trace(callee.object), fn);
      const initial = call.arguments[1];
      return index === 0 && initial ? this.step(this.trace(initial), fn) : undefined;
    }
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      name &&
      ELEMENT_CALLBACK_METHODS.has(name) &&
      index === 0
    ) {
      return this.step(this.trace(callee.object), fn);
    }
    // Driver callbacks: pool.query(sql, (err, rows) => …), connection.query(sql, params, cb).
    if (
      call.type === AST_NODE_TYPES.CallExpression &&
      index >= 1 &&
      call.arguments[call.arguments.length - 1] === fn
    ) {
      const read = this.patientRead(call);
      if (read) return this.readTaint(call, read);
    }
    return undefined;
  }

  /** A declared type that names patient data: `p: Patient`, `rows: LabResult[]`, `Promise<Dossier>`. */
  private typed(id: TSESTree.Node): Taint | undefined {
    if (id.type !== AST_NODE_TYPES.Identifier || !id.typeAnnotation) return undefined;
    const typeName = patientTypeName(id.typeAnnotation.typeAnnotation, (n) => {
      const cls = this.classifier.classify(n);
      if (cls !== undefined && isSource(cls)) return cls;
      // FHIR resource types (`Observation[]`) and French record types (`Resultat`) name records
      // of patients when used as a declared type; English `Result<T>` stays generic.
      if (FHIR_PATIENT_RESOURCES.has(n) || RECORD_TYPE_NAMES.has(n)) {
        return {
          category: 'container',
          tier: 'strong',
          role: 'data',
          label: 'patient record',
          term: n,
          name: n,
          containerInName: false,
        };
      }
      return this.classifier.container(n);
    });
    if (!typeName) return undefined;
    const annotation = this.text(id.typeAnnotation.typeAnnotation);
    const taint = this.source(id, `\`${id.name}: ${annotation}\``, typeName);
    return FHIR_PATIENT_RESOURCES.has(typeName.term)
      ? { ...taint, resource: typeName.term }
      : taint;
  }

  private readTaint(node: TSESTree.Node, read: PatientRead): Taint {
    const tables = [...new Set(read.tables)]
      .slice(0, 3)
      .map((t) => `\`${t}\``)
      .join(', ');
    return {
      source: node,
      description: `query of ${tables}`,
      labels: ['patient records'],
      steps: [],
      sanitizers: [],
    };
  }

  private sanitizerOf(
    callee: TSESTree.Node,
    name: string,
    words: readonly string[],
  ): SanitizerKind | 'decrypt' | undefined {
    const chain = memberChain(callee).join('.');
    if (this.encryptHelpers.has(name) || this.encryptHelpers.has(chain)) return 'encrypt';
    if (this.maskHelpers.has(name) || this.maskHelpers.has(chain)) return 'mask';
    if (this.deidentifyHelpers.has(name) || this.deidentifyHelpers.has(chain)) return 'deidentify';
    if (words.some((w) => DECRYPT_WORDS.has(w))) return 'decrypt';
    if (words.some((w) => HMAC_WORDS.has(w))) return 'hmac';
    if (words.some((w) => ENCRYPT_WORDS.has(w))) return 'encrypt';
    // cipher.update(data) / cipher.final(): the object was made by createCipheriv.
    if (
      (name === 'update' || name === 'final') &&
      callee.type === AST_NODE_TYPES.MemberExpression
    ) {
      const origin = this.originCall(callee.object);
      const originName = origin && calleeName(origin.callee);
      if (originName && /cipher/i.test(originName) && !/decipher/i.test(originName))
        return 'encrypt';
      if (originName && /hmac/i.test(originName)) return 'hmac';
    }
    if (words.some((w) => MASK_WORDS.has(w))) return 'mask';
    return undefined;
  }

  private originCall(node: TSESTree.Node): TSESTree.CallExpression | undefined {
    const expr = unwrap(node);
    if (expr.type === AST_NODE_TYPES.CallExpression) return expr;
    if (expr.type === AST_NODE_TYPES.Identifier) {
      const def = resolveVariable(this.scopeOf(expr), expr)?.defs[0];
      if (def?.type === 'Variable' && def.node.init) {
        const init = unwrap(def.node.init);
        if (init.type === AST_NODE_TYPES.CallExpression) return init;
      }
    }
    return undefined;
  }

  /**
   * `id`, `patientId`, `count`, `createdAt`: a key or property about a record, not its data.
   * Sensitive names keep their heads: `hivStatus` is the status itself.
   */
  private describesNonData(name: string, inRecord = false): boolean {
    const cls = this.classifier.classify(name, { inContainer: inRecord });
    // `hivStatus` is the status itself; in a record, `birthDate` is the date of birth.
    if (cls?.role === 'data' && cls.category !== 'container' && (inRecord || cls.tier === 'strong'))
      return false;
    if (inRecord && RECORD_DATA_NAMES.has(name)) return false;
    if (RECORD_METADATA_NAMES.has(name)) return true;
    const words = tokenize(name);
    // `attachment.fileName`, `server.hostName`: a thing's name, not a person's.
    if (inRecord && !cls && words.some((word) => TECHNICAL_QUALIFIERS.has(word))) return true;
    const role = HEAD_ROLES.get(words[words.length - 1] ?? '');
    if (role === 'id' || role === 'count' || role === 'reference') return true;
    // A record's own `status` or `date` is about the record; `isActive` anywhere is a flag.
    return role === 'flag' && (words.length > 1 || inRecord);
  }

  /**
   * A variable never reassigned, declared with a string or number literal, or with an object
   * literal whose every key names record metadata (`{ id, status, createdAt }`): no field of a
   * patient's data is written there, whatever the variable is called.
   */
  private literalWithoutDataFields(variable: TSESLint.Scope.Variable): boolean {
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || def?.type !== 'Variable' || reassigned(variable))
      return false;
    if (def.node.id.type !== AST_NODE_TYPES.Identifier) return false;
    const init = def.node.init && unwrap(def.node.init);
    if (init?.type === AST_NODE_TYPES.Literal)
      return typeof init.value === 'string' || typeof init.value === 'number';
    if (init?.type !== AST_NODE_TYPES.ObjectExpression || init.properties.length === 0)
      return false;
    return init.properties.every((property) => {
      const key = property.type === AST_NODE_TYPES.Property ? keyName(property) : undefined;
      return key !== undefined && this.describesNonData(key, true);
    });
  }

  /** Whether a constant is initialised by a call of a function declared to return no data. */
  private initCallReturnsNonData(variable: TSESLint.Scope.Variable): boolean {
    const init = constantInit(variable);
    let value = init && unwrap(init);
    if (value?.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
    if (value?.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(value.callee);
    const fn =
      localFunction(callee, this.scopeOf(callee)) ??
      (this.where && callee.type === AST_NODE_TYPES.Identifier
        ? importedFunction(callee, this.where.program, this.where.file)?.fn
        : undefined);
    return fn !== undefined && this.returnsNonData(fn);
  }

  /** Whether a constant is initialised with a member that describes its record: `patient.id`. */
  private initDescribesNonData(variable: TSESLint.Scope.Variable): boolean {
    const init = constantInit(variable);
    // `const dx = templateEncounter?.diagnosis ?? []`: condition references and ranks.
    if (init && holdsReferenceElements(init, this.scopeOf)) return true;
    const value = init && unwrap(init);
    if (value?.type !== AST_NODE_TYPES.MemberExpression) return false;
    const member = propertyName(value);
    return member !== undefined && this.describesNonData(member, true);
  }

  /** `stock.size`, `rows.length`, `a - b`, `-1`, a counter: a number whatever its key says. */
  private isNumber(node: TSESTree.Node): boolean {
    const expr = unwrap(node);
    switch (expr.type) {
      case AST_NODE_TYPES.Literal:
        return typeof expr.value === 'number';
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.UpdateExpression:
        return true;
      case AST_NODE_TYPES.BinaryExpression:
        return expr.operator !== '+';
      case AST_NODE_TYPES.MemberExpression: {
        const prop = propertyName(expr);
        return prop !== undefined && COUNT_PROPERTIES.has(prop);
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = resolveVariable(this.scopeOf(expr), expr);
        return variable !== undefined && holdsNumberOrFlag(variable);
      }
      default:
        return false;
    }
  }

  private containerNamed(node: TSESTree.Node): boolean {
    const chain = memberChain(node);
    const last = chain[chain.length - 1];
    return last !== undefined && this.classifier.container(last)?.role === 'data';
  }

  private any(nodes: readonly TSESTree.Node[], at: TSESTree.Node): Taint | undefined {
    let found: Taint | undefined;
    for (const node of nodes) found = merge(found, this.trace(node));
    return this.step(found ?? this.identifiesTogether(nodes), at);
  }

  /**
   * Identity fields of one object written together identify a person, whatever the object:
   * `[row.fullName, row.dateOfBirth]` in a CSV line, `${p.firstName} ${p.lastName} ${p.dob}`.
   * Each alone is any user's (a name, an e-mail); together with a date of birth, or three of
   * them, they are a person's identity.
   */
  /**
   * An object literal whose keys write a person's identity fields together: a date of birth or a
   * sex with another identity field (`{ f_name, l_name, dob, phone_no }`).
   */
  private identityFieldsTogether(object: TSESTree.ObjectExpression): Taint | undefined {
    const labels = new Set<string>();
    const keys: string[] = [];
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = keyName(property);
      const value = unwrap(property.value);
      if (
        key === undefined ||
        value.type === AST_NODE_TYPES.Literal ||
        isLiteralEmpty(value) ||
        this.isNumber(value)
      )
        continue;
      const cls = this.classifier.classify(key, { inContainer: true });
      if (!cls || cls.category !== 'identity' || cls.role !== 'data') continue;
      labels.add(cls.label);
      keys.push(key);
    }
    // A person's, not a business's (a place or an employer has a name, address and phone too).
    if (labels.size < 2 || (!labels.has(BIRTH_DATE_LABEL) && !labels.has(SEX_LABEL)))
      return undefined;
    const shown = keys.slice(0, 3).map((key) => `\`${key}\``);
    return {
      source: object,
      description: `the ${shown.join(', ')}${keys.length > 3 ? '…' : ''} fields written together`,
      labels: [...labels],
      steps: [],
      sanitizers: [],
    };
  }

  private identifiesTogether(nodes: readonly TSESTree.Node[]): Taint | undefined {
    if (nodes.length < 2) return undefined;
    const byObject = new Map<string, { node: TSESTree.Node; labels: Set<string> }>();
    // `"${row.fullName}"`: the members a template quotes count as written.
    const written = nodes.flatMap((node): TSESTree.Node[] => {
      const value = unwrap(node);
      return value.type === AST_NODE_TYPES.TemplateLiteral ? value.expressions : [value];
    });
    for (const node of written) {
      const member = unwrap(node);
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.computed) continue;
      const prop = propertyName(member);
      const cls = prop ? this.classifier.classify(prop, { inContainer: true }) : undefined;
      if (!cls || cls.category !== 'identity' || cls.role !== 'data') continue;
      const object = this.text(member.object);
      const entry = byObject.get(object) ?? { node: member.object, labels: new Set<string>() };
      entry.labels.add(cls.label);
      byObject.set(object, entry);
    }
    for (const [object, { node, labels }] of byObject) {
      if (labels.size < 3 && !(labels.size === 2 && labels.has(BIRTH_DATE_LABEL))) continue;
      return {
        source: node,
        description: `\`${object}\``,
        labels: [...labels],
        steps: [],
        sanitizers: [],
      };
    }
    return undefined;
  }

  private step(taint: Taint | undefined, at: TSESTree.Node): Taint | undefined {
    if (!taint) return undefined;
    if (taint.source === at || taint.steps[taint.steps.length - 1] === at) return taint;
    return { ...taint, steps: taint.steps.length < 16 ? [...taint.steps, at] : taint.steps };
  }

  private source(node: TSESTree.Node, description: string, cls: Classification): Taint {
    return { source: node, description, labels: [cls.label], steps: [], sanitizers: [] };
  }

  private text(node: TSESTree.Node): string {
    const text = this.sourceCode.getText(node).replace(/\s+/g, ' ');
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
  }
}

/** A classification that makes a name a source on its own: strong data, or identity with a patient in the name. */
function isSource(cls: Classification): boolean {
  if (cls.role !== 'data') return false;
  if (cls.category === 'container') return cls.tier === 'strong';
  return cls.tier === 'strong' || cls.containerInName;
}

function merge(a: Taint | undefined, b: Taint | undefined): Taint | undefined {
  if (!a) return b;
  if (!b) return a;
  let labels = a.labels;
  for (const label of b.labels) labels = addLabel(labels, label);
  // A value is only as protected as its least protected part.
  const sanitizers = a.sanitizers.filter((kind) => b.sanitizers.includes(kind));
  return { ...a, labels, sanitizers, resource: a.resource === b.resource ? a.resource : undefined };
}

function addLabel(labels: string[], label: string): string[] {
  if (labels.includes(label) || labels.length >= MAX_LABELS) return labels;
  const generic = labels.filter((l) => l !== 'patient records' && l !== 'patient record');
  return [...generic, label];
}

export function joinLabels(labels: string[]): string {
  if (labels.length <= 1) return labels[0] ?? 'patient data';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/**
 * The labels in at most `maxLength` characters: "name, social security number (NIR) and 1 more"
 * when all of them do not fit (the related `source` location lists them all).
 */
export function shortLabels(labels: string[], maxLength: number): string {
  const all = joinLabels(labels);
  if (all.length <= maxLength) return all;
  for (let kept = labels.length - 1; kept >= 1; kept--) {
    const text = `${labels.slice(0, kept).join(', ')} and ${labels.length - kept} more`;
    if (text.length <= maxLength) return text;
  }
  return 'patient data';
}

/** `await call`, `await (call)`, `await call as T`. */
/** Whether a name a program binds is imported from a module of the project (callsProjectImport). */
const projectImports = new WeakMap<TSESTree.Program, Map<string, boolean>>();

/** Provenances of the project's other modules, by parsed program, classifier and distance. */
const moduleProvenances = new WeakMap<TSESTree.Program, WeakMap<Classifier, Provenance[]>>();

function moduleProvenance(
  imported: ImportedFunction,
  classifier: Classifier,
  config: HealthDataConfig | undefined,
  depth: number,
): Provenance {
  let byClassifier = moduleProvenances.get(imported.module.program);
  if (!byClassifier) {
    byClassifier = new WeakMap();
    moduleProvenances.set(imported.module.program, byClassifier);
  }
  let byDepth = byClassifier.get(classifier);
  if (!byDepth) {
    byDepth = [];
    byClassifier.set(classifier, byDepth);
  }
  let provenance = byDepth[depth];
  if (!provenance) {
    const { module } = imported;
    provenance = new Provenance(imported.source, classifier, config, {
      file: module.file,
      program: module.program,
      depth,
    });
    byDepth[depth] = provenance;
  }
  return provenance;
}

function programOf(node: TSESTree.Node): TSESTree.Node {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}

function isAwaited(call: TSESTree.Node): boolean {
  const outer = outermostExpression(call);
  if (outer.parent?.type === AST_NODE_TYPES.AwaitExpression) return true;
  // `await Promise.allSettled(people.map((p) => sms.send({ to: p.id, message })))`: each call
  // a mapping callback returns is awaited with the others.
  const fn =
    outer.parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && outer.parent.body === outer
      ? outer.parent
      : outer.parent?.type === AST_NODE_TYPES.ReturnStatement
        ? enclosingFunction(outer.parent)
        : undefined;
  const map = fn?.parent;
  if (
    map?.type !== AST_NODE_TYPES.CallExpression ||
    map.arguments[0] !== fn ||
    calleeName(map.callee) !== 'map'
  )
    return false;
  const all = outermostExpression(map).parent;
  return (
    all?.type === AST_NODE_TYPES.CallExpression &&
    all.arguments[0] === outermostExpression(map) &&
    PROMISE_COMBINATORS.has(memberChain(all.callee).join('.')) &&
    isAwaited(all)
  );
}

/** A variable of the process environment: `process.env.X`, `process.env['X']`, `import.meta.env.X`. */
function isEnvironmentRead(member: TSESTree.MemberExpression): boolean {
  const object = unwrap(member.object);
  if (object.type !== AST_NODE_TYPES.MemberExpression || propertyName(object) !== 'env')
    return false;
  const root = unwrap(object.object);
  return (
    (root.type === AST_NODE_TYPES.Identifier && root.name === 'process') ||
    root.type === AST_NODE_TYPES.MetaProperty
  );
}

const PROMISE_COMBINATORS = new Set([
  'Promise.all',
  'Promise.allSettled',
  'Promise.any',
  'Promise.race',
]);

/** Receivers whose methods transform their arguments rather than send them: built-ins, `this`. */
const TRANSFORMING_GLOBALS = new Set([
  'Promise',
  'Object',
  'JSON',
  'Array',
  'Buffer',
  'String',
  'Math',
  'Reflect',
]);

/** Whether a receiver is a client of something outside the process: not a built-in, not `this`. */
function isServiceReceiver(object: TSESTree.Node): boolean {
  let root = unwrap(object);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type === AST_NODE_TYPES.ThisExpression) return false;
  return root.type !== AST_NODE_TYPES.Identifier || !TRANSFORMING_GLOBALS.has(root.name);
}

/** A SCREAMING_CASE `const`: configuration written in the code (`MEDICATION_RESOURCE_TYPES`). */
const SCREAMING_CASE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

function isConfigurationConstant(
  name: string,
  variable: { defs: readonly { type: string; parent?: TSESTree.Node | null }[] },
): boolean {
  if (!SCREAMING_CASE.test(name) || name.length < 3) return false;
  const def = variable.defs[0];
  return (
    def?.type === 'Variable' &&
    def.parent?.type === AST_NODE_TYPES.VariableDeclaration &&
    def.parent.kind === 'const'
  );
}

/**
 * A variable declared with a number or boolean literal (`let medications = 0`, `let found =
 * false`): a counter or a flag, whatever its name.
 */
function holdsNumberOrFlag(variable: {
  defs: readonly { type: string; node: TSESTree.Node }[];
}): boolean {
  const def = variable.defs[0];
  if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  const init = def.node.init && unwrap(def.node.init);
  return (
    init?.type === AST_NODE_TYPES.Literal &&
    (typeof init.value === 'number' || typeof init.value === 'boolean')
  );
}

/**
 * A literal object or array with contents (through `as` and `satisfies`): what it holds is all in
 * view. An empty one is filled later, and its declared type says with what.
 */
function isLiteralValue(node: TSESTree.Node | null | undefined): boolean {
  const expr = node && unwrap(node);
  if (expr?.type === AST_NODE_TYPES.ObjectExpression) return expr.properties.length > 0;
  if (expr?.type === AST_NODE_TYPES.ArrayExpression) return expr.elements.length > 0;
  return false;
}

function isLiteralEmpty(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && (node.value === null || node.value === '')) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}

/** `{ hivStatus: true }` in a schema or a select projection names a column, it holds no patient's value. */
function isConstantFlag(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal &&
      (typeof node.value === 'boolean' || typeof node.value === 'number')) ||
    node.type === AST_NODE_TYPES.ObjectExpression ||
    (node.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(node.name)) ||
    // Schema column types: DataTypes.STRING, Sequelize.TEXT.
    (node.type === AST_NODE_TYPES.MemberExpression &&
      !node.computed &&
      node.property.type === AST_NODE_TYPES.Identifier &&
      /^[A-Z][A-Z0-9_]*$/.test(node.property.name))
  );
}

function isForInTarget(identifier: TSESTree.Node): boolean {
  let node: TSESTree.Node | undefined = identifier;
  for (let i = 0; i < 4 && node; i++) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (parent?.type === AST_NODE_TYPES.ForInStatement) return parent.left === node;
    node = parent;
  }
  return false;
}

function containsNode(root: TSESTree.Node, target: TSESTree.Node): boolean {
  return root.range[0] <= target.range[0] && target.range[1] <= root.range[1];
}

/** Where a name sits in a destructuring pattern: its property key, or inside a rest element. */
function patternPath(
  pattern: TSESTree.Node,
  name: string,
): { key?: string; rest: boolean; node: TSESTree.Node } | undefined {
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) {
      if (property.type === AST_NODE_TYPES.RestElement) {
        if (property.argument.type === AST_NODE_TYPES.Identifier && property.argument.name === name)
          return { rest: true, node: property };
        continue;
      }
      const value =
        property.value.type === AST_NODE_TYPES.AssignmentPattern
          ? property.value.left
          : property.value;
      if (value.type === AST_NODE_TYPES.Identifier && value.name === name)
        return { key: keyName(property), rest: false, node: property };
      const inner = patternPath(value, name);
      if (inner) return { ...inner, key: inner.key ?? keyName(property) };
    }
  } else if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
    for (const element of pattern.elements) {
      if (!element) continue;
      const target =
        element.type === AST_NODE_TYPES.RestElement
          ? element.argument
          : element.type === AST_NODE_TYPES.AssignmentPattern
            ? element.left
            : element;
      if (target.type === AST_NODE_TYPES.Identifier && target.name === name)
        return { rest: element.type === AST_NODE_TYPES.RestElement, node: element };
      const inner = patternPath(target, name);
      if (inner) return inner;
    }
  } else if (pattern.type === AST_NODE_TYPES.AssignmentPattern) {
    return patternPath(pattern.left, name);
  }
  return undefined;
}

/** Types whose values carry no patient data. */
const NON_DATA_TYPE_KEYWORDS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
  AST_NODE_TYPES.TSVoidKeyword,
  AST_NODE_TYPES.TSUndefinedKeyword,
  AST_NODE_TYPES.TSNeverKeyword,
]);

/** The patient-like type named by an annotation, looking through arrays, unions and generics. */
function patientTypeName(
  type: TSESTree.TypeNode,
  classify: (name: string) => Classification | undefined,
): Classification | undefined {
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeReference: {
      const name = typeReferenceName(type);
      // `TemplateEncounterResource`: what a template holds for any patient.
      if (name && tokenize(name).some((word) => TEMPLATE_TYPE_WORDS.has(word))) return undefined;
      const cls = name ? classify(name) : undefined;
      if (cls && cls.role === 'data') return cls;
      // `Promise<Patient>`, `Bundle<Observation>` hold records; `FieldErrors<PatientForm>` or
      // `BatchInputDeleteRequest<ServiceRequest>` only mention one.
      if (!name || !RECORD_TYPE_CONTAINERS.has(name)) return undefined;
      for (const param of type.typeArguments?.params ?? []) {
        const inner = patientTypeName(param, classify);
        if (inner) return inner;
      }
      return undefined;
    }
    case AST_NODE_TYPES.TSArrayType:
      return patientTypeName(type.elementType, classify);
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
      for (const member of type.types) {
        const inner = patientTypeName(member, classify);
        if (inner) return inner;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * `let patientInfoDetails = undefined; … patientInfoDetails = \`Age: ${age}, sex: ${sex}\``: a
 * variable declared empty and given only templates assembled here holds what their holes carry,
 * whatever its name says.
 */
function assembledLater(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== 'Variable') return false;
  if (def.node.id.type !== AST_NODE_TYPES.Identifier) return false;
  const init = def.node.init ? unwrap(def.node.init) : undefined;
  const empty =
    init === undefined ||
    (init.type === AST_NODE_TYPES.Identifier && init.name === 'undefined') ||
    (init.type === AST_NODE_TYPES.Literal && (init.value === null || init.value === ''));
  if (!empty) return false;
  const writes = variable.references
    .filter((reference) => reference.writeExpr && reference.writeExpr !== def.node.init)
    .map((reference) => unwrap(reference.writeExpr!));
  // Plain literals chosen by a condition (`patientSex = 'Female'` under `if (patient.gender …)`)
  // encode the data by control flow: there the name still decides.
  return (
    writes.length > 0 && writes.every((write) => write.type === AST_NODE_TYPES.TemplateLiteral)
  );
}
