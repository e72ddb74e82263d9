import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundledRuleDoc } from '../../client/src/ruleDocs';
import { rules } from '../../rules/src/rules';

const root = join(__dirname, '..', '..');

describe('client: rule pages open from the extension, offline', () => {
  it("maps every rule's docs.url to its page under dist/docs/rules/, which the build copies from docs/rules/", () => {
    for (const [id, rule] of Object.entries(rules)) {
      const url = (rule.meta.docs as { url?: string }).url;
      assert.ok(url, `${id} has no docs.url`);
      assert.deepEqual(bundledRuleDoc(url), ['dist', 'docs', 'rules', `${id}.md`], url);
      assert.ok(existsSync(join(root, 'docs', 'rules', `${id}.md`)), `docs/rules/${id}.md`);
    }
  });

  it('keeps a section anchor out of the file name', () => {
    assert.deepEqual(
      bundledRuleDoc(
        'https://github.com/health-data-lint/health-data-lint/blob/main/docs/rules/no-unencrypted-write.md#options',
      ),
      ['dist', 'docs', 'rules', 'no-unencrypted-write.md'],
    );
  });

  it('has no bundled page for any other URL, which then opens on the web', () => {
    for (const url of [
      'https://github.com/health-data-lint/health-data-lint/blob/main/docs/ci.md',
      'https://example.com/docs/rules/../../secrets.md',
      'https://example.com/docs/rules/Upper_Case.md',
    ])
      assert.equal(bundledRuleDoc(url), undefined, url);
  });
});
