import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../cli/helpers';
import { SERVER_PATH } from '../helpers/lsp-client';

/**
 * docs/editors.md's Neovim set-ups, run as written in a headless Neovim: each Lua block of the
 * doc is the configuration, with only the server's path and the preset replaced, so the doc and
 * this test cannot drift apart. Debian's `neovim` package (apt-get install neovim) is enough.
 */

const ROOT = join(__dirname, '..', '..');
const DOC = join(ROOT, 'docs', 'editors.md');
const SEED = join(ROOT, 'seeds', 'vulnerable', 'migration', 'migration-exporter.ts');
const DOC_SERVER_PATH = "'~/tools/health-data-lint/dist/server.js'";
const DOC_PRESET = "preset = 'recommended'";
/** On in `strict` only: its diagnostics show that the settings reached the server. */
const STRICT_ONLY_RULE = 'health-data/require-access-audit';

type Version = [number, number];

interface Setup {
  heading: string;
  lua: string;
  since: Version;
  until?: Version;
}

function parseVersion(text: string): Version {
  const [major, minor] = text.split('.').map(Number);
  return [major!, minor!];
}

const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1];

/** Each `### Neovim X.Y …` section of the doc and the Lua block under it. */
function setups(): Setup[] {
  const text = readFileSync(DOC, 'utf8');
  const found: Setup[] = [];
  for (const match of text.matchAll(/^### (Neovim (\d+\.\d+)(?: to (\d+\.\d+))?.*)$/gm)) {
    const rest = text.slice(match.index! + match[0].length);
    const end = rest.search(/^#{1,3} /m);
    const block = /```lua\n([\s\S]*?)```/.exec(end === -1 ? rest : rest.slice(0, end));
    assert.ok(block, `${match[1]} has a Lua block`);
    found.push({
      heading: match[1]!,
      lua: block[1]!,
      since: parseVersion(match[2]!),
      until: match[3] ? parseVersion(match[3]) : undefined,
    });
  }
  return found;
}

function installedNeovim(): { version: Version; text: string } | undefined {
  const run = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  const match = run.status === 0 ? /NVIM v(\d+\.\d+)\.\d+/.exec(run.stdout) : null;
  return match ? { version: parseVersion(match[1]!), text: match[0] } : undefined;
}

/** Replaces one occurrence of `from`, failing when the doc no longer has exactly one. */
function replaceOnce(text: string, from: string, to: string): string {
  const count = text.split(from).length - 1;
  assert.equal(count, 1, `the snippet has ${from} once`);
  return text.replace(from, () => to);
}

// Written after the doc's configuration: waits for the server's diagnostics, writes them out.
const HARNESS = `
local wanted = os.getenv('HDL_WANTED_RULE')
local function arrived()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == wanted then return true end
  end
  return false
end
vim.wait(45000, arrived, 50)
local items = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(items, { code = d.code, line = d.lnum + 1, source = d.source })
end
local out = io.open(os.getenv('HDL_OUT'), 'w')
out:write(vim.fn.json_encode({ filetype = vim.bo.filetype, diagnostics = items }))
out:close()
vim.cmd('qa!')
`;

interface Reported {
  filetype: string;
  diagnostics: { code: string; line: number; source: string }[];
}

function cliFindings(): string[] {
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'rules/dist/cli.js'),
      '--format',
      'json',
      '--config-preset',
      'strict',
      'seeds/vulnerable',
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(run.stdout) as {
    findings: { ruleId: string; file: string; line: number }[];
  };
  return report.findings
    .filter((finding) => finding.file === 'seeds/vulnerable/migration/migration-exporter.ts')
    .map((finding) => `${finding.ruleId}:${finding.line}`)
    .sort();
}

describe('docs/editors.md in a headless Neovim', function () {
  this.timeout(90_000);
  const neovim = installedNeovim();
  const all = setups();
  let scratch: string;

  before(function () {
    ensureBuilt();
    assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run npm run build`);
    assert.ok(all.length >= 3, 'the doc has the Neovim set-ups');
    scratch = mkdtempSync(join(tmpdir(), 'hdl-nvim-'));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const setup of all) {
    const range = `${setup.since.join('.')}${setup.until ? ` to ${setup.until.join('.')}` : '+'}`;
    let reason: string | undefined;
    if (!neovim) reason = 'nvim is not installed (apt-get install neovim)';
    else if (compare(neovim.version, setup.since) < 0)
      reason = `needs Neovim ${range}, ${neovim.text} is installed`;
    else if (setup.until && compare(neovim.version, setup.until) > 0)
      reason = `written for Neovim ${range}, ${neovim.text} is installed`;
    const title = `${setup.heading}: the server's diagnostics arrive, with the settings`;

    it(reason ? `${title} (skipped: ${reason})` : title, function () {
      if (reason) this.skip();
      let lua = replaceOnce(setup.lua, DOC_SERVER_PATH, JSON.stringify(SERVER_PATH));
      lua = replaceOnce(lua, DOC_PRESET, "preset = 'strict'");
      const name = setup.since.join('_');
      const init = join(scratch, `init-${name}.lua`);
      const harness = join(scratch, `harness-${name}.lua`);
      const out = join(scratch, `out-${name}.json`);
      writeFileSync(init, lua);
      writeFileSync(harness, HARNESS);
      // No user configuration, plugins, swap or shada file: only the doc's set-up runs.
      const home = join(scratch, `home-${name}`);
      const run = spawnSync(
        'nvim',
        ['--headless', '-n', '-i', 'NONE', '-u', init, SEED, '-c', `luafile ${harness}`],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 80_000,
          env: {
            ...process.env,
            HOME: home,
            XDG_CONFIG_HOME: join(home, 'config'),
            XDG_DATA_HOME: join(home, 'data'),
            XDG_STATE_HOME: join(home, 'state'),
            XDG_CACHE_HOME: join(home, 'cache'),
            HDL_OUT: out,
            HDL_WANTED_RULE: STRICT_ONLY_RULE,
          },
        },
      );
      assert.equal(run.status, 0, `nvim failed: ${run.stderr}${run.stdout}`);
      assert.ok(existsSync(out), `nvim wrote nothing: ${run.stderr}${run.stdout}`);
      const reported = JSON.parse(readFileSync(out, 'utf8')) as Reported;
      assert.equal(reported.filetype, 'typescript');
      const codes = reported.diagnostics.map((d) => `${d.code}:${d.line}`).sort();
      assert.ok(
        codes.some((code) => code.startsWith(`${STRICT_ONLY_RULE}:`)),
        `no ${STRICT_ONLY_RULE} diagnostic: the settings did not reach the server (${codes.join(', ')})`,
      );
      assert.ok(reported.diagnostics.every((d) => d.source === 'health-data'));
      assert.deepEqual(codes, cliFindings(), 'the editor shows what the CLI reports');
    });
  }
});
