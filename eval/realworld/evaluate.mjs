#!/usr/bin/env node
// The real-application loop: lays out and scores the two labelled corpora — the development corpus
// of ../shared/realworld and our own (this folder: REPOS.tsv, LABELS.tsv; repositories, commits and
// labels only, never their code) — with the built plugin, and keeps every finding for judging and
// for before/after comparisons. docs/evaluation.md ("Real applications") says how it is used.
//
//   node eval/realworld/evaluate.mjs repos
//       the repositories to mirror first (owner/name per line, both sets)
//   node eval/realworld/evaluate.mjs extract --mirrors DIR --out DIR
//       lays out our set at its pinned commits as plain files (the shared set: its extract.sh)
//   node eval/realworld/evaluate.mjs score --shared DIR --own DIR [--preset recommended|strict]
//       [--findings OUT.json] [--list FOLDER] [--shared-labels DIR]
//       scores both sets: labelled problems found, look-alikes kept quiet, findings on the pro tier
//   node eval/realworld/evaluate.mjs compare BEFORE.json AFTER.json
//       what a change adds and removes, by tier and rule, and which labels it wins or loses
//   node eval/realworld/evaluate.mjs sample --findings F.json --rule RULE [--tier pro] [--n 30]
//       [--seed 1]
//       a reproducible random sample of findings with their source line, for judging
//
// Scoring is the shared corpus's: a labelled TP is found when a finding of a rule its mode maps to
// lies in the labelled file within 3 lines of the labelled line; a TN is quiet when none does.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.join(here, '..', '..');
// The development corpus's labels: ../shared/realworld beside the project, or --shared-labels DIR
// (from a worktree elsewhere).
const sharedDir = process.argv.includes('--shared-labels')
  ? path.resolve(process.argv[process.argv.indexOf('--shared-labels') + 1])
  : path.join(projectRoot, '..', 'shared', 'realworld');

const [command, ...rest] = process.argv.slice(2);
const option = (name, fallback) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : fallback);

function fail(message) {
  console.error(`evaluate.mjs: ${message}`);
  process.exit(2);
}

function readTsv(file) {
  const [head, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const keys = head.split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((v, i) => [keys[i], v])));
}

/** The two labelled sets: name, repositories (with tiers) and labels. */
function sets() {
  const out = [];
  for (const [name, dir] of [
    ['shared', sharedDir],
    ['own', here],
  ]) {
    if (!existsSync(path.join(dir, 'REPOS.tsv'))) continue;
    out.push({
      name,
      repos: readTsv(path.join(dir, 'REPOS.tsv')),
      labels: readTsv(path.join(dir, 'LABELS.tsv')),
    });
  }
  return out;
}

/** Label modes to the rules that should report them (the shared corpus's mapping). */
function rulesOf(mode) {
  const out = [];
  if (/unauth/.test(mode)) out.push('no-unauthenticated-endpoint');
  if (/select-star|unprojected/.test(mode)) out.push('no-select-star-export');
  if (/unencrypted-write/.test(mode) && !/\(db\)|cred\)/.test(mode)) {
    out.push('no-unencrypted-write');
  }
  if (/no-cleanup/.test(mode)) out.push('require-delete-after-migration');
  if (/phi-log/.test(mode)) out.push('no-patient-data-in-logs');
  if (/(hardcoded|shared)-cred/.test(mode) && !/non-JS/.test(mode)) {
    out.push('no-hardcoded-credentials');
  }
  if (/cleartext/.test(mode)) out.push('no-cleartext-transport');
  if (/public-dir/.test(mode)) out.push('no-public-data-directory');
  if (/weak-pseudonym/.test(mode)) out.push('no-weak-pseudonymization');
  if (/nir-literal/.test(mode)) out.push('no-national-identifier-literal');
  if (/third-party/.test(mode)) out.push('no-patient-data-to-third-party');
  return out;
}

// ---- repos / extract -------------------------------------------------------------------------

