import { expect, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import { allTasks } from 'nanostores';
import type { KohortCheckout, KohortErrorEvent, KohortGroupChangeEvent, KohortReadyEvent, KohortSuccessEvent } from '../../src/kohort-checkout.js';
import { GROUP_EXPANSIONS, NETWORK_POLICY } from '../../src/api/client.js';
import type { CheckoutSession, PaymentGroup, PaymentGroupStatus, PaymentIntentStatus } from '../../src/api/types.js';
import { GROUP_POLL } from '../../src/stores/group.js';
import { observeServerDate } from '../../src/api/server-clock.js';
import {
  API,
  PAID,
  PK,
  apiError,
  clickPay,
  deferred,
  eur,
  json,
  mount,
  mountOnSandbox,
  sandbox,
  shadow,
  stubFetch,
  text,
  texts,
  waitForState,
  type RecordedRequest,
  sleep,
  recordNavigation,
  recordWarnings,
  groupJson as sharedGroupJson,
  holdWidgetClock,
  trackWidgetTimers,
  paidSessionJson as sharedPaidSessionJson,
  type GroupOptions,
  expectSameNode,
  waitForFocus,
} from './helpers.js';

const { sessionId: SESSION_ID, intentId: INTENT_ID, groupId: GROUP_ID, code: CODE } = PAID;
/** sessionJson()'s line items: 2 × 29,90 € + 14,50 €. */
const AMOUNT = 7430;
const SEEDED_GROUP_ID = 'pg_5eed0000000001';
const SEEDED_PAID_SESSION_ID = 'cs_5eed00000000c1';

/** The group's expires_at, fixed for a test as the API's is (a poll compares it): 12 min 03.9 s after the test starts. */
let groupExpiresAt = '';

interface GroupTestOptions extends Omit<GroupOptions, 'expiresAt'> {
  /** Milliseconds from now to expires_at; without it, the test's fixed `groupExpiresAt`. */
  expiresIn?: number;
}

/** The shared group fixture, expiring at this test's fixed `groupExpiresAt` unless `expiresIn` says otherwise. */
function groupJson({ expiresIn, ...options }: GroupTestOptions = {}): PaymentGroup {
  const expiresAt = expiresIn === undefined ? groupExpiresAt : new Date(Date.now() + expiresIn).toISOString();
  return sharedGroupJson({ ...options, expiresAt });
}

/** A COMPLETED session paid into the open group. */
function paidSessionJson(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  return sharedPaidSessionJson(groupJson(), overrides);
}

const isGroupRequest = (request: RecordedRequest) => request.url.pathname.startsWith('/payment-groups/');

/** Answers the session with `session` and the n-th group request (from 0) with `answerGroup(n)`. */
function stubApi(answerGroup: (n: number) => Response | Promise<Response>, session: CheckoutSession = paidSessionJson()) {
  let groupRequests = 0;
  const stub = stubFetch((request) => (isGroupRequest(request) ? answerGroup(groupRequests++) : json(session)));
  return { ...stub, groupRequests: () => stub.requests.filter(isGroupRequest) };
}

/** The files whose timers poll the group and count its time down, as `holdWidgetClock()` names them. */
const GROUP_STORE = 'stores/group.ts';
const COUNTDOWN = 'internal/clock-controller.ts';

/** Waits until the group has been asked for `asked` times in all and the store has scheduled its next poll (one timer). */
async function nextPollScheduled(clock: ReturnType<typeof holdWidgetClock>, api: ReturnType<typeof stubApi>, asked: number) {
  try {
    await waitUntil(() => api.groupRequests().length === asked && clock.pending(GROUP_STORE).length === 1, '');
  } catch {
    throw new Error(`expected ${asked} request(s) and one poll scheduled; ${api.groupRequests().length} sent, scheduled: ${JSON.stringify(clock.pending(GROUP_STORE))}`);
  }
}

/**
 * Once the group has ended: no poll and no countdown is left to run, and the group is asked
 * nothing more (`asked` requests in all) even when the clock moves past its last interval and
 * its expires_at.
 */
async function asksNoMore(clock: ReturnType<typeof holdWidgetClock>, api: ReturnType<typeof stubApi>, asked: number) {
  await allTasks();
  expect(clock.pending(), 'the widget’s timers left once the group ended').to.deep.equal([]);
  await clock.advance(GROUP_POLL.maxMs + 15 * 60_000);
  await allTasks();
  expect(api.groupRequests().length, 'group requests in all').to.equal(asked);
}

const part = (el: KohortCheckout, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const percent = (value: number, locale = 'fr-FR') =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);

/** Waits until the group section shows a group (open or ended) or says it cannot. */
async function waitForGroup(el: KohortCheckout) {
  await waitForState(el, 'completed');
  await waitUntil(() => part(el, 'participants') || text(el, '[part~="group"] .hint:not([aria-busy])'), 'the group never showed', {
    timeout: 3000,
  });
  await el.updateComplete;
}

async function mountPaid(attributes: { locale?: string } = {}) {
  const el = await mount(attributes);
  await waitForGroup(el);
  return el;
}

function participantCount(group: PaymentGroup): number {
  return (group.payment_intents ?? []).filter((intent) => intent.status === 'SUCCEEDED').length;
}


function pretendVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

function pretendOffline() {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
}

/** Back to the browser's own visibilityState, onLine, clipboard and share (our overrides are own properties). */
function restoreBrowser() {
  Reflect.deleteProperty(document, 'visibilityState');
  Reflect.deleteProperty(navigator, 'onLine');
  Reflect.deleteProperty(navigator, 'clipboard');
  Reflect.deleteProperty(navigator, 'share');
}

/** Errors and rejections that escape the element while `body` runs. */
async function uncaughtDuring(body: () => Promise<void>): Promise<unknown[]> {
  const escaped: unknown[] = [];
  const onError = (event: ErrorEvent) => escaped.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => {
    escaped.push(event.reason);
    event.preventDefault();
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await body();
    await sleep(50);
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return escaped;
}

describe('the referral group after paying', () => {
  let stub: ReturnType<typeof stubApi> | undefined;
  const savedPoll = { ...GROUP_POLL };

  beforeEach(() => {
    groupExpiresAt = new Date(Date.now() + 12 * 60_000 + 3_900).toISOString();
  });

  afterEach(() => {
    // Remove the widgets first, so no poll reaches the real fetch once the stub is gone.
    fixtureCleanup();
    stub?.restore();
    stub = undefined;
    Object.assign(GROUP_POLL, savedPoll);
    restoreBrowser();
  });

  describe('showing the group', () => {
    it('shows the code, the participants, the tiers, the cashback and the time left', async () => {
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid();

      expect(text(el, '[part~="message"] h2')).to.equal('Paiement reçu');
      expect(text(el, '.paid-amount')).to.equal(eur(AMOUNT));
      expect(text(el, '#group-heading')).to.equal('Votre groupe de cashback');
      expect(text(el, '[part~="share-code"]')).to.equal(CODE);
      expect(text(el, '[part~="copy-button"]')).to.equal('Copier');
      expect(part(el, 'invite-link')?.getAttribute('href')).to.equal(`https://shop.example.com/?kohort=${CODE}`);
      expect(text(el, '[part~="participants"]')).to.equal('3 sur 15 participants');
      expect(texts(el, 'ul[aria-label="Membres du groupe"] li')).to.deep.equal(['Marie D.', 'Lucas M.', 'Camille B.']);
      expect(texts(el, '[part~="tier"]')).to.deep.equal([
        `2 participants ${percent(5)} Palier actuel`,
        `5 participants ${percent(10)}`,
        `10 participants ${percent(15)}`,
      ]);
      const current = shadow(el).querySelectorAll('[part~="current-tier"]');
      expect(current).to.have.length(1);
      expect(current[0]!.getAttribute('aria-current')).to.equal('true');
      expect(current[0]!.textContent).to.contain(percent(5));
      expect([...shadow(el).querySelectorAll('[part~="tier"]')].map((tier) => tier.getAttribute('aria-current'))).to.deep.equal([
        'true',
        'false',
        'false',
      ]);
      expect(text(el, '[part~="next-tier"]')).to.equal(`Encore 2 amis → ${percent(10)}`);
      // 5 % of 74,30 € = 3,715 €, rounded to 3,72 €.
      expect(text(el, '[part~="cashback"]')).to.equal(`Votre cashback sur cette commande\u00a0: ${eur(372)}`);
      expect(text(el, '[part~="time-left"]')).to.match(/^Temps restant\u00a0: 12min\u00a00[23]s$/);
      expect(part(el, 'group-ended')).to.not.exist;
      expect(text(el, '.share-label')).to.equal('Votre code à partager');
      await expect(el).to.be.accessible();
    });

    it('counts the time left on the server’s clock when the customer’s is two hours fast', async () => {
      const serverAhead = -2 * 3_600_000;
      stub = stubApi(() => {
        const serverNow = Date.now() + serverAhead;
        const body = JSON.stringify(groupJson({ expiresIn: serverAhead + 12 * 60_000 + 3_900 }));
        return new Response(body, { headers: { 'Content-Type': 'application/json', Date: new Date(serverNow).toUTCString() } });
      });
      try {
        const el = await mountPaid();
        // Date counts whole seconds: up to one more.
        expect(text(el, '[part~="time-left"]')).to.match(/^Temps restant\u00a0: 12min\u00a00[2-4]s$/);
        expect(part(el, 'copy-button')).to.exist;
        // A later answer without a readable Date (a hop that hides it) keeps what was learned.
        await el.updateComplete;
        observeServerDate(API, null);
        el.requestUpdate();
        await el.updateComplete;
        expect(text(el, '[part~="time-left"]')).to.match(/^Temps restant\u00a0: 12min\u00a00[1-4]s$/);
      } finally {
        observeServerDate(API, new Date().toUTCString());
      }
    });

    it('counts the time left on its own API’s clock when a widget beside it talks to another API, whose clock is right', async () => {
      const serverAhead = -2 * 3_600_000;
      const OTHER_API = 'https://api.other.kohortpay.example';
      const dated = stubFetch((request) => {
        // This API's server is two hours behind the customer's clock; the other's is on time.
        const ahead = request.url.origin === OTHER_API ? 0 : serverAhead;
        const body = isGroupRequest(request) ? groupJson({ expiresIn: ahead + 12 * 60_000 + 3_900 }) : paidSessionJson();
        return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json', Date: new Date(Date.now() + ahead).toUTCString() } });
      });
      stub = { ...dated, groupRequests: () => dated.requests.filter(isGroupRequest) };
      try {
        const el = await mountPaid();
        expect(text(el, '[part~="time-left"]')).to.match(/^Temps restant\u00a0: 12min\u00a00[2-4]s$/);
        const other = await mount({ apiBase: OTHER_API });
        await waitForGroup(other);
        expect(text(other, '[part~="time-left"]')).to.match(/^Temps restant\u00a0: 12min\u00a00[1-4]s$/);
        el.requestUpdate();
        await el.updateComplete;
        expect(text(el, '[part~="time-left"]')).to.match(/^Temps restant\u00a0: 12min\u00a00[1-4]s$/);
        expect(part(el, 'copy-button')).to.exist;
      } finally {
        observeServerDate(API, new Date().toUTCString());
      }
    });

    it('asks for the group with its tiers, participants and creator, with the publishable key', async () => {
      stub = stubApi(() => json(groupJson()));
      await mountPaid();
      const [request] = stub.groupRequests();
      expect(request!.url.origin).to.equal('https://api.test.kohortpay.example');
      expect(request!.url.pathname).to.equal(`/payment-groups/${GROUP_ID}`);
      expect(request!.url.searchParams.getAll('expand[]')).to.deep.equal(GROUP_EXPANSIONS);
      expect(request!.headers.get('Authorization')).to.equal(`Bearer ${PK}`);
    });

    it('shows the group in English', async () => {
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid({ locale: 'en' });

      expect(text(el, '#group-heading')).to.equal('Your cashback group');
      expect(text(el, '[part~="share-code"]')).to.equal(CODE);
      expect(text(el, '[part~="copy-button"]')).to.equal('Copy');
      expect(text(el, '[part~="participants"]')).to.equal('3 of 15 participants');
      expect(texts(el, 'ul[aria-label="Group members"] li')).to.deep.equal(['Marie D.', 'Lucas M.', 'Camille B.']);
      expect(texts(el, '[part~="tier"]')).to.deep.equal([
        `2 participants ${percent(5, 'en')} Current tier`,
        `5 participants ${percent(10, 'en')}`,
        `10 participants ${percent(15, 'en')}`,
      ]);
      expect(text(el, '[part~="next-tier"]')).to.equal('2 more friends → 10%');
      expect(text(el, '[part~="cashback"]')).to.equal(`Your cashback on this order: ${eur(372, 'en')}`);
      expect(text(el, '[part~="time-left"]')).to.match(/^Time left: 12m\u00a00[23]s$/);
      await expect(el).to.be.accessible();
    });

    it('shows the group in a lazily loaded language with that language’s own words', async () => {
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid({ locale: 'de' });
      await waitUntil(() => text(el, '[part~="copy-button"]') === 'Kopieren', 'the group never read German', { timeout: 3000 });
      expect(text(el, '#group-heading')).to.equal('Ihre Cashback-Gruppe');
      expect(text(el, '[part~="participants"]')).to.equal('3 von 15 Teilnehmenden');
      expect(text(el, '[part~="next-tier"]')).to.equal(`Noch 2 Personen → ${percent(10, 'de')}`);
    });

    it('lays the merchant’s wording over the group view’s words, key by key', async () => {
      stub = stubApi(() => json(groupJson({ status: 'EXPIRED', participants: 1 })));
      const el = await mount();
      // Set before the group view has loaded: its words arrive later and must not undo these.
      el.messages = { groupHeading: 'Votre tribu', groupEnded: { EXPIRED: 'Trop tard !' } };
      await waitForGroup(el);
      expect(text(el, '#group-heading')).to.equal('Votre tribu');
      expect(text(el, '[part~="group-ended"]')).to.equal('Trop tard !');
      expect(text(el, '[part~="participants"]')).to.equal('1 sur 15 participants');
      el.messages = { groupEnded: { COMPLETED: 'Bravo' } };
      await el.updateComplete;
      // The other endings keep the catalogue's words.
      expect(text(el, '[part~="group-ended"]')).to.equal('Le groupe a expiré\u00a0: personne ne l’a rejoint à temps.');
    });

    it('shows AMOUNT tiers as money, and a fixed cashback', async () => {
      const levels = [
        { level: 1, value: 5, participants_to_unlock: 2 },
        { level: 2, value: 12.5, participants_to_unlock: 5 },
        { level: 3, value: 20, participants_to_unlock: 10 },
      ];
      stub = stubApi(() => json(groupJson({ discountType: 'AMOUNT', levels })));
      const el = await mountPaid();

      expect(texts(el, '[part~="tier"]')).to.deep.equal([
        `2 participants ${eur(500)} Palier actuel`,
        `5 participants ${eur(1250)}`,
        `10 participants ${eur(2000)}`,
      ]);
      expect(text(el, '[part~="next-tier"]')).to.equal(`Encore 2 amis → ${eur(1250)}`);
      expect(text(el, '[part~="cashback"]')).to.equal(`Votre cashback sur cette commande\u00a0: ${eur(500)}`);
      await expect(el).to.be.accessible();
    });

    it('shows percentage tiers to the hundredth as the API gives them (2.5 %, 12.25 %), not rounded to whole ones', async () => {
      const levels = [
        { level: 1, value: 2.5, participants_to_unlock: 2 },
        { level: 2, value: 7.5, participants_to_unlock: 5 },
        { level: 3, value: 12.25, participants_to_unlock: 10 },
      ];
      stub = stubApi(() => json(groupJson({ levels })));
      const el = await mountPaid();
      expect(texts(el, '[part~="tier"] strong').map((shown) => shown.replace(/\s/g, ' '))).to.deep.equal(['2,5 %', '7,5 %', '12,25 %']);
      expect(text(el, '[part~="next-tier"]')).to.equal(`Encore 2 amis → ${percent(7.5)}`);
      // 2.5 % of 74.30 €.
      expect(text(el, '[part~="cashback"]')).to.equal(`Votre cashback sur cette commande\u00a0: ${eur(186)}`);
    });

    it('shows no tier as reached and no cashback while the creator is alone', async () => {
      stub = stubApi(() => json(groupJson({ participants: 1 })));
      const el = await mountPaid();
      expect(text(el, '[part~="participants"]')).to.equal('1 sur 15 participants');
      expect(part(el, 'current-tier')).to.not.exist;
      expect(text(el, '[part~="next-tier"]')).to.equal(`Encore 1 ami → ${percent(5)}`);
      expect(part(el, 'cashback')).to.not.exist;
      await expect(el).to.be.accessible();
    });

    describe('with tiers the contract rules out', () => {
    const warnings = recordWarnings();

    it('promises no tier a group of its size cannot reach, and none the contract rules out', async () => {
      const levels = [
        { level: 1, value: 5, participants_to_unlock: 2 },
        { level: 2, value: 7, participants_to_unlock: 2 }, // the same threshold again
        { level: 3, value: 3, participants_to_unlock: 3 }, // less than the tier below
        { level: 4, value: 10, participants_to_unlock: 4 },
        { level: 5, value: 15, participants_to_unlock: 5 }, // more than the group holds
      ];
      stub = stubApi(() => json(groupJson({ participants: 3, maxParticipants: 4, levels })));
      const el = await mountPaid();
      expect(texts(el, '[part~="tier"]')).to.deep.equal([`2 participants ${percent(5)} Palier actuel`, `4 participants ${percent(10)}`]);
      expect(text(el, '[part~="next-tier"]')).to.equal(`Encore 1 ami → ${percent(10)}`);
      expect(warnings.filter((warning) => /Ignored 3 PERCENTAGE cashback tier\(s\) .* group of 4/.test(warning)), 'warned once').to.have.length(1);
    });

    it('counts up to the contract’s 15 when the group’s size is below two (a group holds its creator and a friend)', async () => {
      for (const maxParticipants of [1, 0]) {
        stub = stubApi(() => json(groupJson({ participants: 2, maxParticipants })));
        const el = await mountPaid();
        expect(text(el, '[part~="participants"]'), `max_participants ${maxParticipants}`).to.equal('2 sur 15 participants');
        expect(text(el, '[part~="next-tier"]')).to.equal(`Encore 3 amis → ${percent(10)}`);
        fixtureCleanup();
        stub.restore();
      }
    });

    it('lists the tiers from the smallest group up, and counts toward the next, whatever order the API gives them in', async () => {
      const levels = [
        { level: 3, value: 15, participants_to_unlock: 10 },
        { level: 1, value: 5, participants_to_unlock: 2 },
        { level: 2, value: 10, participants_to_unlock: 5 },
      ];
      stub = stubApi(() => json(groupJson({ participants: 2, levels })));
      const el = await mountPaid();
      expect(texts(el, '[part~="tier"]')).to.deep.equal([`2 participants ${percent(5)} Palier actuel`, `5 participants ${percent(10)}`, `10 participants ${percent(15)}`]);
      expect(text(el, '[part~="next-tier"]')).to.equal(`Encore 3 amis → ${percent(10)}`);
    });

    it('leaves out tiers below two participants, of no value, or above 100 %', async () => {
      const levels = [
        { level: 1, value: 5, participants_to_unlock: 0 },
        // The creator alone: a group of one is no group.
        { level: 1, value: 4, participants_to_unlock: 1 },
        { level: 2, value: -5, participants_to_unlock: 2 },
        { level: 3, value: 10, participants_to_unlock: 5 },
        { level: 4, value: 1_000_000, participants_to_unlock: 10 },
      ];
      stub = stubApi(() => json(groupJson({ participants: 2, levels })));
      const el = await mountPaid();
      expect(texts(el, '[part~="tier"]')).to.deep.equal([`5 participants ${percent(10)}`]);
      expect(part(el, 'cashback')).to.not.exist;
    });

    it('leaves out a tier worth less than 0.01, rather than show "0 %" and a cashback of nothing', async () => {
      const levels = [
        { level: 1, value: 0.0000001, participants_to_unlock: 2 },
        { level: 2, value: 10, participants_to_unlock: 5 },
      ];
      stub = stubApi(() => json(groupJson({ participants: 3, levels })));
      const el = await mountPaid();
      expect(texts(el, '[part~="tier"]')).to.deep.equal([`5 participants ${percent(10)}`]);
      expect(part(el, 'cashback')).to.not.exist;
    });

    it('leaves out a fixed tier too large to be money, rather than promise "∞ €"', async () => {
      const levels = [
        { level: 1, value: 5, participants_to_unlock: 2 },
        { level: 2, value: 1e308, participants_to_unlock: 5 },
      ];
      stub = stubApi(() => json(groupJson({ participants: 3, discountType: 'AMOUNT', levels })));
      const el = await mountPaid();
      expect(texts(el, '[part~="tier"]')).to.deep.equal([`2 participants ${eur(500)} Palier actuel`]);
      expect(text(el, '[part~="group"]')).to.not.contain('∞');
    });
    });

    it('says nothing about tiers when the group has none, and counts up to the contract’s 15 without settings', async () => {
      stub = stubApi(() => json(groupJson({ participants: 1, levels: [] })));
      const el = await mountPaid();
      expect(part(el, 'tiers')).to.not.exist;
      expect(part(el, 'next-tier'), 'no "top tier reached" without tiers').to.not.exist;
      expect(part(el, 'time-left')).to.exist;
      fixtureCleanup();
      stub.restore();

      stub = stubApi(() => json({ ...groupJson({ participants: 1 }), payment_group_settings: undefined }));
      const bare = await mountPaid();
      expect(text(bare, '[part~="participants"]')).to.equal('1 sur 15 participants');
      expect(part(bare, 'next-tier')).to.not.exist;
    });

    it('shows the seeded paid session from the sandbox with its group', async () => {
      const el = await mountOnSandbox(SEEDED_PAID_SESSION_ID);
      await waitForGroup(el);
      expect(text(el, '.paid-amount')).to.equal(eur(4980));
      expect(text(el, '[part~="share-code"]')).to.equal('KHT-test-5EED0001');
      expect(text(el, '[part~="participants"]')).to.match(/^\d+ sur 15 participants$/);
      expect(texts(el, 'ul[aria-label="Membres du groupe"] li')).to.include.members(['Marie D.', 'Lucas M.', 'Camille B.']);
      expect(part(el, 'current-tier')).to.exist;
      expect(text(el, '[part~="time-left"]')).to.match(/^Temps restant\u00a0: \d+h\u00a0\d\dmin$/);
      await expect(el).to.be.accessible();
    });
  });

  describe('in a currency without cents, or with thousandths', () => {
    it('shows a ¥1,000 order as ¥1,000, with tiers and cashback in whole yen', async () => {
      const levels = [
        { level: 1, value: 50, participants_to_unlock: 2 },
        { level: 2, value: 120, participants_to_unlock: 5 },
      ];
      const group = groupJson({ discountType: 'AMOUNT', levels });
      stub = stubApi(() => json(group), sharedPaidSessionJson(group, { currency: 'JPY', amount_total: 1000, locale: 'en_US' }));
      const el = await mountPaid();
      expect(text(el, '.paid-amount')).to.equal('¥1,000');
      expect(texts(el, '[part~="tier"] strong')).to.deep.equal(['¥50', '¥120']);
      expect(text(el, '[part~="next-tier"]')).to.equal('2 more friends → ¥120');
      expect(text(el, '[part~="cashback"]')).to.equal('Your cashback on this order: ¥50');
    });

    it('shows a Kuwaiti order to the fils, and a percentage cashback rounded to the fils', async () => {
      const group = groupJson();
      stub = stubApi(() => json(group), sharedPaidSessionJson(group, { currency: 'KWD', amount_total: 12_345, locale: 'en_US' }));
      const el = await mountPaid();
      expect(text(el, '.paid-amount')).to.equal('KWD\u00a012.345');
      // 5 % of 12.345 KWD is 0.61725: 617 fils.
      expect(text(el, '[part~="cashback"]')).to.equal('Your cashback on this order: KWD\u00a00.617');
    });
  });

  describe('following the group live', () => {
    it('fires kohort-group-change and shows the new count and tier when a friend joins', async () => {
      GROUP_POLL.initialMs = 50;
      const friendJoins = deferred<void>();
      stub = stubApi(async (n) => {
        if (n > 0) await friendJoins.promise;
        return json(groupJson({ participants: n === 0 ? 4 : 5 }));
      });
      const el = await mountPaid();
      expect(text(el, '[part~="participants"]')).to.equal('4 sur 15 participants');
      expect(text(el, '[part~="current-tier"]')).to.contain(percent(5));
      const changes: KohortGroupChangeEvent[] = [];
      el.addEventListener('kohort-group-change', (event) => changes.push(event));

      const changed = oneEvent<KohortGroupChangeEvent>(el, 'kohort-group-change');
      friendJoins.resolve();
      const event = await changed;
      await el.updateComplete;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(participantCount(event.detail.group)).to.equal(5);
      expect(participantCount(event.detail.previous!)).to.equal(4);
      expect(event.detail.group.id).to.equal(GROUP_ID);
      expect(text(el, '[part~="participants"]')).to.equal('5 sur 15 participants');
      expect(texts(el, 'ul[aria-label="Membres du groupe"] li')).to.include('Hugo L.');
      expect(text(el, '[part~="current-tier"]')).to.contain(percent(10));
      expect(text(el, '[part~="next-tier"]')).to.equal(`Encore 5 amis → ${percent(15)}`);
      expect(text(el, '[part~="cashback"]')).to.equal(`Votre cashback sur cette commande\u00a0: ${eur(743)}`);
      // Shown without reloading the session, and announced once.
      await waitUntil(() => stub!.groupRequests().length >= 4, 'polling stopped', { timeout: 2000 });
      expect(stub.requests.filter((request) => !isGroupRequest(request))).to.have.length(1);
      expect(changes).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('shows, says and compares nothing of the last group once session-id moves on to another paid session', async () => {
      const other = { ...groupJson({ participants: 6 }), id: 'pg_00000000000b2b', share_id: 'KHT-test-0B2B0B2B' };
      const otherSession = sharedPaidSessionJson(other, { id: 'cs_00000000000b2b' });
      const otherGroupArrives = deferred<void>();
      const fetched = stubFetch(async (request) => {
        const path = request.url.pathname;
        if (path === `/payment-groups/${other.id}`) {
          await otherGroupArrives.promise;
          return json(other);
        }
        if (isGroupRequest(request)) return json(groupJson());
        return json(path.endsWith(otherSession.id) ? otherSession : paidSessionJson());
      });
      try {
        const el = await mountPaid();
        expect(text(el, '[part~="share-code"]')).to.equal(CODE);
        const changes: Event[] = [];
        el.addEventListener('kohort-group-change', (event) => changes.push(event));

        el.sessionId = otherSession.id;
        await waitUntil(() => fetched.requests.some((request) => request.url.pathname === `/payment-groups/${other.id}`), 'the other group was never asked for');
        await el.updateComplete;
        expect(el.state).to.equal('completed');
        expect(shadow(el).textContent).to.not.contain(CODE);
        expect(part(el, 'copy-button')).to.not.exist;

        otherGroupArrives.resolve();
        await waitUntil(() => text(el, '[part~="share-code"]') === other.share_id, 'the other group never showed');
        await el.updateComplete;
        expect(text(el, '[part~="participants"]')).to.equal('6 sur 15 participants');
        expect(changes).to.have.length(0);
        expect(text(el, '[part~="announcer"]')).to.not.contain('participants');
      } finally {
        fixtureCleanup();
        fetched.restore();
      }
    });

    it('does not fire kohort-group-change on the first load nor while nothing changes', async () => {
      GROUP_POLL.initialMs = 20;
      GROUP_POLL.maxMs = 20;
      stub = stubApi(() => json(groupJson()));
      const changes: Event[] = [];
      const el = await mount();
      el.addEventListener('kohort-group-change', (event) => changes.push(event));
      await waitForGroup(el);
      await waitUntil(() => stub!.groupRequests().length >= 5, 'polling stopped', { timeout: 2000 });
      expect(changes).to.deep.equal([]);
    });

    it('shows a group whose expiry moved, without firing kohort-group-change: neither its participants, status nor tier changed', async () => {
      GROUP_POLL.initialMs = 20;
      const moved = deferred<void>();
      const extended = groupJson({ expiresIn: 3 * 3_600_000 + 30 * 60_000 });
      stub = stubApi(async (n) => {
        if (n > 0) await moved.promise;
        return json(n === 0 ? groupJson() : extended);
      });
      const el = await mountPaid();
      const changes: Event[] = [];
      el.addEventListener('kohort-group-change', (event) => changes.push(event));
      moved.resolve();
      await waitUntil(() => text(el, '[part~="time-left"]').includes('3h'), 'the later expiry never showed', { timeout: 2000 });
      expect(changes).to.deep.equal([]);
    });

    it('counts a friend whose payment was still processing once it succeeds', async () => {
      GROUP_POLL.initialMs = 20;
      const paymentSucceeds = deferred<void>();
      stub = stubApi(async (n) => {
        if (n > 0) await paymentSucceeds.promise;
        return json(groupJson({ participants: 4, intentStatuses: ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', n === 0 ? 'PROCESSING' : 'SUCCEEDED'] }));
      });
      const el = await mountPaid();
      expect(text(el, '[part~="participants"]')).to.equal('3 sur 15 participants');
      const changes: KohortGroupChangeEvent[] = [];
      el.addEventListener('kohort-group-change', (event) => changes.push(event));
      paymentSucceeds.resolve();
      await waitUntil(() => stub!.groupRequests().length >= 4, 'polling stopped', { timeout: 2000 });
      await el.updateComplete;
      expect(text(el, '[part~="participants"]')).to.equal('4 sur 15 participants');
      expect(changes).to.have.length(1);
      expect(participantCount(changes[0]!.detail.group)).to.equal(4);
    });

    it('follows a friend joining the seeded group on the sandbox', async () => {
      GROUP_POLL.initialMs = 200;
      const el = await mountOnSandbox(SEEDED_PAID_SESSION_ID);
      await waitForGroup(el);
      const before = Number(/^(\d+) sur/.exec(text(el, '[part~="participants"]'))?.[1]);
      expect(before).to.be.greaterThan(0);

      const changed = oneEvent<KohortGroupChangeEvent>(el, 'kohort-group-change');
      const joined = await fetch(`${sandbox.url}/sandbox/payment-groups/${SEEDED_GROUP_ID}/participants`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sandbox.publishableKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ count: 1, first_name: 'Zoé', last_name: 'Testeuse' }),
      });
      expect(joined.status).to.equal(201);
      const event = await changed;
      await el.updateComplete;

      expect(event.detail.previous!.payment_intents).to.have.length(before);
      expect(event.detail.group.payment_intents).to.have.length(before + 1);
      expect(text(el, '[part~="participants"]')).to.equal(`${before + 1} sur 15 participants`);
      expect(texts(el, 'ul[aria-label="Membres du groupe"] li')).to.include('Zoé T.');
    });

    it('asks less and less often while the group does not change', async () => {
      Object.assign(GROUP_POLL, { initialMs: 1000, factor: 2, maxMs: 10_000 });
      const clock = holdWidgetClock();
      try {
        stub = stubApi(() => json(groupJson()));
        await mountPaid();
        // Each poll comes when the one before has been answered: let the clock reach it, six times.
        for (let asked = 1; asked <= 7; asked++) {
          await nextPollScheduled(clock, stub, asked);
          if (asked < 7) await clock.advance(clock.pending(GROUP_STORE)[0]!.delay);
        }
        expect(clock.delays(GROUP_STORE), `the waits between polls: ${clock.delays(GROUP_STORE).join(', ')}`).to.deep.equal([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
      } finally {
        clock.restore();
      }
    });

    it('asks at the first interval again once the group changes', async () => {
      // A friend joins on the fourth answer: the interval, grown tenfold twice, is back to the first.
      Object.assign(GROUP_POLL, { initialMs: 1000, factor: 10, maxMs: 60_000 });
      const clock = holdWidgetClock();
      try {
        stub = stubApi((n) => json(groupJson({ participants: n < 3 ? 3 : 4 })));
        await mountPaid();
        for (let asked = 1; asked <= 5; asked++) {
          await nextPollScheduled(clock, stub, asked);
          if (asked < 5) await clock.advance(clock.pending(GROUP_STORE)[0]!.delay);
        }
        expect(clock.delays(GROUP_STORE), `the waits between polls: ${clock.delays(GROUP_STORE).join(', ')}`).to.deep.equal([1000, 10_000, 60_000, 1000, 10_000]);
      } finally {
        clock.restore();
      }
    });
  });

  describe('pausing', () => {
    it('asks nothing while the page is hidden, and asks again as soon as it is visible', async () => {
      const clock = holdWidgetClock();
      try {
        stub = stubApi(() => json(groupJson()));
        await mountPaid();
        await nextPollScheduled(clock, stub, 1);

        pretendVisibility('hidden');
        expect(clock.pending(GROUP_STORE), 'a poll scheduled while hidden').to.deep.equal([]);
        await clock.advance(GROUP_POLL.maxMs);
        expect(stub.groupRequests().length, 'requests while hidden').to.equal(1);

        Reflect.deleteProperty(document, 'visibilityState');
        document.dispatchEvent(new Event('visibilitychange'));
        expect(document.visibilityState).to.equal('visible');
        // Asked at once, with the clock standing still, and polled again after.
        await nextPollScheduled(clock, stub, 2);
      } finally {
        clock.restore();
      }
    });

    it('starts the back-off over when the page is visible again: after the read at once, the next comes 6 s later, not at the slowed pace', async () => {
      const clock = holdWidgetClock();
      try {
        stub = stubApi(() => json(groupJson()));
        await mountPaid();
        await nextPollScheduled(clock, stub, 1);
        // Unchanged, the group is asked less and less often: 4 s, then 6 s, 9 s and 13.5 s later.
        for (let asked = 2; asked <= 5; asked += 1) {
          await clock.advance(clock.pending(GROUP_STORE)[0]!.delay);
          await nextPollScheduled(clock, stub, asked);
        }
        expect(clock.pending(GROUP_STORE)[0]!.delay, 'slowed down').to.be.greaterThan(GROUP_POLL.initialMs * GROUP_POLL.factor);

        pretendVisibility('hidden');
        Reflect.deleteProperty(document, 'visibilityState');
        document.dispatchEvent(new Event('visibilitychange'));
        // The customer is back: a friend who joined meanwhile shows now, and one who joins next within seconds.
        await nextPollScheduled(clock, stub, 6);
        expect(clock.pending(GROUP_STORE)[0]!.delay).to.equal(GROUP_POLL.initialMs * GROUP_POLL.factor);
      } finally {
        clock.restore();
      }
    });

    it('counts nothing down while the page is hidden, and shows the time left at once when it is visible again', async () => {
      const clock = holdWidgetClock();
      try {
        stub = stubApi(() => json(groupJson()));
        const el = await mountPaid();
        await nextPollScheduled(clock, stub, 1);
        const shown = text(el, '[part~="time-left"]');
        expect(shown).to.match(/^Temps restant\u00a0: 12min\u00a00[23]s$/);

        pretendVisibility('hidden');
        expect(clock.pending(COUNTDOWN), 'a countdown tick while hidden').to.deep.equal([]);
        await clock.advance(60_000);

        Reflect.deleteProperty(document, 'visibilityState');
        document.dispatchEvent(new Event('visibilitychange'));
        await el.updateComplete;
        // Not the minute-old time until the next tick: the customer coming back sees the time left now.
        expect(text(el, '[part~="time-left"]')).to.equal(shown.replace('12min', '11min'));
      } finally {
        clock.restore();
      }
    });

    it('asks nothing while offline, and asks again as soon as it is back online', async () => {
      const clock = holdWidgetClock();
      try {
        stub = stubApi(() => json(groupJson()));
        await mountPaid();
        await nextPollScheduled(clock, stub, 1);

        pretendOffline();
        // The poll scheduled before the connection dropped is dropped too, as when the page is hidden.
        expect(clock.pending(GROUP_STORE), 'a poll scheduled while offline').to.deep.equal([]);
        await clock.advance(GROUP_POLL.maxMs);
        expect(stub.groupRequests().length, 'requests while offline').to.equal(1);

        Reflect.deleteProperty(navigator, 'onLine');
        window.dispatchEvent(new Event('online'));
        await nextPollScheduled(clock, stub, 2);
      } finally {
        clock.restore();
      }
    });

    it('asks nothing more once removed from the page, even when the time runs out', async () => {
      const clock = holdWidgetClock();
      try {
        stub = stubApi(() => json(groupJson({ expiresIn: 400 })));
        const el = await mountPaid();
        await nextPollScheduled(clock, stub, 1);
        expect(clock.pending(COUNTDOWN), 'the countdown ticks').to.have.length(1);
        el.remove();
        // Neither the next poll nor the countdown, which asks for the group at zero, is left to run.
        expect(clock.pending(), 'timers left after removal').to.deep.equal([]);
        await clock.advance(GROUP_POLL.maxMs);
        expect(stub.groupRequests().length).to.equal(1);
      } finally {
        clock.restore();
      }
    });

    it('follows nothing when removed from the page before the group’s view has loaded', async () => {
      const clock = holdWidgetClock();
      let api: ReturnType<typeof stubFetch> | undefined;
      try {
        const session = deferred<Response>();
        api = stubFetch((request) => (isGroupRequest(request) ? json(groupJson()) : session.promise));
        const groupRequests = () => api!.requests.filter(isGroupRequest);
        const el = await mount();
        // Shown and at once taken off the page (a single-page app moving on): the group view's code is still on its way.
        el.addEventListener('kohort-ready', () => el.remove());
        session.resolve(json(paidSessionJson()));
        await waitUntil(() => !el.isConnected, 'the paid session was never shown');
        await allTasks();
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(clock.pending(), 'timers left by the removed element').to.deep.equal([]);
        expect(groupRequests(), 'the group asked for').to.have.length(1);
        await clock.advance(GROUP_POLL.maxMs);
        expect(groupRequests()).to.have.length(1);
      } finally {
        api?.restore();
        clock.restore();
      }
    });

    it('follows the group again when moved elsewhere in the page', async () => {
      const clock = holdWidgetClock();
      try {
        stub = stubApi(() => json(groupJson()));
        const el = await mountPaid();
        await nextPollScheduled(clock, stub, 1);
        const parent = el.parentElement!;
        el.remove();
        expect(clock.pending(GROUP_STORE), 'a poll scheduled while out of the page').to.deep.equal([]);
        await clock.advance(GROUP_POLL.maxMs);
        parent.append(el);
        // Asked at once on coming back, then polled as before.
        await nextPollScheduled(clock, stub, 2);
        await clock.advance(clock.pending(GROUP_STORE)[0]!.delay);
        await nextPollScheduled(clock, stub, 3);
        expect(text(el, '[part~="share-code"]')).to.equal(CODE);
        expect(stub.requests.filter((request) => !isGroupRequest(request))).to.have.length(1);
      } finally {
        clock.restore();
      }
    });

    describe('when the connection drops while a poll is under way', () => {
      // A fixed expiry: each poll's answer is the same group, so nothing but the connection changes.
      const group = sharedGroupJson({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      let stub: ReturnType<typeof stubFetch> | undefined;
      let clock: ReturnType<typeof holdWidgetClock> | undefined;
      const initial = { ...GROUP_POLL };
      afterEach(() => {
        clock?.restore();
        clock = undefined;
        stub?.restore();
        stub = undefined;
        Reflect.deleteProperty(navigator, 'onLine');
        Object.assign(GROUP_POLL, initial);
      });

      /** The paid view with its group shown and its next poll scheduled; group reads answered by `answer(n)` (n from 0). */
      async function paidWithGroup(answer: (n: number) => Response | Promise<Response>) {
        GROUP_POLL.initialMs = 1000;
        clock = holdWidgetClock();
        let n = 0;
        stub = stubFetch((request) => (isGroupRequest(request) ? answer(n++) : json(sharedPaidSessionJson(group))));
        const el = await mount();
        await waitForState(el, 'completed');
        await waitUntil(() => shadow(el).querySelector('[part~="share-code"]') && clock!.pending(GROUP_STORE).length === 1, 'the group never showed, or no poll was scheduled');
        return { el, groupRequests: () => stub!.requests.filter(isGroupRequest).length };
      }

      it('keeps showing the group, never "cannot be shown right now", when a poll under way as the connection drops fails', async () => {
        NETWORK_POLICY.retries = 0;
        // The second read fails as a fetch does offline, once the connection has dropped.
        const dropped = deferred<void>();
        const { el, groupRequests } = await paidWithGroup((n) => (n === 1 ? dropped.promise.then(() => Promise.reject(new TypeError('Failed to fetch'))) : json(group)));
        await clock!.advance(clock!.pending(GROUP_STORE)[0]!.delay);
        await waitUntil(() => groupRequests() === 2, 'the poll never went out');
        pretendOffline();
        dropped.resolve();
        await allTasks();
        await el.updateComplete;
        expect(text(el, '[part~="share-code"]')).to.equal(PAID.code);
        expect(text(el, '[part~="group"] .hint')).to.not.equal('Votre groupe ne peut pas être affiché pour le moment. Votre paiement est bien enregistré.');
        expect(clock!.pending(GROUP_STORE), 'a poll scheduled while offline').to.deep.equal([]);

        Reflect.deleteProperty(navigator, 'onLine');
        window.dispatchEvent(new Event('online'));
        await waitUntil(() => groupRequests() === 3 && clock!.pending(GROUP_STORE).length === 1, 'not asked again once back online');
        expect(text(el, '[part~="share-code"]')).to.equal(PAID.code);
      });

      it('asks once, not twice, when the connection comes back while a read is under way', async () => {
        // The second read answers only when told: the connection comes back meanwhile.
        const slow = deferred<void>();
        const { el, groupRequests } = await paidWithGroup((n) => (n === 1 ? slow.promise.then(() => json(group)) : json(group)));
        await clock!.advance(clock!.pending(GROUP_STORE)[0]!.delay);
        await waitUntil(() => groupRequests() === 2, 'the poll never went out');
        window.dispatchEvent(new Event('online'));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(groupRequests(), 'a second read beside the one under way').to.equal(2);
        slow.resolve();
        await waitUntil(() => clock!.pending(GROUP_STORE).length === 1, 'no next poll once the read under way answered');
        expect(text(el, '[part~="share-code"]')).to.equal(PAID.code);
      });
    });
  });

  describe('when the group ends', () => {
    it('stops asking and shows the final tier once the group is COMPLETED', async () => {
      const clock = holdWidgetClock();
      try {
        stub = stubApi((n) => json(groupJson({ participants: n === 0 ? 4 : 5, status: n === 0 ? 'OPEN' : 'COMPLETED' })));
        const el = await mountPaid();
        await nextPollScheduled(clock, stub, 1);
        const changed = oneEvent<KohortGroupChangeEvent>(el, 'kohort-group-change');
        await clock.advance(clock.pending(GROUP_STORE)[0]!.delay);
        const event = await changed;
        await el.updateComplete;
        expect(event.detail.previous!.status).to.equal('OPEN');
        expect(event.detail.group.status).to.equal('COMPLETED');

        const ended = part(el, 'group-ended');
        expect(ended?.dataset.status).to.equal('COMPLETED');
        expect(text(el, '[part~="group-ended"]')).to.equal(
          `Groupe terminé\u00a0: chaque membre reçoit le palier final. Cashback final pour tous\u00a0: ${percent(10)}`,
        );
        expect(text(el, '[part~="participants"]')).to.equal('5 sur 15 participants');
        expect(text(el, '[part~="current-tier"]')).to.contain(percent(10));
        expect(text(el, '[part~="cashback"]')).to.equal(`Votre cashback sur cette commande\u00a0: ${eur(743)}`);
        expect(text(el, '[part~="share-code"]')).to.equal(CODE);
        for (const gone of ['copy-button', 'share-button', 'invite-link', 'next-tier', 'time-left']) {
          expect(part(el, gone), gone).to.not.exist;
        }
        await asksNoMore(clock, stub, 2);
        await expect(el).to.be.accessible();
      } finally {
        clock.restore();
      }
    });

    const endings: Array<{ status: PaymentGroupStatus; participants: number; message: string }> = [
      { status: 'EXPIRED', participants: 1, message: 'Le groupe a expiré\u00a0: personne ne l’a rejoint à temps.' },
      { status: 'CANCELED', participants: 2, message: 'Ce groupe a été annulé.' },
    ];
    for (const { status, participants, message } of endings) {
      it(`shows a ${status} group as such and asks no more`, async () => {
        const clock = holdWidgetClock();
        try {
          stub = stubApi(() => json(groupJson({ status, participants })));
          const el = await mountPaid();
          expect(part(el, 'group-ended')?.dataset.status).to.equal(status);
          expect(text(el, '[part~="group-ended"]')).to.equal(message);
          expect(text(el, '[part~="participants"]')).to.equal(`${participants} sur 15 participants`);
          expect(part(el, 'copy-button')).to.not.exist;
          // Nothing left to share: the code is the group's, not one to pass on.
          expect(text(el, '.share-label')).to.equal('Le code de votre groupe');
          expect(part(el, 'time-left')).to.not.exist;
          expect(part(el, 'next-tier')).to.not.exist;
          // Ended before it was shown: nothing happened while the customer watched, so nothing is said.
          expect(text(el, '[part~="announcer"]')).to.not.contain(message);
          await asksNoMore(clock, stub, 1);
          await expect(el).to.be.accessible();
        } finally {
          clock.restore();
        }
      });
    }

    /** A shown group that ends (as `status`) once `groupEnds` resolves; the live region's every word is recorded. */
    async function groupEndingWhileShown(status: PaymentGroupStatus) {
      GROUP_POLL.initialMs = 20;
      GROUP_POLL.maxMs = 20;
      const groupEnds = deferred<void>();
      stub = stubApi(async (n) => {
        if (n > 0) await groupEnds.promise;
        return json(groupJson({ participants: 4, status: n === 0 ? 'OPEN' : status }));
      });
      const el = await mountPaid();
      const said: string[] = [];
      const announcer = part(el, 'announcer')!;
      new MutationObserver(() => said.push(announcer.textContent!.trim())).observe(announcer, { childList: true, characterData: true, subtree: true });
      return { el, said, end: () => groupEnds.resolve() };
    }

    for (const status of ['COMPLETED', 'EXPIRED'] as const) {
      it(`moves the focus from Copy to how a group ${status} while shown ended, which says it once: the live region does not repeat it`, async () => {
        const { el, said, end } = await groupEndingWhileShown(status);
        part(el, 'copy-button')!.focus();
        end();
        await waitUntil(() => part(el, 'group-ended'), 'the group never ended', { timeout: 2000 });
        await waitForFocus(el, '[part~="group-ended"]', 'the ended group’s message');
        await el.updateComplete;
        expect(text(el, '[part~="group-ended"]')).to.match(/^(Groupe terminé|Le groupe a expiré)/);
        expect(said.join(' | ')).to.not.match(/Groupe terminé|Le groupe a expiré/);
        await expect(el).to.be.accessible();
      });
    }

    it('tells the page (kohort-group-change) when the group ends while shown, with the same participants and tier', async () => {
      const { el, end } = await groupEndingWhileShown('EXPIRED');
      setTimeout(end);
      const { detail } = (await oneEvent(el, 'kohort-group-change')) as KohortGroupChangeEvent;
      expect(detail.previous?.status).to.equal('OPEN');
      expect(detail.group.status).to.equal('EXPIRED');
      expect(participantCount(detail.group)).to.equal(participantCount(detail.previous!));
    });

    it('says a group that ended while shown to a customer whose focus is elsewhere (on Continue), and leaves the focus there', async () => {
      const { el, said, end } = await groupEndingWhileShown('EXPIRED');
      part(el, 'continue-button')!.focus();
      end();
      await waitUntil(() => part(el, 'group-ended'), 'the group never ended', { timeout: 2000 });
      await waitUntil(() => said.length, 'nothing was said');
      expect(said).to.deep.equal(['Le groupe a expiré\u00a0: personne ne l’a rejoint à temps.']);
      expectSameNode(shadow(el).activeElement, part(el, 'continue-button'));
    });

    it('says a group that ended while shown to a customer who never was in the widget (a paid page just loaded), and leaves the page’s focus alone', async () => {
      const { el, said, end } = await groupEndingWhileShown('COMPLETED');
      (document.activeElement as HTMLElement | null)?.blur();
      expectSameNode(document.activeElement, document.body);
      end();
      await waitUntil(() => part(el, 'group-ended'), 'the group never ended', { timeout: 2000 });
      await waitUntil(() => said.length, 'nothing was said');
      await el.updateComplete;
      expect(said[0]).to.match(/^Groupe terminé/);
      expectSameNode(document.activeElement, document.body, 'the focus was pulled into the widget');
    });

    it('shows a group whose status and intents this version does not know, counting only paid ones, and asks no more', async () => {
      const clock = holdWidgetClock();
      try {
        // A newer API: a group status and an intent status the contract does not list yet.
        const group = groupJson({ status: 'PENDING_PAYOUT', participants: 4, intentStatuses: ['SUCCEEDED', 'CASHBACK_SENT', 'REFUNDED' as PaymentIntentStatus, 'SUCCEEDED'] });
        stub = stubApi(() => json(group), sharedPaidSessionJson(group));
        const el = await mountPaid();
        expect(el.state).to.equal('completed');
        expect(text(el, '[part~="share-code"]')).to.equal(CODE);
        expect(text(el, '[part~="participants"]')).to.equal('3 sur 15 participants');
        expect(part(el, 'group-ended')).to.not.exist;
        expect(part(el, 'copy-button')).to.not.exist;
        expect(part(el, 'time-left')).to.not.exist;
        await asksNoMore(clock, stub, 1);
        await expect(el).to.be.accessible();
      } finally {
        clock.restore();
      }
    });

    it('says nothing of how a group ended when its new status names a property every object has (toString)', async () => {
      GROUP_POLL.initialMs = 20;
      GROUP_POLL.maxMs = 20;
      const groupEnds = deferred<void>();
      stub = stubApi(async (n) => {
        if (n > 0) await groupEnds.promise;
        return json(groupJson({ participants: 4, status: n === 0 ? 'OPEN' : 'toString' }));
      });
      const el = await mountPaid();
      const announced: string[] = [];
      const announcer = shadow(el).querySelector('[part~="announcer"]')!;
      new MutationObserver(() => announced.push(announcer.textContent ?? '')).observe(announcer, { childList: true, characterData: true, subtree: true });
      groupEnds.resolve();
      await waitUntil(() => part(el, 'copy-button') === null, 'the group never left OPEN', { timeout: 2000 });
      // The live region is set with the group that changed, and rendered with it.
      await el.updateComplete;
      expect(announced, 'said in the live region').to.deep.equal([]);
      expect(text(el, '[part~="group"]')).to.not.contain('function');
    });

    it('shows a COMPLETED group in English', async () => {
      stub = stubApi(() => json(groupJson({ status: 'COMPLETED', participants: 5 })));
      const el = await mountPaid({ locale: 'en' });
      expect(text(el, '[part~="group-ended"]')).to.equal(
        `Group complete: every member gets the final tier. Final cashback for everyone: ${percent(10, 'en')}`,
      );
    });

    it('counts the time down and asks for the group again when it reaches zero', async () => {
      const clock = holdWidgetClock();
      try {
        const expiresAt = clock.now() + 2_300;
        const askedAt: number[] = [];
        stub = stubApi((n) => {
          askedAt.push(Date.now());
          return json(n === 0 ? groupJson({ expiresIn: expiresAt - Date.now() }) : groupJson({ status: 'COMPLETED', expiresIn: -100 }));
        });
        const el = await mountPaid();
        // The clock moves on by tenths of a second, as the customer watches: each time, the whole seconds left.
        const secondsLeft = () => `Temps restant\u00a0: ${Math.floor(Math.max(0, expiresAt - clock.now()) / 1000)}s`;
        const seen = [text(el, '[part~="time-left"]')];
        const wrong: string[] = [];
        for (;;) {
          const timeLeft = text(el, '[part~="time-left"]');
          if (timeLeft !== secondsLeft()) wrong.push(`${expiresAt - clock.now()} ms before: ${timeLeft}`);
          if (timeLeft !== seen.at(-1)) seen.push(timeLeft);
          await clock.advance(100);
          if (stub.groupRequests().length > 1 || clock.now() > expiresAt + 1000) break;
        }
        expect(wrong, 'a wrong time left').to.deep.equal([]);
        expect(seen).to.deep.equal(['Temps restant\u00a0: 2s', 'Temps restant\u00a0: 1s', 'Temps restant\u00a0: 0s']);
        expect(askedAt).to.have.length(2);
        expect(askedAt[1]! - expiresAt, 'asked again at zero (ms after expires_at)').to.be.within(0, 1);
        await waitUntil(() => part(el, 'group-ended'), 'the group never ended');
        expect(part(el, 'group-ended')!.dataset.status).to.equal('COMPLETED');
      } finally {
        clock.restore();
      }
    });

    it('stops at zero and asks once, not in a loop, while the API still says the group is open', async () => {
      const clock = holdWidgetClock();
      try {
        // expires_at has passed, but the API has not closed the group yet: each answer is the same.
        stub = stubApi(() => json(groupJson({ expiresIn: -2_000 })));
        const el = await mountPaid();
        expect(text(el, '[part~="time-left"]')).to.equal('Temps restant\u00a0: 0s');
        await nextPollScheduled(clock, stub, 2);
        await allTasks();
        expect(clock.pending(COUNTDOWN), 'a countdown tick at zero').to.deep.equal([]);
        expect(stub.groupRequests(), 'asked again at zero, then polled as before').to.have.length(2);
      } finally {
        clock.restore();
      }
    });
  });

  describe('sharing the code', () => {
    it('copies the code and says so', async () => {
      const copied: string[] = [];
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: async (value: string) => void copied.push(value) },
      });
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid();
      part(el, 'copy-button')!.click();
      await waitUntil(() => text(el, '[part~="share"] .copy-status'), 'no copy status', { timeout: 1000 });
      expect(copied).to.deep.equal([CODE]);
      expect(text(el, '[part~="share"] .copy-status')).to.equal('Code copié');
      expect(text(el, '[part~="announcer"]')).to.equal('Code copié');
      await expect(el).to.be.accessible();
    });

    it('says "Code copied" for a few seconds, not for good', async () => {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => undefined } });
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid();
      const status = () => text(el, '[part~="share"] .copy-status');
      // The seconds are not waited for: timers of more than two seconds are held, then run at once.
      const held: (() => void)[] = [];
      const realSetTimeout = window.setTimeout;
      window.setTimeout = ((callback: () => void, ms = 0) => (ms > 2000 ? held.push(callback) : realSetTimeout(callback, ms))) as typeof window.setTimeout;
      try {
        part(el, 'copy-button')!.click();
        await waitUntil(() => status() === 'Code copié', 'no copy status', { timeout: 1000 });
        for (const callback of held.splice(0)) callback();
        await el.updateComplete;
        expect(status()).to.equal('');
        expect(part(el, 'copy-button')).to.exist;
      } finally {
        window.setTimeout = realSetTimeout;
      }
    });

    it('leaves no timer behind when removed just after Copy, and says nothing of that copy once put back', async () => {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => undefined } });
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid();
      const parent = el.parentElement!;
      const timers = trackWidgetTimers();
      try {
        part(el, 'copy-button')!.click();
        await waitUntil(() => text(el, '[part~="share"] .copy-status') === 'Code copié', 'no copy status', { timeout: 1000 });
        el.remove();
        // A move in the page is told apart from leaving it in a microtask: let that pass.
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(timers.pending()).to.deep.equal([]);
      } finally {
        timers.restore();
      }
      parent.append(el);
      await waitForGroup(el);
      expect(text(el, '[part~="share"] .copy-status')).to.equal('');
    });

    for (const [outcome, copies, status] of [
      ['copied', true, 'Code copié'],
      ['not copied, with the code selected for the customer to copy', false, 'Copie impossible\u00a0: sélectionnez le code pour le copier.'],
    ] as const) {
      it(`falls back when the clipboard refuses, and says the code was ${outcome} as the fallback reports`, async () => {
        Object.defineProperty(navigator, 'clipboard', {
          configurable: true,
          value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
        });
        stub = stubApi(() => json(groupJson()));
        const el = await mountPaid();
        // The fallback's own copy command, as the browser would answer it; what it was asked to copy is recorded.
        const commands: string[] = [];
        Object.defineProperty(document, 'execCommand', {
          configurable: true,
          value: (command: string) => {
            const area = shadow(el).querySelector('textarea');
            commands.push(`${command} ${area?.value.slice(area.selectionStart, area.selectionEnd)}`);
            return copies;
          },
        });
        try {
          part(el, 'copy-button')!.focus();
          const escaped = await uncaughtDuring(async () => {
            part(el, 'copy-button')!.click();
            await waitUntil(() => text(el, '[part~="share"] .copy-status'), 'no copy status', { timeout: 1000 });
          });
          expect(escaped).to.deep.equal([]);
          expect(commands).to.deep.equal([`copy ${CODE}`]);
          expect(text(el, '[part~="share"] .copy-status')).to.equal(status);
          expect(text(el, '[part~="announcer"]')).to.equal(status);
          expectSameNode(shadow(el).activeElement, part(el, 'copy-button'), 'focus stays on Copy');
          expect(shadow(el).querySelector('textarea'), 'the fallback leaves nothing behind').to.not.exist;
          if (!copies) expect(window.getSelection()?.toString()).to.equal(CODE);
          await expect(el).to.be.accessible();
        } finally {
          Reflect.deleteProperty(document, 'execCommand');
        }
      });
    }

    it('opens the share sheet with the code and the invite link', async () => {
      const shared: ShareData[] = [];
      Object.defineProperty(navigator, 'share', { configurable: true, value: async (data: ShareData) => void shared.push(data) });
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid();
      expect(text(el, '[part~="share-button"]')).to.equal('Partager');
      part(el, 'share-button')!.click();
      await waitUntil(() => shared.length > 0, 'share() was not called', { timeout: 1000 });
      expect(shared).to.have.length(1);
      expect(shared[0]!.text).to.contain(CODE);
      expect(shared[0]!.text).to.contain('Maison Kohort');
      expect(shared[0]!.url).to.equal(`https://shop.example.com/?kohort=${CODE}`);
      await expect(el).to.be.accessible();
    });

    it('shares the invite-url with the code in it', async () => {
      const shared: ShareData[] = [];
      Object.defineProperty(navigator, 'share', { configurable: true, value: async (data: ShareData) => void shared.push(data) });
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid();
      el.setAttribute('invite-url', 'https://shop.example.com/parrainage/{code}?utm_source=kohort');
      await el.updateComplete;
      const expected = `https://shop.example.com/parrainage/${CODE}?utm_source=kohort`;
      expect(part(el, 'invite-link')?.getAttribute('href')).to.equal(expected);
      expect(text(el, '[part~="invite-link"]')).to.equal(expected);
      part(el, 'share-button')!.click();
      await waitUntil(() => shared.length > 0, 'share() was not called', { timeout: 1000 });
      expect(shared[0]!.url).to.equal(expected);
      expect(stub.requests.filter((request) => !isGroupRequest(request)), 'no reload').to.have.length(1);
    });

    it('opens the invite link in a new tab that can neither reach the paid page (window.opener) nor learn its address (Referer)', async () => {
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid();
      const link = part(el, 'invite-link') as HTMLAnchorElement;
      expect(link.target).to.equal('_blank');
      expect([...link.relList]).to.include.members(['noopener', 'noreferrer']);
    });

    for (const [without, organization, expected] of [
      ['a shop name, naming the shop by its website', { name: null }, { merchant: 'shop.example.com', url: `https://shop.example.com/?kohort=${CODE}` }],
      ['a shop name nor website, naming KohortPay and sending no link', { name: null, website_url: null }, { merchant: 'KohortPay', url: undefined }],
      ['a shop name, and with a website that is no web address, as if it had none', { name: null, website_url: 'www.shop example' }, { merchant: 'KohortPay', url: undefined }],
    ] as const) {
      it(`opens the share sheet without ${without}`, async () => {
        const shared: ShareData[] = [];
        Object.defineProperty(navigator, 'share', { configurable: true, value: async (data: ShareData) => void shared.push(data) });
        const session = paidSessionJson();
        stub = stubApi(() => json(groupJson()), { ...session, organization: { ...session.organization!, ...organization } });
        const el = await mountPaid();
        part(el, 'share-button')!.click();
        await waitUntil(() => shared.length > 0, 'share() was not called', { timeout: 1000 });
        expect(shared[0]!.text).to.contain(CODE).and.contain(expected.merchant);
        expect(shared[0]!.text).to.not.match(/null|undefined/);
        expect(shared[0]!.url).to.equal(expected.url);
        expect(Object.keys(shared[0]!)).to.deep.equal(expected.url ? ['text', 'url'] : ['text']);
      });
    }

    it('lets the customer close the share sheet without an error', async () => {
      Object.defineProperty(navigator, 'share', {
        configurable: true,
        value: () => Promise.reject(new DOMException('Share canceled', 'AbortError')),
      });
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid();
      const escaped = await uncaughtDuring(async () => part(el, 'share-button')!.click());
      expect(escaped).to.deep.equal([]);
    });

    it('has no share button where the browser cannot share', async () => {
      Object.defineProperty(navigator, 'share', { configurable: true, value: undefined });
      stub = stubApi(() => json(groupJson()));
      const el = await mountPaid();
      expect(part(el, 'copy-button')).to.exist;
      expect(part(el, 'share-button')).to.not.exist;
    });

    it('has no invite link when neither invite-url nor the shop website is known', async () => {
      const session = paidSessionJson();
      stub = stubApi(() => json(groupJson()), { ...session, organization: { ...session.organization, website_url: null } });
      const el = await mountPaid();
      expect(part(el, 'invite-link')).to.not.exist;
      expect(text(el, '[part~="share-code"]')).to.equal(CODE);
    });
  });

  describe('continuing to the shop', () => {
    it('goes to success_url with payment_id appended, keeping its own parameters', async () => {
      stub = stubApi(() => json(groupJson()), paidSessionJson({ success_url: 'https://shop.example.com/merci?order=42&lang=fr' }));
      const el = await mountPaid();
      const visited = recordNavigation(el);
      expect(text(el, '[part~="continue-button"]')).to.equal('Continuer');
      part(el, 'continue-button')!.click();
      expect(visited).to.deep.equal([`https://shop.example.com/merci?order=42&lang=fr&payment_id=${INTENT_ID}`]);
    });

    it('fires a cancelable kohort-continue first, with the order and where it goes', async () => {
      stub = stubApi(() => json(groupJson()), paidSessionJson({ success_url: 'https://shop.example.com/merci?order=42' }));
      const el = await mountPaid();
      const visited = recordNavigation(el);
      setTimeout(() => part(el, 'continue-button')!.click());
      const event = await oneEvent(el, 'kohort-continue');
      const url = `https://shop.example.com/merci?order=42&payment_id=${INTENT_ID}`;
      expect(event.detail).to.deep.equal({ sessionId: SESSION_ID, paymentIntentId: INTENT_ID, url });
      expect(event.cancelable).to.equal(true);
      expect(visited).to.deep.equal([url]);
    });

    it('stays on the paid view when a listener calls preventDefault(), so a single-page app routes itself', async () => {
      stub = stubApi(() => json(groupJson()), paidSessionJson());
      const el = await mountPaid();
      const visited = recordNavigation(el);
      const heard: string[] = [];
      el.addEventListener('kohort-continue', (event) => {
        event.preventDefault();
        heard.push(event.detail.url);
      });
      part(el, 'continue-button')!.click();
      expect(heard).to.deep.equal([`https://shop.example.com/success?payment_id=${INTENT_ID}`]);
      expect(visited).to.deep.equal([]);
      expect(el.state).to.equal('completed');
    });

    it('has no Continue button without success_url', async () => {
      stub = stubApi(() => json(groupJson()), paidSessionJson({ success_url: null }));
      const el = await mountPaid();
      expect(part(el, 'continue-button')).to.not.exist;
    });
  });

  describe('a paid session whose payment intent or group cannot be read', () => {
    const warnings = recordWarnings();
    const readErrors: string[] = [];
    const onError = (event: Event) => readErrors.push((event as KohortErrorEvent).detail.code);
    beforeEach(() => {
      readErrors.length = 0;
      document.addEventListener('kohort-error', onError);
    });
    afterEach(() => document.removeEventListener('kohort-error', onError));

    it('shows the payment as paid, without the group, when the intent cannot be read', async () => {
      const paid = paidSessionJson();
      stub = stubApi(() => json(groupJson()), { ...paid, payment_intent: { ...paid.payment_intent!, amount: 'lots' as never } });
      const el = await mount();
      const ready = oneEvent(el, 'kohort-ready') as Promise<KohortReadyEvent>;
      await waitForState(el, 'completed');
      expect(text(el, '[part~="message"] h2')).to.equal('Paiement reçu');
      expect(text(el, '.paid-amount')).to.equal(eur(AMOUNT));
      expect((await ready).detail.session.payment_intent).to.equal(null);
      expect(readErrors).to.deep.equal([]);
      expect(part(el, 'group')).to.not.exist;
      expect(warnings.join('\n')).to.contain('Ignored payment_intent of a paid session').and.contain('payment_intent.amount must be an integer');
      await expect(el).to.be.accessible();
    });

    it('shows the payment as paid and reads the group by its id when the group it came with cannot be read; kohort-group-change brings it', async () => {
      const paid = paidSessionJson();
      const intent = paid.payment_intent!;
      stub = stubApi(() => json(groupJson()), { ...paid, payment_intent: { ...intent, payment_group: { ...intent.payment_group!, share_id: null as never } } });
      const changes: KohortGroupChangeEvent[] = [];
      const onChange = (event: Event) => changes.push(event as KohortGroupChangeEvent);
      document.addEventListener('kohort-group-change', onChange);
      try {
        const el = await mountPaid();
        expect(text(el, '[part~="message"] h2')).to.equal('Paiement reçu');
        expect(text(el, '[part~="share-code"]')).to.equal(CODE);
        expect(stub.groupRequests()[0]!.url.pathname).to.equal(`/payment-groups/${GROUP_ID}`);
        expect(readErrors).to.deep.equal([]);
        expect(warnings.join('\n')).to.contain('Ignored payment_intent.payment_group of a paid session');
        // kohort-ready's session had no group: the page gets it once read, as a change from nothing.
        expect(changes.map((event) => [event.detail.group.share_id, event.detail.previous])).to.deep.equal([[CODE, null]]);
      } finally {
        document.removeEventListener('kohort-group-change', onChange);
      }
    });

    it('shows the group of a paid intent whose payment_group is the group’s id as a string, reading it by payment_group_id', async () => {
      const paid = paidSessionJson();
      const intent = paid.payment_intent!;
      stub = stubApi(() => json(groupJson()), { ...paid, payment_intent: { ...intent, payment_group: GROUP_ID as never } });
      const el = await mountPaid();
      expect(text(el, '[part~="share-code"]')).to.equal(CODE);
      expect(stub.groupRequests()[0]!.url.pathname).to.equal(`/payment-groups/${GROUP_ID}`);
      expect(readErrors).to.deep.equal([]);
    });

    it('sends the group read by its id after kohort-ready, in a language whose words load on demand', async () => {
      const paid = paidSessionJson();
      const intent = paid.payment_intent!;
      stub = stubApi(() => json(groupJson()), { ...paid, payment_intent: { ...intent, payment_group: { ...intent.payment_group!, share_id: null as never } } });
      const events: string[] = [];
      const record = (event: Event) => events.push(event.type);
      document.addEventListener('kohort-ready', record);
      document.addEventListener('kohort-group-change', record);
      try {
        // The view waits for its Dutch words while the group is read: the page hears of the session first.
        const el = await mountPaid({ locale: 'nl' });
        await waitUntil(() => events.length === 2, `events: ${events.join(', ')}`);
        expect(events).to.deep.equal(['kohort-ready', 'kohort-group-change']);
        expect(text(el, '[part~="share-code"]')).to.equal(CODE);
      } finally {
        document.removeEventListener('kohort-ready', record);
        document.removeEventListener('kohort-group-change', record);
      }
    });

    it('still refuses an open session whose payment intent cannot be read: money may be about to move', async () => {
      const paid = paidSessionJson();
      stub = stubApi(() => json(groupJson()), { ...paid, status: 'OPEN', completed_at: null, payment_intent: { ...paid.payment_intent!, status: 42 as never } });
      const el = await mount();
      await waitForState(el, 'error');
      expect(readErrors).to.deep.equal(['invalid_response']);
    });

    const brokenLines: [string, Partial<CheckoutSession>][] = [
      ['its line items are not a list', { line_items: 'none' as never }],
      ['a line item has no price', { line_items: [{ ...paidSessionJson().line_items![0]!, price: 'free' as never }] }],
      ['its expiry is not a date', { expires_at: 'soon' }],
    ];
    for (const [label, broken] of brokenLines) {
      it(`shows the payment as paid, and its group, when ${label}: the paid view does not show them`, async () => {
        stub = stubApi(() => json(groupJson()), paidSessionJson(broken));
        const el = await mount();
        const ready = oneEvent(el, 'kohort-ready') as Promise<KohortReadyEvent>;
        await waitForGroup(el);
        expect(text(el, '[part~="message"] h2')).to.equal('Paiement reçu');
        expect(text(el, '.paid-amount')).to.equal(eur(AMOUNT));
        expect(text(el, '[part~="share-code"]')).to.equal(CODE);
        expect(readErrors).to.deep.equal([]);
        const { session } = (await ready).detail;
        expect([session.amount_total, session.currency, session.payment_intent?.id]).to.deep.equal([AMOUNT, 'EUR', INTENT_ID]);
        const field = Object.keys(broken)[0]!;
        expect(session[field as keyof CheckoutSession]).to.deep.equal(field === 'line_items' ? [] : null);
        expect(warnings.join('\n')).to.contain(`Ignored ${field} of a paid session`);
        // The lines were left out, not found to disagree with the total.
        expect(warnings.join('\n')).to.not.contain('do not add up');
      });

      it(`still refuses an open session when ${label}: money is about to move`, async () => {
        stub = stubApi(() => json(groupJson()), { ...paidSessionJson(broken), status: 'OPEN', completed_at: null, payment_intent: null });
        const el = await mount();
        await waitForState(el, 'error');
        expect(readErrors).to.deep.equal(['invalid_response']);
      });
    }

    it('still refuses a paid session whose amount cannot be read: the customer is shown what they paid', async () => {
      stub = stubApi(() => json(groupJson()), paidSessionJson({ amount_total: 'lots' as never }));
      const el = await mount();
      await waitForState(el, 'error');
      expect(readErrors).to.deep.equal(['invalid_response']);
    });

    for (const [label, intent] of [['a string', 'pi_0123456789abcd'], ['a number', 42], ['a list', [{ status: 'PROCESSING' }]]] as const) {
      it(`refuses an open session whose payment intent is ${label}, rather than offer Pay while a payment may be under way`, async () => {
        stub = stubApi(() => json(groupJson()), { ...paidSessionJson(), status: 'OPEN', completed_at: null, payment_intent: intent as never });
        const el = await mount();
        await waitForState(el, 'error');
        expect(readErrors).to.deep.equal(['invalid_response']);
        expect(part(el, 'pay-button')).to.not.exist;
        expect(part(el, 'retry-button')).to.exist;
      });
    }

    for (const label of ['null', 'absent']) {
      it(`offers Pay for an open session whose payment intent is ${label}: no payment yet`, async () => {
        const open: Partial<CheckoutSession> = { ...paidSessionJson(), status: 'OPEN', completed_at: null, payment_intent: null };
        if (label === 'absent') delete open.payment_intent;
        stub = stubApi(() => json(groupJson()), open as CheckoutSession);
        const el = await mount();
        await waitForState(el, 'ready');
        expect(part(el, 'pay-button')).to.exist;
        expect(readErrors).to.deep.equal([]);
      });
    }

    it('fires kohort-success once, with this payment’s intent and group: null, when the session it just paid comes back with a group that cannot be read; then kohort-group-change with the group read by its id', async () => {
      const paid = paidSessionJson();
      const open = { ...paid, status: 'OPEN' as const, completed_at: null, payment_intent: null };
      let confirmed = false;
      const fetched = stubFetch((request) => {
        if (request.method === 'POST') return json({ id: INTENT_ID, amount: AMOUNT, currency: 'EUR', status: 'REQUIRES_PAYMENT_METHOD', client_secret: `${INTENT_ID}_secret_x`, checkout_session_id: SESSION_ID }, 201);
        if (isGroupRequest(request)) return json(groupJson());
        if (!confirmed) return json(open);
        const intent = paid.payment_intent!;
        return json({ ...paid, payment_intent: { ...intent, payment_group: { ...intent.payment_group!, expires_at: 'soon' } } });
      });
      stub = { ...fetched, groupRequests: () => fetched.requests.filter(isGroupRequest) };
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = async () => {
        confirmed = true;
        return { status: 'succeeded' };
      };
      const events: (KohortSuccessEvent | KohortGroupChangeEvent)[] = [];
      el.addEventListener('kohort-success', (event) => events.push(event));
      el.addEventListener('kohort-group-change', (event) => events.push(event));
      clickPay(el);
      await waitForGroup(el);
      expect(events.map((event) => event.type)).to.deep.equal(['kohort-success', 'kohort-group-change']);
      expect(events[0]!.detail).to.include({ sessionId: SESSION_ID, paymentIntentId: INTENT_ID, amountTotal: AMOUNT, group: null });
      // A page that needs the code to share gets it once the group is read by its id.
      const change = events[1] as KohortGroupChangeEvent;
      expect([change.detail.group.share_id, change.detail.previous]).to.deep.equal([CODE, null]);
      expect(text(el, '[part~="message"] h2')).to.equal('Paiement réussi');
      expect(text(el, '[part~="share-code"]')).to.equal(CODE);
      expect(readErrors).to.deep.equal([]);
    });
  });

  describe('when the group cannot be loaded', () => {
    it('says the group cannot be shown right now but keeps the paid summary', async () => {
      GROUP_POLL.initialMs = 10_000;
      stub = stubApi(() => apiError(500, 'internal_error', 'Something broke'));
      const el = await mountPaid();
      expect(el.state).to.equal('completed');
      expect(text(el, '[part~="message"] h2')).to.equal('Paiement reçu');
      expect(text(el, '.paid-amount')).to.equal(eur(AMOUNT));
      expect(text(el, '[part~="group"] .hint')).to.equal(
        'Votre groupe ne peut pas être affiché pour le moment. Votre paiement est bien enregistré.',
      );
      expect(part(el, 'share-code')).to.not.exist;
      expect(part(el, 'continue-button')).to.exist;
      await expect(el).to.be.accessible();
    });

    describe('with an answer it cannot read', () => {
      const warnings = recordWarnings();
      it('fires no kohort-error, since the checkout has not failed, and tells the console once', async () => {
        GROUP_POLL.initialMs = 20;
        const { share_id: _, ...unreadable } = groupJson();
        stub = stubApi(() => json(unreadable));
        const errors: string[] = [];
        const onError = (event: Event) => errors.push((event as KohortErrorEvent).detail.code);
        document.addEventListener('kohort-error', onError);
        try {
          const el = await mountPaid();
          expect(text(el, '[part~="group"] .hint')).to.equal(
            'Votre groupe ne peut pas être affiché pour le moment. Votre paiement est bien enregistré.',
          );
          // Asked again as the group store polls, in vain: still one line in the console.
          await waitUntil(() => stub!.groupRequests().length >= 3, 'the group was not asked again', { timeout: 3000 });
          expect(el.state).to.equal('completed');
          expect(errors).to.deep.equal([]);
          expect(warnings.filter((line) => line.includes(GROUP_ID))).to.deep.equal([
            `[kohort-checkout] Group ${GROUP_ID} not shown: invalid_response, The API answer is not valid (payment_group.share_id must be a string).`,
          ]);
        } finally {
          document.removeEventListener('kohort-error', onError);
        }
      });
    });

    it('says so in English', async () => {
      GROUP_POLL.initialMs = 10_000;
      stub = stubApi(() => new Promise<Response>((_, reject) => reject(new TypeError('Failed to fetch'))));
      const el = await mountPaid({ locale: 'en' });
      expect(text(el, '[part~="group"] .hint')).to.equal('Your group cannot be shown right now. Your payment is recorded.');
      expect(text(el, '[part~="message"] h2')).to.equal('Payment received');
    });

    it('shows the group once a later request succeeds', async () => {
      GROUP_POLL.initialMs = 20;
      // A 500 is not retried by the API client: only the group's next poll can bring the group.
      const nextPoll = deferred<void>();
      stub = stubApi(async (n) => {
        if (n === 0) return apiError(500, 'internal_error');
        await nextPoll.promise;
        return json(groupJson());
      });
      const el = await mountPaid();
      expect(text(el, '[part~="group"] .hint')).to.equal('Votre groupe ne peut pas être affiché pour le moment. Votre paiement est bien enregistré.');
      await waitUntil(() => stub!.groupRequests().length === 2, 'the group was not asked again', { timeout: 2000 });
      nextPoll.resolve();
      await waitUntil(() => part(el, 'share-code'), 'the group never showed', { timeout: 2000 });
      expect(text(el, '[part~="participants"]')).to.equal('3 sur 15 participants');
    });
  });
});
