import type { TSESTree } from '@typescript-eslint/utils';
import { healthModel } from '../../../src/model';
import { MigrationFile } from '../../../src/model/migration/file';
import { runProbeRule } from '../probe';

/**
 * Lints `code` with a probe rule that records the file's calls and SQL the way
 * require-delete-after-migration does, and returns what `ask` answers about it at the end.
 */
export function analyse<T>(
  code: string,
  ask: (file: MigrationFile) => T,
  filename = 'src/migration/export.ts',
): T {
  let answer: T | undefined;
  runProbeRule(
    code,
    (context) => {
      const file = new MigrationFile(context.sourceCode, () => healthModel(context));
      return {
        'CallExpression, NewExpression'(node: TSESTree.CallExpression | TSESTree.NewExpression) {
          file.addCall(node);
        },
        TaggedTemplateExpression(node: TSESTree.TaggedTemplateExpression) {
          file.addTaggedTemplate(node);
        },
        'Program:exit'() {
          answer = ask(file);
        },
      };
    },
    filename,
  );
  return answer as T;
}

/** The first call or `new` of the file whose callee reads `name` (`fs.writeFileSync`). */
export function callNamed(
  file: MigrationFile,
  name: string,
): TSESTree.CallExpression | TSESTree.NewExpression {
  const call = file.calls.find((c) => file.sourceCode.getText(c.callee) === name);
  if (!call) throw new Error(`no call of ${name}`);
  return call;
}
