import { expect, oneEvent } from '@open-wc/testing';
import { observeServerDate } from '../../src/api/server-clock.js';
import { API, eur, json, mount, sessionJson, shadow, holdWidgetClock, stubFetch, text, trackWidgetTimers, waitForState, expectSameNode, waitForFocus } from './helpers.js';

/** The file whose timer calls the session expired, as `holdWidgetClock()` names it. */
const SESSION_STORE = 'stores/session.ts';

describe('completed and expired sessions', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => stub?.restore());

  it('shows a paid summary for a COMPLETED session', async () => {
    stub = stubFetch(() => json(sessionJson({ status: 'COMPLETED', completed_at: new Date().toISOString() })));
    const el = await mount();
    const ready = await oneEvent(el, 'kohort-ready');
    await waitForState(el, 'completed');
    expect(ready.detail.session.status).to.equal('COMPLETED');
    expect(text(el, '[part~="message"] h2')).to.equal('Paiement reçu');
    expect(text(el, '.paid-amount')).to.equal(eur(7430));
    expect(text(el, '[part~="message"]')).to.contain('marie@example.com');
    await expect(el).to.be.accessible();
  });

  it('shows an EXPIRED session as expired and fires kohort-expired', async () => {
    stub = stubFetch(() => json(sessionJson({ status: 'EXPIRED' })));
    const el = await mount();
    const event = await oneEvent(el, 'kohort-expired');
    await waitForState(el, 'expired');
    expect(event.detail.sessionId).to.equal('cs_0123456789abcd');
    expect(text(el, '[part~="message"] h2')).to.equal('Cette session de paiement a expiré');
    expect(shadow(el).querySelector('[part~="cancel-button"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows an OPEN session whose expires_at is past as expired', async () => {
    stub = stubFetch(() => json(sessionJson({ expires_at: new Date(Date.now() - 1000).toISOString() })));
    const el = await mount();
    await oneEvent(el, 'kohort-expired');
    expect(el.state).to.equal('expired');
  });

  describe('a customer whose clock is off', () => {
    const MINUTE = 60_000;
    // The widget keeps the last offset it learned: later tests start from a server on time.
    afterEach(() => observeServerDate(API, new Date().toUTCString()));
    /** The session as the server dates it: `serverAhead` is how far the server's clock is ahead of this browser's. */
    const datedAnswer = (expiresIn: number, serverAhead: number) => () => {
      const serverNow = Date.now() + serverAhead;
      const body = JSON.stringify(sessionJson({ expires_at: new Date(serverNow + expiresIn).toISOString() }));
      return new Response(body, { headers: { 'Content-Type': 'application/json', Date: new Date(serverNow).toUTCString() } });
    };

    it('can still pay a session with time left on the server, though its own clock says it has passed', async () => {
      const clock = holdWidgetClock();
      try {
        // 31 minutes left on the server; the customer's clock is 35 minutes fast.
        stub = stubFetch(datedAnswer(31 * MINUTE, -35 * MINUTE));
        const el = await mount();
        let expired = false;
        el.addEventListener('kohort-expired', () => (expired = true));
        await waitForState(el, 'ready');
        // The session's clock runs out when the server's does: 31 minutes on (Date counts whole seconds).
        const [expiry, ...others] = clock.pending(SESSION_STORE);
        expect(others, 'other expiry timers').to.deep.equal([]);
        expect(expiry!.delay).to.be.within(31 * MINUTE, 31 * MINUTE + 1000);
        await clock.advance(expiry!.delay - 1);
        expect(el.state).to.equal('ready');
        expect(expired).to.equal(false);
        await clock.advance(1);
        expect(el.state).to.equal('expired');
        expect(expired).to.equal(true);
      } finally {
        clock.restore();
      }
    });

    it('shows a session the server’s clock has passed as expired, though its own clock is slow', async () => {
      stub = stubFetch(datedAnswer(-MINUTE, 2 * 60 * MINUTE));
      const el = await mount();
      await oneEvent(el, 'kohort-expired');
      expect(el.state).to.equal('expired');
    });

    it('keeps to its own clock when the server’s is within a minute of it (Date counts whole seconds)', async () => {
      // 10 seconds left on the server, which is 30 seconds behind: the customer's clock says it has passed.
      stub = stubFetch(datedAnswer(10_000, -30_000));
      const el = await mount();
      await oneEvent(el, 'kohort-expired');
      expect(el.state).to.equal('expired');
    });
  });

  it('never hands the browser a longer timer than it keeps, for a session that ends weeks ahead on a clock far behind', async () => {
    const clock = holdWidgetClock();
    try {
      // A device whose clock is 40 days behind, and no Date the widget can read: 40 days left, on this clock.
      stub = stubFetch(() => json(sessionJson({ expires_at: new Date(Date.now() + 40 * 24 * 3_600_000).toISOString() })));
      const el = await mount();
      await waitForState(el, 'ready');
      // setTimeout runs a delay past 2³¹−1 ms at once: the expiry would be looked at again and again, in a loop.
      expect(clock.pending(SESSION_STORE).map((timer) => timer.delay)).to.deep.equal([2_147_483_647]);
      await clock.advance(2_147_483_647);
      expect(el.state).to.equal('ready');
      expect(clock.pending(SESSION_STORE), 'armed again for the rest').to.have.length(1);
    } finally {
      clock.restore();
    }
  });

  it('switches to expired the moment expires_at passes while shown', async () => {
    stub = stubFetch(() => json(sessionJson({ expires_at: new Date(Date.now() + 400).toISOString() })));
    const el = await mount();
    await waitForState(el, 'ready');
    const event = await oneEvent(el, 'kohort-expired');
    expect(event.detail.sessionId).to.equal('cs_0123456789abcd');
    await waitForState(el, 'expired');
  });

  it('moves the focus from the form to the message when the session expires while the customer types, and not on load; either says it once', async () => {
    stub = stubFetch(() => json(sessionJson({ expires_at: new Date(Date.now() + 400).toISOString() })));
    const el = await mount();
    await waitForState(el, 'ready');
    shadow(el).querySelector<HTMLInputElement>('#email')!.focus();
    await waitForState(el, 'expired');
    await waitForFocus(el, '[part~="message"] h2', 'the message’s heading');
    // The focused heading says it: the live region does not say it again.
    expect(text(el, '[part~="announcer"]')).to.equal('');

    stub.restore();
    stub = stubFetch(() => json(sessionJson({ status: 'EXPIRED' })));
    const loaded = await mount();
    await waitForState(loaded, 'expired');
    await loaded.updateComplete;
    expectSameNode(shadow(loaded).activeElement, null);
    expect(text(loaded, '[part~="announcer"]')).to.equal('Cette session de paiement a expiré');
  });

  it('still expires the moment expires_at passes after being moved in the page', async () => {
    const clock = holdWidgetClock();
    try {
      stub = stubFetch(() => json(sessionJson({ expires_at: new Date(Date.now() + 10 * 60_000).toISOString() })));
      const el = await mount();
      await waitForState(el, 'ready');
      const expired = oneEvent(el, 'kohort-expired');
      // Moved (a shop's layout re-parenting it): disconnected and connected again at once, its session kept.
      const box = document.createElement('div');
      el.after(box);
      box.append(el);
      await el.updateComplete;
      expect(clock.pending(SESSION_STORE), 'the expiry timer, once moved').to.have.length(1);
      await clock.advance(10 * 60_000);
      await waitForState(el, 'expired');
      expect((await expired).detail.sessionId).to.equal('cs_0123456789abcd');
    } finally {
      clock.restore();
    }
  });

  it('leaves no expiry timer behind when removed', async () => {
    // A removed element hears nothing from its stores: only the timers themselves tell.
    const timers = trackWidgetTimers();
    try {
      stub = stubFetch(() => json(sessionJson({ expires_at: new Date(Date.now() + 60_000).toISOString() })));
      const el = await mount();
      await waitForState(el, 'ready');
      expect(timers.pending().filter((timer) => /^\d{5}ms /.test(timer)), 'the expiry timer, armed while shown').to.have.length(1);
      el.remove();
      // A move in the page is told apart from leaving it in a microtask: let that pass.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(timers.pending()).to.deep.equal([]);
    } finally {
      timers.restore();
    }
  });

  it('shows the real session from the sandbox API', async function () {
    const { sandbox } = await import('./helpers.js');
    const el = await mount({ sessionId: 'cs_5eed00000000a1', publishableKey: sandbox.publishableKey, apiBase: sandbox.url });
    await waitForState(el, 'ready');
    expect(shadow(el).querySelectorAll('[part~="line-item"]').length).to.be.greaterThan(1);
    expect(text(el, '[part~="total"] dd')).to.match(/€$/);
    await expect(el).to.be.accessible();
  });

  it('shows a completed and an expired seeded session from the sandbox API', async () => {
    const { sandbox } = await import('./helpers.js');
    const completed = await mount({ sessionId: 'cs_5eed00000000c1', publishableKey: sandbox.publishableKey, apiBase: sandbox.url });
    await waitForState(completed, 'completed');
    const expired = await mount({ sessionId: 'cs_5eed00000000e1', publishableKey: sandbox.publishableKey, apiBase: sandbox.url });
    await waitForState(expired, 'expired');
  });
});
