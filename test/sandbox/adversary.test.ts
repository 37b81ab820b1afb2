/**
 * Where the sandbox parted from the contract, docs/SANDBOX.md or its own test-mode promise,
 * each found by attacking it over HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

describe('sandbox: what an adversarial review found', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());
  beforeEach(async () => {
    await sandbox.call('/sandbox/faults', { method: 'DELETE' });
  });

  it('breaks only test-mode requests with a fault armed by a test key: a live-mode read is never the one that fails', async () => {
    const armed = await sandbox.call('/sandbox/faults', { body: { path: '/checkout-sessions', status: 500 } });
    assert.equal(armed.status, 201);
    const live = await sandbox.call('/checkout-sessions/cs_5eed00000000f1', { key: sandbox.keys.publishableLive });
    assert.equal(live.status, 200, 'a live-mode request goes through');
    const test = await sandbox.call<ErrorAnswer>('/checkout-sessions/cs_5eed00000000a1');
    assert.equal(test.status, 500, 'the fault is still armed for the test-mode request it was meant for');
  });
});