function listRepos() {
  for (const set of sets()) for (const repo of set.repos) console.log(repo.repo);
}

const EXTRACTED = /\.(js|jsx|ts|tsx|mjs|cjs|vue|sql|prisma|json|ya?ml|sh)$|\.env/;
const NOT_EXTRACTED =
  /(^|\/)node_modules\/|\.min\.js$|package-lock\.json$|yarn\.lock$|pnpm-lock\.yaml$/;

function extract() {
  const mirrors = option('--mirrors');
  const out = option('--out');
  if (!mirrors || !out) fail('usage: extract --mirrors DIR --out DIR');
  const own = sets().find((set) => set.name === 'own');
  for (const { repo, commit, folder } of own.repos) {
    const gitDir = path.join(mirrors, repo.replace('/', '+'), 'repo');
    const target = path.join(out, folder);
    if (existsSync(path.join(target, '.extracted'))) continue;
    if (!existsSync(gitDir)) {
      console.log(`not mirrored yet: ${repo}`);
      continue;
    }
    const git = (...args) =>
      execFileSync('git', [`--git-dir=${gitDir}`, ...args], { maxBuffer: 1 << 30 });
    let at = commit;
    try {
      git('cat-file', '-e', `${commit}^{commit}`);
    } catch {
      console.log(`pinned commit absent, using HEAD (line numbers may not match): ${repo}`);
      at = 'HEAD';
    }
    let count = 0;
    for (const entry of git('ls-tree', '-r', '-z', at).toString('utf8').split('\0')) {
      const tab = entry.indexOf('\t');
      if (tab < 0) continue;
      const [, type, blob] = entry.slice(0, tab).split(' ');
      const file = entry.slice(tab + 1);
      if (type !== 'blob' || !EXTRACTED.test(file) || NOT_EXTRACTED.test(file)) continue;
      let content;
      try {
        content = git('cat-file', 'blob', blob);
      } catch {
        continue; // a blob the mirror left out (large asset)
      }
      mkdirSync(path.join(target, path.dirname(file)), { recursive: true });
      writeFileSync(path.join(target, file), content);
      count++;
    }
    writeFileSync(path.join(target, '.extracted'), '');
    console.log(`${folder}: ${count} files`);
  }
}

// ---- score ------------------------------------------------------------------------------------

const SKIP_DIR = /^(node_modules|dist|build|coverage|\.git|\.next|out)$/;

/** The source files scored in one repository (the shared scorer's selection). */
function sourceFiles(root) {
  const found = [];
  (function walk(dir) {
    for (const name of readdirSync(dir)) {
      if (SKIP_DIR.test(name)) continue;
      const p = path.join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (dir === root && name === 'lib' && /client-js$/.test(root)) continue; // built output
        if (/node-fhir-server-core\/src\/server$/.test(dir) && name === 'resources') continue;
        walk(p);
      } else if (
        /\.(c|m)?(j|t)sx?$/.test(name) &&
        !/\.min\.js$|\.d\.ts$/.test(name) &&
        st.size < 500_000
      ) {
        found.push(p);
      }
    }
  })(root);
  return found;
}

