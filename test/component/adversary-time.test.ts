/**
 * Adversarial paths of time: a laptop asleep past the session's end, a device clock corrected
 * while the form is shown. `holdWidgetClock()` runs the widget's timers on a clock of its own,
 * and `shiftWallClock` moves `Date.now()` without them, as sleep or a clock set by NTP does.
 */
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { observeServerDate } from '../../src/api/server-clock.js';
import { API, groupJson, holdWidgetClock, mount, paidSessionJson, sessionJson, shadow, stubFetch, text, waitForState } from './helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The session as the server dates it: `serverAhead` is how far the server's clock is ahead of this browser's. */
const datedSession = (expiresIn: number, serverAhead = 0) => () => {
  const serverNow = Date.now() + serverAhead;
  const body = JSON.stringify(sessionJson({ expires_at: new Date(serverNow + expiresIn).toISOString() }));
  return new Response(body, { headers: { 'Content-Type': 'application/json', Date: new Date(serverNow).toUTCString() } });
};

function pretendVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('adversary: time', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  let clock: ReturnType<typeof holdWidgetClock> | undefined;

  afterEach(() => {
    fixtureCleanup();
    clock?.restore();
    clock = undefined;
    stub?.restore();
    stub = undefined;
    Reflect.deleteProperty(document, 'visibilityState');
    // The widget keeps the last offset it learned: later tests start from a server on time.
    observeServerDate(API, new Date().toUTCString());
  });

  /** Shows a session with `expiresIn` left on the server, counting the kohort-expired events it fires. */
  async function mountReady(expiresIn: number, serverAhead = 0) {
    stub = stubFetch(datedSession(expiresIn, serverAhead));
    const el = await mount();
    const expired: string[] = [];
    el.addEventListener('kohort-expired', (event) => expired.push(event.detail.sessionId));
    await waitForState(el, 'ready');
    return { el, expired };
  }

  describe('a laptop asleep past the session’s end', () => {
    it('shows the session expired as soon as the page is visible again, not when the timer that slept with it fires', async () => {
      clock = holdWidgetClock();
      const { el, expired } = await mountReady(30 * MINUTE);
      // The lid closes: the page is hidden, and an hour passes with no timer running (they sleep with the machine).
      pretendVisibility('hidden');
      clock.shiftWallClock(HOUR);
      pretendVisibility('visible');
      await clock.advance(0);
      await el.updateComplete;
      expect(el.state, 'the form, with Pay, half an hour after the session ended').to.equal('expired');
      expect(expired).to.deep.equal(['cs_0123456789abcd']);
      expect(shadow(el).querySelector('[part~="pay-button"]')).to.not.exist;
      // The timer armed before the sleep comes due later: nothing more is said.
      await clock.advance(30 * MINUTE);
      expect(expired, 'kohort-expired events').to.have.length(1);
      expect(clock.pending(), 'timers left once expired').to.deep.equal([]);
    });

    it('keeps a session with time left when the page is visible again after a short sleep, and its end where it was', async () => {
      clock = holdWidgetClock();
      const { el, expired } = await mountReady(30 * MINUTE);
      pretendVisibility('hidden');
      clock.shiftWallClock(10 * MINUTE);
      pretendVisibility('visible');
      await clock.advance(20 * MINUTE - 1000);
      expect(el.state).to.equal('ready');
      await clock.advance(1000);
      expect(el.state).to.equal('expired');
      expect(expired).to.have.length(1);
    });
  });

  describe('a checkout removed from the page', () => {
    it('leaves no listener for the page being shown again, and arms no expiry timer when it is', async () => {
      clock = holdWidgetClock();
      const listening = new Set<unknown>();
      const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
      const spy = (name: 'addEventListener' | 'removeEventListener', original: typeof add, adding: boolean) =>
        Object.defineProperty(document, name, {
          configurable: true,
          value(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
            if (type === 'visibilitychange') listening[adding ? 'add' : 'delete'](listener);
            original.call(document, type, listener, options);
          },
        });
      spy('addEventListener', add, true);
      spy('removeEventListener', remove, false);
      try {
        const { el } = await mountReady(30 * MINUTE);
        expect(listening.size, 'listening while the form is shown').to.be.greaterThan(0);
        el.remove();
        // A move in the page is told apart from leaving it in a microtask: let that pass.
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(listening.size, 'visibilitychange listeners left behind').to.equal(0);
        pretendVisibility('hidden');
        pretendVisibility('visible');
        expect(clock.pending(), 'timers armed for a checkout no longer on the page').to.deep.equal([]);
      } finally {
        Reflect.deleteProperty(document, 'addEventListener');
        Reflect.deleteProperty(document, 'removeEventListener');
      }
    });
  });

  describe('a device clock corrected while the form is shown', () => {
    it('shows the session expired when it ends, though the clock was put back after the server’s time was learned', async () => {
      clock = holdWidgetClock();
      // The device is two hours fast; the server's Date says so, and the widget counts on the server's clock.
      const { el, expired } = await mountReady(30 * MINUTE, -2 * HOUR);
      // NTP (or the customer) puts the clock right: Date.now() goes two hours back; the timers do not move.
      clock.shiftWallClock(-2 * HOUR);
      await clock.advance(30 * MINUTE + 1000);
      expect(el.state, 'the form, with Pay, after the session ended on the server').to.equal('expired');
      expect(expired).to.have.length(1);
    });

    it('still waits for the server’s end, not the device’s, when the clock is put forward while the form is shown', async () => {
      clock = holdWidgetClock();
      const { el } = await mountReady(30 * MINUTE);
      clock.shiftWallClock(HOUR);
      await clock.advance(30 * MINUTE - 1000);
      expect(el.state).to.equal('ready');
      await clock.advance(1000);
      expect(el.state).to.equal('expired');
    });
  });

  describe('a device clock put forward while the group’s countdown is shown', () => {
    it('shows the time left again once the group, still open, is read at the zero the wrong clock gave', async () => {
      clock = holdWidgetClock();
      const group = groupJson({ expiresAt: new Date(Date.now() + 12 * MINUTE).toISOString() });
      // The server's clock is the one the timers run on: right all along.
      const dated = (body: unknown) =>
        new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json', Date: new Date(clock!.now()).toUTCString() } });
      stub = stubFetch((request) => dated(request.url.pathname.startsWith('/payment-groups/') ? group : paidSessionJson(group)));
      const el = await mount();
      await waitForState(el, 'completed');
      await waitUntil(() => text(el, '[part~="time-left"]'), 'the countdown never showed', { timeout: 3000 });
      expect(text(el, '[part~="time-left"]')).to.match(/12min\u00a000s$/);
      // The customer (or NTP) puts the clock 15 minutes forward: the next tick says 0s and asks the group, still open.
      clock.shiftWallClock(15 * MINUTE);
      await clock.advance(1000);
      await waitUntil(() => stub!.requests.length >= 3, 'the group was not asked at zero', { timeout: 3000 });
      await waitUntil(() => /1[12]min\u00a0\d\ds$/.test(text(el, '[part~="time-left"]')), 'the countdown stayed at zero on a group with 12 minutes left', {
        timeout: 2000,
      });
    });
  });
});
