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
