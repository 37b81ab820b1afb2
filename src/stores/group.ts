/**
 * The customer's referral group, kept live: polled with back-off while the tab
 * is visible and online, paused otherwise, stopped once the group has ended.
 */
import { atom, task, type ReadableAtom } from 'nanostores';
import { ApiError } from '../api/errors.js';
import { fetchPaymentGroup, type ApiConfig } from '../api/client.js';
import type { PaymentGroup } from '../api/types.js';

export type GroupState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; group: PaymentGroup }
  | { status: 'error'; error: ApiError };

/** First poll interval, its growth while nothing changes, and its ceiling. */
export const GROUP_POLL = { initialMs: 4000, factor: 1.5, maxMs: 60_000 };

/** A first read of the group already under way (started before this store was loaded), and how to cancel it. */
export interface GroupRead {
  response: Promise<PaymentGroup>;
  controller: AbortController;
}

export interface GroupStore {
  readonly $group: ReadableAtom<GroupState>;
  /** Follows `groupId` (a `pg_` id or a code); replaces whatever was followed. `first` stands for the first read. */
  follow(config: ApiConfig, groupId: string, first?: GroupRead): void;
  /** Stops polling and removes every listener; `follow()` again to resume. `forget` drops the group shown. */
  stop(forget?: boolean): void;
  /**
   * Reads the group now (its countdown reached zero) and restarts the back-off: that read counts as
   * the first interval's poll, so an unchanged group is next asked after `initialMs × factor`. Not
   * while hidden, offline or ended. Resolves once that read is answered (or failed).
   */
  refresh(): Promise<void> | void;
}

export function createGroupStore(): GroupStore {
  const $group = atom<GroupState>({ status: 'idle' });
  let target: { config: ApiConfig; groupId: string } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | null = null;
  let interval = GROUP_POLL.initialMs;

  const isPaused = () => document.visibilityState === 'hidden' || navigator.onLine === false;
  const hasEnded = () => {
    const state = $group.get();
    return state.status === 'ready' && state.group.status !== 'OPEN';
  };

  /** Arms the next poll, unless nothing is followed, the group has ended, or the tab is hidden or offline. */
  function schedule() {
    clearTimeout(timer);
    timer = undefined;
    if (!target || hasEnded() || isPaused()) return;
    timer = setTimeout(poll, interval);
  }

  /** What a change of the group is told by: an unchanged one slows the polling down. */
  function fingerprint(group: PaymentGroup): string {
    // Statuses count too: a friend whose payment was processing joins once it succeeds.
    return JSON.stringify([group.status, group.payment_intents?.map((intent) => [intent.id, intent.status]) ?? [], group.expires_at]);
  }

  /** Reads the group once (or takes `first`, a read already under way), then schedules the next poll. */
  function poll(first?: GroupRead) {
    if (!target || inFlight) return;
    const { config, groupId } = target;
    const controller = first?.controller ?? new AbortController();
    inFlight = controller;
    const previous = $group.get();
    if (previous.status === 'idle') $group.set({ status: 'loading' });
    return task(async () => {
      try {
        const group = await (first?.response ?? fetchPaymentGroup(config, groupId, controller.signal));
        if (inFlight !== controller) return;
        const changed = previous.status !== 'ready' || fingerprint(previous.group) !== fingerprint(group);
        interval = changed ? GROUP_POLL.initialMs : Math.min(interval * GROUP_POLL.factor, GROUP_POLL.maxMs);
        if (changed) $group.set({ status: 'ready', group });
      } catch (error) {
        if (inFlight !== controller) return;
        interval = Math.min(interval * GROUP_POLL.factor, GROUP_POLL.maxMs);
        // Keep showing the last known group; an error only replaces "loading".
        const state = $group.get();
        if (state.status !== 'ready') {
          const apiError = error instanceof ApiError ? error : new ApiError('network_error', String(error));
          // For the page's developer, once: no kohort-error, since the checkout has not failed (the customer has paid).
          if (state.status === 'loading') console.warn(`[kohort-checkout] Group ${groupId} not shown: ${apiError.code}, ${apiError.message}`);
          $group.set({ status: 'error', error: apiError });
        }
      } finally {
        if (inFlight === controller) inFlight = null;
        schedule();
      }
    });
  }

  /**
   * Visible or online again (or refresh()): reads the group at once, back-off restarted; hidden,
   * offline or ended, the waiting poll is dropped.
   */
  function onWake() {
    if (!target || isPaused() || hasEnded()) return schedule();
    interval = GROUP_POLL.initialMs;
    clearTimeout(timer);
    return poll();
  }

  function stop(forget?: boolean) {
    if (forget) $group.set({ status: 'idle' });
    clearTimeout(timer);
    timer = undefined;
    inFlight?.abort();
    inFlight = null;
    target = null;
    document.removeEventListener('visibilitychange', onWake);
    window.removeEventListener('online', onWake);
    window.removeEventListener('offline', onWake);
  }

  return {
    $group,
    follow(config, groupId, first) {
      stop();
      target = { config, groupId };
      interval = GROUP_POLL.initialMs;
      document.addEventListener('visibilitychange', onWake);
      window.addEventListener('online', onWake);
      // Offline, the poll already scheduled would only fail: onWake clears it (as when hidden), and online asks at once.
      window.addEventListener('offline', onWake);
      poll(first);
    },
    stop,
    refresh: onWake,
  };
}
