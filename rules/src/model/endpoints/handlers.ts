/**
 * What a route handler does before it answers: which function a handler expression is (inline,
 * wrapped in `asyncHandler(…)`, or declared at the top of the module), whether it checks the
 * session or token and ends the request with 401/403 before touching patient data, and which
 * patient data it touches — a read of a patient table or model (through provenance for the linted
 * file, syntactically for other modules) or a response carrying patient data — with the evidence.
 */
import { dirname, relative, sep } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import type { Classifier } from '../classifier';
import { type FunctionNode, HOLE, safe, walk } from '../ast';
import { RECORD_LOOKUP_METHODS, RECORD_WRITES, ROW_READ_METHODS } from '../apis';
import { isAuthName, isFunction } from '../routes';
import { looksLikeSql, scanSql, tablesRead } from '../sql';
import { patientTable } from '../patient-tables';
import { carriedRequestInput, requestInputText } from '../request-input';
import type { EndpointFile } from './file';
import { fhirUpstream } from './upstream';
import { type Delegate, delegatesOf } from './delegates';
import { storedRequestInput, type StoredInput } from './stored-input';

export type HandlerFunction =
  TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration;

/** Patient data a handler touches: a read of a table or model, or a response that carries it. */
export type HandlerEvidence =
  /** `changes`: the handler inserts, updates or deletes patient rows rather than reading them. */
  | ({ kind: 'read'; table: string; line: number; changes?: boolean } & Delegated)
  /** The handler forwards the request to a FHIR server (`upstream`: its base URL as written). */
  | ({ kind: 'upstream'; upstream: string; line: number } & Delegated)
  | { kind: 'response'; description: string }
  /** The handler stores a patient field of what the client sent. */
  | StoredInput;

/** Evidence found in a function the handler calls: the call as written, and its module's file. */
interface Delegated {
  via?: string;
  /** From the folder of the route's file; absent when the function is in that file. */
  file?: string;
}

/** The function a handler expression is: inline, or a function declared at the top of the module. */
export function handlerFunction(
  node: TSESTree.Node,
  program: TSESTree.Program,
): HandlerFunction | undefined {
  let expr = node;
  if (expr.type === AST_NODE_TYPES.CallExpression) {
    // asyncHandler(async (req, res) => …), withErrors(handler)
    const inner = expr.arguments.find(
      (arg) => isFunction(arg) || arg.type === AST_NODE_TYPES.Identifier,
    );
    if (!inner) return undefined;
    expr = inner;
  }
  if (isFunction(expr)) return expr;
  if (expr.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = expr.name;
  for (const statement of program.body) {
    const s =
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
      statement.declaration
        ? statement.declaration
        : statement;
    if (s.type === AST_NODE_TYPES.FunctionDeclaration && s.id?.name === name) return s;
    if (s.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of s.declarations) {
        if (
          d.id.type === AST_NODE_TYPES.Identifier &&
          d.id.name === name &&
          d.init &&
          isFunction(d.init)
        )
          return d.init;
      }
    }
  }
  return undefined;
}

/**
 * What patient data a handler touches: a read or write of patient tables or models (SQL or ORM),
 * a request forwarded to a FHIR server, a response carrying patient data (provenance, linted
 * file only), or patient fields of the request input that it stores.
 */
export function patientDataTouched(
  fn: HandlerFunction,
  f: EndpointFile,
): HandlerEvidence | undefined {
  const own = touchedIn(fn, f);
  if (own) return own;
  // What the functions it hands the request to touch: controllers, services (two calls away).
  let level = delegatesOf(fn, f);
  for (let depth = 0; depth < MAX_DELEGATION_DEPTH && level.length > 0; depth++) {
    const next: Delegate[] = [];
    for (const delegate of level) {
      const found = touchedIn(delegate.fn, delegate.file, true);
      if (found && found.kind !== 'response' && found.kind !== 'input')
        return {
          ...found,
          via: delegate.name,
          ...(delegate.file.file !== f.file
            ? { file: relativeTo(f.file, delegate.file.file) }
            : {}),
        };
      if (depth + 1 < MAX_DELEGATION_DEPTH) next.push(...delegatesOf(delegate.fn, delegate.file));
    }
    level = next;
  }
  return storedRequestInput(fn, f);
}

