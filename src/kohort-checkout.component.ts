import { LitElement, html, nothing, type PropertyValues } from 'lit';
// The CDN module lays out its modules in the order they are first imported: the words (i18n) right
// after lit: gzip 31 B smaller than with the API client imported first.
import {
  inheritedLang,
  loadMessages,
  loadedMessages,
  messagesSettled,
  resolveLocale,
  withOverrides,
  type Language,
  type Catalogue,
  type MessageOverrides,
  type ResolvedLocale,
} from './i18n/index.js';
import { maskKey, parseHexColor, readableTextOn } from './internal/safe-values.js';
import { StoreController } from './internal/store-controller.js';
import { formatMoney } from './money/format.js';
import { parseReferralCode } from './referral/code.js';
import type { GroupView } from './referral/group-view.js';
import { shortName } from './referral/tiers.js';
import { createSessionStore, paymentUnderWay, sessionOf, type SessionInputs, type SessionView } from './stores/session.js';
import { createPaymentStore, type ConfirmPaymentHandler, type PaymentState } from './stores/payment.js';
import { createReferralStore, groupRefusalOf, type ReferralState } from './stores/referral.js';
import type { ViewContext } from './templates/context.js';
import { groupPlaceholder } from './templates/group-section.js';
import { brandFor } from './templates/header.js';
import { loadingTemplate } from './templates/loading.js';
import { completedTemplate, errorTemplate, expiredTemplate } from './templates/outcome.js';
import { codeCashbackText, errorBody, onlyTheShopCanHelp, payFormTemplate, paymentFailureText, type PayFormHandlers, type PayFormInput } from './templates/pay-form.js';
import { cancelTemplate, readyTemplate } from './templates/ready.js';
import { styles } from './kohort-checkout.styles.js';
import { DEFAULT_API_BASE, fetchPaymentGroup } from './api/client.js';
import { isConnectionError, type ApiError } from './api/errors.js';
import type { CheckoutSession } from './api/types.js';
import type { KohortCheckoutEventMap, KohortErrorDetail } from './events.js';

/** What the widget is showing; reflected on the host as the `state` attribute. */
export type CheckoutState = 'loading' | 'ready' | 'completed' | 'expired' | 'error';

/**
 * A secret key pasted as `session-id` (even after an invisible character, or in quotes) or into
 * `api-base` is never printed or sent on in full (`sk_live_…9876`).
 */
const masked = (text: string) => text.replace(/\bsk_\w*/g, maskKey);

/**
 * The KohortPay checkout: shows a checkout session (items, totals, the merchant's
 * brand) fetched with a publishable key, and tells the page what happens through
 * `kohort-*` DOM events.
 *
 * @tagname kohort-checkout
 * @summary Embeddable KohortPay checkout for one checkout session.
 *
 * @fires {CustomEvent<KohortReadyDetail>} kohort-ready - A session is shown (open or already paid). `detail: { session }`, the API's `CheckoutSession`; in a paid session, what could not be read and is not shown is left out: `line_items` as `[]`, `expires_at` and `payment_intent` as `null` (the console says why).
 * @fires {CustomEvent<KohortErrorDetail>} kohort-error - The widget shows an error. `detail: { code, message, status?, retryable, sessionId }`; `sessionId` is the session it is about (for a `payment_unknown` sent because the page changed `session-id` during a payment, the previous session). Never on the paid view: a referral group that cannot be read or reached there says it cannot be shown right now, and the console says why.
 * @fires {CustomEvent<KohortExpiredDetail>} kohort-expired - The session is expired, or expires while shown. `detail: { sessionId }`.
 * @fires {CustomEvent<KohortSuccessDetail>} kohort-success - The server confirmed the payment. `detail: { sessionId, paymentIntentId, amountTotal, currency, customerEmail, group }`; `group` is the API's `PaymentGroup` the customer is now in (`group.share_id` is the code to share), or `null`: without a group, or with one the widget could not read with the session, which `kohort-group-change` then brings once read by its id.
 * @fires {CustomEvent<KohortGroupChangeDetail>} kohort-group-change - The referral group's participants, status or tier changed while shown; or the group was read by its id after `kohort-success` or `kohort-ready` came without it (it could not be read with the session). `detail: { group, previous }`, the API's `PaymentGroup` now and before (`null` in the second case).
 * @fires {CustomEvent<KohortContinueDetail>} kohort-continue - The customer chose "Continue" on the paid view. Cancelable: `preventDefault()` stops the navigation to `detail.url`, so a single-page app can route itself. `detail: { sessionId, paymentIntentId, url }`; `url` is the session's `success_url`, with `payment_id` appended when `paymentIntentId` is known (`paymentIntentId` is `null` only when the paid session's payment could not be read).
 * @fires {CustomEvent<KohortCancelDetail>} kohort-cancel - The customer chose "back to the shop". Cancelable: `preventDefault()` stops the navigation to `cancel_url` (to the site's home page, this page's `location.origin`, or its `origin` in a document written into an iframe (srcdoc), where there is none: from an expired session without one, or an error that Retry cannot help). Never while a payment is under way (the button is `aria-disabled` then). `detail: { sessionId }`, the session shown, else `session-id` (a secret key pasted there is masked, `sk_live_…9876`, as in `kohort-error`).
 *
 * @csspart container - The card around everything.
 * @csspart header - Merchant logo or name, and the test-mode badge.
 * @csspart logo - The merchant logo.
 * @csspart badge - The "test mode" badge.
 * @csspart line-items - The list of line items.
 * @csspart line-item - One line item.
 * @csspart line-item-image - A line item's picture.
 * @csspart totals - Subtotal, other lines and total.
 * @csspart total - The total row.
 * @csspart message - A status message (paid, expired, error, a payment that failed or whose outcome is unknown).
 * @csspart form - The payment form.
 * @csspart email-field - The e-mail field and its label.
 * @csspart code-field - The friend's code field, once opened.
 * @csspart code-toggle - "Have a code from a friend?".
 * @csspart apply-code-button - Checks the friend's code.
 * @csspart remove-code-button - Removes the friend's code, accepted or refused.
 * @csspart code-accepted - The accepted friend's code and the cashback it unlocks.
 * @csspart field-error - A message tied to a field.
 * @csspart pay-button - The Pay button, with the amount.
 * @csspart payment-error - Why the payment did not go through.
 * @csspart group - The customer's referral group, after paying.
 * @csspart share - The code to share, with Copy and Share.
 * @csspart share-code - The code itself.
 * @csspart invite-link - The invite link to share.
 * @csspart participants - "3 of 15 participants".
 * @csspart tiers - The cashback tiers; each is a `tier` part, the reached one also `current-tier`.
 * @csspart tier - One cashback tier.
 * @csspart current-tier - The tier the group has reached.
 * @csspart next-tier - What the next tier needs.
 * @csspart cashback - The cashback earned on this order at the current tier.
 * @csspart time-left - Time until the group ends.
 * @csspart group-ended - How the group ended.
 * @csspart continue-button - "Continue", to the shop's success page.
 * @csspart button - Every button.
 * @csspart cancel-button - "Back to the shop".
 * @csspart retry-button - "Try again" in the error view.
 * @csspart copy-button - Copies the code to share.
 * @csspart share-button - Opens the system share sheet, where the browser has one.
 * @csspart check-again-button - Asks the server again about a payment whose outcome is unknown.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart offline-notice - Shown while the browser is offline.
 * @csspart announcer - The visually hidden live region that announces status changes.
 *
 * @cssprop --kohort-accent - Buttons and highlights. Defaults to the merchant's brand colour, then #c62344.
 * @cssprop --kohort-accent-text - Text on the accent colour. On the brand colour from the API it defaults to white or black, whichever reads better; set it with your own `--kohort-accent`.
 * @cssprop --kohort-text - Main text colour.
 * @cssprop --kohort-muted - Secondary text colour.
 * @cssprop --kohort-background - Card background.
 * @cssprop --kohort-surface - Placeholder and message backgrounds.
 * @cssprop --kohort-border - Borders and separators.
 * @cssprop --kohort-danger - Error accents.
 * @cssprop --kohort-input-border - Borders of the e-mail and code fields.
 * @cssprop --kohort-success-surface - Background of the accepted friend's code.
 * @cssprop --kohort-focus - Focus ring colour.
 * @cssprop --kohort-radius - Corner radius of the card (buttons, fields and the group's rows use two thirds of it; 0 squares them all).
 * @cssprop --kohort-spacing - Base spacing unit.
 * @cssprop --kohort-font-family - Font family.
 * @cssprop --kohort-font-size - Base font size; every size inside scales with it. Defaults to the browser's text size, or the page's root size if larger.
 * @cssprop --kohort-max-width - Largest width of the widget.
 * @cssprop --kohort-code-font - Font of the code to share, after paying (monospace by default).
 */
