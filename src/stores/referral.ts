/** The friend's code typed at checkout, and the answer of `POST /payment-groups/{code}/validate`. */
import { atom, task, type ReadableAtom } from 'nanostores';
import { isConnectionError, type ApiError } from '../api/errors.js';
import { validateGroupCode, type ApiConfig } from '../api/client.js';
import type { ValidatedPaymentGroup } from '../api/types.js';
import { parseReferralCode } from '../referral/code.js';

/** Why a code was not accepted: the API's domain codes, plus what the widget finds itself. */
export type CodeRefusal =
  | 'NOT_FOUND'
  | 'COMPLETED_EXPIRED_CANCELED'
  | 'MAX_PARTICIPANTS_REACHED'
  | 'EMAIL_ALREADY_USED'
  | 'AMOUNT_TOO_LOW'
  | 'INVALID_CODE'
  | 'NETWORK'
  | 'UNKNOWN';

const API_REFUSALS: readonly CodeRefusal[] = [
  'NOT_FOUND',
  'COMPLETED_EXPIRED_CANCELED',
  'MAX_PARTICIPANTS_REACHED',
  'EMAIL_ALREADY_USED',
  'AMOUNT_TOO_LOW',
];

export type ReferralState =
  | { status: 'empty' }
  /** `group`: the code was accepted, and is checked again for another e-mail. */
  | { status: 'validating'; code: string; group?: ValidatedPaymentGroup | undefined }
  | { status: 'valid'; code: string; group: ValidatedPaymentGroup }
  | { status: 'refused'; code: string; reason: CodeRefusal };

export interface ReferralStore {
  readonly $referral: ReadableAtom<ReferralState>;
  /** Checks `input` (a code or an invite link) for this customer and amount; the newest call wins. */
  validate(config: ApiConfig, input: string, order: { customerEmail: string; amount: number }): Promise<void>;
  /** The accepted code was refused when paying (the group filled up or ended meanwhile). */
  refuse(reason: CodeRefusal): void;
  clear(): void;
}

/** The API's reason for refusing a group (when checking a code, or when paying with it), if `error` is one. */
export function groupRefusalOf(error: ApiError | undefined): CodeRefusal | null {
  const apiCode = error?.apiCode?.toUpperCase() as CodeRefusal | undefined;
  return apiCode && API_REFUSALS.includes(apiCode) ? apiCode : null;
}

/** Why a check failed; the client makes every failure an ApiError (an abort, the one exception, is never asked about). */
function refusalOf(error: ApiError | undefined): CodeRefusal {
  const refusal = groupRefusalOf(error);
  if (refusal) return refusal;
  if (error?.status === 404) return 'NOT_FOUND';
  if (isConnectionError(error)) return 'NETWORK';
  return 'UNKNOWN';
}

export function createReferralStore(): ReferralStore {
  const $referral = atom<ReferralState>({ status: 'empty' });
  let inFlight: AbortController | null = null;

  function clear() {
    inFlight?.abort();
    inFlight = null;
    $referral.set({ status: 'empty' });
  }

  function validate(config: ApiConfig, input: string, order: { customerEmail: string; amount: number }) {
    inFlight?.abort();
    const code = parseReferralCode(input);
    if (!input.trim()) {
      clear();
      return Promise.resolve();
    }
    if (!code) {
      $referral.set({ status: 'refused', code: input.trim(), reason: 'INVALID_CODE' });
      return Promise.resolve();
    }
    const controller = new AbortController();
    inFlight = controller;
    const previous = $referral.get() as { code?: string; group?: ValidatedPaymentGroup };
    $referral.set({ status: 'validating', code, group: previous.code === code ? previous.group : undefined });
    return task(async () => {
      try {
        const group = await validateGroupCode(config, code, order, controller.signal);
        if (inFlight === controller) $referral.set({ status: 'valid', code: group.share_id, group });
      } catch (error) {
        if (inFlight === controller) $referral.set({ status: 'refused', code, reason: refusalOf(error as ApiError) });
      } finally {
        if (inFlight === controller) inFlight = null;
      }
    });
  }

  function refuse(reason: CodeRefusal) {
    const referral = $referral.get();
    if (referral.status === 'valid') $referral.set({ status: 'refused', code: referral.code, reason });
  }

  return { $referral, validate, refuse, clear };
}
