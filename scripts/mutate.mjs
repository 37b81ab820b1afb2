// Hand-made mutation testing: applies one small change to src/ (a mutant), runs the component
// tests that should notice it (Chromium only, under the shared browser lock), restores the file,
// and records whether a test failed (killed) or not (survived). Not part of `npm test`.
//
//   node scripts/mutate.mjs                 every mutant below, each against its own test files
//   node scripts/mutate.mjs C7 Y3           only these
//   node scripts/mutate.mjs --all-files C9  against the whole component suite (for a survivor)
//   node scripts/mutate.mjs --check         only checks that each mutant still applies
//
// Logs go to /tmp/mutate-logs/ID.log; a summary table is printed at the end.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const T = (...names) => (names.length === 1 ? `test/component/${names[0]}.test.ts` : `test/component/{${names.join(',')}}.test.ts`);
const ALL = 'test/component/**/*.test.ts';

/** [id, file under src/, exact text (must occur once), replacement, test files]. */
const MUTANTS = [
  // api/client.ts: what is refused before sending, retries, the Idempotency-Key.
  ['C1', 'api/client.ts', "publishableKey.startsWith('sk_') ||", 'false ||', T('security', 'errors')],
  ['C2', 'api/client.ts', '/^pk_(test|live)_[!-~]+$/', '/^pk_(test|live)_/', T('security', 'errors')],
  ['C3', 'api/client.ts', "(!publishableKey.startsWith('pk_live_') || isLoopback(url.hostname))", 'true', T('security', 'errors')],
  ['C5', 'api/client.ts', "redirect: 'manual'", "redirect: 'follow'", T('security', 'errors', 'reliability')],
  ['C7', 'api/client.ts', "options.retry === 'once' ||", '', T('pay-safety', 'reliability', 'pay')],
  ['C8', 'api/client.ts', 'tries >= NETWORK_POLICY.retries', 'tries > NETWORK_POLICY.retries', T('reliability', 'errors', 'pay')],
  ['C9', 'api/client.ts', 'error.retryAfterMs <= NETWORK_POLICY.retryAfterMaxMs', 'error.retryAfterMs < NETWORK_POLICY.retryAfterMaxMs', T('reliability', 'errors')],
  ['C10', 'api/client.ts', 'return await attempt(', 'return attempt(', T('reliability', 'errors')],
  ['C12', 'api/client.ts', 'if (timedOut) throw', 'if (false) throw', T('reliability', 'errors')],
  ['C13', 'api/client.ts', "headers: { 'Idempotency-Key': idempotencyKey },", 'headers: {},', T('pay-safety', 'pay', 'reliability')],
  ['C14', 'api/client.ts', "retry: 'idempotent',", "retry: 'once',", T('pay-safety', 'pay', 'reliability')],
  // api/errors.ts: status to code, Retry-After, what is a connection error.
  ['E1', 'api/errors.ts', 'status === 401 || status === 403', 'status === 401', T('errors')],
  ['E2', 'api/errors.ts', 'status === 429 || status >= 500', 'status === 429 || status > 500', T('reliability')],
  ['E4', 'api/errors.ts', "error?.code === 'network_error' || error?.code === 'timeout'", "error?.code === 'network_error'", T('reliability')],
  // api/parse.ts: untrusted answers.
  ['P1', 'api/parse.ts', "if (typeof value !== 'string' || value === '') invalid", "if (typeof value !== 'string') invalid", T('fuzz', 'security', 'errors')],
  ['P3', 'api/parse.ts', "if (typeof value !== 'number' || !Number.isSafeInteger(value)) invalid", "if (typeof value !== 'number' || !Number.isFinite(value)) invalid", T('fuzz')],
  ['P5', 'api/parse.ts', 'level.participants_to_unlock >= 2 &&', 'level.participants_to_unlock >= 1 &&', T('group')],
  ['P6', 'api/parse.ts', 'level.participants_to_unlock <= maxParticipants', 'level.participants_to_unlock < maxParticipants', T('group', 'pay', 'fuzz')],
  ['P7', 'api/parse.ts', "(type === 'AMOUNT' || level.value <= 100)", '(true)', T('group')],
  ['P9', 'api/parse.ts', 'current_discount_level: reachable ?? null', 'current_discount_level: current ?? null', T('pay')],
  ['P10', 'api/parse.ts', "if (amountTotal < 0) invalid('amount_total must not be negative');", '', T('fuzz', 'errors')],
  ['P11', 'api/parse.ts', "const paid = status === 'COMPLETED';", 'const paid = true;', T('errors')],
  ['P12', 'api/parse.ts', "key === 'url' ? secureUrl(raw, apiOrigin) : safeNavigationUrl(raw)", 'safeNavigationUrl(raw)', T('security')],
  ['P13', 'api/parse.ts', 'value.payment_intent == null ? null', '!value.payment_intent ? null', T('fuzz')],
  // internal/safe-values.ts: URLs and CSS from data, masking.
  ['S1', 'internal/safe-values.ts', "(url.protocol === 'https:' || url.protocol === 'http:')", "url.protocol !== 'javascript:'", T('security')],
  // money/: minor units, totals.
  ['M1', 'money/format.ts', 'ISK JPY KMF', 'ISK KMF', T('locale')],
  ['M3', 'money/totals.ts', 'mismatch: linesTotal !== amountTotal', 'mismatch: false', T('ready', 'fuzz')],
  // stores/payment.ts: the guards against a double charge.
  ['Y1', 'stores/payment.ts', "if (state.status !== 'idle' && (state.status !== 'failed' || isCustomerBlocked(state.error))) return", 'if (false) return', T('pay-safety')],
  ['Y2', 'stores/payment.ts', 'attempts.get(fingerprint) ?? ', '', T('pay-safety')],
  ['Y3', 'stores/payment.ts', 'if (UNDER_WAY.has(intent.status)) {', 'if (false) {', T('pay-safety', 'pay')],
  ['Y4', 'stores/payment.ts', 'intent.amount !== session.amount_total ||', '', T('pay-safety')],
  ['Y5', 'stores/payment.ts', 'if (refused && attempt) attempt.idempotencyKey = newIdempotencyKey();', '', T('pay-safety')],
  ['Y6', 'stores/payment.ts', 'if (!confirmed && !paymentUnderWay(session) &&', 'if (!paymentUnderWay(session) &&', T('pay-safety')],
  ['Y7', 'stores/payment.ts', "report(signal, { status: 'unknown' });\n  }", "report(signal, { status: 'failed', reason: 'error', message: null });\n  }", T('pay-safety')],
  ['Y9', 'stores/payment.ts', 'if (error instanceof ApiError && error.retryable) return settle(config, session.id, intent.id, signal);', '', T('pay-safety')],
  ['Y10', 'stores/payment.ts', "state.step === 'creating' ? { status: 'idle' } : { status: 'unknown' }", "{ status: 'idle' }", T('pay-safety')],
  ['Y11', 'stores/payment.ts', 'if (left) confirmed = confirmed === true;', '', T('pay-safety')],
  ['Y13', 'stores/payment.ts', 'JSON.stringify([session.id, session.amount_total, paymentGroupId])', 'JSON.stringify([session.id])', T('pay-safety')],
  ['Y14', 'stores/payment.ts', '(answer?.error && !goesThrough(providerIntent?.status))', 'answer?.error', T('pay-safety')],
  // stores/session.ts: expiry, stale answers, payments under way.
  ['X1', 'stores/session.ts', 'Date.parse(session.expires_at!) <= serverNow(apiBase)', 'Date.parse(session.expires_at!) < serverNow(apiBase)', T('states')],
  ['X2', 'stores/session.ts', 'if (isSessionExpired(session, apiBase) && !paymentUnderWay(session))', 'if (isSessionExpired(session, apiBase))', T('pay-safety')],
  ['X3', 'stores/session.ts', "  'PROCESSING',\n", '', T('pay-safety')],
  ['X5', 'stores/session.ts', '&& !paying) {', ') {', T('pay-safety')],
  // stores/referral.ts, stores/group.ts, referral/: codes, groups, tiers.
  ['R1', 'stores/referral.ts', "if (error?.status === 404) return 'NOT_FOUND';", '', T('pay')],
  ['R2', 'stores/referral.ts', "if (inFlight === controller) $referral.set({ status: 'valid'", "$referral.set({ status: 'valid'", T('pay')],
  ['G1', 'stores/group.ts', "state.group.status !== 'OPEN'", 'false', T('group')],
  ['G3', 'stores/group.ts', 'interval = changed ? GROUP_POLL.initialMs :', 'interval = true ? GROUP_POLL.initialMs :', T('group')],
  ['T2', 'referral/tiers.ts', 'participants >= level.participants_to_unlock', 'participants > level.participants_to_unlock', T('referral-units')],
  ['T3', 'referral/tiers.ts', 'Math.round(level.value * 10_000)', 'level.value * 10_000', T('referral-units')],
  // kohort-checkout.component.ts: the page's events and the element's own guards.
  ['K1', 'kohort-checkout.component.ts', "this.#emit('kohort-expired', { sessionId: view.session.id });", '', T('states')],
  ['K2', 'kohort-checkout.component.ts', 'group: view.session.payment_intent?.payment_group ?? null,', 'group: null,', T('pay')],
  ['K4', 'kohort-checkout.component.ts', '// Leaving would not stop a payment under way: the shop\'s "canceled" page would be wrong.\n    if (this.#paymentLocked()) return;', '', T('cancel')],
  ['K7', 'kohort-checkout.component.ts', "if (view.status !== 'ready' || this.#paymentLocked()) return;\n    this.emailError", "if (view.status !== 'ready') return;\n    this.emailError", T('pay-safety')],
  ['K8', 'kohort-checkout.component.ts', 'retryable: !shopOnly,', 'retryable: true,', T('pay-setup')],
  ['K9', 'kohort-checkout.component.ts', 'if (newSession && paymentUnderWay(view.session)) void', 'if (false) void', T('pay-safety')],
  ['K11', 'kohort-checkout.component.ts', "this.#emitError({ code: 'payment_unknown', message: words.paymentUnknownBody, retryable: true });", '', T('pay-safety')],
  ['K12', 'kohort-checkout.component.ts', "const refusal = this.#referralState.value.status === 'valid' && groupRefusalOf(payment.error);", 'const refusal = groupRefusalOf(payment.error);', T('pay')],
  // Round two: the files round one left alone.
  // api/server-clock.ts: the server's clock, as the countdown and expiry follow it.
  ['N1', 'api/server-clock.ts', 'Date.now() + (offsets[apiBase] || 0)', 'Date.now() - (offsets[apiBase] || 0)', T('states', 'group')],
  ['N2', 'api/server-clock.ts', 'Math.abs(measured) < 60_000 ? 0 : measured', 'measured', T('states')],
  ['N3', 'api/server-clock.ts', 'if (!Number.isNaN(measured)) offsets', 'offsets', T('group', 'states')],
  ['N4', 'api/server-clock.ts', '(offsets[apiBase] || 0)', '(Object.values(offsets).at(-1) || 0)', T('group', 'states')],
  // api/setup-warnings.ts: the console's words for a setup the API would answer 404.
  ['A1', 'api/setup-warnings.ts', 'if (keyMode && sessionMode && keyMode !== sessionMode)', 'if (keyMode && keyMode !== sessionMode)', T('errors')],
  ['A2', 'api/setup-warnings.ts', 'if (said.has(message)) return;', '', T('errors')],
  ['A3', 'api/setup-warnings.ts', 'url.origin === DEFAULT_API_BASE && ', '', T('errors')],
  // i18n/locale.ts, i18n/index.ts: which language, and loading it.
  ['L1', 'i18n/locale.ts', ".replace(/_/g, '-')", '', T('locale', 'i18n')],
  ['L2', 'i18n/locale.ts', 'value.trim()', 'value', T('locale', 'i18n')],
  ['L3', 'i18n/locale.ts', "return { tag: 'fr-FR', language: DEFAULT_LANGUAGE };", "return { tag: 'en', language: 'en' };", T('locale', 'i18n')],
  ['L4', 'i18n/locale.ts', 'current.parentNode ?? (current instanceof ShadowRoot ? current.host : null)', 'current.parentNode', T('locale', 'i18n')],
  ['L5', 'i18n/locale.ts', '(SUPPORTED_LANGUAGES as readonly string[]).includes(language)', '/^[a-z]{2}$/.test(language)', T('locale', 'i18n')],
  ['L6', 'i18n/index.ts', "pending.delete(language); // English", '// English', T('chunks')],
  ['L7', 'i18n/index.ts', 'unavailable.add(language);', '', T('chunks')],
  ['L8', 'i18n/index.ts', "if (text && typeof text === 'string') return text;", "if (typeof text === 'string') return text;", T('i18n')],
  ['L9', 'i18n/index.ts', 'typeof theirs !== typeof ours || !theirs ||', 'typeof theirs !== typeof ours ||', T('i18n')],
  ['L10', 'i18n/index.ts', '    if (warnedPaths.has(path)) return;\n', '', T('i18n')],
  // internal/: the countdown's clock, the stores' binding, the element's definition.
  ['D1', 'internal/clock-controller.ts', '    this.#connected = false;\n    clearTimeout(this.#timer);', '    this.#connected = false;', T('group')],
  ['D2', 'internal/clock-controller.ts', "document.removeEventListener('visibilitychange', this.#onVisibility);", '', T('group', 'reliability')],
  ['D3', 'internal/clock-controller.ts', 'remaining <= 0 ||', 'remaining < 0 ||', T('group')],
  ['D4', 'internal/clock-controller.ts', " || document.visibilityState === 'hidden') return;", ') return;', T('group')],
  ['D5', 'internal/clock-controller.ts', "if (document.visibilityState === 'visible') this.host.requestUpdate();\n    else this.#schedule();", 'this.#schedule();', T('group')],
  ['D6', 'internal/clock-controller.ts', 'left === null ? null : Math.max(0, left)', 'left', T('group')],
  ['D7', 'internal/store-controller.ts', 'if (this.#left && this.#left !== this.value) deliver', 'if (false) deliver', T('store-controller', 'pay-safety')],
  ['D8', 'internal/store-controller.ts', 'this.#unsubscribe!(); // connected before', '', T('store-controller', 'pay-safety')],
  ['D9', 'internal/define.ts', 'if (existing === constructor) return;', '', T('define')],
  ['D10', 'internal/define.ts', 'existingVersion !== VERSION && ', '', T('define')],
  // referral/code.ts: a friend's code as typed or pasted.
  ['F1', 'referral/code.ts', "match[3]!.replace(/\\s+/g, '').toUpperCase()", 'match[3]!.toUpperCase()', T('referral-units')],
  ['F2', 'referral/code.ts', "match[3]!.replace(/\\s+/g, '').toUpperCase()", "match[3]!.replace(/\\s+/g, '')", T('referral-units')],
  ['F3', 'referral/code.ts', "['kohort', 'code', 'ref']", "['kohort']", T('referral-units', 'pay')],
  ['F4', 'referral/code.ts', "return /^KHT[\\w-]*$/i.test(candidate) ? candidate : null;", 'return candidate;', T('referral-units', 'pay')],
  // referral/invite-link.ts: where friends land.
  ['I1', 'referral/invite-link.ts', "base.replace('{code}', encodeURIComponent(code))", "base.replace('{code}', code)", T('referral-units')],
  ['I2', 'referral/invite-link.ts', "if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;", '', T('referral-units', 'security')],
  ['I3', 'referral/invite-link.ts', "if (!templated) url.searchParams.set('kohort', code);", "url.searchParams.set('kohort', code);", T('referral-units')],
  // referral/time-left.ts: the countdown's text and when it changes.
  ['W1', 'referral/time-left.ts', 'if (days > 0)', 'if (days > 1)', T('referral-units')],
  ['W2', 'referral/time-left.ts', 'Math.floor((left % HOUR) / MINUTE)', 'Math.floor(left / MINUTE)', T('referral-units')],
  ['W3', 'referral/time-left.ts', '(ms < HOUR ? 1000 : MINUTE)', '(ms < MINUTE ? 1000 : MINUTE)', T('referral-units', 'group')],
  ['W4', 'referral/time-left.ts', ': MINUTE)) + 1;', ': MINUTE));', T('referral-units', 'group')],
  // referral/group-view.ts: the group after paying, followed, said and told to the page.
  ['V1', 'referral/group-view.ts', '    clearTimeout(this.#copyTimer);\n    this.#copyStatus = \'idle\';', "    this.#copyStatus = 'idle';", T('group')],
  ['V2', 'referral/group-view.ts', 'if (this.#clock.remaining === 0) this.#store.refresh();', '', T('group')],
  ['V3', 'referral/group-view.ts', 'if (previous !== null && count > previous)', 'if (count > (previous ?? 0))', T('group', 'a11y')],
  ['V4', 'referral/group-view.ts', "if (previous !== 'OPEN' || group.status === 'OPEN') return;", "if (group.status === 'OPEN') return;", T('group', 'a11y')],
  ['V5', 'referral/group-view.ts', '        : this.#unsent', '        : false', T('group')],
  ['V6', 'referral/group-view.ts', ' || group.status !== previous.status', '', T('group')],
  ['V7', 'referral/group-view.ts', "this.#hooks.inviteUrl() || session.organization?.website_url", 'this.#hooks.inviteUrl()', T('group')],
  ['V8', 'referral/group-view.ts', '    focused?.focus();\n', '', T('group', 'a11y')],
  ['V9', 'referral/group-view.ts', "return group?.status === 'OPEN' ? Date.parse(group.expires_at)", 'return group ? Date.parse(group.expires_at)', T('group')],
  ['V10', 'referral/group-view.ts', 'Date.parse(group.expires_at) - serverNow(this.#apiBase)', 'Date.parse(group.expires_at) - Date.now()', T('group')],
  // templates/: what is shown, and its parts and aria attributes.
  ['U1', 'templates/group-body.ts', "aria-current=${level === reached ? 'true' : 'false'}", 'aria-current="false"', T('group', 'a11y')],
  ['U2', 'templates/group-body.ts', 'next.participants_to_unlock - count', 'next.participants_to_unlock', T('group')],
  ['U3', 'templates/group-section.ts', 'Math.round(value * 10 ** minorUnitDigits(currency))', 'Math.round(value * 100)', T('group')],
  ['U4', 'templates/ready.ts', '<img referrerpolicy="no-referrer" part="line-item-image"', '<img part="line-item-image"', T('ready')],
  ['U5', 'templates/header.ts', '${session.livemode ? nothing :', '${false ? nothing :', T('ready')],
  ['U6', 'templates/outcome.ts', '${error.retryable\n', '${true\n', T('errors')],
  ['U7', 'templates/outcome.ts', "session.completed_at && !Number.isNaN(Date.parse(session.completed_at))", 'session.completed_at', T('states', 'fuzz')],
  ['U8', 'templates/pay-form.ts', "aria-invalid=${input.emailError ? 'true' : 'false'}", 'aria-invalid="false"', T('a11y', 'pay')],
  ['U9', 'templates/pay-form.ts', "aria-describedby=${message ? 'code-hint code-error' : 'code-hint'}", 'aria-describedby="code-hint"', T('a11y', 'pay')],
  ['U10', 'templates/pay-form.ts', 'Math.ceil(error.retryAfterMs! / 6e4)', 'Math.floor(error.retryAfterMs! / 6e4)', T('errors', 'reliability')],
  ['U11', 'templates/pay-form.ts', 'participantsOf(group).length + 1)', 'participantsOf(group).length)', T('pay')],
  ['U12', 'templates/pay-form.ts', "aria-disabled=${processing || blocked ? 'true' : nothing}", "aria-disabled=${processing ? 'true' : nothing}", T('pay', 'pay-safety')],
  ['U13', 'templates/pay-form.ts', '        ?readonly=${locked}\n        aria-invalid=${input.emailError', '        ?readonly=${processing}\n        aria-invalid=${input.emailError', T('pay-safety', 'pay')],
];