export class KohortCheckout extends LitElement {
  static override styles = styles;

  static override properties = {
    sessionId: { attribute: 'session-id', reflect: true },
    publishableKey: { attribute: 'publishable-key', reflect: true },
    apiBase: { attribute: 'api-base', reflect: true },
    locale: { reflect: true },
    shareCode: { attribute: 'share-code' },
    inviteUrl: { attribute: 'invite-url' },
    theme: { reflect: true },
    messages: { attribute: false },
    state: { reflect: true },
    confirmPayment: { attribute: false },
    email: { state: true },
    emailError: { state: true },
    codeOpen: { state: true },
    codeInput: { state: true },
    codeError: { state: true },
    offline: { state: true },
    announcement: { state: true },
  };

  // Accessors on the prototype from the start, as decorators made them: a wrapper that checks
  // `name in prototype` (@lit/react) sees the properties even if another copy won the tag.
  static {
    this.finalize();
  }

  /**
   * The checkout session to show: its `cs_…` id or its share id `cs_test_…` / `cs_live_…`. It may
   * be set after the element is on the page (once the page has created the session): the skeleton
   * shows meanwhile, and `missing_attribute` fires only if it is still empty 3 seconds later.
   */
  sessionId = '';

  /** The merchant's publishable key, `pk_test_…` or `pk_live_…`. A secret `sk_` key is refused before any request. */
  publishableKey = '';

  /** The KohortPay API origin; point it at the sandbox API for local development. */
  apiBase: string = 'https://api.kohortpay.com'; // DEFAULT_API_BASE, written out so that custom-elements.json shows it

  /** Language override: `fr`, `en`, `de`, `es`, `it` or `nl`, alone or with a region (`fr-FR`, `en_GB`…). Otherwise the session's locale, then the page's `lang`, then French. */
  locale: string | undefined;

  /**
   * A friend's code to prefill (for example from a `?kohort=` invite link); it is checked once the
   * e-mail is known. It may be set after the session is shown (a page that reads `?kohort=` after
   * its first render): it then replaces the code prefilled (emptied, it takes it back), unless the
   * customer typed a code of their own; set while a payment is under way, once that payment has
   * ended without being paid (Pay is offered again).
   */
  shareCode = '';

  /**
   * Where friends land from the invite link: an absolute http(s) URL in which `{code}` is replaced,
   * or to which `?kohort=CODE` is added. Defaults to the merchant's website from the session.
   */
  inviteUrl = '';

  /** `light` (default), `dark`, or `auto` to follow the customer's system (`prefers-color-scheme`). */
  theme: 'light' | 'dark' | 'auto' = 'light';

  /**
   * The merchant's own wording for any string of the current language, e.g.
   * `{ payButton: (amount) => \`Commander · ${amount}\`, errors: { network_error: { title, body } } }`.
   * A value of the wrong type or an empty one, or a function that throws or returns no text,
   * gives way to the widget's own wording, with one console warning naming the key; so does, in
   * a development build, a key the widget does not have (misspelt).
   */
  messages: MessageOverrides | undefined;

  /** What is shown: `loading`, `ready`, `completed`, `expired` or `error`. Read-only; reflected for styling. */
  readonly state: CheckoutState = 'loading';

  /**
   * The confirmation step: confirms the payment intent with the merchant's payment provider
   * (for example Stripe's `confirmPayment` with `intent.clientSecret`), and answers
   * `{ status: 'succeeded' }`, `{ status: 'failed', message }` or Stripe's result as is. Without
   * it, a test session on the sandbox API is paid by the sandbox's test provider; otherwise the
   * customer goes to the hosted checkout, and a session without one (no `url`, or one refused as unsafe) fires
   * `kohort-error` `missing_attribute` on Pay, creating no payment intent.
   */
  confirmPayment: ConfirmPaymentHandler | undefined;

