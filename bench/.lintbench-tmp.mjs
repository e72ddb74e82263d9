import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import fs from 'node:fs';
const dist = process.argv[2];
const file = process.argv[3];
const plugin = (await import(dist + '/rules/dist/index.js')).default;
const text = fs.readFileSync(file, 'utf8');
const linter = new Linter({ configType: 'flat', cwd: '/tmp/health-data-lint-bench/corpus/editor' });
const cfg = [{ files: ['**/*.ts'], languageOptions: { parser }, plugins: { 'health-data': plugin }, rules: plugin.configs.recommended.rules ?? Object.assign({}, ...[plugin.configs.recommended].flat().map(c => c.rules || {})) }];
const times = [];
let n = 0;
for (let i = 0; i < 12; i++) {
  const t = performance.now();
  const m = linter.verify(text + `\n// ${i}\n`, cfg, '/tmp/health-data-lint-bench/corpus/editor/edit.ts');
  times.push(performance.now() - t); n = m.length;
}
times.sort((a, b) => a - b);
console.log(dist, 'findings', n, 'median', times[6].toFixed(0), 'min', times[0].toFixed(0));