/** A module's path from the folder of the route's file, `/`-separated: `../controllers/users.ts`. */
function relativeTo(from: string, file: string): string {
  const path = relative(dirname(from), file).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** Calls followed from a handler into the functions that do its work. */
const MAX_DELEGATION_DEPTH = 2;

function touchedIn(
  fn: FunctionNode,
  f: EndpointFile,
  delegated = false,
): HandlerEvidence | undefined {
  let found: HandlerEvidence | undefined;
  // A delegate's responses are its own: only what it reads or forwards counts.
  const provenance = delegated ? undefined : f.model?.provenance;
  walk(fn.body, (node) => {
    if (found) return false;
    if (
      provenance &&
      (node.type === AST_NODE_TYPES.CallExpression ||
        node.type === AST_NODE_TYPES.TaggedTemplateExpression)
    ) {
      const read = safe(() => provenance.patientRead(node));
      if (read) {
        found = { kind: 'read', table: read.tables[0]!, line: node.loc.start.line };
        return false;
      }
    }
    // What a mounted module is judged by (SQL text naming a patient table, a patient model's
    // reads and writes) counts in the linted file too, so a route gets the same verdict whether
    // its own file or the file that mounts it is linted.
    const access = syntacticRead(node, f.classifier);
    if (access) {
      found = { kind: 'read', ...access, line: node.loc.start.line };
      return false;
    }
    const upstream =
      node.type === AST_NODE_TYPES.CallExpression ? fhirUpstream(node, f.program) : undefined;
    if (upstream) {
      found = { kind: 'upstream', upstream, line: node.loc.start.line };
      return false;
    }
    if (provenance && node.type === AST_NODE_TYPES.CallExpression) {
      const callee = node.callee;
      const name =
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.property.type === AST_NODE_TYPES.Identifier
          ? callee.property.name
          : undefined;
      if (
        name &&
        /^(json|send|jsonp|download|sendFile|end|write)$/.test(name) &&
        node.arguments[0]
      ) {
        const taint = safe(() => provenance.trace(node.arguments[0]!));
        // Echoing what the client sent (`req.body`, a field of it) exposes nothing it did not
        // already have.
        const echoed =
          taint &&
          ((taint.source.type === AST_NODE_TYPES.MemberExpression &&
            requestInputText(taint.source)) ||
            carriedRequestInput(taint.source, fn, f.classifier));
        if (taint && !echoed) {
          found = { kind: 'response', description: provenance.describe(taint, 22) };
          return false;
        }
      }
    }
    return undefined;
  });
  return found;
}

/** The first patient table an SQL text reads or changes, if any. */
function sqlPatientTable(sql: string, classifier: Classifier): PatientAccess | undefined {
  try {
    for (const statement of scanSql(sql)) {
      for (const table of tablesRead(statement))
        if (patientTable(table, classifier) !== undefined) return { table };
      // Written (INSERT, UPDATE) or deleted from: a route that changes patient rows is as much
      // in scope as one that reads them. CREATE and DROP are schema work.
      if (statement.kind !== 'insert' && statement.kind !== 'update' && statement.kind !== 'delete')
        continue;
      for (const table of [...(statement.target ? [statement.target] : []), ...statement.removed])
        if (patientTable(table, classifier) !== undefined) return { table, changes: true };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** A patient table or model a node reads, or changes (`changes`). */
export interface PatientAccess {
  table: string;
  changes?: boolean;
}

/** A patient read recognisable without scope analysis: SQL text on patient tables, `prisma.patient.findMany()`. */
export function syntacticRead(
  node: TSESTree.Node,
  classifier: Classifier,
): PatientAccess | undefined {
  if (
    node.type === AST_NODE_TYPES.Literal &&
    typeof node.value === 'string' &&
    looksLikeSql(node.value)
  ) {
    return sqlPatientTable(node.value, classifier);
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const text = node.quasis.map((q) => q.value.cooked ?? q.value.raw).join(HOLE);
    if (looksLikeSql(text)) return sqlPatientTable(text, classifier);
  }
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression
  ) {
    const method =
      node.callee.property.type === AST_NODE_TYPES.Identifier ? node.callee.property.name : '';
    const reads = ROW_READ_METHODS.has(method) || RECORD_LOOKUP_METHODS.has(method);
    if (!reads && !RECORD_WRITES.has(method)) return undefined;
    const access = (table: string): PatientAccess => (reads ? { table } : { table, changes: true });
    let current: TSESTree.Node = node.callee.object;
    for (let guard = 0; guard < 8; guard++) {
      if (current.type === AST_NODE_TYPES.MemberExpression) {
        if (
          current.property.type === AST_NODE_TYPES.Identifier &&
          patientTable(current.property.name, classifier) !== undefined
        )
          return access(current.property.name);
        current = current.object;
      } else if (current.type === AST_NODE_TYPES.Identifier) {
        return patientTable(current.name, classifier) !== undefined
          ? access(current.name)
          : undefined;
      } else if (current.type === AST_NODE_TYPES.CallExpression) {
        const arg = current.arguments[0];
        if (
          arg?.type === AST_NODE_TYPES.Literal &&
          typeof arg.value === 'string' &&
          patientTable(arg.value, classifier) !== undefined
        )
          return access(arg.value);
        current = current.callee;
      } else return undefined;
    }
  }
  return undefined;
}

/**
 * A handler that checks the session or token and ends with 401/403 before any patient data is
 * touched: `if (!req.user) return res.sendStatus(401)`, `const user = await requireUser(req)`.
 */
export function handlerChecksAuth(fn: HandlerFunction, f: EndpointFile): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const extra = f.authNames;
  for (const statement of fn.body.body) {
    if (statement.type === AST_NODE_TYPES.IfStatement) {
      const exits = endsRequest(statement.consequent);
      const testText = f.textOf(statement.test);
      const bodyText = f.textOf(statement.consequent);
      if (
        exits &&
        (/\b(401|403)\b|Unauthori[sz]ed|Forbidden|redirect\(['"`][^'"`]*(login|signin|connexion)/i.test(
          bodyText,
        ) ||
          /\b(session|user|token|auth\w*|isAuthenticated|jwt|apiKey|principal)\b/i.test(testText))
      )
        return true;
    }
    // const user = await requireUser(req); await verifyToken(req); (throwing helpers)
    const call = leadingCall(statement);
    if (call) {
      const callee = call.callee;
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression &&
              callee.property.type === AST_NODE_TYPES.Identifier
            ? callee.property.name
            : undefined;
      if (
        name &&
        isAuthName(name, extra) &&
        /^(require|ensure|assert|verify|check|protect|authenticate|must|authorize|authorise)/i.test(
          name,
        )
      )
        return true;
      if (name && extra.includes(name)) return true;
    }
    if (statementTouchesData(statement, f)) return false;
  }
  return false;
}

function statementTouchesData(statement: TSESTree.Node, f: EndpointFile): boolean {
  let found = false;
  const provenance = f.model?.provenance;
  walk(statement, (node) => {
    if (found) return false;
    if (
      provenance &&
      (node.type === AST_NODE_TYPES.CallExpression ||
        node.type === AST_NODE_TYPES.TaggedTemplateExpression)
    ) {
      if (safe(() => provenance.patientRead(node))) found = true;
    } else if (!provenance && syntacticRead(node, f.classifier)) found = true;
    return undefined;
  });
  return found;
}

function leadingCall(statement: TSESTree.Node): TSESTree.CallExpression | undefined {
  let expr: TSESTree.Node | undefined;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) expr = statement.expression;
  else if (statement.type === AST_NODE_TYPES.VariableDeclaration)
    expr = statement.declarations[0]?.init ?? undefined;
  if (expr?.type === AST_NODE_TYPES.AwaitExpression) expr = expr.argument;
  return expr?.type === AST_NODE_TYPES.CallExpression ? expr : undefined;
}

function endsRequest(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement)
    return true;
  if (node.type === AST_NODE_TYPES.BlockStatement) return node.body.some((s) => endsRequest(s));
  return false;
}
