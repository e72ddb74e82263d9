import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  AST_NODE_TYPES,
  calleeName,
  constantInit,
  describeLiteralForMessage,
  discoverRoutes,
  type HealthModel,
  healthModel,
  isAuthMiddleware,
  mayServeFolders,
  PATH_WRITERS,
  pathCovers,
  pathText,
  programIndex,
  provenanceRelated,
  type RelatedLocation,
  resolveVariable,
  servedFolder,
  tokenize,
} from '../model';
import { createRule } from '../util/create-rule';
import { runMiddlewareBefore } from '../fix/authentication';
import { report } from '../report';

/** A write of patient data into a folder, with its provenance as plain locations. */
interface PatientWrite {
  folderWords: string[];
  data: string;
  related: RelatedLocation[];
}

type MessageIds = 'publicFolder' | 'publicWrittenFolder' | 'addAuthMiddleware';

/** Folder words that say what lands there: uploads and data dumps, EN and FR. */
const DATA_FOLDER_WORDS = new Set([
  'upload',
  'uploads',
  'televersement',
  'televersements',
  'data',
  'donnees',
  'exports',
  'export',
  'backup',
  'backups',
  'dump',
  'dumps',
  'migration',
  'migrations',
  'sauvegarde',
  'sauvegardes',
  'extract',
  'extracts',
  'extraction',
  'extractions',
]);

