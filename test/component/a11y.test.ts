/**
 * Accessibility of every state, in the light and dark themes: axe on each view, the structure a
 * screen reader reads (lists, a description list, fields tied to their errors), what the one
 * polite live region says and never says, where the focus goes, and colour contrast.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { allTasks, cleanTasks } from 'nanostores';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import type { CheckoutSession, PaymentGroup } from '../../src/api/types.js';
import { GROUP_POLL } from '../../src/stores/group.js';
import { PAYMENT_TIMING } from '../../src/stores/payment.js';
import {
  API,
  PAID,
  confirmOnSandbox,
  PK,
  groupJson,
  lineItem,
  paidSessionJson,
  type GroupOptions,
  apiError,
  createSandboxSession,
  deferred,
  json,
  sandbox,
  sessionJson,
  shadow,
  stubFetch,
  text,
  trackWidgetTimers,
  typeInto,
  waitForState,
  type RecordedRequest,
  expectSameNode,
  waitForFocus,
} from './helpers.js';

type Theme = 'light' | 'dark';

const SESSION_ID = PAID.sessionId;

const $ = <T extends Element = HTMLElement>(el: KohortCheckout, selector: string) => shadow(el).querySelector<T>(selector);
const part = (el: KohortCheckout, name: string) => $(el, `[part~="${name}"]`);
const announced = (el: KohortCheckout) => text(el, '[part~="announcer"]');
/** The accepted code's lines as shown: the group joined, then the cashback this order earns. */
const acceptedCodeShown = (el: KohortCheckout) => `${text(el, '#code-joining')} ${text(el, '#code-cashback')}`;

/** Waits until the live region says the accepted code as shown, the cashback included. */
async function waitForAcceptedCodeSaid(el: KohortCheckout) {
  await waitUntil(() => $(el, '#code-cashback'), 'the cashback never showed');
  await waitUntil(() => announced(el) === acceptedCodeShown(el), `acceptance not announced as shown: "${announced(el)}"`);
  expect(announced(el)).to.match(/^Vous rejoignez ce groupe\. Cette commande vous rapporte \S+\s€ de cashback \(\S+\s%\)\.$/);
}

interface MountOptions {
  theme?: Theme;
  sessionId?: string;
  publishableKey?: string;
  apiBase?: string;
  shareCode?: string;
}

/** Mounts the widget in a theme; on the sandbox unless an `apiBase` (a stubbed one) is given. */
function mountIn({ theme = 'light', sessionId = SESSION_ID, publishableKey = PK, apiBase = API, shareCode = '' }: MountOptions = {}) {
  return fixture<KohortCheckout>(
    html`<kohort-checkout theme=${theme} session-id=${sessionId} publishable-key=${publishableKey} api-base=${apiBase} share-code=${shareCode}></kohort-checkout>`,
  );
}

function mountOnSandboxIn(theme: Theme, sessionId: string, shareCode = '') {
  return mountIn({ theme, sessionId, publishableKey: sandbox.publishableKey, apiBase: sandbox.url, shareCode });
}

/** Everything the live region says from now on, in order. */
function recordAnnouncements(el: KohortCheckout): string[] {
  const said: string[] = [];
  const announcer = part(el, 'announcer')!;
  new MutationObserver(() => said.push(announcer.textContent!.trim())).observe(announcer, { childList: true, characterData: true, subtree: true });
  return said;
}

/** What a field's `aria-describedby` reads, part by part. */
function described(el: KohortCheckout, selector: string): string[] {
  return $(el, selector)!.getAttribute('aria-describedby')!.split(' ').map((id) => shadow(el).getElementById(id)!.textContent!.trim());
}

function click(el: KohortCheckout, partName: string) {
  part(el, partName)!.click();
}

/** A request that never gets an answer, until the widget gives up on it. */
function hang(request: RecordedRequest): Promise<Response> {
  return new Promise((_resolve, reject) =>
    request.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true }),
  );
}

/** Answers the paid session, and the n-th group request (from 0) with `group(n)`. */
function stubPaid(group: (n: number) => PaymentGroup) {
  let groupRequests = 0;
  return stubFetch((request) =>
    request.url.pathname.startsWith('/payment-groups/') ? json(group(groupRequests++)) : json(paidSessionJson(group(0))),
  );
}

/** Waits for the group section to show the group. */
async function waitForGroup(el: KohortCheckout) {
  await waitForState(el, 'completed');
  await waitUntil(() => part(el, 'participants'), 'the group never showed', { timeout: 4000 });
  await el.updateComplete;
}

function pretendOffline() {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
}

// ---------------------------------------------------------------------------------------------

