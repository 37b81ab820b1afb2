/**
 * The sandbox's in-memory store and the state machine of sessions, intents and groups.
 * Time-based transitions are applied lazily by `tick()` (called before each request reaches its handler) with
 * the injectable clock, so tests can jump in time without waiting.
 */
import type { CheckoutLocale, LineItem, PaymentGroupSettings } from '../src/api/types.ts';
import { ApiError, errorBody } from './errors.ts';
import { DeadlineQueue } from './deadlines.ts';
import { cashbackFor, isInFlight, isPaid, isUnderWay, joinRefusal, levelReached } from './group-rules.ts';
import {
  customerIdFor,
  groupShareId,
  hostedCheckoutUrl,
  newId,
  randomHex,
  sessionShareId,
  stableHex,
} from './ids.ts';
import type { GroupRecord, IntentRecord, OrganizationRecord, SessionRecord } from './types.ts';

export interface SandboxDbOptions {
  now: () => number;
  organization: OrganizationRecord;
  /** How long a "slow" card stays PROCESSING before it succeeds on its own. */
  slowConfirmMs: number;
  /** Per mode, at most this many checkout sessions and this many payment intents are kept (besides the seed). */
  maxObjects?: number;
  /** A finished session or group is kept at least this long after it ended, even at the cap. */
  keepFinishedMs?: number;
  /** Draws the 8 hex digits of a new group's code (random by default; tests make two draws alike). */
  drawGroupCode?: () => string;
}

/** Far above weeks of a team's tests; a session with its intent is a few KB, so some 50 MB per mode. */
export const DEFAULT_MAX_OBJECTS = 10_000;
/** Long enough for a success page, a webhook test or a reconciliation to read what just ended. */
export const DEFAULT_KEEP_FINISHED_MS = 60 * 60_000;

export interface NewSession {
  id?: string;
  share_id?: string;
  livemode: boolean;
  amount_total: number;
  locale?: CheckoutLocale;
  status?: SessionRecord['status'];
  success_url?: string | null;
  cancel_url?: string | null;
  customer_email?: string | null;
  customer_first_name?: string | null;
  customer_last_name?: string | null;
  customer_phone_number?: string | null;
  customer_id?: string | null;
  payment_group_share_id?: string | null;
  client_reference_id?: string | null;
  metadata?: Record<string, unknown>;
  expires_at: number;
  created_at?: number;
  line_items: Array<Omit<LineItem, 'id' | 'amount_total'> & { id?: string }>;
}

export interface NewIntent {
  id?: string;
  session: SessionRecord;
  amount: number;
  customer_email?: string | null;
  customer_first_name?: string | null;
  customer_last_name?: string | null;
  customer_id?: string | null;
  payment_group_id?: string | null;
  client_reference_id?: string | null;
  metadata?: Record<string, unknown>;
  created_at?: number;
}

export interface NewGroup {
  id?: string;
  share_id?: string;
  livemode: boolean;
  creator_email: string | null;
  /** The creator's customer; derived from the e-mail when not given. */
  customer_id?: string | null;
  creator_first_name?: string | null;
  creator_last_name?: string | null;
  created_at?: number;
  settings?: PaymentGroupSettings;
  metadata?: Record<string, unknown>;
}

export interface Participant {
  email: string;
  first_name?: string | null;
  last_name?: string | null;
  amount: number;
  /** Explicit ids keep seeded participants stable. */
  session_id?: string;
  intent_id?: string;
  at?: number;
  line_items?: NewSession['line_items'];
  /** Anything else the participant's session should carry (return URLs, locale…). */
  session?: Partial<NewSession>;
}

