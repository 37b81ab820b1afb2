import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { DEFAULT_API_BASE } from './api/client.js';
import type { ApiError } from './api/errors.js';
import type { CheckoutSession } from './api/types.js';
import type { KohortCheckoutEventMap } from './events.js';
import { messagesFor, resolveLocale, inheritedLang, type ResolvedLocale } from './i18n/index.js';
import { maskKey, parseHexColor, readableTextOn } from './internal/safe-values.js';
import { StoreController } from './internal/store-controller.js';
import { formatMoney } from './money/format.js';
import { createSessionStore, type SessionInputs, type SessionView } from './stores/session.js';
import { styles } from './kohort-checkout.styles.js';
import type { ViewContext } from './templates/context.js';
import { brandFor } from './templates/header.js';
import { loadingTemplate } from './templates/loading.js';
import { readyTemplate } from './templates/ready.js';
import { completedTemplate, errorTemplate, expiredTemplate } from './templates/outcome.js';

/** What the widget is showing; reflected on the host as the `state` attribute. */
export type CheckoutState = 'loading' | 'ready' | 'completed' | 'expired' | 'error';

/**
 * The KohortPay checkout: shows a checkout session (items, totals, the merchant's
 * brand) fetched with a publishable key, and tells the page what happens through
 * `kohort-*` DOM events.
 *
 * @summary Embeddable KohortPay checkout for one checkout session.
 *
 * @fires {CustomEvent<KohortReadyDetail>} kohort-ready - A session is shown (open or already paid). `detail: { session }`.
 * @fires {CustomEvent<KohortErrorDetail>} kohort-error - The widget shows an error. `detail: { code, message, status?, retryable }`.
 * @fires {CustomEvent<KohortExpiredDetail>} kohort-expired - The session is expired, or expires while shown. `detail: { sessionId }`.
 * @fires {CustomEvent<KohortCancelDetail>} kohort-cancel - The customer chose "back to the shop". Cancelable: `preventDefault()` stops the navigation to `cancel_url`. `detail: { sessionId }`.
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
 * @csspart message - A status message (paid, expired, error).
 * @csspart button - Every button.
 * @csspart cancel-button - "Back to the shop".
 * @csspart retry-button - "Try again" in the error view.
 * @csspart skeleton - The placeholder shown while loading.
 *
 * @cssprop --kohort-accent - Buttons and highlights. Defaults to the merchant's brand colour, then #c62344.
 * @cssprop --kohort-accent-text - Text on the accent colour. Defaults to white or black, whichever reads better.
 * @cssprop --kohort-text - Main text colour.
 * @cssprop --kohort-muted - Secondary text colour.
 * @cssprop --kohort-background - Card background.
 * @cssprop --kohort-surface - Placeholder and message backgrounds.
 * @cssprop --kohort-border - Borders and separators.
 * @cssprop --kohort-danger - Error accents.
 * @cssprop --kohort-focus - Focus ring colour.
 * @cssprop --kohort-radius - Corner radius of the card (buttons use two thirds of it).
 * @cssprop --kohort-spacing - Base spacing unit.
 * @cssprop --kohort-font-family - Font family.
 * @cssprop --kohort-font-size - Base font size.
 * @cssprop --kohort-max-width - Largest width of the widget.
 */
export class KohortCheckout extends LitElement {
  static override styles = styles;

  /** The checkout session to show: its `cs_…` id or its share id `cs_test_…` / `cs_live_…`. */
  @property({ attribute: 'session-id', reflect: true }) sessionId = '';

  /** The merchant's publishable key, `pk_test_…` or `pk_live_…`. A secret `sk_` key is refused before any request. */
  @property({ attribute: 'publishable-key', reflect: true }) publishableKey = '';

  /** The KohortPay API origin; point it at the sandbox API for local development. */
  @property({ attribute: 'api-base', reflect: true }) apiBase = DEFAULT_API_BASE;

  /** Language override: `fr`, `fr-FR`, `fr_FR`, `en`, `en-US`, `en_GB`… Otherwise the session's locale, then the page's `lang`, then French. */
  @property({ reflect: true }) locale: string | undefined;

  /** What is shown: `loading`, `ready`, `completed`, `expired` or `error`. Read-only; reflected for styling. */
  @property({ reflect: true }) state: CheckoutState = 'loading';

