/**
 * The customer's referral group after paying: followed live, rendered, and told to the page
 * (`kohort-group-change`) and to screen readers. Loaded on demand, once Pay is pressed or a paid
 * session is shown: a checkout nobody tries to pay never downloads it.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { ApiConfig } from '../api/client.js';
import type { CheckoutSession, PaymentGroup } from '../api/types.js';
import type { KohortGroupChangeDetail } from '../events.js';
import { serverNow } from '../api/server-clock.js';
import { ClockController } from '../internal/clock-controller.js';
import { StoreController } from '../internal/store-controller.js';
import { addGroupMessages } from '../i18n/index.js';
import { enGroup } from '../i18n/en-group.js';
import { frGroup } from '../i18n/fr-group.js';
import { createGroupStore, type GroupRead, type GroupState } from '../stores/group.js';
import type { GroupViewContext, ViewContext } from '../templates/context.js';
import { groupEndedText, groupTemplate } from '../templates/group-body.js';
import { groupStyles } from '../templates/group.styles.js';
import { inviteLink } from './invite-link.js';
import { levelReached, participantsOf } from './tiers.js';

/** The element that shows the group. */
export type GroupViewHost = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

/** What the group view asks of that element. */
export interface GroupViewHooks {
  /** The merchant's `invite-url`, or '' for the session's website. */
  inviteUrl(): string;
  /** The words and formats of the element's current language. */
  context(): ViewContext;
  /** Says `text` through the element's one live region. */
  announce(text: string): void;
  /** Says `text` once: by `selector`, which the focus moves to if it was in the element and its control was rendered away; otherwise by the live region. */
  tell(selector: string, text: string): void;
  /** Fires `kohort-group-change`. */
  changed(detail: KohortGroupChangeDetail): void;
}

export class GroupView implements ReactiveController {
  readonly #host: GroupViewHost;
  readonly #hooks: GroupViewHooks;
  readonly #store = createGroupStore();
  readonly #state: StoreController<GroupState>;
  readonly #clock: ClockController;
  #copyStatus: 'idle' | 'copied' | 'failed' = 'idle';
  #copyTimer: ReturnType<typeof setTimeout> | undefined;
  #saidParticipants: number | null = null;
  #saidStatus: string | null = null;
  #announcedGroup: PaymentGroup | null = null;
  /** The page's event before had no group (it could not be read with the session): the first read is news to it. */
  #unsent: boolean | undefined;
  /** The API the group is read from, whose clock its countdown follows. */
  #apiBase = '';