export class SandboxDb {
  readonly now: () => number;
  readonly organization: OrganizationRecord;
  readonly sessions = new Map<string, SessionRecord>();
  readonly intents = new Map<string, IntentRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly maxObjects: number;
  readonly keepFinishedMs: number;
  private readonly slowConfirmMs: number;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Ids of the seeded objects: the demo and the docs name them, so they are never forgotten. */
  private readonly pinned = new Set<string>();
  /** Per mode, what clients created and the store still holds (the seed not counted). */
  private readonly created = { test: { sessions: 0, intents: 0 }, live: { sessions: 0, intents: 0 } };
  /** Per mode, a clock time before which a full store has nothing it may forget: a flood of refusals stays cheap. */
  private readonly noRoomUntil = { test: -Infinity, live: -Infinity };
  /** Ids of what may change with time alone, by deadline (ids, so a forgotten record is freed at once). */
  private readonly settling = new DeadlineQueue<string>();
  private readonly groupsEnding = new DeadlineQueue<string>();
  private readonly sessionsExpiring = new DeadlineQueue<string>();
  /** Sessions past `expires_at` that a payment in flight holds open: looked at again on each tick. */
  private readonly heldOpen = new Set<string>();
  // What the per-request look-ups would otherwise walk the store for; statuses are read at look-up, so only links are kept.
  private readonly sessionsByShareId = new Map<string, SessionRecord>();
  /** By upper-case share code: codes are typed by people. */
  private readonly groupsByCode = new Map<string, GroupRecord>();
  /** Each session's intents, in creation order. */
  private readonly intentsBySession = new Map<string, IntentRecord[]>();
  /** The intents that name each group, paid or not: its participants are the paid ones. */
  private readonly intentsByGroup = new Map<string, IntentRecord[]>();
  private seq = 0;
  private readonly drawGroupCode: (() => string) | undefined;

  constructor(options: SandboxDbOptions) {
    this.now = options.now;
    this.organization = options.organization;
    this.slowConfirmMs = options.slowConfirmMs;
    this.maxObjects = options.maxObjects ?? DEFAULT_MAX_OBJECTS;
    this.keepFinishedMs = options.keepFinishedMs ?? DEFAULT_KEEP_FINISHED_MS;
    this.drawGroupCode = options.drawGroupCode;
  }

  /** Entries waiting in the deadline queues (tests and the bench check it follows the store's size). */
  get queuedDeadlines(): number {
    return this.settling.size + this.groupsEnding.size + this.sessionsExpiring.size;
  }

  /** Keeps everything stored so far for good (called once the seed is in). */
  pinAll(): void {
    for (const map of [this.sessions, this.intents, this.groups]) for (const id of map.keys()) this.pinned.add(id);
    for (const counts of Object.values(this.created)) Object.assign(counts, { sessions: 0, intents: 0 });
  }

  // --- bounds: each mode keeps at most `maxObjects` sessions and as many intents ---

  /**
   * Makes room in a mode for `sessions` more sessions and `intents` more intents, forgetting the
   * oldest finished ones first; a 429 with Retry-After when everything kept is open or recent.
   */
  makeRoom(livemode: boolean, sessions: number, intents: number): void {
    const mode = livemode ? 'live' : 'test';
    const excess = () => ({
      sessions: this.created[mode].sessions + sessions - this.maxObjects,
      intents: this.created[mode].intents + intents - this.maxObjects,
    });
    const before = excess();
    if (before.sessions <= 0 && before.intents <= 0) return;
    if (this.now() >= this.noRoomUntil[mode]) {
      // A tenth of the cap more than needed, so a full store walks its records once per many creations.
      const spare = Math.floor(this.maxObjects / 10);
      this.forgetFinished(livemode, before.sessions > 0 ? before.sessions + spare : 0, before.intents > 0 ? before.intents + spare : 0);
    }
    const after = excess();
    if (after.sessions <= 0 && after.intents <= 0) return;
    const retryAfter = this.secondsUntilRoom(livemode);
    this.noRoomUntil[mode] = this.now() + retryAfter * 1000;
    const what = after.sessions > 0 ? 'checkout sessions' : 'payment intents';
    const minutes = Math.round(this.keepFinishedMs / 60_000);
    const message = `The sandbox already keeps ${this.maxObjects} ${mode}-mode ${what}, none of them finished more than ${minutes} minutes ago: nothing new is stored until one can be forgotten (Retry-After).`;
    throw new ApiError(429, errorBody(429, message).error, { 'Retry-After': String(retryAfter) });
  }