  readonly #store = createSessionStore();
  readonly #view = new StoreController(this, this.#store.$view);
  readonly #summary = new StoreController(this, this.#store.$summary);
  #announcedView: SessionView | null = null;
  #needsLoad = true;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#needsLoad || !this.#store.isCurrent(this.#inputs())) {
      this.#needsLoad = true;
      this.requestUpdate();
    } else {
      this.#store.resume();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A request cut short must be sent again if the element comes back (moved in the DOM).
    if (this.#view.value.status === 'loading') this.#needsLoad = true;
    this.#store.pause();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputsChanged = changed.has('sessionId') || changed.has('publishableKey') || changed.has('apiBase');
    if (this.isConnected && (this.#needsLoad || inputsChanged)) {
      this.#needsLoad = false;
      void this.#store.load(this.#inputs());
    }
    const status = this.#view.value.status;
    this.state = status === 'idle' ? 'loading' : status;
  }

  protected override render() {
    const view = this.#view.value;
    const session = 'session' in view ? view.session : null;
    const locale = this.#resolveLocale(session);
    const context: ViewContext = {
      t: messagesFor(locale.language),
      locale: locale.tag,
      money: (amount) => formatMoney(amount, session?.currency ?? 'EUR', locale.tag),
    };
    return html`<div class="container" part="container" lang=${locale.tag} style=${styleMap(this.#brandStyle(session))}>
      ${this.#renderView(view, context)}
    </div>`;
  }

  protected override updated(): void {
    const view = this.#view.value;
    if (view === this.#announcedView || !this.isConnected) return;
    this.#announcedView = view;
    switch (view.status) {
      case 'ready':
      case 'completed':
        this.#emit('kohort-ready', { session: view.session });
        break;
      case 'expired':
        this.#emit('kohort-expired', { sessionId: view.sessionId });
        break;
      case 'error': {
        const { code, status, retryable } = view.error;
        const message = this.#errorMessage(view, messagesFor(this.#resolveLocale(null).language));
        this.#emit('kohort-error', status ? { code, message, status, retryable } : { code, message, retryable });
        break;
      }
    }
  }

  /** Sends the browser to a URL the widget has already checked (http/https only). Tests override it. */
  protected navigate(url: string): void {
    window.location.assign(url);
  }

  #renderView(view: SessionView, context: ViewContext) {
    switch (view.status) {
      case 'idle':
      case 'loading':
        return loadingTemplate(context);
      case 'ready':
        return readyTemplate(view.session, this.#summary.value!, context, this.#onCancel);
      case 'completed':
        return completedTemplate(view.session, context);
      case 'expired':
        return expiredTemplate(view.session, context, this.#onCancel);
      case 'error':
        return errorTemplate(view.error, this.#errorMessage(view, context.t), context, this.#onRetry);
    }
  }

  #errorMessage(view: Extract<SessionView, { status: 'error' }>, t: ViewContext['t']): string {
    const { error } = view;
    if (error.code === 'missing_attribute' && view.missing) return `${t.errors.missing_attribute.body} ${t.missingAttribute(view.missing)}`;
    if (error.code === 'secret_key') return t.secretKey(maskKey(this.publishableKey));
    return t.errors[error.code].body;
  }

  #inputs(): SessionInputs {
    return { sessionId: this.sessionId ?? '', publishableKey: this.publishableKey ?? '', apiBase: this.apiBase || DEFAULT_API_BASE };
  }

  #resolveLocale(session: CheckoutSession | null): ResolvedLocale {
    return resolveLocale([this.locale, session?.locale, inheritedLang(this)]);
  }

  #brandStyle(session: CheckoutSession | null): Record<string, string> {
    const color = session ? parseHexColor(brandFor(session)?.color) : null;
    return color ? { '--_brand': color, '--_brand-text': readableTextOn(color) } : {};
  }

  #emit<K extends keyof KohortCheckoutEventMap>(
    type: K,
    detail: KohortCheckoutEventMap[K]['detail'],
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }

  readonly #onRetry = () => {
    void this.#store.retry();
  };

  readonly #onCancel = () => {
    const view = this.#view.value;
    const session: CheckoutSession | null = 'session' in view ? view.session : null;
    if (!session) return;
    const proceed = this.#emit('kohort-cancel', { sessionId: session.id }, { cancelable: true });
    if (proceed && session.cancel_url) this.navigate(session.cancel_url);
  };
}

export type { ApiError };
export type * from './events.js';