const args = process.argv.slice(2);
const allFiles = args.includes('--all-files');
const checkOnly = args.includes('--check'); // only says whether each mutant's text is found
let restore = () => {};
let child = null;
// Stopped (Ctrl-C, kill): the test run stops and the mutated file is restored at once.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child) process.kill(-child.pid, 'SIGTERM');
    restore();
    process.exit(130);
  });
}

/** Runs the component tests of `files` in Chromium under the shared lock; resolves to the exit code and output. */
function runTests(files) {
  return new Promise((resolve) => {
    child = spawn('flock', ['/tmp/browser-tests.lock', 'npx', 'wtr'], {
      env: { ...process.env, WTR_BROWSERS: 'chromium', WTR_FILES: files },
      detached: true, // its own process group, so that a stop ends the browser too
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => {
      child = null;
      resolve({ status, output });
    });
  });
}
const only = new Set(args.filter((arg) => !arg.startsWith('--')));
const chosen = MUTANTS.filter(([id]) => only.size === 0 || only.has(id));
mkdirSync('/tmp/mutate-logs', { recursive: true });

const results = [];
for (const [id, file, find, replace, files] of chosen) {
  const path = `src/${file}`;
  const original = readFileSync(path, 'utf8');
  if (original.split(find).length !== 2) {
    results.push([id, 'NOT APPLIED (text not found exactly once)', path]);
    console.log(results.at(-1).join('  '));
    continue;
  }
  if (checkOnly) continue;
  restore = () => writeFileSync(path, original);
  writeFileSync(path, original.replace(find, () => replace));
  const started = Date.now();
  try {
    const run = await runTests(allFiles ? ALL : files);
    writeFileSync(`/tmp/mutate-logs/${id}.log`, run.output);
    const seconds = Math.round((Date.now() - started) / 1000);
    const firstFailure = /❌ (.*)/.exec(run.output)?.[1] ?? '';
    results.push([id, run.status === 0 ? 'SURVIVED' : 'killed', `${path} (${seconds} s, ${allFiles ? 'all files' : files}) ${firstFailure}`]);
  } finally {
    restore();
    restore = () => {};
  }
  console.log(results.at(-1).join('  '));
}
if (checkOnly) console.log(`${chosen.length - results.length} of ${chosen.length} mutants apply`);
else console.log(`\n${results.filter(([, r]) => r === 'killed').length} killed, ${results.filter(([, r]) => r === 'SURVIVED').length} survived of ${results.length}`);