  /**
   * Forgets finished objects of a mode, oldest first, until `sessions` sessions and `intents`
   * intents are gone (or nothing else may go). A session goes with its intents, and a group with
   * every session that names it (its participants, a code typed at checkout): a group never loses
   * a participant while it is kept, and a kept session never loses a group it names. A session
   * that only named a group (a code tried, not paid into) may go while the group stays.
   */
  private forgetFinished(livemode: boolean, sessions: number, intents: number): void {
    const cutoff = this.now() - this.keepFinishedMs;
    // The session ↔ group links, both ways, and the groups a session paid into.
    const groupsOf = new Map<string, Set<string>>();
    const sessionsOf = new Map<string, Set<string>>();
    const joinedBy = new Map<string, Set<string>>();
    for (const session of this.sessions.values()) {
      if (session.livemode !== livemode) continue;
      const named = new Set<string>();
      const joined = new Set<string>();
      for (const intent of this.intentsBySession.get(session.id) ?? []) {
        if (!intent.payment_group_id || !this.groups.has(intent.payment_group_id)) continue;
        named.add(intent.payment_group_id);
        if (isPaid(intent)) joined.add(intent.payment_group_id);
      }
      joinedBy.set(session.id, joined);
      const byCode = session.payment_group_share_id && this.groupsByCode.get(session.payment_group_share_id.trim().toUpperCase());
      if (byCode && byCode.livemode === livemode) named.add(byCode.id);
      groupsOf.set(session.id, named);
      for (const groupId of named) sessionsOf.set(groupId, (sessionsOf.get(groupId) ?? new Set()).add(session.id));
    }

    const finished = (record: SessionRecord | GroupRecord) =>
      record.livemode === livemode && !this.pinned.has(record.id) && record.status !== 'OPEN' && endedAt(record) <= cutoff;
    const goingSessions = new Set(
      [...this.sessions.values()]
        .filter((session) => finished(session) && !(this.intentsBySession.get(session.id) ?? []).some(isInFlight))
        .map((session) => session.id),
    );
    const goingGroups = new Set([...this.groups.values()].filter(finished).map((group) => group.id));
    // A kept group keeps its participants, a kept session every group it names, until nothing changes.
    for (let changed = true; changed; ) {
      changed = false;
      for (const id of goingSessions) {
        if ([...(joinedBy.get(id) ?? [])].some((groupId) => !goingGroups.has(groupId))) {
          goingSessions.delete(id);
          changed = true;
        }
      }
      for (const id of goingGroups) {
        if ([...(sessionsOf.get(id) ?? [])].some((sessionId) => !goingSessions.has(sessionId))) {
          goingGroups.delete(id);
          changed = true;
        }
      }
    }

    // Connected sessions and groups leave together, the one that ended longest ago first.
    const seen = new Set<string>();
    const units: Array<{ sessionIds: string[]; groupIds: string[]; endedAt: number }> = [];
    for (const start of [...goingSessions, ...goingGroups]) {
      if (seen.has(start)) continue;
      const unit = { sessionIds: [] as string[], groupIds: [] as string[], endedAt: -Infinity };
      const queue = [start];
      seen.add(start);
      while (queue.length > 0) {
        const id = queue.pop() as string;
        const isSession = goingSessions.has(id);
        const record = isSession ? this.sessions.get(id) : this.groups.get(id);
        unit.endedAt = Math.max(unit.endedAt, record ? endedAt(record) : -Infinity);
        (isSession ? unit.sessionIds : unit.groupIds).push(id);
        for (const next of (isSession ? groupsOf : sessionsOf).get(id) ?? []) {
          // A group that stays is no part of the unit: only a session that merely named it goes.
          if (!seen.has(next) && (goingSessions.has(next) || goingGroups.has(next))) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      units.push(unit);
    }
    units.sort((a, b) => a.endedAt - b.endedAt);
    for (const unit of units) {
      if (sessions <= 0 && intents <= 0) break;
      const unitIntents = unit.sessionIds.reduce((total, id) => total + (this.intentsBySession.get(id)?.length ?? 0), 0);
      // Only what frees the kind of room asked for goes.
      if (!(sessions > 0 && unit.sessionIds.length > 0) && !(intents > 0 && unitIntents > 0)) continue;
      for (const id of unit.sessionIds) {
        const gone = this.intentsBySession.get(id) ?? [];
        for (const intent of gone) {
          this.intents.delete(intent.id);
          if (intent.payment_group_id) removeFrom(this.intentsByGroup, intent.payment_group_id, intent);
        }
        this.intentsBySession.delete(id);
        const session = this.sessions.get(id);
        if (session && this.sessionsByShareId.get(session.share_id) === session) this.sessionsByShareId.delete(session.share_id);
        this.sessions.delete(id);
        intents -= gone.length;
        sessions -= 1;
        this.created[livemode ? 'live' : 'test'].intents -= gone.length;
        this.created[livemode ? 'live' : 'test'].sessions -= 1;
      }
      for (const id of unit.groupIds) {
        const group = this.groups.get(id);
        const code = group?.share_id.toUpperCase() ?? '';
        if (group && this.groupsByCode.get(code) === group) this.groupsByCode.delete(code);
        this.intentsByGroup.delete(id);
        this.groups.delete(id);
      }
    }
    // A forgotten record's deadline may be a day off: its entry goes now, so the queues stay the store's size.
    this.settling.retain((id) => this.intents.has(id));
    this.groupsEnding.retain((id) => this.groups.has(id));
    this.sessionsExpiring.retain((id) => this.sessions.has(id));
  }

  /** When a finished session or group of the mode will be old enough to forget, or a full keep-time from now. */
  private secondsUntilRoom(livemode: boolean): number {
    let soonest = this.keepFinishedMs;
    for (const record of [...this.sessions.values(), ...this.groups.values()]) {
      if (record.livemode !== livemode || record.status === 'OPEN' || this.pinned.has(record.id)) continue;
      const wait = endedAt(record) + this.keepFinishedMs - this.now();
      if (wait > 0) soonest = Math.min(soonest, wait);
    }
    return Math.max(1, Math.ceil(soonest / 1000));
  }

  settingsFor(livemode: boolean): PaymentGroupSettings {
    return this.organization.payment_group_settings[livemode ? 'live' : 'test'];
  }

  // --- look-ups (each scoped to the caller's mode: test keys never see live objects) ---

  findSession(idOrShareId: string, livemode: boolean): SessionRecord | undefined {
    const direct = this.sessions.get(idOrShareId);
    const session = direct ?? this.sessionsByShareId.get(idOrShareId);
    return session?.livemode === livemode ? session : undefined;
  }

  findIntent(id: string, livemode: boolean): IntentRecord | undefined {
    const intent = this.intents.get(id);
    return intent?.livemode === livemode ? intent : undefined;
  }

  /** By `pg_…` id or by share code; codes are typed by people, so case and spaces are forgiven. */
  findGroup(idOrCode: string, livemode: boolean): GroupRecord | undefined {
    const wanted = idOrCode.trim();
    const code = wanted.toUpperCase();
    const group = this.groups.get(wanted) ?? this.groupsByCode.get(code);
    return group?.livemode === livemode ? group : undefined;
  }

  /** An intent of `session`, other than `except`, whose payment is moving or done: one capture per session. */
  paymentUnderWay(session: SessionRecord, except?: IntentRecord): IntentRecord | undefined {
    return this.intentsBySession.get(session.id)?.find((intent) => intent !== except && isUnderWay(intent));
  }

  /** An intent of `session` whose payment is moving but not settled: the session must not expire under it. */
  paymentInFlight(session: SessionRecord): IntentRecord | undefined {
    return this.intentsBySession.get(session.id)?.find(isInFlight);
  }

  participantsOf(group: GroupRecord): IntentRecord[] {
    return (this.intentsByGroup.get(group.id) ?? [])
      .filter(isPaid)
      .sort((a, b) => a.created_at - b.created_at || a.seq - b.seq);
  }

  // --- creation ---

  createSession(input: NewSession): SessionRecord {
    const now = input.created_at ?? this.now();
    const id = input.id ?? newId('cs_');
    const shareId = input.share_id ?? sessionShareId(input.livemode, input.id);
    const session: SessionRecord = {
      seq: this.nextSeq(),
      id,
      share_id: shareId,
      livemode: input.livemode,
      organization_id: this.organization.id,
      url: hostedCheckoutUrl(shareId),
      amount_total: input.amount_total,
      currency: 'EUR',
      locale: input.locale ?? 'fr_FR',
      status: input.status ?? 'OPEN',
      success_url: input.success_url ?? null,
      cancel_url: input.cancel_url ?? null,
      customer_email: input.customer_email ?? null,
      customer_first_name: input.customer_first_name ?? null,
      customer_last_name: input.customer_last_name ?? null,
      customer_phone_number: input.customer_phone_number ?? null,
      customer_id:
        input.customer_id ?? (input.customer_email ? customerIdFor(input.customer_email, input.livemode) : null),
      payment_group_share_id: input.payment_group_share_id ?? null,
      client_reference_id: input.client_reference_id ?? null,
      metadata: input.metadata ?? {},
      expires_at: input.expires_at,
      completed_at: null,
      ended_at: null,
      created_at: now,
      updated_at: now,
      line_items: input.line_items.map((item, index) => ({
        id: item.id ?? (input.id ? `li_${stableHex(`${id}:${index}`, 14)}` : newId('li_')),
        name: item.name,
        description: item.description ?? null,
        image_url: item.image_url ?? null,
        price: item.price,
        quantity: item.quantity,
        amount_total: item.price * item.quantity,
        type: item.type,
      })),
      payment_intent_id: null,
    };
    if (!this.sessions.has(session.id)) this.created[session.livemode ? 'live' : 'test'].sessions += 1;
    this.sessions.set(session.id, session);
    this.sessionsByShareId.set(session.share_id, session);
    this.sessionsExpiring.add(session.expires_at, session.id);
    return session;
  }

  createIntent(input: NewIntent): IntentRecord {
    const now = input.created_at ?? this.now();
    const id = input.id ?? newId('pi_');
    const email = input.customer_email ?? input.session.customer_email;
    const intent: IntentRecord = {
      seq: this.nextSeq(),
      id,
      amount: input.amount,
      amount_captured: null,
      amount_cashback: null,
      currency: input.session.currency,
      customer_id:
        input.customer_id ?? input.session.customer_id ?? (email ? customerIdFor(email, input.session.livemode) : null),
      customer_email: email,
      customer_first_name: input.customer_first_name ?? input.session.customer_first_name,
      customer_last_name: input.customer_last_name ?? input.session.customer_last_name,
      checkout_session_id: input.session.id,
      payment_group_id: input.payment_group_id ?? null,
      status: 'REQUIRES_PAYMENT_METHOD',
      client_reference_id: input.client_reference_id ?? input.session.client_reference_id,
      client_secret: `${id}_secret_${input.id ? stableHex(id, 24) : randomHex(24)}`,
      livemode: input.session.livemode,
      metadata: input.metadata ?? {},
      created_at: now,
      updated_at: now,
      processing_until: null,
    };
    if (!this.intents.has(intent.id)) this.created[intent.livemode ? 'live' : 'test'].intents += 1;
    this.intents.set(intent.id, intent);
    addTo(this.intentsBySession, intent.checkout_session_id, intent);
    if (intent.payment_group_id) addTo(this.intentsByGroup, intent.payment_group_id, intent);
    input.session.payment_intent_id = intent.id;
    input.session.updated_at = now;
    return intent;
  }

  /** Among 10,000 groups of a mode, 8 random hex digits repeat about one time in a hundred: drawn again, a code leads to one group only. */
  private unusedGroupCode(livemode: boolean): string {
    let code: string;
    do code = groupShareId(livemode, undefined, this.drawGroupCode);
    while (this.groupsByCode.has(code.toUpperCase()));
    return code;
  }

  createGroup(input: NewGroup): GroupRecord {
    const now = input.created_at ?? this.now();
    const settings = structuredClone(input.settings ?? this.settingsFor(input.livemode));
    const lifetime = settings.minutes_duration * 60_000;
    const group: GroupRecord = {
      seq: this.nextSeq(),
      id: input.id ?? newId('pg_'),
      share_id: input.share_id ?? this.unusedGroupCode(input.livemode),
      livemode: input.livemode,
      organization_id: this.organization.id,
      customer_id: input.customer_id ?? (input.creator_email ? customerIdFor(input.creator_email, input.livemode) : null),
      creator_email: input.creator_email,
      creator_first_name: input.creator_first_name ?? null,
      creator_last_name: input.creator_last_name ?? null,
      status: 'OPEN',
      expires_at: now + lifetime,
      mid_expire_at: now + lifetime / 2,
      created_at: now,
      updated_at: now,
      completed_at: null,
      canceled_at: null,
      metadata: input.metadata ?? {},
      settings,
    };
    this.groups.set(group.id, group);
    this.groupsByCode.set(group.share_id.toUpperCase(), group);
    this.groupsEnding.add(group.expires_at, group.id);
    return group;
  }

  /**
   * A customer who already paid: a COMPLETED session and its SUCCEEDED intent in `group`.
   * Used by the seed and by the simulated participants of `/sandbox/…`.
   */
  addPaidParticipant(group: GroupRecord, participant: Participant): IntentRecord {
    const at = participant.at ?? this.now();
    const session = this.createSession({
      id: participant.session_id,
      livemode: group.livemode,
      amount_total: participant.amount,
      customer_email: participant.email,
      customer_first_name: participant.first_name ?? null,
      customer_last_name: participant.last_name ?? null,
      expires_at: at + 24 * 3_600_000,
      created_at: at,
      line_items: participant.line_items ?? [
        { name: 'Commande', price: participant.amount, quantity: 1, type: 'PRODUCT' },
      ],
      ...participant.session,
    });
    const intent = this.createIntent({
      id: participant.intent_id,
      session,
      amount: participant.amount,
      payment_group_id: group.id,
      created_at: at,
    });
    this.markPaid(intent, session, group, at);
    return intent;
  }

  // --- transitions ---

  /**
   * The payer's e-mail as the confirmation gives it. A customer id the sandbox derived from the
   * previous e-mail follows the new one (one customer per payer); one the merchant gave stays.
   */
  setPayerEmail(intent: IntentRecord, email: string): void {
    if (isDerivedCustomerId(intent.customer_id, intent.customer_email, intent.livemode)) {
      intent.customer_id = customerIdFor(email, intent.livemode);
    }
    intent.customer_email = email;
  }

  /**
   * Applies every transition whose time has come, visiting only the records whose deadline has
   * passed (in creation order, as a walk of the store would), so its cost does not grow with the store.
   */
  tick(): void {
    const now = this.now();
    const settling = takeDue(this.settling, this.intents, now, (intent) =>
      intent.status === 'PROCESSING' ? intent.processing_until : null,
    );
    // Each settles as of its own time, in that order, as its timer would have, however late a request noticed.
    const settledAt = (intent: IntentRecord) => intent.processing_until ?? now;
    for (const intent of settling.sort((a, b) => settledAt(a) - settledAt(b))) this.finishProcessing(intent, settledAt(intent));
    const ending = takeDue(this.groupsEnding, this.groups, now, (group) => (group.status === 'OPEN' ? group.expires_at : null));
    for (const group of ending) this.refreshGroup(group);
    const expiring = takeDue(this.sessionsExpiring, this.sessions, now, (session) =>
      session.status === 'OPEN' ? session.expires_at : null,
    );
    const held = [...this.heldOpen].flatMap((id) => this.sessions.get(id) ?? []).filter((session) => session.status === 'OPEN');
    this.heldOpen.clear();
    for (const session of bySeq(new Set([...expiring, ...held]))) {
      if (now < session.expires_at) {
        this.sessionsExpiring.add(session.expires_at, session.id); // the clock went back
      } else if (this.paymentInFlight(session)) {
        // A payment under way holds the session open; once it fails, the next tick expires it.
        this.heldOpen.add(session.id);
      } else {
        session.status = 'EXPIRED';
        // It ended at expires_at, however late a request noticed; or when the payment holding it open ended.
        session.ended_at = this.heldOpenUntil(session);
        session.updated_at = now;
      }
    }
  }

  /**
   * A session's expiry, or later, when the payment holding it open past then ended (declined,
   * canceled): nothing else changes a session's intents once its expiry has passed.
   */
  private heldOpenUntil(session: SessionRecord): number {
    return Math.max(session.expires_at, ...(this.intentsBySession.get(session.id) ?? []).map((intent) => intent.updated_at));
  }

  /** A group closes once full (COMPLETED) or once its time is up (COMPLETED with ≥ 2 people, else EXPIRED), as of `now`. */
  refreshGroup(group: GroupRecord, now = this.now()): void {
    if (group.status !== 'OPEN') return;
    const participants = this.participantsOf(group);
    if (participants.length >= group.settings.max_participants) {
      this.completeGroup(group, participants, now);
    } else if (now >= group.expires_at) {
      if (participants.length >= 2) {
        this.completeGroup(group, participants, group.expires_at);
      } else {
        group.status = 'EXPIRED';
        group.updated_at = now;
      }
    }
  }

  /** Every participant gets the tier of the final group size. */
  private completeGroup(group: GroupRecord, participants: IntentRecord[], at: number): void {
    const level = levelReached(group.settings, participants.length);
    for (const intent of participants) {
      intent.amount_cashback = cashbackFor(group.settings, level, intent.amount);
      intent.updated_at = at;
    }
    group.status = 'COMPLETED';
    group.completed_at = at;
    group.updated_at = at;
  }

  /** Ends a group now, under the same rules as when its time runs out. */
  endGroup(group: GroupRecord): void {
    if (group.status !== 'OPEN') return;
    group.expires_at = Math.min(group.expires_at, this.now());
    this.refreshGroup(group);
  }

  cancelGroup(group: GroupRecord): void {
    const now = this.now();
    group.status = 'CANCELED';
    group.canceled_at = now;
    group.updated_at = now;
  }

  /** The caller checks `paymentInFlight` first: a session is never expired under a payment. */
  expireSession(session: SessionRecord): void {
    const now = this.now();
    session.status = 'EXPIRED';
    session.expires_at = now;
    session.ended_at = now;
    session.updated_at = now;
  }

  /** A slow card: PROCESSING now, SUCCEEDED (or declined) after `slowConfirmMs` (by timer, or lazily by `tick`). */
  startProcessing(intent: IntentRecord, declines = false): void {
    intent.status = 'PROCESSING';
    intent.declines_after_processing = declines;
    intent.processing_until = this.now() + this.slowConfirmMs;
    intent.updated_at = this.now();
    this.settling.add(intent.processing_until, intent.id);
    const session = this.sessions.get(intent.checkout_session_id);
    if (session) {
      // The session shows the payment that is going through, not the latest intent created.
      session.payment_intent_id = intent.id;
      session.updated_at = this.now();
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (intent.status === 'PROCESSING') this.finishProcessing(intent);
    }, this.slowConfirmMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** A PROCESSING payment's end, as of `at`: paid, or declined and back to REQUIRES_PAYMENT_METHOD (the session stays OPEN). */
  private finishProcessing(intent: IntentRecord, at = this.now()): void {
    if (!intent.declines_after_processing) return this.settle(intent, at);
    intent.status = 'REQUIRES_PAYMENT_METHOD';
    intent.processing_until = null;
    intent.updated_at = at;
  }

  /**
   * The payment went through: the session completes and the payer joins the group the intent
   * names, or, when there is none (or it can no longer be joined), starts a group of their own.
   * Only an OPEN session is captured: one already paid by another intent, or expired, is never
   * charged; this intent is canceled instead. `now` is when it settled, which `tick` may notice later.
   */
  settle(intent: IntentRecord, now = this.now()): void {
    if (isPaid(intent)) return;
    const session = this.sessions.get(intent.checkout_session_id);
    if (session && session.status !== 'OPEN') {
      intent.status = 'CANCELED';
      intent.processing_until = null;
      intent.updated_at = now;
      return;
    }
    let group = intent.payment_group_id ? this.groups.get(intent.payment_group_id) : undefined;
    if (group) {
      this.refreshGroup(group, now);
      const refusal = joinRefusal(group, this.participantsOf(group), { email: intent.customer_email });
      if (refusal) group = undefined;
    }
    group ??= this.createGroup({
      livemode: intent.livemode,
      creator_email: intent.customer_email,
      customer_id: intent.customer_id,
      creator_first_name: intent.customer_first_name,
      creator_last_name: intent.customer_last_name,
      created_at: now,
    });
    this.markPaid(intent, session, group, now);
  }

  private markPaid(intent: IntentRecord, session: SessionRecord | undefined, group: GroupRecord, at: number): void {
    intent.status = 'SUCCEEDED';
    intent.amount_captured = intent.amount;
    intent.processing_until = null;
    if (intent.payment_group_id !== group.id) {
      if (intent.payment_group_id) removeFrom(this.intentsByGroup, intent.payment_group_id, intent);
      addTo(this.intentsByGroup, group.id, intent);
    }
    intent.payment_group_id = group.id;
    intent.updated_at = at;
    if (session) {
      session.status = 'COMPLETED';
      session.completed_at = at;
      session.ended_at = at;
      if (isDerivedCustomerId(session.customer_id, session.customer_email, session.livemode)) {
        session.customer_id = intent.customer_id ?? session.customer_id;
      }
      session.customer_email = intent.customer_email ?? session.customer_email;
      session.payment_intent_id = intent.id;
      session.payment_group_share_id = group.share_id;
      session.updated_at = at;
    }
    this.refreshGroup(group, at);
  }

  /** Clears pending timers so a closed sandbox leaves nothing behind. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }
}

/**
 * When a finished session or group ended, on the sandbox's clock: a group at its completion,
 * cancellation or `expires_at`, not when a request happened to notice it.
 */
function endedAt(record: SessionRecord | GroupRecord): number {
  if ('settings' in record) return record.completed_at ?? record.canceled_at ?? record.expires_at;
  return record.ended_at ?? record.updated_at;
}

/**
 * The records of `queue` due by `now`, in creation order. `deadlineOf` gives a record's current
 * deadline, or null when it no longer waits (settled, ended); a forgotten one is skipped, and one
 * whose deadline has moved later goes back in the queue.
 */
function takeDue<R extends { seq: number }>(
  queue: DeadlineQueue<string>,
  records: Map<string, R>,
  now: number,
  deadlineOf: (record: R) => number | null,
): R[] {
  const due = new Set<R>();
  for (const id of queue.takeDue(now)) {
    const record = records.get(id);
    const deadline = record ? deadlineOf(record) : null;
    if (!record || deadline === null) continue;
    if (deadline > now) queue.add(deadline, id);
    else due.add(record);
  }
  return bySeq(due);
}

/** Records in the order they were created, as the store's maps hold them. */
function bySeq<R extends { seq: number }>(records: Iterable<R>): R[] {
  return [...records].sort((a, b) => a.seq - b.seq);
}

/** No customer id yet, or the one the sandbox made from this e-mail (not one the merchant gave). */
function isDerivedCustomerId(id: string | null, email: string | null, livemode: boolean): boolean {
  return id === null || (email !== null && id === customerIdFor(email, livemode));
}

function addTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

function removeFrom<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  const at = list?.indexOf(value) ?? -1;
  if (!list || at < 0) return;
  list.splice(at, 1);
  if (list.length === 0) index.delete(key);
}
