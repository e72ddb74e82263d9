import assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/utils';
import { healthModel } from '../../src/model';
import {
  ACCESS_VERBS,
  AUDIT_WORDS,
  auditChannelObject,
  auditingDecorator,
  auditingMiddleware,
  type AuditRecognizer,
  auditRouteUnits,
  exportUnit,
  innermostUnit,
  isAuditCall,
  mentionsAudit,
  withinNode,
} from '../../src/model/access-audit';
import { runProbeRule } from './probe';

/** The source of every call of `code` that records an audit event, in source order. */
function auditCalls(code: string, auditFunctions: readonly string[] = []): string[] {
  const found: string[] = [];
  runProbeRule(code, (context) => {
    const recognizer: AuditRecognizer = {
      scopeOf: (node) => context.sourceCode.getScope(node),
      auditFunctions: () => auditFunctions,
    };
    return {
      CallExpression(call: TSESTree.CallExpression) {
        if (isAuditCall(call, recognizer)) found.push(context.sourceCode.getText(call.callee));
      },
    };
  });
  return found;
}

/** The route units of `code` as `METHOD path audited`. */
function routes(code: string): string[] {
  const found: string[] = [];
  runProbeRule(code, (context) => ({
    'Program:exit'(program: TSESTree.Program) {
      const recognizer: AuditRecognizer = {
        scopeOf: (node) => context.sourceCode.getScope(node),
        auditFunctions: () => [],
      };
      for (const unit of auditRouteUnits(program, recognizer))
        found.push(`${unit.route!.method} ${unit.route!.path} ${unit.route!.audited}`);
    },
  }));
  return found;
}

/** The export unit of every `read()` call of `code`, by name (or undefined). */
function exportUnits(code: string, filename = 'src/app.ts'): (string | undefined)[] {
  const found: (string | undefined)[] = [];
  runProbeRule(
    code,
    (context) => ({
      CallExpression(call: TSESTree.CallExpression) {
        if (call.callee.type !== 'Identifier' || call.callee.name !== 'read') return;
        const program = context.sourceCode.ast;
        found.push(exportUnit(call, program, healthModel(context))?.name);
      },
    }),
    filename,
  );
  return found;
}

/** The first expression statement's expression of `code`, for the node-level helpers. */
function expressions(code: string): TSESTree.Expression[] {
  const found: TSESTree.Expression[] = [];
  runProbeRule(code, () => ({
    ExpressionStatement(statement: TSESTree.ExpressionStatement) {
      found.push(statement.expression);
    },
  }));
  return found;
}

/**
 * Access audit: the words of an audit trail, audit calls, loggers on the audit channel, auditing
 * middleware and decorators, and the units (route handlers, export routines) an audit belongs to.
 */
