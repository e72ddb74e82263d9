import { basename } from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  dataFolderWord,
  describeLiteralForMessage,
  discoverRoutes,
  folderSegments,
  type HealthModel,
  healthModel,
  landsIn,
  mayServeFolders,
  type PatientFolderWrite,
  patientFolderWrites,
  projectUploadFolders,
  staticServeAuthenticated,
  staticServes,
  staticUseCall,
  type UploadFolder,
  useMountOf,
} from '../model';
import { createRule } from '../util/create-rule';
import { runMiddlewareBefore } from '../fix/authentication';
import { report } from '../report';

type MessageIds =
  'publicFolder' | 'publicWrittenFolder' | 'publicUploadFolder' | 'addAuthMiddleware';

export default createRule<[], MessageIds>({
  name: 'no-public-data-directory',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow serving export, backup, upload or patient-data folders as public static files',
      preset: 'recommended',
      cnilFinding: 'Part of the server reachable from the internet with no authentication',
      references: ['GDPR-32', 'CNIL-SAN-2022-009', 'HIPAA-164.312(d)', 'CWE-552', 'CWE-306'],
      securitySeverity: 8.6,
    },
    hasSuggestions: true,
    messages: {
      publicFolder:
        '`{{server}}` serves `{{folder}}` with no authentication (its name says {{word}}).',
      publicWrittenFolder:
        '`{{server}}` serves `{{folder}}`, where {{data}} is written, unauthenticated.',
      publicUploadFolder:
        '`{{server}}` serves `{{folder}}` unauthenticated, where {{route}} stores its uploads.',
      addAuthMiddleware: 'Run `{{name}}` before serving the folder.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    let model: HealthModel | undefined;
    const getModel = () => (model ??= healthModel(context));
    const textOf = (node: TSESTree.Node) => sourceCode.getText(node);
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);

    return {
      'Program:exit'(program: TSESTree.Program) {
        if (!mayServeFolders(sourceCode.text)) return;
        const found = staticServes(program, scopeOf);
        if (found.length === 0) return;
        const m = getModel();
        const extra = m.config.auth.middleware;
        const routes = discoverRoutes(program);
        let writes: PatientFolderWrite[] | undefined;
        let uploads: UploadFolder[] | undefined;
        for (const { call, server, folder } of found) {
          const segments = folderSegments(folder, scopeOf);
          if (segments.length === 0) continue;
          // The folder's last segments as the message names them: a name built from a NIR stays out.
          const display = describeLiteralForMessage(segments.slice(-2).join('/'), 28);
          const word = dataFolderWord(segments, m);
          let written: string | undefined;
          let writtenBy: PatientFolderWrite | undefined;
          if (!word) {
            writes ??= patientFolderWrites(program, m, scopeOf);
            const last = segments[segments.length - 1]!;
            writtenBy = writes.find((w) => w.folderWords.includes(last));
            written = writtenBy?.data;
          }
          let uploadedBy: UploadFolder | undefined;
          if (!word && !written) {
            uploads ??= projectUploadFolders(context.filename, m.classifier, extra);
            uploadedBy = uploads.find((u) => landsIn(u.segments, segments));
          }
          if (!word && !written && !uploadedBy) continue;
          const mountPath = useMountOf(call);
          if (staticServeAuthenticated(call, mountPath, routes, extra, textOf)) continue;
          const suggest = suggestion(call);
          if (word) {
            report(context, {
              node: call,
              messageId: 'publicFolder',
              data: {
                server: describeLiteralForMessage(server, 20),
                folder: display,
                word: `"${describeLiteralForMessage(word, 16)}"`,
              },
              suggest,
            });
          } else if (uploadedBy) {
            const { route } = uploadedBy;
            const where = `${route.method} ${route.path} in ${basename(route.file)}`;
            report(context, {
              node: call,
              messageId: 'publicUploadFolder',
              data: {
                server: describeLiteralForMessage(server, 20),
                folder: display,
                route: describeLiteralForMessage(where, 40),
              },
              suggest,
              related: [
                {
                  filename: uploadedBy.file,
                  loc: {
                    start: { ...uploadedBy.node.loc.start },
                    end: { ...uploadedBy.node.loc.end },
                  },
                  message: `${where} stores its uploads in this folder`,
                },
              ],
            });
          } else {
            report(context, {
              node: call,
              messageId: 'publicWrittenFolder',
              data: {
                server: describeLiteralForMessage(server, 20),
                folder: display,
                data: written!,
              },
              suggest,
              related: writtenBy?.related,
            });
          }
        }
      },
    };

    function suggestion(call: TSESTree.CallExpression): TSESLint.ReportSuggestionArray<MessageIds> {
      const fix = getModel().config.auth.fix;
      if (!fix || !staticUseCall(call)) return [];
      return [
        {
          messageId: 'addAuthMiddleware',
          data: { name: fix.name },
          fix: (fixer) =>
            runMiddlewareBefore(fixer, sourceCode, context.filename, context.cwd, call, fix),
        },
      ];
    }
  },
});
