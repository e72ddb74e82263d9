import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VOCABULARY } from '../../src/model/vocabulary';

describe('docs/health-data-model.md', () => {
  it('lists every vocabulary term of the model', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/health-data-model.md'), 'utf8');
    const missing = VOCABULARY.flatMap((entry) => entry.terms).filter(
      (term) => !doc.includes(`\`${term}\``),
    );
    assert.deepEqual(missing, [], 'regenerate the vocabulary tables of docs/health-data-model.md');
  });
});