  constructor(host: GroupViewHost, hooks: GroupViewHooks) {
    this.#host = host;
    this.#hooks = hooks;
    // French and English words of the group come with this chunk; the other languages carry theirs.
    addGroupMessages({ fr: frGroup, en: enGroup });
    // Before the controllers below, so that a shown group is styled from its first frame.
    const root = host.renderRoot as ShadowRoot;
    if (groupStyles.styleSheet && !root.adoptedStyleSheets.includes(groupStyles.styleSheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, groupStyles.styleSheet];
    }
    host.addController(this);
    this.#state = new StoreController(host, this.#store.$group, () => {
      this.#sayParticipants();
      this.#sayEnded();
    });
    this.#clock = new ClockController(host, () => {
      const group = this.group;
      return group?.status === 'OPEN' ? Date.parse(group.expires_at) - serverNow(this.#apiBase) : null;
    });
  }

  /** The group as last read from the API, or null while it loads or cannot be read. */
  get group(): PaymentGroup | null {
    const state = this.#state.value;
    return state.status === 'ready' ? state.group : null;
  }

  /**
   * Follows `groupId` live, replacing the group followed before; `first` is a read already under
   * way, `sent` the group the page was given with the session (`kohort-success`, `kohort-ready`).
   */
  follow(config: ApiConfig, groupId: string, first?: GroupRead, sent?: PaymentGroup | null): void {
    this.#unsent = !sent;
    this.#apiBase = config.apiBase;
    this.#store.follow(config, groupId, first);
  }

  /** The element moved on to another session: nothing of this group is shown, said or compared any more. */
  stop(): void {
    // "Code copied" was said of that group's code, not of the next one's.
    this.hostDisconnected();
    this.#store.stop(true);
    this.#saidParticipants = this.#saidStatus = this.#announcedGroup = null;
  }

  hostDisconnected(): void {
    this.#store.stop();
    // No timer left behind: "Code copied" is not news once the element comes back.
    clearTimeout(this.#copyTimer);
    this.#copyStatus = 'idle';
  }

  hostUpdated(): void {
    this.#reportChange();
    // The deadline passed: ask the server how the group ended. Its Date may show the clock was put forward: count on.
    if (this.#clock.remaining === 0) void this.#store.refresh()?.then(() => this.#clock.remaining && this.#host.requestUpdate());
  }

  render(session: CheckoutSession, elementContext: ViewContext): TemplateResult {
    const context = withGroupWords(elementContext);
    return groupTemplate(this.#state.value, session, context, {
      inviteUrl: this.#inviteLink(session),
      canShare: typeof navigator.share === 'function',
      copyStatus: this.#copyStatus,
      remaining: this.#clock.remaining,
      onCopy: () => void this.#copy(),
      onShare: () => void this.#share(session),
    });
  }

  #context(): GroupViewContext {
    return withGroupWords(this.#hooks.context());
  }

  /** A friend joined: said once per new count (the countdown is never announced). */
  #sayParticipants(): void {
    const group = this.group;
    if (!group) return;
    const count = participantsOf(group).length;
    const previous = this.#saidParticipants;
    this.#saidParticipants = count;
    if (previous !== null && count > previous) this.#hooks.announce(this.#context().t.friendJoined(count));
  }

  /**
   * The group ended while shown: said once, by the line that says how it ended, which the focus
   * moves to if it was on Copy, Share or the invite link (gone with the open group), or else by
   * the live region.
   */
  #sayEnded(): void {
    const group = this.group;
    if (!group) return;
    const previous = this.#saidStatus;
    this.#saidStatus = group.status;
    if (previous !== 'OPEN' || group.status === 'OPEN') return;
    const ended = groupEndedText(this.#context().t, group.status);
    if (ended) this.#hooks.tell('[part~="group-ended"]', ended);
  }

  /**
   * `kohort-group-change` when participants, status or tier differ from what was shown; on the
   * first read too (`previous: null`) when the page was not sent the group.
   */
  #reportChange(): void {
    const group = this.group;
    const previous = this.#announcedGroup;
    if (!group || group === previous) return;
    this.#announcedGroup = group;
    const tier = (g: PaymentGroup) => levelReached(g.payment_group_settings?.discount_levels ?? [], participantsOf(g).length)?.level ?? 0;
    if (
      previous
        ? participantsOf(group).length !== participantsOf(previous).length || group.status !== previous.status || tier(group) !== tier(previous)
        : this.#unsent
    ) {
      this.#hooks.changed({ group, previous });
    }
  }

  async #copy(): Promise<void> {
    const code = this.group?.share_id;
    if (!code) return;
    const root = this.#host.renderRoot as ShadowRoot;
    this.#copyStatus = (await copyText(code, root)) ? 'copied' : 'failed';
    this.#host.requestUpdate();
    const { t } = this.#context();
    this.#hooks.announce(this.#copyStatus === 'copied' ? t.copied : t.copyFailed);
    clearTimeout(this.#copyTimer);
    // "Code copied" is news for a few seconds; "select the code" stays while the customer does it.
    if (this.#copyStatus === 'copied') {
      this.#copyTimer = setTimeout(() => {
        this.#copyStatus = 'idle';
        this.#host.requestUpdate();
      }, 4000);
    } else selectText(root.querySelector('[part~="share-code"]'));
  }

  /** The merchant's `invite-url`, or their website, with the code. */
  #inviteLink(session: CheckoutSession): string | null {
    const group = this.group;
    return group ? inviteLink(this.#hooks.inviteUrl() || session.organization?.website_url, group.share_id) : null;
  }

  async #share(session: CheckoutSession): Promise<void> {
    const group = this.group;
    if (!group) return;
    const { t } = this.#context();
    const website = session.organization?.website_url;
    const url = this.#inviteLink(session);
    try {
      const merchant = session.organization?.name || (website ? new URL(website).hostname : 'KohortPay');
      await navigator.share({ text: t.shareText(merchant, group.share_id), ...(url ? { url } : {}) });
    } catch (error) {
      // Closed by the customer: nothing to do. Refused (a frame without allow="web-share"): Copy's work, not nothing.
      if ((error as Error).name != 'AbortError') void this.#copy();
    }
  }
}

/**
 * The element's words with the group's: the element's own catalogue has them once the constructor
 * added French and English (other languages are whole). English fills any gap, never a blank.
 */
function withGroupWords(context: ViewContext): GroupViewContext {
  return { ...context, t: { ...enGroup, ...context.t } };
}

/** Clipboard API first; the older execCommand route where it is missing or refused. */
async function copyText(text: string, root: ShadowRoot): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The hidden text area takes the focus to be selected: give it back to Copy afterwards.
    const focused = root.activeElement as HTMLElement | null;
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    root.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    area.remove();
    focused?.focus();
    return copied;
  }
}

function selectText(node: Element | null): void {
  const selection = node ? window.getSelection() : null;
  if (!node || !selection) return;
  const range = document.createRange();
  range.selectNodeContents(node);
  selection.removeAllRanges();
  selection.addRange(range);
}
