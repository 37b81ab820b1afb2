import { expect } from '@open-wc/testing';
import { deferred, json, mount, sessionJson, stubFetch, waitForState } from './helpers.js';

/**
 * What a cheap phone waits for, counted rather than timed (the machine is shared and noisy): the timings
 * behind these are in docs/PERFORMANCE.md. Each test file has a page of its own: this one's first test
 * sees the page's first Intl.NumberFormat.
 */
describe('performance on a slow phone', () => {
  it('makes the page’s first number format while the session’s answer travels, not after it', async () => {
    // The first Intl.NumberFormat of a page costs 20 to 35 ms on this machine, over 100 ms at a low-end phone's speed.
    const RealNumberFormat = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = new Proxy(RealNumberFormat, {
      construct(target, args: ConstructorParameters<typeof Intl.NumberFormat>) {
        made += 1;
        return new target(...args);
      },
    });
    const answer = deferred<Response>();
    const stub = stubFetch(() => answer.promise);
    try {
      const el = await mount();
      // Idle callbacks run in the order asked for: the widget asked while rendering its skeleton.
      await new Promise((resolve) => requestIdleCallback(resolve));
      expect(made, 'number formats made while the answer was on its way').to.be.greaterThan(0);
      answer.resolve(json(sessionJson()));
      await waitForState(el, 'ready');
    } finally {
      Intl.NumberFormat = RealNumberFormat;
      stub.restore();
    }
  });
});
