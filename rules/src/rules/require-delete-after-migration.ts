import type { TSESTree } from '@typescript-eslint/utils';
import {
  deletionsIn,
  describeLiteralForMessage,
  healthModel,
  inInventedCode,
  insideTmpScope,
  MigrationFile,
  type Routine,
  routineName,
  routineOf,
  sourcePurged,
  type Staging,
  stagingWrites,
  unpurgedBulkCopies,
  verdict,
} from '../model';
import { createRule } from '../util/create-rule';
import { report } from '../report';
import { deleteInFinally } from '../fix/delete-staged';

type Options = [{ requireDeletionOnFailure?: boolean; reportSourceMigration?: boolean }];
type MessageIds =
  | 'notDeleted'
  | 'deletedOnlyOnSuccess'
  | 'sourceNotPurged'
  | 'sourceKeptAfterBulkCopy'
  | 'deleteInFinally';

export default createRule<Options, MessageIds>({
  name: 'require-delete-after-migration',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require export and migration code to delete the patient data it stages in files, staging tables, buckets and dumps',
      preset: 'recommended',
      cnilFinding: 'No automatic deletion of the data after the migration',
      references: ['GDPR-5(1)(e)', 'GDPR-32', 'CNIL-SAN-2022-009', 'CWE-459'],
      securitySeverity: 6.5,
      strictOptions: [{ requireDeletionOnFailure: true, reportSourceMigration: true }],
    },
    hasSuggestions: true,
    messages: {
      notDeleted: '`{{routine}}` stages {{data}} in {{where}}, never deleted.',
      deletedOnlyOnSuccess:
        '`{{routine}}` deletes {{where}} (with {{data}}) only on success; delete it in `finally`.',
      sourceNotPurged: '`{{routine}}` copies {{data}} into {{where}} but never purges the source.',
      sourceKeptAfterBulkCopy:
        '`{{routine}}` copies {{data}} to {{target}}, never purging {{source}}.',
      deleteInFinally: 'Delete {{where}} in a `finally` block: `{{deletion}}`',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requireDeletionOnFailure: {
            type: 'boolean',
            description:
              'Also report staged data deleted only on the success path (no `finally`): a failed transfer leaves it behind.',
          },
          reportSourceMigration: {
            type: 'boolean',
            description:
              'Also report migrations that copy patient tables into a new system (INSERT … SELECT, bulk inserts) with no removal or scheduled purge of the source.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ requireDeletionOnFailure: false, reportSourceMigration: false }],
  create(context, [options]) {
    // Tests and demonstration data stage the records they invented.
    if (inInventedCode(context.filename, context.cwd, healthModel(context).config.testCode))
      return {};
    const requireDeletionOnFailure = options.requireDeletionOnFailure === true;
    const reportSourceMigration = options.reportSourceMigration === true;
    const file = new MigrationFile(context.sourceCode, () => healthModel(context));

    function reportStaging(
      staging: Staging,
      routine: Routine,
      messageId: MessageIds,
      data: string,
    ) {
      const suggestion =
        messageId === 'sourceNotPurged'
          ? undefined
          : deleteInFinally(file, context.filename, staging, routine);
      report(context, {
        node: staging.node,
        messageId,
        data: {
          routine: describeLiteralForMessage(routineName(file, routine, staging.node), 28),
          data,
          where: staging.where,
        },
        suggest: suggestion
          ? [
              {
                messageId: 'deleteInFinally',
                data: {
                  where: staging.where,
                  deletion: describeLiteralForMessage(suggestion.statement, 120),
                },
                fix: suggestion.fix,
              },
            ]
          : undefined,
        related: file.relatedOf(data),
      });
    }

    return {
      'CallExpression, NewExpression'(node: TSESTree.CallExpression | TSESTree.NewExpression) {
        file.addCall(node);
      },
      TaggedTemplateExpression(node) {
        file.addTaggedTemplate(node);
      },
      'Program:exit'() {
        const stagings = stagingWrites(file);
        // Deletions matter only next to stagings (or bulk copies, under strict).
        if (stagings.length === 0 && !reportSourceMigration) return;
        const deletions = deletionsIn(file);
        for (const staging of stagings) {
          if (insideTmpScope(staging.node)) continue;
          const routine = routineOf(file, staging.node);
          if (staging.source) {
            if (!reportSourceMigration) continue;
            if (sourcePurged(file, staging, routine, deletions)) continue;
            const data = staging.data();
            if (data) reportStaging(staging, routine, 'sourceNotPurged', data);
            continue;
          }
          const result = verdict(file, staging, routine, deletions);
          if (result === 'deleted') continue;
          if (result === 'successOnly' && !requireDeletionOnFailure) continue;
          const data = staging.data();
          if (!data) continue;
          reportStaging(
            staging,
            routine,
            result === 'missing' ? 'notDeleted' : 'deletedOnlyOnSuccess',
            data,
          );
        }
        if (!reportSourceMigration) return;
        for (const copy of unpurgedBulkCopies(file, stagings, deletions)) {
          report(context, {
            node: copy.node,
            messageId: 'sourceKeptAfterBulkCopy',
            data: {
              routine: describeLiteralForMessage(routineName(file, copy.routine, copy.node), 28),
              data: copy.data,
              target: copy.target,
              source: copy.source,
            },
            related: file.relatedOf(copy.data),
          });
        }
      },
    };
  },
});
