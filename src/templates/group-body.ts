import { html, nothing } from 'lit';
import type { CheckoutSession, PaymentGroup } from '../api/types.js';
import { cashbackAmount, levelReached, nextLevel, participantsOf, shortName } from '../referral/tiers.js';
import { formatTimeLeft } from '../referral/time-left.js';
import type { GroupState } from '../stores/group.js';
import type { GroupViewContext } from './context.js';
import { groupPlaceholder, groupSection, tierValue } from './group-section.js';

export interface GroupViewExtras {
  inviteUrl: string | null;
  canShare: boolean;
  copyStatus: 'idle' | 'copied' | 'failed';
  /** Milliseconds left before the group ends, from the element's clock. */
  remaining: number | null;
  onCopy: () => void;
  onShare: () => void;
}

/**
 * Why the group ended; a status this version does not know says nothing rather than guess (own
 * keys only: "toString" from the API must not find Object's).
 */
export function groupEndedText(t: GroupViewContext['t'], status: string): string | null {
  return Object.hasOwn(t.groupEnded, status) ? t.groupEnded[status as 'COMPLETED' | 'EXPIRED' | 'CANCELED'] : null;
}

/** The contract's size of a group whose settings did not come with it. */
const DEFAULT_MAX_PARTICIPANTS = 15;

function groupBody(group: PaymentGroup, session: CheckoutSession, context: GroupViewContext, extras: GroupViewExtras) {
  const { t, money } = context;
  const settings = group.payment_group_settings;
  const levels = settings?.discount_levels ?? [];
  const type = settings?.discount_type ?? 'PERCENTAGE';
  const participants = participantsOf(group);
  const count = participants.length;
  const reached = levelReached(levels, count);
  const next = nextLevel(levels, count);
  const names = participants.map((intent) => shortName(intent.customer)).filter((name): name is string => !!name);
  const value = (level: { value: number }) => tierValue(level.value, type, context, session.currency);
  const open = group.status === 'OPEN';
  const ended = groupEndedText(t, group.status);

  return html`<div class="share" part="share">
      <dl>
        <dt class="share-label">${open ? t.yourCode : t.groupCode}</dt>
        <dd class="share-code" part="share-code">${group.share_id}</dd>
      </dl>
      ${open
        ? html`<div class="share-actions">
            <button type="button" class="primary" part="button copy-button" @click=${extras.onCopy}>${t.copy}</button>
            ${extras.canShare
              ? html`<button type="button" class="secondary" part="button share-button" @click=${extras.onShare}>${t.share}</button>`
              : nothing}
          </div>
          <p class="hint copy-status">${extras.copyStatus === 'copied' ? t.copied : extras.copyStatus === 'failed' ? t.copyFailed : ''}</p>
          ${extras.inviteUrl
            ? html`<p class="invite"><span class="invite-label">${t.inviteLink}</span><a href=${extras.inviteUrl} part="invite-link" target="_blank" rel="noopener noreferrer">${extras.inviteUrl}</a></p>`
            : nothing}`
        : nothing}
    </div>
    <p class="participants" part="participants">${t.participants(count, settings?.max_participants ?? DEFAULT_MAX_PARTICIPANTS)}</p>
    ${names.length ? html`<ul class="names" aria-label=${t.participantsNames}>${names.map((name) => html`<li>${name}</li>`)}</ul>` : nothing}
    ${levels.length
      ? html`<h4 class="tiers-heading">${t.tiersHeading}</h4>
          <ol class="tiers" part="tiers">
            ${levels.map(
              (level) => html`<li class=${level === reached ? 'tier current' : 'tier'} part=${level === reached ? 'tier current-tier' : 'tier'} aria-current=${level === reached ? 'true' : 'false'}>
                <span>${t.tierRow(level.participants_to_unlock)}</span>
                <strong>${value(level)}</strong>
                ${level === reached ? html`<span class="tier-badge">${t.currentTier}</span>` : nothing}
              </li>`,
            )}
          </ol>`
      : nothing}
    ${open && levels.length
      ? html`<p class="next-tier" part="next-tier">${next ? t.nextTier(next.participants_to_unlock - count, value(next)) : t.topTierReached}</p>`
      : nothing}
    ${reached ? html`<p class="cashback" part="cashback">${t.cashbackNow(money(cashbackAmount(reached, type, session.amount_total, session.currency)))}</p>` : nothing}
    ${open
      ? html`<p class="time-left" part="time-left">${t.timeLeft(formatTimeLeft(extras.remaining ?? 0, context.locale))}</p>`
      : ended
        ? html`<p class="group-ended" part="group-ended" data-status=${group.status} tabindex="-1">
            ${ended}
            ${group.status === 'COMPLETED' && reached ? html`<br />${t.groupCompletedTier(value(reached))}` : nothing}
          </p>`
        : nothing}`;
}

export function groupTemplate(state: GroupState, session: CheckoutSession, context: GroupViewContext, extras: GroupViewExtras) {
  if (state.status === 'ready') return groupSection(context.t, groupBody(state.group, session, context, extras));
  return groupPlaceholder(context.t, state.status === 'error');
}
