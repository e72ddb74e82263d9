/**
 * Where a rule's page lies inside the extension, as path segments under the extension folder.
 * A rule's `docs.url` stays the web page (`…/docs/rules/<rule-id>.md`): users' configs and SARIF
 * reports carry it. The build copies the same pages to dist/docs/rules/ (esbuild.mjs) and the
 * .vsix ships them, so the page opens offline; any other URL has no bundled page.
 */
export function bundledRuleDoc(url: string): string[] | undefined {
  const match = /\/docs\/rules\/([a-z0-9-]+)\.md(?:#[^/]*)?$/.exec(url);
  return match ? ['dist', 'docs', 'rules', `${match[1]}.md`] : undefined;
}
