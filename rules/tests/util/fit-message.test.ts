import * as assert from 'node:assert/strict';
import { fitData } from '../../src/util/fit-message';

const TEMPLATE =
  '{{method}} {{path}} serves patient data ({{reason}}); `{{file}}` mounts it unauthenticated.';

describe('messages fitted to the Problems panel', () => {
  it('leaves a message that fits as it is', () => {
    const data = { method: 'GET', path: '/patients', reason: 'reads `patients`', file: 'app.js' };
    assert.deepEqual(fitData(TEMPLATE, data), data);
  });

  it('cuts the longest value until the message fits, backticks kept paired', () => {
    const data = {
      method: 'POST',
      path: '/api/v1/condition/removeCondition/:conditionId',
      reason: 'changes `medical_conditions_history_of_patients`',
      file: '../../server.js',
    };
    const fitted = fitData(TEMPLATE, data, 100);
    const message = TEMPLATE.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(fitted[k]));
    assert.ok(message.length <= 100, message);
    assert.equal((message.match(/`/g)?.length ?? 0) % 2, 0, message);
    assert.equal(fitted.method, 'POST');
  });

  it('never cuts a value below a readable length', () => {
    const fitted = fitData('{{a}}', { a: 'x'.repeat(40) }, 5);
    assert.ok(String(fitted.a).length >= 8);
  });
});
