import { type TSESTree } from '@typescript-eslint/utils';
import {
  type AuditRecognizer,
  auditRouteUnits,
  describeLiteralForMessage,
  MAX_QUOTED_CODE_LENGTH,
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
      routeWithoutAudit: '{{method}} {{path}} reads {{data}} and records no audit event.',
      exportWithoutAudit: '{{name}} reads {{data}} for an export and records no audit event.',
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
          // The first table names the records; the finding's range shows the whole read.
          const tables = [...new Set(read.tables)];
          const more = tables.length > 1 ? ` and ${tables.length - 1} more` : '';
          const data = `patient records of \`${describeLiteralForMessage(tables[0] ?? '', 20)}\`${more}`;
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
                path: describeLiteralForMessage(unit.route.path, MAX_QUOTED_CODE_LENGTH),
                data,
              },
              related,
            });
          } else {
            report(context, {
              node: read.node,
              messageId: 'exportWithoutAudit',
              data: {
                name: describeLiteralForMessage(
                  unit.name ?? 'This export routine',
                  MAX_QUOTED_CODE_LENGTH,
                ),
                data,
              },
              related,
            });
          }
        }
      },
    };
  },
});