describe('accessibility', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  const savedDelays = PAYMENT_TIMING.settleDelaysMs;
  const savedPoll = { ...GROUP_POLL };

  beforeEach(() => {
    PAYMENT_TIMING.settleDelaysMs = [0, 50, 100, 100];
  });

  afterEach(() => {
    // Remove the widgets before the stub goes, so no late request reaches the real fetch.
    fixtureCleanup();
    stub?.restore();
    stub = undefined;
    PAYMENT_TIMING.settleDelaysMs = savedDelays;
    Object.assign(GROUP_POLL, savedPoll);
    Reflect.deleteProperty(navigator, 'onLine');
  });

  for (const theme of ['light', 'dark'] as const) {
    describe(`axe finds nothing in any state, ${theme} theme`, () => {
      it('while loading', async () => {
        stub = stubFetch(hang);
        const el = await mountIn({ theme });
        expect(el.state).to.equal('loading');
        expect(part(el, 'skeleton')).to.exist;
        await expect(el).to.be.accessible();
      });

      it('ready to pay', async () => {
        stub = stubFetch(() => json(sessionJson()));
        const el = await mountIn({ theme });
        await waitForState(el, 'ready');
        await expect(el).to.be.accessible();
      });

      it('with a friend’s code accepted', async () => {
        const session = await createSandboxSession();
        const el = await mountOnSandboxIn(theme, session.id, 'KHT-test-5EED0001');
        await waitForState(el, 'ready');
        await waitUntil(() => part(el, 'code-accepted'), 'the code was never accepted');
        await expect(el).to.be.accessible();
      });

      it('with a friend’s code refused', async () => {
        const session = await createSandboxSession();
        const el = await mountOnSandboxIn(theme, session.id, 'KHT-test-5EED0002');
        await waitForState(el, 'ready');
        await waitUntil(() => $(el, '#code-error'), 'the refusal never showed');
        await expect(el).to.be.accessible();
      });

      it('with an e-mail error', async () => {
        stub = stubFetch(() => json(sessionJson({ customer_email: null })));
        const el = await mountIn({ theme });
        await waitForState(el, 'ready');
        click(el, 'pay-button');
        await el.updateComplete;
        expect($(el, '#email-error')).to.exist;
        await expect(el).to.be.accessible();
      });

      it('while the payment is processing', async () => {
        const session = await createSandboxSession();
        const el = await mountOnSandboxIn(theme, session.id);
        el.confirmPayment = () => new Promise(() => {});
        await waitForState(el, 'ready');
        click(el, 'pay-button');
        await waitUntil(() => part(el, 'pay-button')?.getAttribute('aria-busy') === 'true' && text(el, '[part~="pay-button"]') === 'Paiement en cours…');
        await expect(el).to.be.accessible();
      });

      it('after a declined payment', async () => {
        const session = await createSandboxSession({ customerEmail: 'lea+decline@kohort.test' });
        const el = await mountOnSandboxIn(theme, session.id);
        await waitForState(el, 'ready');
        click(el, 'pay-button');
        await waitUntil(() => part(el, 'payment-error'), 'the decline never showed');
        await expect(el).to.be.accessible();
      });

      it('when the payment’s outcome is unknown', async () => {
        const session = await createSandboxSession();
        const el = await mountOnSandboxIn(theme, session.id);
        el.confirmPayment = async () => ({ status: 'succeeded' }); // the server never agrees
        await waitForState(el, 'ready');
        click(el, 'pay-button');
        await waitUntil(() => part(el, 'check-again-button'), 'the unknown outcome never showed', { timeout: 4000 });
        await expect(el).to.be.accessible();
      });

      it('paid, with the customer’s group', async () => {
        const session = await createSandboxSession();
        const el = await mountOnSandboxIn(theme, session.id);
        await waitForState(el, 'ready');
        click(el, 'pay-button');
        await waitForGroup(el);
        expect(part(el, 'share-code')).to.exist;
        await expect(el).to.be.accessible();
      });

      for (const status of ['COMPLETED', 'EXPIRED', 'CANCELED'] as const) {
        it(`paid, in a group that ended ${status}`, async () => {
          stub = stubPaid(() => groupJson({ status, participants: status === 'EXPIRED' ? 1 : 5 }));
          const el = await mountIn({ theme });
          await waitForGroup(el);
          expect(part(el, 'group-ended')!.dataset.status).to.equal(status);
          await expect(el).to.be.accessible();
        });
      }

      it('expired', async () => {
        stub = stubFetch(() => json(sessionJson({ status: 'EXPIRED', expires_at: new Date(Date.now() - 60_000).toISOString() })));
        const el = await mountIn({ theme });
        await waitForState(el, 'expired');
        await expect(el).to.be.accessible();
      });

      const errors: { name: string; options?: MountOptions; answer?: (request: RecordedRequest) => Response | Promise<Response> }[] = [
        { name: 'missing_attribute', options: { sessionId: '' } },
        { name: 'secret_key', options: { publishableKey: 'sk_test_51SuperSecretValue9876' } },
        { name: 'session_not_found', answer: () => apiError(404, 'Not Found', 'Checkout session not found.') },
        { name: 'unauthorized', answer: () => apiError(401, 'Unauthorized', 'API key is not valid') },
        {
          name: 'network_error',
          answer: () => {
            throw new TypeError('Failed to fetch');
          },
        },
        { name: 'server_error', answer: () => apiError(500, 'Internal Server Error', 'Something went wrong') },
        { name: 'invalid_response', answer: () => json({ id: SESSION_ID, status: 'WHATEVER' }) },
      ];
      for (const error of errors) {
        it(`in the ${error.name} error`, async () => {
          stub = stubFetch(error.answer ?? (() => json(sessionJson())));
          const el = await mountIn({ theme, ...error.options });
          await waitForState(el, 'error');
          expect(text(el, '.reference')).to.contain(error.name);
          await expect(el).to.be.accessible();
        });
      }

      it('with the offline notice', async () => {
        stub = stubFetch(() => json(sessionJson()));
        const el = await mountIn({ theme });
        await waitForState(el, 'ready');
        pretendOffline();
        await el.updateComplete;
        expect(part(el, 'offline-notice')).to.exist;
        await waitUntil(() => announced(el) === text(el, '[part~="offline-notice"]'), 'going offline was not announced');
        await expect(el).to.be.accessible();
      });
    });
  }

  describe('what a screen reader reads', () => {
    it('reads the line items as a list named by a heading, and the totals as label–amount pairs', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mountIn();
      await waitForState(el, 'ready');

      const list = part(el, 'line-items')!;
      expect(list.tagName).to.equal('UL');
      const heading = shadow(el).getElementById(list.getAttribute('aria-labelledby')!)!;
      expect(heading.tagName).to.match(/^H[1-6]$/);
      expect(heading.textContent).to.equal('Votre commande');
      expect([...list.children].map((item) => item.tagName)).to.deep.equal(['LI', 'LI']);

      const totals = part(el, 'totals')!;
      expect(totals.tagName).to.equal('DL');
      const rows = [...totals.children];
      expect(rows.length).to.be.at.least(2);
      for (const row of rows) {
        expect(row.tagName).to.equal('DIV');
        expect([...row.children].map((cell) => cell.tagName)).to.deep.equal(['DT', 'DD']);
        expect(row.querySelector('dt')!.textContent!.trim()).to.not.equal('');
      }
      expect(text(el, '[part~="total"] dt')).to.equal('Total');
    });

    it('reads the code to share as a term and its value, as the totals are, not as a paragraph named by another', async () => {
      stub = stubPaid(() => groupJson());
      const el = await mountIn();
      await waitForGroup(el);
      const code = part(el, 'share-code')!;
      expect(code.tagName).to.equal('DD');
      expect(code.parentElement!.tagName).to.equal('DL');
      expect(code.previousElementSibling!.tagName).to.equal('DT');
      expect(code.previousElementSibling!.textContent).to.equal('Votre code à partager');
      expect(code.hasAttribute('aria-labelledby')).to.equal(false);
    });

    it('ties the e-mail error to its field', async () => {
      stub = stubFetch(() => json(sessionJson({ customer_email: null })));
      const el = await mountIn();
      await waitForState(el, 'ready');
      const input = $<HTMLInputElement>(el, '#email')!;
      expect(input.getAttribute('aria-invalid')).to.equal('false');
      expect(input.hasAttribute('aria-describedby')).to.equal(false);
      expect(input.labels![0]!.textContent).to.equal('Adresse e-mail');

      click(el, 'pay-button');
      await el.updateComplete;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const described = input.getAttribute('aria-describedby')!.split(' ').map((id) => shadow(el).getElementById(id));
      expect(described.every(Boolean), 'every aria-describedby id exists').to.equal(true);
      expect(described.map((node) => node!.textContent!.trim())).to.include('Saisissez votre adresse e-mail.');
    });

    it('ties a refused code’s reason to the code field', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandboxIn('light', session.id);
      await waitForState(el, 'ready');
      click(el, 'code-toggle');
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '#code')!;
      expect(input.labels![0]!.textContent).to.equal('Code de votre ami');
      expect(input.getAttribute('aria-invalid')).to.equal('false');
      expect(input.getAttribute('aria-describedby')).to.equal('code-hint');

      await typeInto(el, '#code', 'KHT-test-FFFFFFFF');
      click(el, 'apply-code-button');
      await waitUntil(() => $(el, '#code-error'), 'the refusal never showed');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const described = input.getAttribute('aria-describedby')!.split(' ').map((id) => shadow(el).getElementById(id));
      expect(described.every(Boolean), 'every aria-describedby id exists').to.equal(true);
      expect(described.map((node) => node!.textContent!.trim())).to.include('Ce code n’existe pas. Vérifiez-le auprès de votre ami.');
    });

    it('has one live region, polite and atomic: the announcer', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mountIn();
      await waitForState(el, 'ready');
      const live = [...shadow(el).querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"], [role="timer"]')];
      expect(live).to.have.length(1);
      expect(live[0]!.getAttribute('part')).to.equal('announcer');
      expect(live[0]!.getAttribute('aria-live')).to.equal('polite');
      expect(live[0]!.getAttribute('aria-atomic')).to.equal('true');
      // Hidden from sight, not from assistive technology.
      expect(getComputedStyle(live[0]!).display).to.not.equal('none');
      expect(getComputedStyle(live[0]!).visibility).to.equal('visible');
    });
  });

  describe('what the live region announces', () => {
    /** The real fetch towards the sandbox, holding back any request whose path ends with `heldPath` until released. */
    function holdOnSandbox(heldPath: string) {
      const original = window.fetch;
      let gate = deferred<void>();
      window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        if (url.pathname.endsWith(heldPath)) await gate.promise;
        return original(input, init);
      };
      return {
        release: () => {
          gate.resolve();
          gate = deferred<void>();
        },
        restore: () => (window.fetch = original),
      };
    }

    it('says when a code is being checked, refused, then paying; accepted and paid are said by what the focus moves to', async () => {
      const session = await createSandboxSession();
      const held = holdOnSandbox('/validate');
      try {
        const el = await mountOnSandboxIn('light', session.id);
        const confirmed = deferred<void>();
        el.confirmPayment = async (intent) => {
          await confirmed.promise;
          await confirmOnSandbox(intent);
          return { status: 'succeeded' };
        };
        await waitForState(el, 'ready');
        expect(announced(el)).to.equal('');
        click(el, 'code-toggle');
        await el.updateComplete;

        await typeInto(el, '#code', 'KHT-test-FFFFFFFF');
        click(el, 'apply-code-button');
        await el.updateComplete;
        expect(announced(el)).to.equal('Vérification du code…');
        held.release();
        await waitUntil(() => announced(el) === 'Ce code n’existe pas. Vérifiez-le auprès de votre ami.', `refusal not announced: "${announced(el)}"`);

        await typeInto(el, '#code', 'KHT-test-5EED0001');
        part(el, 'apply-code-button')!.focus();
        click(el, 'apply-code-button');
        await el.updateComplete;
        expect(announced(el)).to.equal('Vérification du code…');
        const said = recordAnnouncements(el);
        held.release();
        // Apply gave way to the accepted code, which takes the focus and says it; "Checking the code…" goes.
        await waitForFocus(el, '[part~="code-accepted"]', 'the accepted code');
        // Its name (a group named by its lines, not a generic box, which has none outside Chrome): the group
        // joined and the cashback this order earns, as shown.
        const box = part(el, 'code-accepted')!;
        expect(box.getAttribute('role')).to.equal('group');
        const name = box.getAttribute('aria-labelledby')!.split(' ').map((id) => shadow(el).getElementById(id)?.textContent);
        expect(name).to.have.length(2);
        expect(name[0]).to.equal('Vous rejoignez ce groupe.');
        expect(name[1]).to.match(/^Cette commande vous rapporte \S+\s€ de cashback \(\S+\s%\)\.$/);
        expect(box.textContent).to.contain(name[1]);
        await el.updateComplete;
        expect(said.join(' | ')).to.not.contain('Vous rejoignez');
        expect(announced(el)).to.equal('');

        click(el, 'pay-button');
        await waitUntil(() => announced(el) === 'Paiement en cours…', `paying not announced: "${announced(el)}"`);
        confirmed.resolve();
        await waitForState(el, 'completed');
        await waitForFocus(el, '#outcome-heading', 'the heading');
        expect(announced(el)).to.equal('');
      } finally {
        held.restore();
      }
    });

    it('says once that a share-code set late is being checked: by the code field the focus moves to (its description), not the live region too', async () => {
      const session = await createSandboxSession();
      const held = holdOnSandbox('/validate');
      try {
        const el = await mountOnSandboxIn('light', session.id);
        await waitForState(el, 'ready');
        part(el, 'code-toggle')!.focus();
        const said = recordAnnouncements(el);
        el.shareCode = 'KHT-test-5EED0001';
        await waitForFocus(el, '#code', 'the code field');
        await el.updateComplete;
        expect(described(el, '#code')).to.include('Vérification du code…');
        expect(said.join(' | ')).to.not.contain('Vérification du code…');
        held.release();
        await waitForFocus(el, '[part~="code-accepted"]', 'the accepted code');
      } finally {
        held.restore();
      }
    });

    it('says an accepted code to a customer elsewhere on the page, and leaves the focus there', async () => {
      const session = await createSandboxSession();
      const held = holdOnSandbox('/validate');
      const input = document.createElement('input');
      document.body.append(input);
      try {
        // An invite link prefilled the code; the customer is in the page's own form meanwhile.
        const el = await mountOnSandboxIn('light', session.id, 'KHT-test-5EED0001');
        await waitForState(el, 'ready');
        input.focus();
        held.release();
        await waitUntil(() => part(el, 'code-accepted'), 'the code was never accepted');
        await waitForAcceptedCodeSaid(el);
        expectSameNode(document.activeElement, input);
      } finally {
        held.restore();
        input.remove();
      }
    });

    it('leaves the focus on the page when an invite link’s code is accepted as the page loads, and says it', async () => {
      const session = await createSandboxSession();
      (document.activeElement as HTMLElement | null)?.blur();
      const el = await mountOnSandboxIn('light', session.id, 'KHT-test-5EED0001');
      await waitUntil(() => part(el, 'code-accepted'), 'the code was never accepted');
      await waitForAcceptedCodeSaid(el);
      await el.updateComplete;
      expectSameNode(document.activeElement, document.body);
    });

    /** The group joined, as said in each language: by the creator's name, or "this group" when the answer has none. */
    const JOINING: Record<string, [string, string]> = {
      en: ['You are joining Marie D.’s group.', 'You are joining this group.'],
      fr: ['Vous rejoignez Marie D. dans son groupe.', 'Vous rejoignez ce groupe.'],
      de: ['Sie treten der Gruppe von Marie D. bei.', 'Sie treten dieser Gruppe bei.'],
      // The name first is isolated (FSI…PDI), so that one written right to left leaves the sentence left to right.
      es: ['\u2068Marie D.\u2069 le acoge en su grupo.', 'Se une a este grupo.'],
      it: ['\u2068Marie D.\u2069 La accoglie nel suo gruppo.', 'Si unisce a questo gruppo.'],
      nl: ['U sluit zich bij de groep van Marie D. aan.', 'U sluit zich bij deze groep aan.'],
    };
    /** The live region's text as a screen reader gets it: untrimmed. */
    const announcedAsIs = (el: KohortCheckout) => part(el, 'announcer')!.textContent;

    for (const [locale, [joiningMarie, joiningThisGroup]] of Object.entries(JOINING)) {
      /** An invite link's code (?kohort=) accepted while the customer is elsewhere on the page; `answer` is the validate answer. */
      async function acceptInviteCode(answer: object) {
        stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? json(answer, 201) : json(sessionJson())));
        const el = await fixture<KohortCheckout>(
          html`<kohort-checkout locale=${locale} session-id=${SESSION_ID} publishable-key=${PK} api-base=${API} share-code=${PAID.code}></kohort-checkout>`,
        );
        await waitUntil(() => part(el, 'code-accepted'), 'the code was never accepted');
        return el;
      }

      it(`says the accepted code with the cashback it earns, as two sentences, as shown, to a customer elsewhere on the page, in ${locale}`, async () => {
        const { payment_group_settings: settings, ...group } = groupJson();
        const input = document.createElement('input');
        document.body.append(input);
        try {
          input.focus();
          // With the creator's name in the answer, and a tier reached.
          const el = await acceptInviteCode({ ...group, ...settings, current_discount_level: settings!.discount_levels![1] });
          await waitUntil(() => $(el, '#code-cashback'), 'the cashback never showed');
          expect(text(el, '#code-joining')).to.equal(joiningMarie);
          expect(text(el, '#code-cashback')).to.match(/10\s?%\)\.$/);
          // The accepted code's name, and what the live region says: the two sentences, each with its full stop.
          const named = part(el, 'code-accepted')!.getAttribute('aria-labelledby')!.split(' ').map((id) => text(el, `#${id}`));
          expect(named.join(' ')).to.equal(acceptedCodeShown(el));
          await waitUntil(() => announcedAsIs(el) === acceptedCodeShown(el), `not announced as shown: "${announcedAsIs(el)}"`);
          expectSameNode(document.activeElement, input);
        } finally {
          input.remove();
        }
      });

      it(`says the group joined as one sentence, with no space after it, before a tier is reached and without the creator’s name, in ${locale}`, async () => {
        const { payment_group_settings: settings, customer: _creator, ...group } = groupJson({ participants: 0 });
        const el = await acceptInviteCode({ ...group, ...settings, current_discount_level: null });
        expect($(el, '#code-cashback')).to.not.exist;
        expect(text(el, '#code-joining')).to.equal(joiningThisGroup);
        await waitUntil(() => announcedAsIs(el) === joiningThisGroup, `not announced as shown: "${announcedAsIs(el)}"`);
      });
    }

    it('says nothing of a friend’s code checked too late, once the session has expired', async () => {
      // Forget the tasks earlier tests' widgets left waiting for answers that never come: allTasks() is this widget's.
      cleanTasks();
      const answer = deferred<Response>();
      stub = stubFetch((request) =>
        request.url.pathname.endsWith('/validate') ? answer.promise : json(sessionJson({ expires_at: new Date(Date.now() + 800).toISOString() })),
      );
      const el = await mountIn();
      await waitForState(el, 'ready');
      click(el, 'code-toggle');
      await el.updateComplete;
      await typeInto(el, '#code', 'KHT-test-5EED0001');
      click(el, 'apply-code-button');
      await waitForState(el, 'expired');
      // The customer was in the code field: the heading, focused, says it; "Checking the code…" goes.
      await waitForFocus(el, '[part~="message"] h2', 'the message’s heading');
      expect(announced(el)).to.equal('');
      const { payment_group_settings: settings, ...group } = groupJson();
      const timers = trackWidgetTimers();
      try {
        answer.resolve(json({ ...group, ...settings, current_discount_level: settings!.discount_levels![0] }, 201));
        // The check's task ends once its answer is taken in: what it says is rendered then, or left on a timer.
        await allTasks();
        await el.updateComplete;
        expect(timers.pending(), 'the widget’s timers set since the answer').to.deep.equal([]);
        expect(announced(el)).to.equal('');
      } finally {
        timers.restore();
      }
    });

    it('says a friend joined when the group poll brings one more participant', async () => {
      GROUP_POLL.initialMs = 50;
      const friendJoins = deferred<void>();
      let polls = 0;
      stub = stubFetch(async (request) => {
        if (!request.url.pathname.startsWith('/payment-groups/')) return json(paidSessionJson(groupJson()));
        if (polls++ > 0) await friendJoins.promise;
        return json(groupJson({ participants: polls > 1 ? 4 : 3 }));
      });
      const el = await mountIn();
      await waitForGroup(el);
      expect(announced(el)).to.equal('');
      friendJoins.resolve();
      await waitUntil(() => text(el, '[part~="participants"]') === '4 sur 15 participants', 'the friend never showed');
      expect(announced(el)).to.equal('Le groupe compte maintenant 4 participants.');
    });

    it('says what went wrong: a load error, an unknown outcome; a decline once, by the message the focus moves to', async () => {
      stub = stubFetch(() => apiError(404, 'Not Found', 'Checkout session not found.'));
      const notFound = await mountIn();
      await waitForState(notFound, 'error');
      expect(announced(notFound)).to.equal(`${text(notFound, '[part~="message"] h2')}. ${text(notFound, '[part~="message"] p')}`);
      expect(announced(notFound)).to.match(/^Paiement introuvable\. /);
      fixtureCleanup();
      stub.restore();
      stub = undefined;

      const declined = await mountOnSandboxIn('light', (await createSandboxSession({ customerEmail: 'lea+decline@kohort.test' })).id);
      await waitForState(declined, 'ready');
      click(declined, 'pay-button');
      await waitUntil(() => part(declined, 'payment-error'), 'the decline never showed');
      await waitForFocus(declined, '[part~="payment-error"]', 'the decline');
      expect(text(declined, '[part~="payment-error"]')).to.equal('Votre paiement a été refusé. Vérifiez vos informations, puis réessayez.');
      expect(announced(declined)).to.equal('');

      const unknown = await mountOnSandboxIn('light', (await createSandboxSession()).id);
      unknown.confirmPayment = async () => ({ status: 'succeeded' });
      await waitForState(unknown, 'ready');
      click(unknown, 'pay-button');
      await waitUntil(() => part(unknown, 'check-again-button'), 'the unknown outcome never showed', { timeout: 4000 });
      expect(announced(unknown)).to.match(/^Paiement en cours de vérification\. /);
    });

    it('never announces the countdown, which is outside any live region', async () => {
      stub = stubPaid(() => groupJson({ expiresAt: new Date(Date.now() + 5 * 60_000).toISOString() }));
      const el = await mountIn();
      await waitForGroup(el);
      const timeLeft = part(el, 'time-left')!;
      const before = { time: timeLeft.textContent, said: announced(el) };
      await waitUntil(() => part(el, 'time-left')!.textContent !== before.time, 'the countdown did not tick', { timeout: 2500 });
      expect(announced(el)).to.equal(before.said);

      const liveAncestors: string[] = [];
      for (let node: Element | null = part(el, 'time-left'); node; ) {
        if (node.hasAttribute('aria-live') || /^(status|alert|log|timer|marquee)$/.test(node.getAttribute('role') ?? '')) {
          liveAncestors.push(node.getAttribute('part') ?? node.tagName);
        }
        node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
      }
      expect(liveAncestors).to.deep.equal([]);
    });
  });

  describe('where the focus goes', () => {
    it('moves to the success heading after paying, which says "Paiement réussi" once: the live region does not repeat it', async () => {
      const el = await mountOnSandboxIn('light', (await createSandboxSession()).id);
      await waitForState(el, 'ready');
      click(el, 'pay-button');
      await waitForState(el, 'completed');
      await waitForFocus(el, '#outcome-heading', 'the heading');
      expect(text(el, '#outcome-heading')).to.equal('Paiement réussi');
      expect(announced(el)).to.equal('');
    });

    it('moves to the payment error after a decline, which says it once: the live region does not repeat it', async () => {
      const el = await mountOnSandboxIn('light', (await createSandboxSession({ customerEmail: 'lea+decline@kohort.test' })).id);
      await waitForState(el, 'ready');
      click(el, 'pay-button');
      await waitUntil(() => part(el, 'payment-error'), 'the decline never showed');
      await waitForFocus(el, '[part~="payment-error"]', 'the error');
      expect(announced(el)).to.equal('');
    });

    it('moves to the code field when Pay meets a refused code, whose description says why once: the live region does not repeat it', async () => {
      const el = await mountOnSandboxIn('light', (await createSandboxSession()).id, 'KHT-test-FFFFFFFF');
      await waitForState(el, 'ready');
      await waitUntil(() => $(el, '#code-error'), 'the refusal never showed');
      await el.updateComplete;
      const said = recordAnnouncements(el);
      part(el, 'pay-button')!.focus();
      click(el, 'pay-button');
      await waitForFocus(el, '#code', 'the code field');
      await el.updateComplete;
      expect(described(el, '#code')).to.include('Ce code n’existe pas. Vérifiez-le auprès de votre ami.');
      expect(said.join(' | ')).to.not.contain('Ce code n’existe pas');
      expect(announced(el)).to.equal('');
    });

    it('moves to the code field when the friend’s group refuses the payment, whose description says why once: the live region does not repeat it', async () => {
      const { payment_group_settings: settings, ...group } = groupJson();
      stub = stubFetch((request) => {
        if (request.url.pathname.endsWith('/validate')) return json({ ...group, ...settings, current_discount_level: settings!.discount_levels![0] }, 201);
        if (request.url.pathname === '/payment-intents') return apiError(400, 'MAX_PARTICIPANTS_REACHED', 'The group is full.');
        return json(sessionJson());
      });
      const el = await mountIn({ shareCode: PAID.code });
      await waitForState(el, 'ready');
      await waitUntil(() => part(el, 'code-accepted'), 'the code was never accepted');
      const said = recordAnnouncements(el);
      part(el, 'pay-button')!.focus();
      click(el, 'pay-button');
      await waitForFocus(el, '#code', 'the code field');
      await el.updateComplete;
      expect(described(el, '#code')).to.include('Ce groupe est complet\u00a0: il a atteint son nombre maximum de participants.');
      expect(said.join(' | ')).to.not.contain('Ce groupe est complet');
      expect(announced(el)).to.equal('');
    });

    it('stays on the Pay button while the payment goes through, which a second press does not repeat', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandboxIn('light', session.id);
      const confirmations: AbortSignal[] = [];
      el.confirmPayment = (_intent, { signal }) => {
        confirmations.push(signal);
        return new Promise(() => {});
      };
      await waitForState(el, 'ready');
      part(el, 'pay-button')!.focus();
      click(el, 'pay-button');
      await waitUntil(() => confirmations.length === 1, 'the payment never reached the provider');
      await el.updateComplete;
      expect(text(el, '[part~="pay-button"]')).to.equal('Paiement en cours…');
      expectSameNode(shadow(el).activeElement, part(el, 'pay-button'));
      expect(part(el, 'pay-button')!.getAttribute('aria-disabled')).to.equal('true');
      expect($<HTMLInputElement>(el, '#email')!.readOnly).to.equal(true);
      click(el, 'pay-button');
      $<HTMLFormElement>(el, 'form')!.requestSubmit();
      await el.updateComplete;
      // A second payment would stop the first at once (only one is ever in flight) before reaching the provider itself.
      expect(confirmations[0]!.aborted, 'the payment under way was stopped').to.equal(false);
      expect(confirmations).to.have.length(1);
      expectSameNode(shadow(el).activeElement, part(el, 'pay-button'));
    });

    it('stays on Apply while the code is checked, then stays in the code field when it is refused', async () => {
      const lookup = deferred<Response>();
      stub = stubFetch((request) => (request.url.pathname.startsWith('/payment-groups/') ? lookup.promise : json(sessionJson())));
      const el = await mountIn();
      await waitForState(el, 'ready');
      click(el, 'code-toggle');
      await el.updateComplete;
      await typeInto(el, '#code', 'KHT-ABCD-1234');
      part(el, 'apply-code-button')!.focus();
      click(el, 'apply-code-button');
      await waitUntil(() => part(el, 'apply-code-button')?.getAttribute('aria-disabled') === 'true', 'the code was never checked');
      expectSameNode(shadow(el).activeElement, part(el, 'apply-code-button'));
      click(el, 'apply-code-button');
      expect(stub.requests.filter((request) => request.url.pathname.startsWith('/payment-groups/'))).to.have.length(1);
      lookup.resolve(apiError(404, 'NOT_FOUND', 'Payment group not found'));
      await waitUntil(() => $(el, '#code-error'), 'the refusal never showed');
      expectSameNode(shadow(el).activeElement, part(el, 'apply-code-button'));
    });

    describe('a share-code set after the session is shown (a page that reads ?kohort= after its first render)', () => {
      it('moves from the code toggle to the code field it gives way to, then to the accepted code', async () => {
        const el = await mountOnSandboxIn('light', (await createSandboxSession()).id);
        await waitForState(el, 'ready');
        part(el, 'code-toggle')!.focus();
        el.shareCode = 'KHT-test-5EED0001';
        await el.updateComplete;
        await el.updateComplete;
        expectSameNode(shadow(el).activeElement, $(el, '#code'), 'the toggle gave way to the code field, which has the focus');
        await waitForFocus(el, '[part~="code-accepted"]', 'the accepted code');
      });

      it('moves from Remove, beside a refused code, to the code field with the new code', async () => {
        const el = await mountOnSandboxIn('light', (await createSandboxSession()).id, 'KHT-test-FFFFFFFF');
        await waitForState(el, 'ready');
        await waitUntil(() => part(el, 'remove-code-button'), 'the first code was never refused');
        part(el, 'remove-code-button')!.focus();
        el.shareCode = 'KHT-test-5EED0002';
        await waitUntil(() => $(el, '#code-error'), 'the new code was never refused');
        expectSameNode(shadow(el).activeElement, $(el, '#code'), 'the code field has the focus');
      });

      it('moves from the accepted code to the code toggle when share-code is emptied', async () => {
        const el = await mountOnSandboxIn('light', (await createSandboxSession()).id, 'KHT-test-5EED0001');
        await waitUntil(() => part(el, 'code-accepted'), 'the first code was never accepted');
        part(el, 'code-accepted')!.focus();
        el.shareCode = '';
        await el.updateComplete;
        await el.updateComplete;
        expectSameNode(shadow(el).activeElement, part(el, 'code-toggle'), 'the code toggle has the focus');
      });

      it('leaves the page’s focus where it is', async () => {
        const el = await mountOnSandboxIn('light', (await createSandboxSession()).id);
        await waitForState(el, 'ready');
        (document.activeElement as HTMLElement | null)?.blur();
        el.shareCode = 'KHT-test-5EED0001';
        await waitForAcceptedCodeSaid(el);
        expectSameNode(document.activeElement, document.body, 'the focus stays on the page');
      });
    });

    it('moves to Check again when the Pay button gives way to an unknown outcome', async () => {
      const el = await mountOnSandboxIn('light', (await createSandboxSession()).id);
      el.confirmPayment = async () => ({ status: 'succeeded' }); // the server never agrees
      await waitForState(el, 'ready');
      part(el, 'pay-button')!.focus();
      click(el, 'pay-button');
      await waitUntil(() => part(el, 'check-again-button'), 'the unknown outcome never showed', { timeout: 4000 });
      await waitForFocus(el, '[part~="check-again-button"]', 'Check again');
    });

    it('moves to the error heading when Retry fails again', async () => {
      stub = stubFetch(() => apiError(503, 'Service Unavailable', 'down'));
      const el = await mountIn();
      await waitForState(el, 'error');
      part(el, 'retry-button')!.focus();
      click(el, 'retry-button');
      await waitForFocus(el, '[part~="message"] h2', 'the error heading');
    });

    it('moves to the order’s heading when Retry brings the checkout', async () => {
      let down = true;
      stub = stubFetch(() => (down ? apiError(503, 'Service Unavailable', 'down') : json(sessionJson())));
      const el = await mountIn();
      await waitForState(el, 'error');
      down = false;
      part(el, 'retry-button')!.focus();
      click(el, 'retry-button');
      await waitForState(el, 'ready');
      await waitForFocus(el, '#summary-heading', 'the order’s heading');
      expectSameNode(document.activeElement, el);
      // The error said before is not left in the live region, where reading mode would still find it.
      expect($(el, '[part~="announcer"]')!.textContent!.trim()).to.equal('');
    });

    it('moves to the order’s heading when the connection comes back while the customer is on Retry', async () => {
      let offline = true;
      stub = stubFetch(() => {
        if (offline) throw new TypeError('Failed to fetch');
        return json(sessionJson());
      });
      const el = await mountIn();
      await waitForState(el, 'error');
      part(el, 'retry-button')!.focus();
      offline = false;
      window.dispatchEvent(new Event('online')); // Retry gives way to the skeleton, then the order
      await waitForState(el, 'ready');
      await waitForFocus(el, '#summary-heading', 'the order’s heading');
    });

    it('leaves the focus where the customer went on the page while Retry was loading', async () => {
      let answer: () => Response | Promise<Response> = () => apiError(503, 'Service Unavailable', 'down');
      stub = stubFetch(() => answer());
      const el = await mountIn();
      await waitForState(el, 'error');
      let release: (() => void) | null = null;
      answer = () => new Promise<Response>((resolve) => (release = () => resolve(json(sessionJson()))));
      click(el, 'retry-button');
      const input = document.createElement('input');
      document.body.append(input);
      try {
        input.focus();
        await waitUntil(() => release, 'Retry sent nothing');
        release!();
        await waitForState(el, 'ready');
        await el.updateComplete;
        await el.updateComplete;
        expectSameNode(document.activeElement, input);
      } finally {
        input.remove();
      }
    });
  });

  describe('colour contrast', () => {
    /** sRGB relative luminance of a computed `rgb(…)` colour. */
    function luminance(color: string): number {
      const [r, g, b] = /rgba?\(([^)]+)\)/
        .exec(color)![1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number)
        .map((value) => value / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    }
    function contrast(a: string, b: string): number {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light! + 0.05) / (dark! + 0.05);
    }
    /** The first opaque background at or above `node`, crossing the shadow root. */
    function backgroundOf(node: Element): string {
      for (let current: Element | null = node; current; ) {
        const color = getComputedStyle(current).backgroundColor;
        const alpha = /rgba\([^)]*[ ,/]([\d.]+)\)/.exec(color)?.[1];
        if (alpha === undefined || Number(alpha) > 0.5) return color;
        current = current.parentElement ?? ((current.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
      }
      return 'rgb(255, 255, 255)';
    }
    function ratioOf(el: KohortCheckout, selector: string): number {
      const node = $(el, selector);
      if (!node) throw new Error(`nothing matches ${selector}`);
      return contrast(getComputedStyle(node).color, backgroundOf(node));
    }

it('puts readable text on a pale yellow brand colour', async () => {
      const session = sessionJson();
      session.organization!.brand_settings = [{ livemode: false, color: 'FFF59D', logo_url: null }];
      stub = stubFetch(() => json(session));
      const el = await mountIn();
      await waitForState(el, 'ready');
      const button = part(el, 'pay-button')!;
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(255, 245, 157)');
      expect(ratioOf(el, '[part~="pay-button"]')).to.be.at.least(4.5);
    });

    for (const theme of ['light', 'dark'] as const) {
      it(`keeps every default text colour at 4.5:1 or more in the ${theme} theme`, async () => {
        stub = stubFetch((request) =>
          request.url.pathname.startsWith('/payment-groups/') ? json(groupJson()) : json(sessionJson({ customer_email: null })),
        );
        const el = await mountIn({ theme });
        await waitForState(el, 'ready');
        click(el, 'pay-button'); // shows the e-mail error
        await el.updateComplete;
        const ready = {
          'item name (text)': '.item-name',
          'item description (muted)': '.item-description',
          'quantity (muted)': '.item-quantity',
          'totals label (muted)': '.totals dt',
          'total amount': '[part~="total"] dd',
          'e-mail label': 'label[for="email"]',
          'e-mail error (danger)': '#email-error',
          'code toggle (muted link)': '[part~="code-toggle"]',
          'Pay (accent text on brand)': '[part~="pay-button"]',
          'test-mode badge': '[part~="badge"]',
          'test-mode hint (muted)': '.test-hint',
          'back to the shop (muted link)': '[part~="cancel-button"]',
        };
        const failures: string[] = [];
        const check = (widget: KohortCheckout, labels: Record<string, string>) => {
          for (const [label, selector] of Object.entries(labels)) {
            const ratio = ratioOf(widget, selector);
            if (ratio < 4.5) failures.push(`${label}: ${ratio.toFixed(2)}`);
          }
        };
        check(el, ready);

        // The error view: words on the message surface.
        fixtureCleanup();
        stub.restore();
        stub = stubFetch(() => apiError(500, 'Internal Server Error', 'down'));
        const failed = await mountIn({ theme });
        await waitForState(failed, 'error');
        check(failed, {
          'error title': '[part~="message"] h2',
          'error body': '[part~="message"] p',
          'error reference (muted on surface)': '.reference',
          'Retry (accent text)': '[part~="retry-button"]',
        });

        // The paid view with the group.
        fixtureCleanup();
        stub.restore();
        stub = stubPaid(() => groupJson());
        const paid = await mountIn({ theme });
        await waitForGroup(paid);
        check(paid, {
          'paid title': '#outcome-heading',
          'share label (muted)': '.share-label',
          'share code': '[part~="share-code"]',
          'Copy (accent text)': '[part~="copy-button"]',
          'invite label (muted)': '.invite-label',
          'member name (on surface)': '.names li',
          'tier row (on surface)': '[part~="tier"]',
          'current-tier badge': '.tier-badge',
          'time left (muted)': '[part~="time-left"]',
        });
        expect(failures).to.deep.equal([]);
      });
    }
  });

  describe('at 320 px wide with the text at 200 % (reflow): nothing scrolls sideways or is cut off', () => {
    // Long unbroken data as an API or a customer can send it: a compound word, a reference, an address.
    const LONG_WORD = 'Regenschutzabdeckungsvorrichtung';
    const LONG_REFERENCE = 'REF-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const LONG_EMAIL = 'jean-baptiste.delafontaine-grandmaison@une-messagerie-au-nom-interminable.example.com';
    const longItems = [
      lineItem({ name: `${LONG_WORD}${LONG_WORD}`, description: LONG_REFERENCE, price: 1_234_567, quantity: 12 }),
      lineItem({ name: 'Carnet A5', price: 1450, quantity: 1, image_url: null, description: null }),
      lineItem({ name: `Livraison ${LONG_REFERENCE}`, type: 'SHIPPING', price: 990, quantity: 1, image_url: null, description: null }),
    ];
    const longSession = (overrides: Partial<CheckoutSession> = {}) =>
      sessionJson({
        line_items: longItems,
        amount_total: longItems.reduce((sum, item) => sum + item.amount_total, 0),
        organization: { ...sessionJson().organization!, name: `${LONG_WORD}GmbH`, brand_settings: [] },
        customer_email: null,
        ...overrides,
      });
    /** A group whose people and code are as long as the API allows them. */
    const longGroup = (options: GroupOptions = {}): PaymentGroup => {
      const group = groupJson({ participants: 4, ...options });
      return {
        ...group,
        share_id: `KHT-test-${LONG_REFERENCE}`,
        customer: { first_name: LONG_WORD, last_name: LONG_WORD },
        payment_intents: group.payment_intents!.map((intent) => ({ ...intent, customer: { first_name: `${LONG_WORD}${intent.id.slice(-1)}`, last_name: 'B' } })),
      };
    };
    const validated = (group: PaymentGroup) => {
      const { payment_group_settings: settings, ...rest } = group;
      return json({ ...rest, ...settings, current_discount_level: settings!.discount_levels![1] }, 201);
    };

    afterEach(() => document.documentElement.style.removeProperty('font-size'));

    /** A 320 px wide widget, on a page whose text is at 200 %. */
    function mountNarrow(locale: string, { sessionId = SESSION_ID, publishableKey = PK, apiBase = API, shareCode = '' }: MountOptions = {}) {
      document.documentElement.style.fontSize = '200%';
      return fixture<KohortCheckout>(
        html`<kohort-checkout style="width: 320px" locale=${locale} session-id=${sessionId} publishable-key=${publishableKey} api-base=${apiBase} share-code=${shareCode}></kohort-checkout>`,
      );
    }

    /** What sticks out of the card (a page would scroll sideways to it), or is cut off inside its own box; fields scroll their text, as fields do. */
    function overflowing(el: KohortCheckout): string[] {
      const card = part(el, 'container')!;
      const edges = card.getBoundingClientRect();
      const found = card.scrollWidth > card.clientWidth ? [`the card (${card.scrollWidth} > ${card.clientWidth} px)`] : [];
      for (const node of shadow(el).querySelectorAll<HTMLElement>('*')) {
        if (node.closest('.visually-hidden') || node.tagName === 'INPUT') continue;
        const box = node.getBoundingClientRect();
        const name = `<${node.tagName.toLowerCase()} ${node.getAttribute('part') ?? node.className}> "${node.textContent!.trim().slice(0, 24)}"`;
        if (box.width > 0 && (box.left < edges.left - 0.5 || box.right > edges.right + 0.5)) found.push(`${name} sticks out`);
        else if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible') found.push(`${name} is cut off`);
      }
      return found;
    }

    /** The words of `node` drawn on two lines or more ("Paye" / "r"); an amount, held together by its no-break spaces, is one word. */
    function brokenWords(node: Element): string[] {
      const broken: string[] = [];
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        for (const word of text.textContent!.matchAll(/[^ \t\n]+/g)) {
          const range = document.createRange();
          range.setStart(text, word.index);
          range.setEnd(text, word.index + word[0].length);
          if (new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1) broken.push(word[0]);
        }
      }
      return broken;
    }

    /** How wide `text` is on one line, in its element's font. */
    function widthOnOneLine(element: HTMLElement, text: string): number {
      const probe = document.createElement('span');
      probe.textContent = text;
      probe.style.cssText = 'position: absolute; white-space: nowrap';
      element.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width;
    }

    /** The width of the line a text node is laid out in: its nearest block's content box. */
    function lineWidth(element: HTMLElement): number {
      let block = element;
      while (getComputedStyle(block).display === 'inline') block = block.parentElement!;
      const style = getComputedStyle(block);
      return block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    }

    /** Each formatted `amount` inside `node` drawn on more than one line ("…567,8" / "9 €"), unless `whereTooWide` and it alone is wider than its line. */
    function splitAmounts(node: Element, amounts: string[], whereTooWide = false): string[] {
      const split: string[] = [];
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        for (const amount of amounts) {
          const at = text.textContent!.indexOf(amount);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(text, at);
          range.setEnd(text, at + amount.length);
          if (new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size < 2) continue;
          if (whereTooWide && widthOnOneLine(text.parentElement!, amount) > lineWidth(text.parentElement!)) continue;
          split.push(`${amount} in ${(node as HTMLElement).className || node.tagName}`);
        }
      }
      return split;
    }

    async function expectReflow(el: KohortCheckout, view: string) {
      await el.updateComplete;
      const card = part(el, 'container')!;
      const style = getComputedStyle(card);
      expect(parseFloat(style.fontSize), 'the widget’s text is at 200 %').to.equal(32);
      expect(el.getBoundingClientRect().width).to.equal(320);
      expect(overflowing(el), view).to.deep.equal([]);
      // Paddings leave the words their room: 1.25em a side took a quarter of the card's width, and 1em a quarter of each box's in it.
      for (const box of [card, ...shadow(el).querySelectorAll<HTMLElement>('.message, .code-accepted, .group')]) {
        const padding = parseFloat(getComputedStyle(box).paddingLeft) + parseFloat(getComputedStyle(box).paddingRight);
        expect(padding / box.clientWidth, `${view}: the share of ${box.className}’s width its paddings take`).to.be.at.most(0.15);
      }
    }

    describe('a seven-figure order', () => {
      const car = lineItem({ name: 'Voiture de collection restaurée', description: 'Coupé 1967', price: 123_456_789, quantity: 1, image_url: null });
      const items = [car, lineItem({ name: 'Tote bag en lin', price: 2990, quantity: 2 }), lineItem({ name: 'Colissimo', type: 'SHIPPING', price: 990, quantity: 1, image_url: null, description: null })];
      const total = items.reduce((sum, item) => sum + item.amount_total, 0);
      const bigSession = (overrides: Partial<CheckoutSession> = {}) => sessionJson({ line_items: items, amount_total: total, ...overrides });
      const group = () => ({ ...groupJson({ participants: 5 }), share_id: 'KHT-test-5EED0001' });
      // A 360 px phone (the demo's widget is 328 px there), and a 320 px one at 200 % text (256 px: the page keeps its margins).
      const screens = [
        { name: '328 px wide, text at 100 %: every amount on one line, the items’ words and the code to share whole', width: 328, textSize: '100%' },
        { name: '256 px wide, text at 200 %: nothing sticks out of the card, an amount breaks only where it alone is wider than its line', width: 256, textSize: '200%' },
      ];

      afterEach(() => document.documentElement.style.removeProperty('font-size'));

      function mountAt(screen: (typeof screens)[number], locale: string, shareCode = '') {
        document.documentElement.style.fontSize = screen.textSize;
        return fixture<KohortCheckout>(
          html`<kohort-checkout style=${`width: ${screen.width}px`} locale=${locale} session-id=${SESSION_ID} publishable-key=${PK} api-base=${API} share-code=${shareCode}></kohort-checkout>`,
        );
      }

      for (const screen of screens) {
        const large = screen.textSize === '200%';
        for (const locale of ['en', 'fr', 'de']) {
          const money = (minor: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(minor / 100);

          it(`${screen.name}, in ${locale}: the items, the totals, a friend’s cashback and Pay`, async () => {
            stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? validated(group()) : json(bigSession())));
            const el = await mountAt(screen, locale, 'KHT-test-5EED0001');
            await waitUntil(() => $(el, '#code-cashback'), 'the code was never accepted');
            const amounts = [money(car.amount_total), money(car.price), money(total - 990), money(total), money(Math.round(total * 0.1))];
            expect(text(el, '[part~="pay-button"]')).to.contain(money(total));
            expect(text(el, '#code-cashback')).to.contain(amounts[4]);
            const shown = ['.line-item .amount', '.item-quantity', '.totals dd', '[part~="pay-button"]', '#code-cashback'].flatMap((selector) => [...shadow(el).querySelectorAll(selector)]);
            expect(shown.flatMap((node) => splitAmounts(node, amounts, large)), 'amounts split across lines').to.deep.equal([]);
            // Before, a seven-figure line total or total at 200 % widened every line of the widget past its card.
            expect(overflowing(el)).to.deep.equal([]);
            // The names take the wrap, at their spaces: "restauré" / "e" when the line total squeezed them.
            if (!large) expect(brokenWords(part(el, 'line-items')!), 'the items, word by word').to.deep.equal([]);
          });

          it(`${screen.name}, in ${locale}: the amount paid, the group’s cashback and the code to share`, async () => {
            stub = stubFetch((request) =>
              request.url.pathname.startsWith('/payment-groups/') ? json(group()) : json(paidSessionJson(group(), { line_items: items, amount_total: total })),
            );
            const el = await mountAt(screen, locale);
            await waitForGroup(el);
            const cashback = money(Math.round(total * 0.1));
            expect(text(el, '[part~="cashback"]')).to.contain(cashback);
            const shown = ['.paid-amount', '[part~="cashback"]'].map((selector) => $(el, selector)!);
            expect(shown.flatMap((node) => splitAmounts(node, [money(total), cashback], large)), 'amounts split across lines').to.deep.equal([]);
            expect(overflowing(el)).to.deep.equal([]);
            const shareCode = part(el, 'share-code')!;
            // Never drawn smaller than the text around it: 1.5em where a line holds it, the text's own size at least.
            expect(parseFloat(getComputedStyle(shareCode).fontSize)).to.be.at.least(parseFloat(getComputedStyle(part(el, 'container')!).fontSize));
            // A code to copy and dictate, on one line ("KHT-test-" / "5EED0001" at 360 px); at 200 % no line can hold it.
            if (!large) expect(splitAmounts(shareCode, [group().share_id]), 'the code to share').to.deep.equal([]);
          });
        }
      }
    });

    // The narrowest phone (320 px, the demo's widget 288 px wide), text at 100 %: an everyday order.
    for (const locale of ['en', 'fr', 'de']) {
      it(`a 320 px phone, in ${locale}: every total beside its label, "Total" too`, async () => {
        const items = [
          lineItem({ name: 'Veste en laine mérinos', description: 'Taille M', price: 12_900, quantity: 1 }),
          lineItem({ name: 'Livraison Colissimo', type: 'SHIPPING', price: 590, quantity: 1, image_url: null, description: null }),
          lineItem({ name: 'Code BIENVENUE', type: 'DISCOUNT', price: -1290, quantity: 1, image_url: null, description: null }),
          lineItem({ name: 'Avoir client', type: 'STORE_CREDIT', price: -500, quantity: 1, image_url: null, description: null }),
        ];
        stub = stubFetch(() => json(sessionJson({ line_items: items, amount_total: items.reduce((sum, item) => sum + item.amount_total, 0) })));
        const el = await fixture<KohortCheckout>(
          html`<kohort-checkout style="width: 288px" locale=${locale} session-id=${SESSION_ID} publishable-key=${PK} api-base=${API}></kohort-checkout>`,
        );
        await waitForState(el, 'ready');
        const rows = [...shadow(el).querySelectorAll('.totals > div')];
        expect(rows).to.have.length(5);
        // 8em of the Total's larger text left "Total" alone on its line, its amount under it.
        const under = rows.filter((row) => row.querySelector('dd')!.getBoundingClientRect().top > row.querySelector('dt')!.getBoundingClientRect().top + 1);
        expect(under.map((row) => row.textContent!.trim()), 'amounts under their labels').to.deep.equal([]);
        expect(overflowing(el)).to.deep.equal([]);
      });
    }

    for (const locale of ['en', 'fr']) {
      describe(`in ${locale}`, () => {
        it('while loading', async () => {
          stub = stubFetch(hang);
          const el = await mountNarrow(locale);
          await waitUntil(() => part(el, 'skeleton'), 'the skeleton never showed');
          await expectReflow(el, 'loading');
        });

        it('ready, with long names, a long e-mail and a long code typed in, then the e-mail refused', async () => {
          stub = stubFetch(() => json(longSession()));
          const el = await mountNarrow(locale);
          await waitForState(el, 'ready');
          await typeInto(el, '#email', LONG_EMAIL);
          click(el, 'code-toggle');
          await el.updateComplete;
          await typeInto(el, '#code', `KHT-${LONG_REFERENCE}`);
          await expectReflow(el, 'ready');
          expect(brokenWords(part(el, 'pay-button')!), 'Pay, word by word').to.deep.equal([]);
          await typeInto(el, '#email', LONG_WORD);
          click(el, 'pay-button');
          await el.updateComplete;
          expect($(el, '#email-error')).to.exist;
          await expectReflow(el, 'the e-mail refused');
        });

        it('with a seven-figure total, inside the card: broken only where it alone is wider than its line', async () => {
          const car = lineItem({ name: 'Voiture de collection', price: 123_456_789, quantity: 1, image_url: null, description: null });
          stub = stubFetch(() => json(sessionJson({ line_items: [car], amount_total: car.amount_total })));
          const el = await mountNarrow(locale);
          await waitForState(el, 'ready');
          const total = text(el, '[part~="total"] dd');
          expect(total).to.match(/1.234.567.89/);
          await expectReflow(el, 'a seven-figure total');
          expect(splitAmounts(part(el, 'total')!, [total], true), 'the total').to.deep.equal([]);
        });

        it('with a friend’s code accepted, then refused', async () => {
          let answer = () => validated(longGroup());
          stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? answer() : json(longSession({ customer_email: LONG_EMAIL }))));
          const el = await mountNarrow(locale, { shareCode: `KHT-test-${LONG_REFERENCE}` });
          await waitUntil(() => part(el, 'code-accepted'), 'the code was never accepted');
          await expectReflow(el, 'code accepted');
          answer = () => apiError(400, 'MAX_PARTICIPANTS_REACHED', 'The group is full.');
          el.shareCode = `KHT-test-${LONG_WORD}`;
          await waitUntil(() => $(el, '#code-error'), 'the code was never refused');
          await expectReflow(el, 'code refused');
        });

        it('while paying, declined, then with the outcome unknown', async () => {
          const session = await createSandboxSession({
            customerEmail: LONG_EMAIL,
            amountTotal: longItems.reduce((sum, item) => sum + item.amount_total, 0),
            lineItems: longItems.map(({ name, description, price, quantity, type }) => ({ name, description, price, quantity, type })),
          });
          const el = await mountNarrow(locale, { sessionId: session.id, publishableKey: sandbox.publishableKey, apiBase: sandbox.url });
          const answer = deferred<{ status: 'failed'; message: string }>();
          el.confirmPayment = () => answer.promise;
          await waitForState(el, 'ready');
          click(el, 'pay-button');
          await waitUntil(() => part(el, 'pay-button')?.getAttribute('aria-busy') === 'true', 'the payment never started');
          await expectReflow(el, 'paying');
          answer.resolve({ status: 'failed', message: `${LONG_REFERENCE}: ${LONG_WORD}` });
          await waitUntil(() => part(el, 'payment-error'), 'the decline never showed');
          await expectReflow(el, 'declined');
          el.confirmPayment = async () => ({ status: 'succeeded' }); // the server never agrees
          click(el, 'pay-button');
          await waitUntil(() => part(el, 'check-again-button'), 'the unknown outcome never showed', { timeout: 4000 });
          await expectReflow(el, 'outcome unknown');
        });

        const errors: { name: string; options?: MountOptions; answer?: () => Response }[] = [
          { name: 'secret_key', options: { publishableKey: 'sk_test_51SuperSecretValue9876' } },
          { name: 'session_not_found', answer: () => apiError(404, 'Not Found', 'Checkout session not found.') },
          {
            name: 'network_error',
            answer: () => {
              throw new TypeError('Failed to fetch');
            },
          },
          { name: 'invalid_response', answer: () => json({ id: SESSION_ID, status: 'WHATEVER' }) },
        ];
        for (const error of errors) {
          it(`in the ${error.name} error`, async () => {
            stub = stubFetch(error.answer ?? (() => json(longSession())));
            const el = await mountNarrow(locale, error.options);
            await waitForState(el, 'error');
            await expectReflow(el, error.name);
          });
        }

        it('expired, and offline', async () => {
          stub = stubFetch(() => json(longSession({ status: 'EXPIRED', expires_at: new Date(Date.now() - 60_000).toISOString() })));
          const el = await mountNarrow(locale);
          await waitForState(el, 'expired');
          pretendOffline();
          await el.updateComplete;
          expect(part(el, 'offline-notice')).to.exist;
          await expectReflow(el, 'expired');
        });

        it('paid, with the group: the code to share, the invite link, the participants, the tiers and the time left', async () => {
          stub = stubPaid(() => longGroup());
          const el = await mountNarrow(locale);
          el.inviteUrl = `https://shop.example.com/${LONG_WORD}?kohort=KHT-test-${LONG_REFERENCE}`;
          await waitForGroup(el);
          expect(part(el, 'time-left')).to.exist;
          expect(part(el, 'invite-link')).to.exist;
          await expectReflow(el, 'paid');
        });

        it('paid, in a group that ended', async () => {
          stub = stubPaid(() => longGroup({ status: 'COMPLETED', participants: 5 }));
          const el = await mountNarrow(locale);
          await waitForGroup(el);
          expect(part(el, 'group-ended')).to.exist;
          await expectReflow(el, 'group ended');
        });
      });
    }
  });

  describe('text size', () => {
    afterEach(() => document.documentElement.style.removeProperty('font-size'));

    /** The browser's own text size (the customer's setting), whatever the page did to its root. */
    function browserTextSize(): number {
      const probe = document.body.appendChild(document.createElement('span'));
      probe.style.fontSize = 'medium';
      const size = parseFloat(getComputedStyle(probe).fontSize);
      probe.remove();
      return size;
    }
    const px = (node: Element) => parseFloat(getComputedStyle(node).fontSize);

    it('keeps the browser’s text size on a page whose root is 62.5 %, small print and card width included', async () => {
      document.documentElement.style.fontSize = '62.5%';
      stub = stubFetch(() => json(sessionJson()));
      const el = await mountIn();
      await waitForState(el, 'ready');
      const base = browserTextSize();
      expect(px($(el, '.container')!)).to.equal(base);
      expect(px($(el, '.item-quantity')!)).to.equal(base * 0.875);
      expect(px($(el, 'label[for="email"]')!)).to.equal(base * 0.9375);
      expect(el.getBoundingClientRect().width).to.be.at.least(base * 30);
    });

    it('grows with a page whose root is larger than the browser’s text size', async () => {
      document.documentElement.style.fontSize = '125%';
      stub = stubFetch(() => json(sessionJson()));
      const el = await mountIn();
      await waitForState(el, 'ready');
      expect(px($(el, '.container')!)).to.equal(browserTextSize() * 1.25);
      expect(px($(el, '.item-quantity')!)).to.equal(browserTextSize() * 1.25 * 0.875);
    });
  });
});