async function score() {
  const preset = option('--preset', 'recommended');
  const listFolder = option('--list', null);
  const findingsOut = option('--findings', null);
  const corpora = { shared: option('--shared'), own: option('--own') };
  if (!corpora.shared && !corpora.own) fail('usage: score --shared DIR --own DIR (either or both)');
  for (const name of Object.keys(corpora)) {
    if (corpora[name] && !sets().some((set) => set.name === name)) {
      fail(
        `the ${name} set's labels are not found (${name === 'shared' ? `${sharedDir}; pass --shared-labels DIR` : here})`,
      );
    }
  }
  const require = createRequire(path.join(projectRoot, 'package.json'));
  const { ESLint } = require('eslint');
  let plugin = require('eslint-plugin-health-data');
  plugin = plugin.default ?? plugin;
  const config = [].concat(plugin.configs[preset]);

  const findings = [];
  const totals = [];
  for (const set of sets()) {
    const corpus = corpora[set.name];
    if (!corpus) continue;
    if (!existsSync(corpus)) fail(`${corpus} does not exist (extract it first)`);
    const tiers = new Map(set.repos.map((repo) => [repo.folder, repo.tier]));
    const byFile = new Map();
    let proLoc = 0;
    let proFindings = 0;
    console.log(`\n## ${set.name} set (${preset})`);
    for (const { folder } of set.repos) {
      const root = path.join(corpus, folder);
      if (!existsSync(root)) {
        console.log(`${folder}: not laid out in ${corpus}`);
        continue;
      }
      const files = sourceFiles(root);
      if (!files.length) continue;
      const eslint = new ESLint({
        cwd: root,
        overrideConfigFile: true,
        overrideConfig: config,
        ignore: false,
      });
      const results = await eslint.lintFiles(files);
      let loc = 0;
      let count = 0;
      let parseErrors = 0;
      const byRule = {};
      for (const result of results) {
        loc += readFileSync(result.filePath, 'utf8').split('\n').length;
        const file = path.relative(root, result.filePath);
        for (const m of result.messages) {
          if (m.fatal) {
            parseErrors++;
            continue;
          }
          if (!m.ruleId?.startsWith('health-data/')) continue;
          const rule = m.ruleId.slice('health-data/'.length);
          count++;
          byRule[rule] = (byRule[rule] ?? 0) + 1;
          const finding = {
            set: set.name,
            folder,
            tier: tiers.get(folder),
            file,
            line: m.line,
            endLine: m.endLine ?? m.line,
            rule,
            message: m.message,
          };
          findings.push(finding);
          const key = `${folder}\t${file}`;
          if (!byFile.has(key)) byFile.set(key, []);
          byFile.get(key).push(finding);
          if (listFolder === folder) console.log(`${file}:${m.line} ${rule} ${m.message}`);
        }
      }
      if (tiers.get(folder) === 'pro') {
        proLoc += loc;
        proFindings += count;
      }
      console.log(
        JSON.stringify({
          folder,
          tier: tiers.get(folder),
          files: files.length,
          loc,
          findings: count,
          perKloc: +((count / loc) * 1000).toFixed(2),
          parseErrors,
          byRule,
        }),
      );
    }
    const perRule = {};
    const missed = [];
    const loud = [];
    const row = (rule) => (perRule[rule] ??= { found: 0, tps: 0, loud: 0, tns: 0 });
    for (const label of set.labels) {
      const rules = rulesOf(label.mode);
      if (label.label === 'AMBIG' || !rules.length) continue;
      const near = byFile.get(`${label.repo}\t${label.path}`) ?? [];
      const line = Number(label.line);
      const hit = (rule) =>
        near.some((f) => f.rule === rule && line >= f.line - 3 && line <= f.endLine + 3);
      for (const rule of rules) {
        if (label.label === 'TP') {
          row(rule).tps++;
          if (hit(rule)) row(rule).found++;
          else missed.push(`${label.id} ${rule}`);
        } else if (label.label === 'TN') {
          row(rule).tns++;
          if (hit(rule)) {
            row(rule).loud++;
            loud.push(`${label.id} ${rule}`);
          }
        }
      }
    }
    const total = { set: set.name, found: 0, tps: 0, loud: 0, tns: 0, proFindings, proLoc };
    for (const [rule, v] of Object.entries(perRule).sort()) {
      for (const k of ['found', 'tps', 'loud', 'tns']) total[k] += v[k];
      console.log(
        `${rule.padEnd(34)} labelled TPs found ${v.found}/${v.tps}   labelled TNs flagged ${v.loud}/${v.tns}`,
      );
    }
    console.log(`missed TPs: ${missed.join(', ') || 'none'}`);
    console.log(`flagged TNs: ${loud.join(', ') || 'none'}`);
    console.log(
      `pro-tier repositories: ${proFindings} findings in ${proLoc} lines = ${((proFindings / Math.max(proLoc, 1)) * 1000).toFixed(2)} per 1,000 lines`,
    );
    console.log(
      `${set.name} set (${preset}): labelled TPs found ${total.found}/${total.tps}, labelled TNs quiet ${total.tns - total.loud}/${total.tns}`,
    );
    totals.push(total);
  }
  if (totals.length > 1) {
    const sum = (k) => totals.reduce((n, t) => n + t[k], 0);
    console.log(
      `\nboth sets (${preset}): labelled TPs found ${sum('found')}/${sum('tps')}, labelled TNs quiet ${sum('tns') - sum('loud')}/${sum('tns')}, pro tier ${sum('proFindings')} findings in ${sum('proLoc')} lines = ${((sum('proFindings') / sum('proLoc')) * 1000).toFixed(2)} per 1,000 lines`,
    );
  }
  if (findingsOut) {
    writeFileSync(findingsOut, JSON.stringify({ preset, corpora, findings }, null, 1));
    console.log(`findings written to ${findingsOut}`);
  }
}