  private email = '';
  private emailError: PayFormInput['emailError'] = null;
  private codeOpen = false;
  private codeInput = '';
  private codeError: PayFormInput['codeError'] = null;
  private offline = false;
  /** The one polite live region's text: status changes are announced here, and only here. */
  private announcement = '';

  readonly #session = createSessionStore();
  readonly #referral = createReferralStore();
  readonly #payment = createPaymentStore();
  readonly #view = new StoreController(this, this.#session.$view, (view) => this.#sayView(view));
  readonly #referralState = new StoreController(this, this.#referral.$referral, (referral, previous) =>
    this.#sayReferral(referral, previous),
  );
  readonly #paymentState = new StoreController(this, this.#payment.$payment, (payment, previous) =>
    this.#settlePayment(payment, previous),
  );
  /** The paid view's referral group, loaded on demand (see #loadGroupView). */
  #groupView: GroupView | undefined;
  #groupViewLoad: Promise<GroupView> | undefined;
  /** Its chunk could not be downloaded: the paid view says the group cannot be shown, until back online. */
  #groupViewFailed = false;
  /** The adopted sheet that carries the brand colour, and the colour it carries (see #applyBrand). */
  #brandSheet: CSSStyleSheet | undefined;
  #brandColor: string | null = null;
  /** The language whose words are shown (see #context). */
  #shownLocale: ResolvedLocale | undefined;
  /** The last view whose events were sent and focus moved (see #announceView). */
  #announcedView: SessionView | undefined;
  /** A view was shown and announced since the session began loading (see #waitsForWords). */
  #spoke: boolean | undefined;
  /** A view whose announcement waited for its language's words. */
  #unsaid: SessionView | undefined;
  /** The session the form was prefilled for: another one is prefilled afresh (see #prepareForm). */
  #formSessionId: string | undefined;
  /** The friend's code the form was prefilled with: while the field still holds it, a later share-code replaces it. */
  #prefilledCode: string | undefined;
  /** A share-code set while a payment was under way: it replaces the code prefilled once the form can change again. */
  #shareCodeWaits: boolean | undefined;
  /** The group the paid view follows; undefined to follow it again on the next update. */
  #followedGroupId: string | undefined;
  /** The next update loads the session: first connected, connected again with other inputs, or moved mid-request. */
  #needsLoad = true;
  /** Retry was pressed: the view it leads to takes the focus, once shown in its own words. */
  #refocus: boolean | undefined;
  /** Pay was pressed while the friend's code was being checked: pay once it is accepted. */
  #payWhenCodeAccepted: boolean | undefined;
  /**
   * Sent to the hosted checkout: if the page is still here 10 s later (Stop, "Stay" on leaving, an extension), Pay is offered again.
   * Not cleared on removal: it only resets the payment store, which a widget put back then takes in (see StoreController).
   */
  #redirectTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    const view = this.#view.value;
    // A payment cut short when the element left: ask the server how it ended, first, so that what the payment
    // store delivers on reconnecting (see StoreController) is "checking", not "unknown" (kohort-error) again.
    if (this.#paymentState.value.status === 'unknown' && view.status === 'ready') {
      void this.#payment.recheck(this.#inputs(), view.session);
    }
    super.connectedCallback();
    // Vue binds `:confirm-payment="fn"` to a custom element as an attribute, which cannot carry a function.
    for (const [attribute, property] of [['confirm-payment', 'confirmPayment'], ['messages', 'messages']]) {
      if (this.hasAttribute(attribute)) {
        console.warn(
          `[kohort-checkout] Ignored the ${attribute} attribute: set the ${property} property (in Vue: :${property}="…" or :${attribute}.camel="…").`,
        );
      }
    }
    this.offline = navigator.onLine === false;
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    window.addEventListener('pageshow', this.#onPageShow);
    if (this.#needsLoad || !this.#session.isCurrent(this.#inputs())) {
      this.#needsLoad = true;
      this.requestUpdate();
    } else {
      this.#session.resume();
      this.#followedGroupId = undefined; // follow the group again on the next update
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    window.removeEventListener('pageshow', this.#onPageShow);
    // A request cut short must be sent again if the element comes back (moved in the DOM).
    if (this.#view.value.status === 'loading') this.#needsLoad = true;
    this.#session.pause();
    // Moved in the DOM (connected again at once), the payment goes on; it stops only if the element left.
    queueMicrotask(() => {
      if (!this.isConnected) this.#payment.abort();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Set again with spaces or a newline around the same value, they change nothing: a payment goes on.
    const inputSet = changed.has('sessionId') || changed.has('publishableKey') || changed.has('apiBase');
    const inputsChanged = inputSet && !this.#session.isCurrent(this.#inputs());
    if (this.isConnected && (this.#needsLoad || inputsChanged)) {
      this.#needsLoad = false;
      // The page's choice wins, but a payment that may have charged is reported first (payment_unknown).
      this.#payment.abort();
      this.#payment.clear();
      this.#referral.clear();
      this.#groupView?.stop();
      this.#followedGroupId = undefined;
      // The form is set up afresh, the same session too: its e-mail and code prefilled, a payment under way followed.
      this.#formSessionId = undefined;
      this.codeError = null;
      this.#spoke = false;
      void this.#session.load(this.#inputs());
    }
    const view = this.#view.value;
    const waits = this.#waitsForWords(view);
    // The form, and the friend's code it checks (and announces), wait for the words too; so does the
    // group, whose kohort-group-change (previous: null) comes after the kohort-ready or -success it completes.
    if (!waits) {
      this.#prepareForm(view, changed.has('shareCode'));
      this.#followGroup(view);
    }
    (this as { state: CheckoutState }).state = view.status === 'idle' || waits ? 'loading' : view.status;
  }

  protected override render() {
    const view = this.#waitsForWords(this.#view.value) ? ({ status: 'loading' } as const) : this.#view.value;
    const session = sessionOf(view);
    const context = this.#context(session);
    return html`<div class="container" part="container" lang=${context.locale}>
      ${this.offline ? html`<p class="offline" part="offline-notice">${context.t.offline}</p>` : nothing}
      ${this.#renderView(view, context)}
      <div class="visually-hidden" part="announcer" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }

  protected override updated(): void {
    this.#applyBrand();
    if (!this.isConnected) return;
    this.#announceView();
  }

  /** Sends the browser to a URL the widget has already checked (http/https only). Tests override it. */
  protected navigate(url: string): void {
    window.location.assign(url);
  }

  // Rendering: one template per view, and the brand colour.

  /** One template per state of the session's view; the ready view adds the pay form and "Back to the shop". */
  #renderView(view: SessionView, context: ViewContext) {
    switch (view.status) {
      case 'idle':
      case 'loading':
        // The skeleton keeps room for the test-mode hint the ready view will show: a test key, paid by the sandbox's test provider.
        return loadingTemplate(context, this.#inputs().publishableKey.startsWith('pk_test_') && this.#usesTestProvider(false));
      case 'ready':
        return html`${readyTemplate(view.session, view.summary, context)}
        ${payFormTemplate(
          view.session,
          this.#referralState.value,
          this.#paymentState.value,
          {
            email: this.email,
            emailError: this.emailError,
            codeOpen: this.codeOpen,
            codeInput: this.codeInput,
            codeError: this.codeError,
            testProvider: this.#usesTestProvider(view.session.livemode),
          },
          context,
          this.#formHandlers,
          this.#paymentLocked(),
        )}
        ${cancelTemplate(view.session, context, this.#onCancel, this.#paymentLocked())}`;
      case 'completed':
        return completedTemplate(
          view.session,
          context,
          !!view.intentId,
          this.#groupIdOf(view.session) ? this.#renderGroup(view.session, context) : nothing,
          view.session.success_url ? this.#onContinue : null,
        );
      case 'expired':
        return expiredTemplate(view.session, context, this.#onCancel);
      case 'error':
        return errorTemplate(view.error, this.#errorMessage(view, context.t), context, this.#onRetry, this.#onCancel);
    }
  }

  /** The paid view's group, or a placeholder while its chunk loads (or says it cannot be shown). */
  #renderGroup(session: CheckoutSession, context: ViewContext) {
    return this.#groupView?.render(session, context) ?? groupPlaceholder(context.t, this.#groupViewFailed);
  }

  /** The error view's message: the error's own words, naming the attribute missing or the secret key (masked) given. */
  #errorMessage(view: Extract<SessionView, { status: 'error' }>, words: Catalogue): string {
    const { error } = view;
    if (error.code === 'missing_attribute' && view.missing) {
      return `${words.errors.missing_attribute.body} ${words.missingAttribute(view.missing)}`;
    }
    if (error.code === 'secret_key') {
      // Given where a publishable key or a session id belongs, or written into api-base (as checkApiConfig found it).
      const { publishableKey, sessionId, apiBase } = this.#inputs();
      return words.secretKey(maskKey(/\bsk_\w*/.exec(`${publishableKey} ${sessionId} ${apiBase}`)![0]));
    }
    return errorBody(error, words);
  }

  /**
   * The merchant's colour, checked as hex, goes into a stylesheet of this element's own
   * (adopted, like Lit's): no style attribute, which a strict CSP would block.
   */
  #applyBrand(): void {
    const view = this.#view.value;
    const session = sessionOf(view);
    const color = session ? parseHexColor(brandFor(session)?.color) : null;
    if (color === this.#brandColor) return;
    this.#brandColor = color;
    const root = this.renderRoot as ShadowRoot;
    if (!this.#brandSheet) {
      this.#brandSheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#brandSheet];
    }
    // On :host, where --_accent is resolved; a merchant's --kohort-accent still wins over it.
    this.#brandSheet.replaceSync(color ? `:host{--_brand:${color};--_brand-text:${readableTextOn(color)}}` : '');
  }

  // Words and locale: the language shown, and waiting for it to load.

  /** What every template is given: the words shown, their locale, and money formatted in it. */
  #context(session: CheckoutSession | null): ViewContext {
    const wanted = this.#resolveLocale(session);
    // The page switched locale: the words shown stay until the new ones come, never English in between.
    // Not settled yet, the new words are asked for (#messagesIn starts their download; its answer is not used
    // here), and shown at once only when nothing is shown yet (the first view waits for them, see #waitsForWords).
    if (messagesSettled(wanted.language) || (this.#messagesIn(wanted.language), !this.#shownLocale)) this.#shownLocale = wanted;
    const { language, tag } = this.#shownLocale;
    const words = this.#messagesIn(language);
    // Where English stands in (its language could not load), lang="en" and the numbers are English too.
    const locale = loadedMessages(language) ? tag : 'en';
    return { t: words, locale, money: (amount) => formatMoney(amount, session?.currency ?? 'EUR', locale) };
  }

  /** The words of the view shown, with the merchant's overrides. */
  #words(): Catalogue {
    return this.#context(sessionOf(this.#view.value)).t;
  }

  /** The catalogue for `language` with the merchant's overrides; English while a catalogue is on its way. */
  #messagesIn(language: Language): Catalogue {
    const catalogue = loadedMessages(language);
    if (!messagesSettled(language)) {
      void loadMessages(language)
        .catch(() => undefined)
        .then(() => this.requestUpdate());
    }
    return withOverrides(catalogue ?? loadedMessages('en')!, this.messages);
  }

  /**
   * The first view after loading waits, as the skeleton, for its language's words (German,
   * Spanish, Italian and Dutch load on demand): never English first, neither on screen nor in
   * what is announced and sent with the events. English stands in if the words cannot load.
   */
  #waitsForWords(view: SessionView): boolean {
    if (this.#spoke || view.status === 'idle' || view.status === 'loading') return false;
    const { language } = this.#resolveLocale(sessionOf(view));
    if (messagesSettled(language)) return false;
    this.#messagesIn(language);
    return true;
  }

  /** The language wanted: the locale attribute, else the session's, else the page's lang (see resolveLocale). */
  #resolveLocale(session: CheckoutSession | null): ResolvedLocale {
    return resolveLocale([this.locale, session?.locale, inheritedLang(this)]);
  }

  // The attributes the session is loaded with, and who pays without a confirmation step.

  /** The session's attributes as the stores are given them: trimmed, and api-base defaulted. */
  #inputs(): SessionInputs {
    // Set from JavaScript they may be anything, or carry the newline of an environment variable.
    const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
    return {
      sessionId: trimmed(this.sessionId),
      publishableKey: trimmed(this.publishableKey),
      apiBase: trimmed(this.apiBase) || DEFAULT_API_BASE,
    };
  }

  /**
   * Without a confirmation step, a test session on the sandbox API is paid by the sandbox's test
   * provider; KohortPay's own API has no such route, so there the hosted checkout takes it.
   */
  #usesTestProvider(livemode: boolean): boolean {
    if (this.confirmPayment || livemode) return false;
    try {
      return new URL(this.#inputs().apiBase).origin !== DEFAULT_API_BASE; // an origin: no path, no slash
    } catch {
      return false;
    }
  }

  // The paid view's referral group, loaded on demand.

  /** The group a paid session's intent joined: the expanded one's id, else the intent's payment_group_id. */
  #groupIdOf(session: CheckoutSession): string | null {
    return session.payment_intent?.payment_group?.id ?? session.payment_intent?.payment_group_id ?? null;
  }

  /**
   * A paid session shows its group: only then is the group fetched, then followed live. The
   * group view is a chunk of its own in the CDN build, loaded here (or already while paying).
   */
  #followGroup(view: SessionView): void {
    if (view.status !== 'completed' || !this.isConnected) return;
    const groupId = this.#groupIdOf(view.session);
    if (!groupId || groupId === this.#followedGroupId) return;
    this.#followedGroupId = groupId;
    const config = this.#inputs();
    // The group is read at once, while the view's code loads: one round trip, not two in a row.
    const controller = new AbortController();
    const firstRead = { controller, response: fetchPaymentGroup(config, groupId, controller.signal) };
    firstRead.response.catch(() => undefined); // the store reports it; unread if the view never comes
    this.#loadGroupView().then(
      (groupView) => {
        // Unless the element left the page or moved on to another session meanwhile.
        const stillFollowed = this.#followedGroupId === groupId && this.isConnected;
        if (stillFollowed) groupView.follow(config, groupId, firstRead, view.session.payment_intent?.payment_group);
        else controller.abort();
      },
      () => {
        controller.abort();
        if (this.#followedGroupId !== groupId) return;
        this.#groupViewFailed = true; // "cannot be shown right now"; tried again when back online
        this.requestUpdate();
      },
    );
  }

  /** Downloads the group view's chunk once (again after a failure) and creates the element's group view. */
  #loadGroupView(): Promise<GroupView> {
    if (!this.#groupViewLoad) {
      this.#groupViewLoad = import('./referral/group-view.js').then(({ GroupView }) => {
        this.#groupView = new GroupView(this, {
          inviteUrl: () => this.inviteUrl,
          context: () => this.#context(sessionOf(this.#view.value)),
          announce: (text) => this.#announce(text),
          tell: (selector, text) => this.#tell(selector, text),
          changed: (detail) => this.#emit('kohort-group-change', detail),
        });
        return this.#groupView;
      });
      this.#groupViewLoad.catch(() => (this.#groupViewLoad = undefined));
    }
    return this.#groupViewLoad;
  }

  // Following the stores: what changes on screen, what is said, and where the focus goes.

  /** Follows the payment store: success and expiry change the view; a failure is reported. */
  #settlePayment(payment: PaymentState, previous?: PaymentState): void {
    // The hosted checkout's page never came, or the customer is back from it: "Taking you…" is no longer said.
    if (previous?.status === 'redirecting') this.announcement = '';
    // Its outcome unknown, a payment may have charged: the session's clock must not call it expired either.
    this.#session.setPaying(this.#paymentLocked());
    clearTimeout(this.#redirectTimer);
    switch (payment.status) {
      case 'processing':
        // The paid view will show the group: fetch its code while the payment goes through.
        if (payment.step === 'creating') this.#loadGroupView().catch(() => undefined);
        if (payment.step === 'confirming') this.#announce(this.#words().paymentSteps.confirming);
        break;
      case 'succeeded':
        this.#session.showPaid(payment.session, payment.intentId);
        break;
      case 'expired':
        this.#session.showExpired(payment.session);
        break;
      case 'redirecting':
        this.#announce(this.#words().redirecting);
        this.navigate(payment.url);
        // A navigation that happens ends this document, and the timer with it. Pay then goes to the same url, for the same intent.
        this.#redirectTimer = setTimeout(() => this.#payment.reset(), 1e4);
        break;
      case 'failed': {
        const words = this.#words();
        const code = payment.reason === 'declined' ? 'payment_failed' : (payment.error?.code ?? 'payment_failed');
        const status = payment.error?.status;
        // Only a payment made with a friend's code can be refused for its group: without one, a
        // `NOT_FOUND` is the order's, and the message goes under Pay, not to a hidden code field.
        const refusal = this.#referralState.value.status === 'valid' && groupRefusalOf(payment.error);
        if (refusal) {
          // The friend's group filled up or ended since the code was accepted: the code field
          // says why, and the customer removes the code or changes it, then pays.
          // The focus moves to the code field as the refusal is shown (see #sayReferral).
          this.#referral.refuse(refusal);
          this.#payment.reset();
        } else {
          // The message the focus moves to says it, once: the live region does not repeat it ("Paying…" goes).
          this.announcement = '';
        }
        const shopOnly = !refusal && onlyTheShopCanHelp(payment.error);
        // For the page's developer, as for a session that fails to load: a setup only the shop can mend.
        if (shopOnly) console.error(`[kohort-checkout] ${code}: ${payment.error!.message}`);
        const message = refusal ? words.codeRefusals[refusal] : paymentFailureText(payment, words);
        this.#emitError({
          code,
          message,
          // A refused friend's code can be changed or removed; another card, or the same one in a moment,
          // may work; a refused customer or key will not, nor a page with no way to pay.
          retryable: !shopOnly,
          ...(status ? { status } : {}),
        });
        if (!refusal) this.#focus('[part~="payment-error"]', false, message);
        break;
      }
      case 'unknown': {
        const words = this.#words();
        this.#announce(`${words.paymentUnknownTitle}. ${words.paymentUnknownBody}`);
        this.#emitError({ code: 'payment_unknown', message: words.paymentUnknownBody, retryable: true });
        // The Pay button gave way to the message and its "Check again" button.
        this.#focus('[part~="check-again-button"]', true);
        break;
      }
    }
  }

  /**
   * Once a new view is rendered, and in its own words: moves the focus after Retry, says what
   * waited for the words (see #sayView), and sends the view's event to the page.
   */
  #announceView(): void {
    const view = this.#view.value;
    if (view === this.#announcedView || this.#waitsForWords(view)) return;
    this.#announcedView = view;
    if (this.#refocus && view.status !== 'loading') {
      this.#refocus = false;
      // Unless the customer went on elsewhere on the page meanwhile.
      this.#focus(view.status === 'ready' ? '#summary-heading' : '[part~="message"] h2', true);
    }
    // Loading again (Retry, back online): the view it leads to waits for its words again.
    this.#spoke = view.status !== 'idle' && view.status !== 'loading';
    if (this.#unsaid === view) this.#sayView(view);
    this.#unsaid = undefined;
    switch (view.status) {
      case 'ready':
        this.#emit('kohort-ready', { session: view.session });
        break;
      case 'completed':
        if (view.intentId) {
          this.#emit('kohort-success', {
            sessionId: view.session.id,
            paymentIntentId: view.intentId,
            amountTotal: view.session.amount_total,
            currency: view.session.currency,
            customerEmail: view.session.customer_email ?? this.email.trim(),
            group: view.session.payment_intent?.payment_group ?? null,
          });
          // Unless the customer went on to the page meanwhile: then the live region says it.
          this.#focus('#outcome-heading', true, this.#words().successTitle);
        } else {
          this.#emit('kohort-ready', { session: view.session });
        }
        break;
      case 'expired':
        this.#emit('kohort-expired', { sessionId: view.session.id });
        break;
      case 'error': {
        const { code, status, retryable } = view.error;
        const message = this.#errorMessage(view, this.#words());
        // For the page's developer, whether the page listens or not: what failed, and with what.
        const { sessionId, apiBase } = this.#inputs();
        // A secret key in session-id or api-base, or a password in api-base, is not printed in full, whatever the error.
        console.error(
          masked(`[kohort-checkout] ${code}${status ? ` (HTTP ${status})` : ''}: ${view.error.message} Session "${sessionId}", api-base ${apiBase.replace(/\/\/.*@/, '//***@')}.`),
        );
        this.#emitError(status ? { code, message, status, retryable } : { code, message, retryable });
        break;
      }
    }
  }

  /** What a screen reader hears when the view changes (the countdown is never announced). */
  #sayView(view: SessionView): void {
    if (this.#waitsForWords(view)) {
      this.#unsaid = view;
      return;
    }
    const words = this.#words();
    if (view.status === 'error') this.#announce(`${words.errors[view.error.code].title}. ${this.#errorMessage(view, words)}`);
    else if (view.status === 'expired') this.#tell('[part~="message"] h2', words.expiredTitle);
    else if (view.status === 'completed') {
      // Paid here: the heading the focus moves to says it (see #announceView), once; "Paying…" goes.
      if (view.intentId) this.announcement = '';
      // Paid elsewhere while the form was shown (Back to the page): the form is going.
      else if (this.#announcedView?.status === 'ready') this.#tell('[part~="message"] h2', words.completedTitle);
    }
    // Loading again (Retry, another session): what was said of the last view is not read any more.
    else if (view.status === 'loading') this.announcement = '';
  }

  /** Follows the referral store: says how the friend's code was checked, and pays once it is accepted if Pay was waiting. */
  #sayReferral(referral: ReferralState, previous?: ReferralState): void {
    const view = this.#view.value;
    const words = this.#words();
    const payNow = this.#payWhenCodeAccepted && referral.status === 'valid';
    if (referral.status !== 'validating') this.#payWhenCodeAccepted = false;
    // A late answer is no news once the form is gone (the session expired meanwhile).
    if (view.status !== 'ready') return;
    if (referral.status === 'validating') this.#announce(words.codeValidating);
    else if (referral.status === 'valid') {
      // Said as shown, wherever the focus is: the group joined, then the cashback this order earns (none before a tier).
      const joining = `${words.codeJoining(shortName(referral.group.customer))} ${codeCashbackText(view.session, referral.group, this.#context(view.session))}`.trim();
      if (payNow) {
        this.#announce(joining);
        queueMicrotask(() => this.#submit());
      } else {
        // The code field gave way to the accepted code: focus that was in it moves to the code, which
        // says it; otherwise the live region does. A code accepted as the page loads (an invite link)
        // leaves the page's focus where it is.
        this.#tell('[part~="code-accepted"]', joining);
      }
    } else if (referral.status === 'refused') {
      // Refused when checked again for a new e-mail, the accepted code gives way to the code field:
      // focus that was on its Remove moves to the field, whose description says why.
      if (previous?.status !== 'valid') this.#tell('#code', words.codeRefusals[referral.reason]);
      else {
        // Refused when paying (it was accepted): the code field the focus moves to says why (its
        // description), and the live region does not repeat it ("Paying…" goes).
        this.announcement = '';
        this.#focus('#code');
      }
    }
  }

  /** Says `text` through the live region (a repeat is made distinct so it is read again). */
  #announce(text: string): void {
    this.announcement = text === this.announcement ? `${text}\u00a0` : text;
  }

  /**
   * Says `text` once, before the change re-renders. If the customer was in the widget and the
   * render takes their control away (the form going, the code field, Copy), the focus moves to
   * `selector`, which says it, and the live region is emptied; otherwise (a page just loaded, the
   * customer elsewhere on the page or still on a control of the widget) the live region says it.
   */
  #tell(selector: string, text: string): void {
    if ((this.renderRoot as ShadowRoot).activeElement) {
      this.announcement = '';
      this.#focus(selector, true, text);
    } else this.#announce(text);
  }

  /**
   * Once rendered, focuses `selector`; with `ifLost`, only if focus fell to the page's body (the
   * focused control was rendered away), and otherwise the live region says `text`, what the
   * element focused would have said.
   */
  #focus(selector: string, ifLost?: boolean, text?: string): void {
    void this.updateComplete.then(() => {
      if ((this.renderRoot as ShadowRoot).activeElement ? !ifLost : [document.body, this].includes(document.activeElement as HTMLElement)) {
        this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
      } else if (text) this.#announce(text);
    });
  }

  // The page's kohort-* events.

  /** With the session it is about: a payment stopped because session-id changed is the previous one's (its view is still shown). */
  #emitError(detail: Omit<KohortErrorDetail, 'sessionId'>): void {
    this.#emit('kohort-error', { ...detail, sessionId: this.#eventSessionId() });
  }

  /** The session an event is about: the one shown, else session-id trimmed, a secret key masked. */
  #eventSessionId(): string {
    return masked(sessionOf(this.#view.value)?.id ?? this.#inputs().sessionId);
  }

  /** Dispatches a bubbling, composed `kohort-*` event; false if it was `cancelable` and a listener canceled it. */
  #emit<K extends keyof KohortCheckoutEventMap>(
    type: K,
    detail: KohortCheckoutEventMap[K]['detail'],
    cancelable?: boolean,
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  // The pay form: e-mail, friend's code, Pay.

  /**
   * The first time a session is ready: prefill the e-mail and a friend's code (share-code, else the
   * session's payment_group_share_id), then check the code (if the e-mail is valid), or follow a
   * payment already under way.
   * A share-code set later (a page that reads `?kohort=` after its first render) replaces the code
   * prefilled, unless the customer typed their own; set while a payment is under way, once it has ended.
   */
  #prepareForm(view: SessionView, shareCodeChanged: boolean): void {
    if (view.status !== 'ready') return;
    const newSession = this.#formSessionId !== view.session.id;
    const shareCodeSet = shareCodeChanged || this.#shareCodeWaits;
    // Set while a payment is under way, it waits until the form can change again.
    const replacesPrefilledCode = !(this.#shareCodeWaits = shareCodeSet && this.#paymentLocked()) && shareCodeSet && this.codeInput === this.#prefilledCode;
    if (!newSession && !replacesPrefilledCode) return;
    if (newSession) {
      this.#formSessionId = view.session.id;
      this.email = view.session.customer_email ?? '';
      this.emailError = null;
    }
    // The code prefilled before may have been accepted (or Pay be waiting for it, see #sayReferral): it is not this one.
    this.#referral.clear();
    const code = this.shareCode || view.session.payment_group_share_id || '';
    this.codeInput = this.#prefilledCode = code;
    this.codeOpen = !!code;
    const announcedBefore = this.announcement;
    // Paid in another tab or before a reload, and not settled yet: wait for it, never offer to pay twice.
    // Sent back to this page by the provider's (Stripe's return_url after a bank's page) as paid: the same, even before KohortPay knows.
    const back = !!view.session.payment_intent && /[?&]redirect_status=(succeeded|processing)/.test(location.search);
    if (newSession && (back || paymentUnderWay(view.session))) void this.#payment.watch(this.#inputs(), view.session, back);
    else if (code && !this.#emailProblem(this.email)) this.#validateCode();
    // Late, it re-renders the code's controls: focus that was on them follows to what replaces them, the code
    // field, whose description says what checking it announced ("Checking the code…"), once (see #tell).
    if (!newSession && (this.renderRoot as ShadowRoot).activeElement) {
      this.#tell(code ? '#code' : '[part~="code-toggle"]', announcedBefore === this.announcement ? '' : this.announcement);
    }
  }

  /** The key of what is wrong with `email`, or null: the message is worded at each render, in the language of the moment. */
  #emailProblem(email: string): PayFormInput['emailError'] {
    const value = email.trim();
    if (!value) return 'emailRequired';
    // The browser's own rule for type="email", plus a dot in the domain and no empty label (`marie@example.com.`).
    return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value) ? null : 'emailInvalid';
  }

  /** Checks the friend's code for the e-mail typed; a code waits for a valid e-mail, which the focus moves to. */
  #validateCode(): void {
    const view = this.#view.value;
    if (view.status !== 'ready') return;
    // A code that cannot be one is refused at once, without the e-mail.
    const mayBeACode = !!parseReferralCode(this.codeInput) || !this.codeInput.trim();
    if (mayBeACode && this.#emailProblem(this.email)) {
      this.codeError = 'codeNeedsEmail';
      this.#announce(this.#words().codeNeedsEmail);
      this.#focus('#email');
      return;
    }
    this.codeError = null;
    void this.#referral.validate(this.#inputs(), this.codeInput, { customerEmail: this.email.trim(), amount: view.session.amount_total });
  }

  /**
   * A payment is under way or its outcome unknown: the form's controls are locked (aria-disabled, readonly),
   * and Cancel too.
   */
  #paymentLocked(): boolean {
    const { status } = this.#paymentState.value;
    return status === 'processing' || status === 'redirecting' || status === 'unknown';
  }

  /** Pay: checks the e-mail and the friend's code first; a code still being checked pays once accepted. */
  #submit(): void {
    const view = this.#view.value;
    if (view.status !== 'ready' || this.#paymentLocked()) return;
    this.emailError = this.#emailProblem(this.email);
    if (this.emailError) {
      this.#focus('#email');
      return;
    }
    const referral = this.#referralState.value;
    if (this.codeInput.trim() && referral.status !== 'valid') {
      if (referral.status === 'refused') {
        // The refusal is shown, with Remove beside it: the customer changes or removes the code. The
        // field the focus moves to says why (its description): the live region does not repeat it.
        this.codeError = null;
        this.announcement = '';
        this.#focus('#code');
        return;
      }
      // The code is being checked (the e-mail just changed, or it came from an invite link).
      this.#payWhenCodeAccepted = true;
      if (referral.status !== 'validating') this.#validateCode();
      return;
    }
    void this.#payment.pay({
      config: this.#inputs(),
      session: view.session,
      customerEmail: this.email.trim(),
      paymentGroupId: referral.status === 'valid' ? referral.group.id : null,
      confirm: this.confirmPayment,
      testProvider: this.#usesTestProvider(view.session.livemode),
    });
  }

  readonly #formHandlers: PayFormHandlers = {
    onSubmit: (event) => {
      event.preventDefault();
      this.#submit();
    },
    onEmailInput: (event) => {
      this.email = (event.target as HTMLInputElement).value;
      if (this.emailError) this.emailError = null;
      this.#payWhenCodeAccepted = false;
      this.#payment.reset(true);
    },
    onEmailChange: () => {
      const view = this.#view.value;
      if (view.status !== 'ready') return;
      this.emailError = this.email.trim() ? this.#emailProblem(this.email) : null;
      // A code waiting for the e-mail, or one checked for another e-mail, is checked (again).
      if (!this.emailError && this.codeInput.trim()) this.#validateCode();
    },
    onCodeToggle: () => {
      if (this.#paymentLocked()) return;
      this.codeOpen = true;
      this.#focus('#code');
    },
    onCodeInput: (event) => {
      this.codeInput = (event.target as HTMLInputElement).value;
      this.codeError = null;
      if (this.#referralState.value.status !== 'empty') this.#referral.clear();
      this.#payment.reset();
    },
    onCodeApply: () => {
      if (!this.#paymentLocked() && this.#referralState.value.status !== 'validating') this.#validateCode();
    },
    onCodeRemove: () => {
      if (this.#paymentLocked()) return;
      this.#referral.clear();
      this.codeInput = '';
      this.codeError = null;
      this.codeOpen = false;
      this.#payment.reset();
      // Remove gave way to "Have a code from a friend?": focus follows.
      this.#focus('[part~="code-toggle"]', true);
    },
    onCheckAgain: () => {
      const view = this.#view.value;
      if (view.status === 'ready') void this.#payment.recheck(this.#inputs(), view.session);
      // Check again gives way to Pay, which says the payment is being confirmed: focus follows.
      this.#focus('.pay', true);
    },
  };

  // The window's and the buttons' listeners.

  readonly #onOffline = () => {
    this.offline = true;
    // The notice is not a live region (the announcer is the only one): say it there.
    this.#announce(this.#words().offline);
  };

  /**
   * Back online: what failed for want of a network is tried again (the group store resumes by itself),
   * the group view's code and a language's words included.
   */
  readonly #onOnline = () => {
    this.offline = false;
    // "You are offline" is no longer true: reading mode must not find it in the live region.
    this.announcement = '';
    if (this.#groupViewFailed) {
      this.#groupViewFailed = false;
      this.#followedGroupId = undefined; // loads the group view again on the next update
      this.requestUpdate();
    }
    const view = this.#view.value;
    // Words that could not load (English stands in for them) are asked for again; words already here are kept.
    void loadMessages(this.#resolveLocale(sessionOf(view)).language).then(() => this.requestUpdate(), () => undefined);
    if (view.status === 'error' && isConnectionError(view.error)) {
      // Retry is going: a customer on it follows to what replaces it (see #announceView).
      this.#refocus = !!(this.renderRoot as ShadowRoot).activeElement;
      void this.#session.retry();
    }
    // A payment that never reached KohortPay (nothing was charged): its message goes, Pay is ready.
    const payment = this.#paymentState.value;
    if (payment.status === 'failed' && isConnectionError(payment.error)) {
      this.#payment.reset();
      // The message had the focus (see #settlePayment): it goes to Pay, not to the page.
      this.#focus('.pay', true);
    }
    // A payment whose outcome the network hid is asked about, as Check again does.
    if (payment.status === 'unknown') this.#formHandlers.onCheckAgain();
    // A friend's code the network kept from being checked is checked, as "Everything resumes" promised.
    if ((this.#referralState.value as { reason?: string }).reason === 'NETWORK' && !this.#emailProblem(this.email)) this.#validateCode();
  };

  /**
   * The page is shown again as it was left (Back, from the back/forward cache): the server says
   * what happened meanwhile, e.g. a payment on the hosted checkout or in another tab.
   */
  readonly #onPageShow = (event: PageTransitionEvent) => {
    const view = this.#view.value;
    if (!event.persisted || view.status !== 'ready') return;
    const { status } = this.#paymentState.value;
    // Left while paying (a bank's page, say): how did it end?
    if (status === 'processing' || status === 'unknown') void this.#payment.recheck(this.#inputs(), view.session, true);
    else {
      // Back from the hosted checkout: paid there, or Pay is offered again (for the same intent).
      if (status === 'redirecting') this.#payment.reset();
      void this.#session.refresh().then((session) => {
        // Paid there or in another tab, not settled yet: wait for it, never offer to pay twice (as a reload would).
        if (session && paymentUnderWay(session) && this.#view.value.status === 'ready' && !this.#paymentLocked()) {
          void this.#payment.watch(this.#inputs(), session);
        }
      });
    }
  };

  readonly #onRetry = () => {
    // The Retry button is going: the focus goes to the heading of what replaces it (see #announceView).
    this.#refocus = true;
    void this.#session.retry();
  };

  readonly #onCancel = () => {
    // Leaving would not stop a payment under way: the shop's "canceled" page would be wrong.
    if (this.#paymentLocked()) return;
    const session = sessionOf(this.#view.value);
    const proceed = this.#emit('kohort-cancel', { sessionId: this.#eventSessionId() }, true);
    // Shown with a cancel_url, or without one where nothing else is left to do (expired, an error Retry cannot help):
    // then the shop's home page, this page's origin ('/' would follow a <base href> elsewhere). A document written
    // into an iframe (srcdoc, about:blank: an embed block) has the "null" location.origin of its URL: then the page's own origin.
    if (proceed) this.navigate(session?.cancel_url || location.origin.replace(/^null$/, origin));
  };

  /** "Continue" goes to success_url with `payment_id` appended, as the hosted checkout does, unless the page routes itself. */
  readonly #onContinue = () => {
    const view = this.#view.value;
    if (view.status !== 'completed' || !view.session.success_url) return;
    const url = new URL(view.session.success_url);
    const paymentIntentId = view.intentId ?? view.session.payment_intent?.id ?? null;
    if (paymentIntentId) url.searchParams.set('payment_id', paymentIntentId);
    if (this.#emit('kohort-continue', { sessionId: view.session.id, paymentIntentId, url: url.href }, true)) this.navigate(url.href);
  };
}

export type { ApiError };
export type { ConfirmPaymentHandler, ConfirmPaymentContext, ConfirmPaymentResult, PaymentIntentHandle, StripePaymentResult } from './stores/payment.js';
export type { MessageOverrides } from './i18n/index.js';
export type * from './events.js';