const MAX_PATH_DEPTH = 8;

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
        '`{{server}}` serves the folder `{{folder}}` (its name says {{word}}) to anyone with no authentication: every extract or file dropped there is downloadable by URL (CNIL SAN-2022-009, GDPR art. 32).',
      publicWrittenFolder:
        '`{{server}}` serves the folder `{{folder}}`, where this file writes {{data}}, to anyone with no authentication (CNIL SAN-2022-009, GDPR art. 32).',
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
        const found: { call: TSESTree.CallExpression; server: string; folder: TSESTree.Node }[] =
          [];
        for (const node of programIndex(program).calls) {
          const served = servedFolder(node, scopeOf);
          if (served) found.push({ call: node, ...served });
        }
        if (found.length === 0) return;
        const m = getModel();
        const extra = m.config.auth.middleware;
        const routes = discoverRoutes(program);
        let writes: PatientWrite[] | undefined;
        for (const { call, server, folder } of found) {
          const parts = pathParts(folder, 0);
          const segments = parts
            .flatMap((p) => p.split(/[\\/]+/))
            .filter((s) => s && s !== '.' && s !== '..');
          if (segments.length === 0) continue;
          // The folder's last segments as the message names them: a name built from a NIR stays out.
          const display = describeLiteralForMessage(segments.slice(-2).join('/'));
          let word: string | undefined;
          for (const segment of segments.slice(-3)) {
            const words = tokenize(segment);
            word =
              words.find((w) => DATA_FOLDER_WORDS.has(w)) ??
              m.exportContext.match(segment) ??
              (m.classifier.container(segment) ? segment : undefined);
            if (word) break;
          }
          let written: string | undefined;
          let writtenBy: PatientWrite | undefined;
          if (!word) {
            writes ??= patientWrites(program, m);
            const last = segments[segments.length - 1]!;
            writtenBy = writes.find((w) => w.folderWords.includes(last));
            written = writtenBy?.data;
          }
          if (!word && !written) continue;
          const mountPath = useMountOf(call);
          if (authenticated(call, mountPath, routes, extra)) continue;
          const suggest = suggestion(call);
          if (word) {
            report(context, {
              node: call,
              messageId: 'publicFolder',
              data: { server, folder: display, word: `"${describeLiteralForMessage(word)}"` },
              suggest,
            });
          } else {
            report(context, {
              node: call,
              messageId: 'publicWrittenFolder',
              data: { server, folder: display, data: written! },
              suggest,
              related: writtenBy?.related,
            });
          }
        }
      },
    };

    /** Literal pieces of a folder expression: `path.join(__dirname, '..', 'exports')` -> ['..', 'exports']. */
    function pathParts(node: TSESTree.Node, depth: number): string[] {
      if (depth > MAX_PATH_DEPTH) return [];
      const text = pathText(node);
      if (text !== undefined) return [text];
      if (node.type === AST_NODE_TYPES.TemplateLiteral)
        return node.quasis.map((q) => q.value.cooked ?? q.value.raw);
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(node.callee) ?? '';
        if (/^(join|resolve|normalize)$/.test(name))
          return node.arguments.flatMap((arg) => pathParts(arg, depth + 1));
        return [];
      }
      if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+')
        return [...pathParts(node.left, depth + 1), ...pathParts(node.right, depth + 1)];
      if (node.type === AST_NODE_TYPES.LogicalExpression)
        return [...pathParts(node.left, depth + 1), ...pathParts(node.right, depth + 1)];
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(sourceCode.getScope(node), node);
        const init = variable && constantInit(variable);
        return init ? pathParts(init, depth + 1) : [];
      }
      return [];
    }

    /** Folders this file writes patient data to, as path words, with what is written. */
    function patientWrites(program: TSESTree.Program, m: HealthModel): PatientWrite[] {
      const result: PatientWrite[] = [];
      for (const node of programIndex(program).calls) {
        const name = calleeName(node.callee) ?? '';
        const writer = PATH_WRITERS.get(name);
        if (!writer || node.arguments.length < 2) continue;
        const target = node.arguments[writer.path]!;
        const data = node.arguments[writer.data]!;
        let taint;
        try {
          taint = m.provenance.carriesPatientData(data);
        } catch {
          taint = undefined;
        }
        if (!taint) continue;
        const words = pathParts(target, 0)
          .flatMap((p) => p.split(/[\\/]+/))
          .filter(Boolean);
        result.push({
          folderWords: words,
          data: m.provenance.describe(taint),
          related: [
            ...provenanceRelated(taint),
            {
              loc: node.loc,
              message: 'The patient data is written into the served folder here',
              kind: 'step',
            },
          ],
        });
      }
      return result;
    }

    /** `app.use('/exports', …, express.static(...))`: the use call's path. */
    function useMountOf(call: TSESTree.CallExpression): string | undefined {
      const parent = call.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const first = parent.arguments[0];
      return first && first !== call ? pathText(first) : undefined;
    }

    function authenticated(
      call: TSESTree.CallExpression,
      mountPath: string | undefined,
      routes: ReturnType<typeof discoverRoutes>,
      extra: readonly string[],
    ): boolean {
      const parent = call.parent;
      let owner = routes.mounts.find((mo) => mo.call === call)?.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression) {
        const index = parent.arguments.indexOf(call as TSESTree.CallExpressionArgument);
        if (
          parent.arguments
            .slice(0, Math.max(index, 0))
            .some((arg) => isAuthMiddleware(arg, extra, textOf))
        )
          return true;
        owner ??=
          routes.uses.find((u) => u.call === parent)?.owner ??
          routes.routes.find((r) => r.call === parent)?.owner ??
          routes.mounts.find((mo) => mo.call === parent)?.parent;
      }
      // An earlier app.use(auth) covering the path (of a use or of a route such as restify's
      // `server.get('/docs/*', serveStatic)`), or a Fastify onRequest hook on the instance.
      return (
        owner !== undefined &&
        routes.uses.some(
          (u) =>
            u.owner.key === owner.key &&
            (u.orderIndependent || u.call.range[0] < call.range[0]) &&
            pathCovers(u.path, mountPath) &&
            u.middleware.some((n) => isAuthMiddleware(n, extra, textOf)),
        )
      );
    }

    function suggestion(call: TSESTree.CallExpression): TSESLint.ReportSuggestionArray<MessageIds> {
      const fix = getModel().config.auth.fix;
      const parent = call.parent;
      if (
        !fix ||
        parent?.type !== AST_NODE_TYPES.CallExpression ||
        !parent.arguments.includes(call)
      )
        return [];
      const callee = parent.callee;
      if (
        callee.type !== AST_NODE_TYPES.MemberExpression ||
        callee.property.type !== AST_NODE_TYPES.Identifier ||
        callee.property.name !== 'use'
      )
        return [];
      return [
        {
          messageId: 'addAuthMiddleware',
          data: { name: fix.name },
          fix: (fixer) => runMiddlewareBefore(fixer, sourceCode, context.filename, call, fix),
        },
      ];
    }
  },
});