// ---- compare / sample -------------------------------------------------------------------------

function loadFindings(file) {
  if (!file || !existsSync(file)) fail(`no findings file ${file}`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

const keyOf = (f) => `${f.set}\t${f.folder}\t${f.file}\t${f.line}\t${f.rule}`;

function compare() {
  const [beforeFile, afterFile] = rest;
  const before = loadFindings(beforeFile).findings;
  const after = loadFindings(afterFile).findings;
  const beforeKeys = new Set(before.map(keyOf));
  const afterKeys = new Set(after.map(keyOf));
  const added = after.filter((f) => !beforeKeys.has(keyOf(f)));
  const removed = before.filter((f) => !afterKeys.has(keyOf(f)));
  const tally = (list) => {
    const out = {};
    for (const f of list) out[`${f.tier} ${f.rule}`] = (out[`${f.tier} ${f.rule}`] ?? 0) + 1;
    return out;
  };
  console.log(`findings: ${before.length} → ${after.length}`);
  console.log('added by tier and rule:', tally(added));
  console.log('removed by tier and rule:', tally(removed));
  for (const [title, list] of [
    ['added on the pro tier', added],
    ['removed on the pro tier', removed],
  ]) {
    const pro = list.filter((f) => f.tier === 'pro');
    if (!pro.length) continue;
    console.log(`\n${title} (${pro.length}):`);
    for (const f of pro.slice(0, 200)) {
      console.log(`  ${f.folder}/${f.file}:${f.line} ${f.rule} ${f.message.slice(0, 140)}`);
    }
  }
}

function sample() {
  const data = loadFindings(option('--findings'));
  const rule = option('--rule');
  const tier = option('--tier', 'pro');
  const n = Number(option('--n', '30'));
  let seed = Number(option('--seed', '1'));
  const random = () => {
    // mulberry32: the same sample for the same seed
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pool = data.findings.filter(
    (f) => (!rule || f.rule === rule) && (tier === 'all' || f.tier === tier),
  );
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const chosen = pool.slice(0, n);
  console.log(`${chosen.length} of ${pool.length} findings (${rule ?? 'all rules'}, tier ${tier})`);
  for (const f of chosen) {
    const root = data.corpora[f.set];
    let source = '';
    try {
      source = readFileSync(path.join(root, f.folder, f.file), 'utf8').split('\n')[f.line - 1];
    } catch {
      source = '(file not laid out)';
    }
    console.log(
      `\n${f.folder}/${f.file}:${f.line} ${f.rule}\n  ${f.message}\n  > ${source.trim()}`,
    );
  }
}

const commands = { repos: listRepos, extract, score, compare, sample };
if (!commands[command])
  fail(`usage: evaluate.mjs ${Object.keys(commands).join('|')} … (see the header)`);
await commands[command]();
