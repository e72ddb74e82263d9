#!/usr/bin/env node
'use strict';
// The `health-data-lint` command. This file is committed (dist/ is built), so that npm links the
// command in a fresh clone too; the root `prepare` script builds dist/ right after `npm ci`.
let cli;
try {
  cli = require('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('health-data-lint: the CLI is not built; run `npm run build` first\n');
    process.exit(2);
  }
  throw error;
}
void cli.main(process.argv.slice(2));
