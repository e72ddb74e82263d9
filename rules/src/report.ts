import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { noteRelated, type RelatedLocation } from './model/related';

/**
 * How every rule reports: the ESLint descriptor (node or loc, message id, data, suggestions) and
 * the finding's related locations — where the patient data came from, the mount that exposes a
 * route, the line an audit call belongs on — in one call. The locations are noted for the host at
 * exactly the range ESLint reports (the loc when one is given, else the node), which is how the
 * language server and the CLI find them again; without a host they are dropped.
 */
export type Finding<MessageIds extends string> = TSESLint.ReportDescriptor<MessageIds> & {
  related?: readonly RelatedLocation[];
};

export function report<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  finding: Finding<MessageIds>,
): void {
  const { related, ...descriptor } = finding;
  context.report(descriptor as TSESLint.ReportDescriptor<MessageIds>);
  if (!related || related.length === 0) return;
  const at = reportedAt(descriptor as TSESLint.ReportDescriptor<MessageIds>);
  if (at) noteRelated(context, at, related);
}

/**
 * The range ESLint gives the finding: its loc when one is given (a bare position has no end,
 * and neither has the message), else the node or token.
 */
function reportedAt(
  descriptor: TSESLint.ReportDescriptor<string>,
): TSESTree.Node | TSESTree.SourceLocation | undefined {
  const loc = descriptor.loc;
  if (loc) return 'start' in loc ? loc : ({ start: loc } as TSESTree.SourceLocation);
  return 'node' in descriptor ? (descriptor.node as TSESTree.Node) : undefined;
}
