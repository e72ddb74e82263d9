import { type TSESTree } from '@typescript-eslint/utils';
import {
  type AuditRecognizer,
  auditRouteUnits,
  describeLiteralForMessage,
  exportUnit,
  healthModel,
  type HealthModel,
  innermostUnit,
  isAuditCall,
  withinNode,
} from '../model';
import { createRule } from '../util/create-rule';
import { report } from '../report';

type MessageIds = 'routeWithoutAudit' | 'exportWithoutAudit';

export default createRule<[], MessageIds>({
  name: 'require-access-audit',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require an audit event in routes and export routines that read patient records',
      preset: 'strict',
      cnilFinding: 'No supervision of the server, no escalation of security alerts',
      references: ['GDPR-32', 'CNIL-SAN-2022-009', 'HIPAA-164.312(b)', 'CWE-778'],
      securitySeverity: 4.0,
    },
    messages: {
      routeWithoutAudit:
        '{{method}} {{path}} reads {{data}} without an audit event in its handler or middleware: nobody can tell afterwards who read which patient (GDPR art. 32, HIPAA 164.312(b)).',
      exportWithoutAudit:
        '{{name}} reads {{data}} for an export or migration without an audit event: a bulk extraction leaves no trace of who ran it (GDPR art. 32, HIPAA 164.312(b)).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
    let model: HealthModel | undefined;
    const getModel = () => (model ??= healthModel(context));

    const reads: { node: TSESTree.Node; tables: string[] }[] = [];
    const auditCalls: TSESTree.Node[] = [];
    const recognizer: AuditRecognizer = {
      scopeOf,
      auditFunctions: () => getModel().config.audit.functions,
    };

    function recordRead(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      const read = getModel().provenance.patientRead(node);
      if (read) reads.push({ node, tables: read.tables });
    }

    return {
      CallExpression(call) {
        if (isAuditCall(call, recognizer)) auditCalls.push(call);
        recordRead(call);
      },
      TaggedTemplateExpression: recordRead,
      'Program:exit'(program: TSESTree.Program) {
        if (reads.length === 0) return;
        const routes = auditRouteUnits(program, recognizer);
        const reported = new Set<TSESTree.Node>();
        for (const read of reads) {
          // The innermost route handler holding the read; else the export routine.
          const route = innermostUnit(read.node, routes);
          const unit = route ?? exportUnit(read.node, program, getModel());
          if (!unit || reported.has(unit.node)) continue;
          if (unit.route?.audited) continue;
          if (auditCalls.some((call) => withinNode(call, unit.node))) continue;
          reported.add(unit.node);
          const tables = [...new Set(read.tables)]
            .slice(0, 3)
            .map((t) => `\`${t}\``)
            .join(', ');
          const data = `patient records of ${tables} (line ${read.node.loc.start.line})`;
          // Where the missing audit call belongs: the first line of the handler or routine.
          const head = unit.node.loc.start;
          const headLine = context.sourceCode.lines[head.line - 1] ?? '';
          const related = [
            {
              loc: { start: head, end: { line: head.line, column: headLine.length } },
              message: unit.route
                ? 'This route handler reads patient records and records no access audit'
                : 'This export routine reads patient records and records no access audit',
            },
          ];
          if (unit.route) {
            report(context, {
              node: read.node,
              messageId: 'routeWithoutAudit',
              data: {
                method: unit.route.method,
                path: describeLiteralForMessage(unit.route.path, 80),
                data,
              },
              related,
            });
          } else {
            report(context, {
              node: read.node,
              messageId: 'exportWithoutAudit',
              data: { name: unit.name ?? 'This export routine', data },
              related,
            });
          }
        }
      },
    };
  },
});