describe('model: access audit', () => {
  it('audit and access-journal words, in English and French', () => {
    assert.ok(AUDIT_WORDS.has('audit') && AUDIT_WORDS.has('journaliser'));
    assert.ok(ACCESS_VERBS.has('log') && ACCESS_VERBS.has('tracer'));
    assert.ok(mentionsAudit('auditService'));
    assert.ok(mentionsAudit('sil-audit'));
    assert.ok(!mentionsAudit('auditorium'));
    assert.ok(!mentionsAudit('logger'));
  });

  it('audit calls by name: audit chains, access journals, tracer, security events', () => {
    assert.deepEqual(
      auditCalls(`audit.record('x');
this.auditService.log('x');
logAccess(u);
recordAccess(u);
tracerAcces(u);
tracer(u);
emitSecurityEvent('x');
journaliser('x');
logger.info('x');
accessCount(u);
track(u);`),
      [
        'audit.record',
        'this.auditService.log',
        'logAccess',
        'recordAccess',
        'tracerAcces',
        'tracer',
        'emitSecurityEvent',
        'journaliser',
      ],
    );
  });

  it('configured audit functions, by name or by the end of the dotted chain', () => {
    const code = `journal.ecrire('x');\nthis.siem.push('x');\nother.call('x');`;
    assert.deepEqual(auditCalls(code), []);
    assert.deepEqual(auditCalls(code, ['journal.ecrire', 'push']), [
      'journal.ecrire',
      'this.siem.push',
    ]);
  });

  it('loggers on the audit channel: a child, a named factory, a level or a field naming it', () => {
    assert.deepEqual(
      auditCalls(`import log4js from 'log4js';
const auditLogger = logger.child({ channel: 'audit' });
const journal = pino({ name: 'sil-audit' });
const trail = log4js.getLogger('audit');
const plain = log4js.getLogger('app');
auditLogger.info('a');
journal.info('b');
trail.info('c');
plain.info('d');
logger.log('audit', 'e');
logger.info('f', { audit: true });
logger.info('g', { audit: false });`).filter((callee) => !/child|pino|getLogger/.test(callee)),
      ['auditLogger.info', 'journal.info', 'trail.info', 'logger.log', 'logger.info'],
    );
  });

  it('audit channel objects: `{ channel: "audit" }`, `{ audit: true }`', () => {
    const [channel, flag, off, other, notObject] = expressions(
      `({ channel: 'audit' });\n({ audit: true });\n({ audit: false });\n({ channel: 'app' });\n'audit';`,
    );
    assert.ok(auditChannelObject(channel));
    assert.ok(auditChannelObject(flag));
    assert.ok(!auditChannelObject(off));
    assert.ok(!auditChannelObject(other));
    assert.ok(!auditChannelObject(notObject));
    assert.ok(!auditChannelObject(undefined));
  });

  it('auditing middleware: a name, a call, a member or an array that audits', () => {
    const found: boolean[] = [];
    runProbeRule(
      `auditTrail;\nauditAccess('x');\n[requireAuth, auditHook];\nauditLog.middleware;\nrequireAuth;\n[cors()];`,
      (context) => {
        const recognizer: AuditRecognizer = {
          scopeOf: (node) => context.sourceCode.getScope(node),
          auditFunctions: () => [],
        };
        return {
          ExpressionStatement(statement: TSESTree.ExpressionStatement) {
            found.push(auditingMiddleware(statement.expression, recognizer));
          },
        };
      },
    );
    assert.deepEqual(found, [true, true, true, true, false, false]);
  });

  it('auditing decorators: by name or by an argument naming the audit', () => {
    const found: boolean[] = [];
    runProbeRule(
      `class A {\n  @UseInterceptors(AuditInterceptor) a() {}\n  @Audit('patient.read') b() {}\n  @Get(':id') c() {}\n  d() {}\n}`,
      () => ({
        MethodDefinition(member: TSESTree.MethodDefinition) {
          found.push(auditingDecorator(member.decorators));
        },
      }),
    );
    assert.deepEqual(found, [true, true, false, false]);
    assert.ok(!auditingDecorator(undefined));
  });

  it('route units: framework routes and controller routes, with whether an audit runs around them', () => {
    assert.deepEqual(
      routes(`import express from 'express';
const app = express();
app.get('/a', auditAccess('x'), (req, res) => res.json({}));
app.post('/b', (req, res) => res.json({}));`),
      ['GET /a true', 'POST /b false'],
    );
    assert.deepEqual(
      routes(`import { Router } from 'express';
export const router = Router();
router.use(auditTrail);
router.get('/:id', async (req, res) => res.json({}));`),
      ['GET /:id true'],
    );
    assert.deepEqual(
      routes(`import Fastify from 'fastify';
const app = Fastify();
app.route({ method: 'GET', url: '/d/:id', onResponse: [auditHook], handler: async () => ({}) });
app.route({ method: 'GET', url: '/e/:id', onResponse: [metrics], handler: async () => ({}) });`),
      ['GET /d/:id true', 'GET /e/:id false'],
    );
    assert.deepEqual(
      routes(`import { Controller, Get, UseInterceptors } from '@nestjs/common';
@Controller('patients')
export class PatientsController {
  @Get(':id') findOne() { return 1; }
  @Get() @Audit('list') findAll() { return 2; }
}
@Controller('dossiers')
@UseInterceptors(AuditInterceptor)
export class DossiersController {
  @Get(':id') findOne() { return 1; }
}`),
      ['GET /patients/:id false', 'GET /patients true', 'GET /dossiers/:id true'],
    );
  });

  it('export units: the export function, the method of an export class, the outermost function, the script', () => {
    assert.deepEqual(
      exportUnits(`export async function exportPatients() {\n  return read();\n}
export class PatientExporter {\n  async run() {\n    return [1].map(() => read());\n  }\n}
export async function findPatient() {\n  return read();\n}`),
      ['`exportPatients`', '`PatientExporter.run`', undefined],
    );
    assert.deepEqual(
      exportUnits(`async function main() {\n  read();\n}\nread();`, 'scripts/export-patients.ts'),
      ['`main`', 'the export script export-patients.ts'],
    );
  });

  it('the innermost unit holding a node', () => {
    let checked = 0;
    runProbeRule(`function outer() {\n  function inner() {\n    target();\n  }\n}`, () => {
      const functions: TSESTree.FunctionDeclaration[] = [];
      return {
        FunctionDeclaration(fn: TSESTree.FunctionDeclaration) {
          functions.push(fn);
        },
        'CallExpression:exit'(call: TSESTree.CallExpression) {
          const [outer, inner] = functions;
          assert.ok(withinNode(call, outer!) && withinNode(call, inner!));
          assert.ok(!withinNode(outer!, inner!));
          assert.equal(innermostUnit(call, [{ node: outer! }, { node: inner! }])?.node, inner);
          assert.equal(innermostUnit(outer!, [{ node: inner! }]), undefined);
          checked++;
        },
      };
    });
    assert.equal(checked, 1);
  });
});
