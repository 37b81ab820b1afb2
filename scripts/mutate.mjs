// Hand-made mutation testing: applies one small change to a file (a mutant), runs the tests that
// should notice it, restores the file, and records whether a test failed (killed) or not
// (survived). Not part of `npm test`.
// A mutant of src/ (file column `api/client.ts`) runs component tests in Chromium under the
// shared browser lock; one of the sandbox (file column `sandbox/auth.ts`) runs test/sandbox/
// files with node's test runner, no browser. One of the build scripts (file column
// `scripts/minify-css.mjs`, or `rollup.config.mjs`) runs test/scripts/ and test/package/ files with
// node's test runner; when it lists a test/package/ file it builds first with the mutant in place
// (a build that fails counts as killed), and dist/ is built again from the restored scripts at the
// end. One that fails only the README's pinned hashes survives: any change to the bundle fails those.
// A mutant of src/ that lists test/package/ or test/e2e/ files instead of component tests (the React
// wrapper, which no component test can load) builds dist/ with the mutant in place too, and the
// examples when it lists an e2e file, then runs them (node's test runner; Playwright under the lock).
// Mutants run one at a time either way.
//
//   node scripts/mutate.mjs                  every mutant below, each against its own test files
//   node scripts/mutate.mjs C7 Y3            only these
//   node scripts/mutate.mjs --all-files C9   against the whole component suite (for a survivor);
//                                            for a sandbox mutant, the whole sandbox suite; for a
//                                            scripts mutant, test/scripts/ and test/package/
//   node scripts/mutate.mjs --check          only checks that each mutant still applies
//   node scripts/mutate.mjs --sandbox        only the sandbox's mutants (--widget: only src/'s,
//                                            --scripts: only the build scripts')
//
// Logs go to /tmp/mutate-logs/<this clone's folder name>/ID.log (MUTATE_LOG_DIR overrides), so clones
// running mutants at once keep their logs apart; a summary table is printed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOG_DIR = process.env.MUTATE_LOG_DIR || `/tmp/mutate-logs/${basename(fileURLToPath(new URL('..', import.meta.url)))}`;

const T = (...names) => (names.length === 1 ? `test/component/${names[0]}.test.ts` : `test/component/{${names.join(',')}}.test.ts`);
const ALL = 'test/component/**/*.test.ts';
/** A folder's test files: node 20's test runner takes no globs. */
const testsIn = (dir) => readdirSync(dir).filter((name) => name.endsWith('.test.ts')).map((name) => `${dir}/${name}`);
/** Sandbox test files: a list, as node 20's test runner takes no globs. */
const S = (...names) => names.map((name) => `test/sandbox/${name}.test.ts`);
const ALL_SANDBOX = testsIn('test/sandbox');
/** Build scripts' test files: test/scripts/ and test/package/ ones, a list as for the sandbox. */
const SC = (...names) => names.map((name) => `test/scripts/${name}.test.ts`);
const PK = (...names) => names.map((name) => `test/package/${name}.test.ts`);
const ALL_SCRIPTS = [...testsIn('test/scripts'), ...testsIn('test/package')];
/** End-to-end spec files, for a src/ mutant only a built page shows (run after a build and `npm run examples`). */
const E2E = (...names) => names.map((name) => `test/e2e/${name}.spec.ts`);
/** A node test run or build under a mutant that hangs (a retry loop that never ends) counts as killed after this; the whole sandbox suite takes about 2 minutes. */
const NODE_RUN_TIMEOUT_MS = 6 * 60_000;

/** [id, file (under src/, or `sandbox/…`, or `scripts/…`), exact text (must occur once), replacement, test files]. */
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
  // Round six: the status a 429 and a 404 map to, and an ApiError's retryable default.
  ['E5', 'api/errors.ts', 'status === 404 ? notFound', "status === 404 ? 'not_found'", T('errors')],
  ['E6', 'api/errors.ts', "status === 429 ? 'rate_limited' : ", '', T('reliability', 'errors')],
  ['E7', 'api/errors.ts', 'options.retryable ?? false', 'options.retryable ?? true', T('errors', 'security')],
  // api/parse.ts: untrusted answers.
  ['P1', 'api/parse.ts', "if (typeof value !== 'string' || value === '') invalid", "if (typeof value !== 'string') invalid", T('fuzz', 'security', 'errors')],
  ['P3', 'api/parse.ts', "if (typeof value !== 'number' || !Number.isSafeInteger(value)) invalid", "if (typeof value !== 'number' || !Number.isFinite(value)) invalid", T('fuzz')],
  ['P5', 'api/parse.ts', 'level.participants_to_unlock >= 2 &&', 'level.participants_to_unlock >= 1 &&', T('group')],
  ['P6', 'api/parse.ts', 'level.participants_to_unlock <= maxParticipants', 'level.participants_to_unlock < maxParticipants', T('group', 'pay', 'fuzz')],
  ['P7', 'api/parse.ts', "(type === 'AMOUNT' || (type === 'PERCENTAGE' && level.value <= 100))", '(true)', T('group')],
  ['P9', 'api/parse.ts', 'current_discount_level: reachable ?? null', 'current_discount_level: current ?? null', T('pay')],
  ['P10', 'api/parse.ts', "if (amountTotal < 0) invalid('amount_total must not be negative');", '', T('fuzz', 'errors')],
  ['P11', 'api/parse.ts', "const paid = status === 'COMPLETED';", 'const paid = true;', T('errors')],
  ['P12', 'api/parse.ts', "key === 'url' ? secureUrl(raw, apiOrigin) : safeNavigationUrl(raw)", 'safeNavigationUrl(raw)', T('security')],
  ['P13', 'api/parse.ts', 'value.payment_intent == null\n          ? null', '!value.payment_intent\n          ? null', T('fuzz', 'errors')],
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
  ['Y6', 'stores/payment.ts', "if (!confirmed && (session.status === 'EXPIRED'", "if ((session.status === 'EXPIRED'", T('pay-safety')],
  ['Y7', 'stores/payment.ts', "report(signal, { status: 'unknown' });\n  }", "report(signal, { status: 'failed', reason: 'error', message: null });\n  }", T('pay-safety')],
  ['Y9', 'stores/payment.ts', 'if (error instanceof ApiError && error.retryable) return settle(config, session.id, intent.id, signal);', '', T('pay-safety')],
  ['Y10', 'stores/payment.ts', "state.step === 'creating' ? { status: 'idle' } : { status: 'unknown' }", "{ status: 'idle' }", T('pay-safety')],
  ['Y11', 'stores/payment.ts', 'if (left) confirmed = confirmed === true;', '', T('pay-safety')],
  ['Y13', 'stores/payment.ts', 'JSON.stringify([session.id, session.amount_total, paymentGroupId])', 'JSON.stringify([session.id])', T('pay-safety')],
  ['Y14', 'stores/payment.ts', '(answer?.error && !goesThrough(providerIntent?.status))', 'answer?.error', T('pay-safety')],
  ['Y15', 'stores/payment.ts', 'seen = true;\n          continue;', 'continue;', T('pay')],
  ['Y16', 'stores/payment.ts', "          confirmed = false;\n", '', T('pay-safety')],
  ['Y17', 'stores/payment.ts', '      seen = !back;\n      // The session was just read', '      // The session was just read', T('pay-safety')],
  ['Y18', 'stores/payment.ts', "    decline = null;\n    seen = false;", '    decline = null;', T('pay', 'pay-safety')],
  ['Y19', 'stores/payment.ts', 'seen = !back;', 'seen = true;', T('pay-safety')],
  ['Y20', 'stores/payment.ts', '{ ask: !back, delays }', '{ ask: true, delays }', T('pay-safety')],
  // Written with their change: a hung re-read ends the settle loop ("not known yet"), a read failing at once does not.
  ['Y21', 'stores/payment.ts', "        if ((error as ApiError).code === 'timeout') break;\n", '', T('adversary-network', 'pay-safety')],
  ['Y22', 'stores/payment.ts', "if ((error as ApiError).code === 'timeout') break;", 'break;', T('adversary-network', 'pay-safety')],
  ['Y23', 'stores/payment.ts', "if ((ask as { status?: string }).status) return report(signal, ask as PaymentState);\n        // Every try of this read hung to its timeout (up to 10 s each): \"not known yet\" now, not after every read has.\n        if ((error as ApiError).code === 'timeout') break;", "if ((error as ApiError).code === 'timeout') break;\n        if ((ask as { status?: string }).status) return report(signal, ask as PaymentState);", T('adversary-network', 'pay-safety')],
  ['K49', 'kohort-checkout.component.ts', '/[?&]redirect_status=(succeeded|processing)/', '/[?&]redirect_status=(succeeded|processing|failed)/', T('pay-safety')],
  ['K50', 'kohort-checkout.component.ts', 'const back = !!view.session.payment_intent && ', 'const back = ', T('pay-safety')],
  ['K51', 'kohort-checkout.component.ts', "this.#focus('#outcome-heading', true, this.#words().successTitle);", "this.#focus('#outcome-heading');", T('adversary-page')],
  ['K52', 'kohort-checkout.component.ts', '(this.renderRoot as ShadowRoot).activeElement ? !ifLost : [document.body, this]', '!ifLost || [document.body, this]', T('adversary-page')],
  ['K53', 'kohort-checkout.component.ts', "this.#focus('[part~=\"payment-error\"]', false, message);", "this.#focus('[part~=\"payment-error\"]');", T('adversary-page')],
  ['K54', 'kohort-checkout.component.ts', "view.session);\n      // Check again gives way to Pay, which says the payment is being confirmed: focus follows.\n      this.#focus('.pay', true);", 'view.session);', T('adversary-a11y')],
  ['K55', 'kohort-checkout.component.ts', "    this.offline = false;\n    // \"You are offline\" is no longer true: reading mode must not find it in the live region.\n    this.announcement = '';\n", '    this.offline = false;\n', T('adversary-a11y')],
  // Written with their change: back online, a payment "not known yet" asked about again, a code refused for NETWORK checked again.
  ['K56', 'kohort-checkout.component.ts', "    if (payment.status === 'unknown') this.#formHandlers.onCheckAgain();\n", '', T('adversary-network')],
  ['K57', 'kohort-checkout.component.ts', "(this.#referralState.value as { reason?: string }).reason === 'NETWORK' && ", '', T('adversary-network', 'pay')],
  ['K58', 'kohort-checkout.component.ts', "=== 'NETWORK' && !this.#emailProblem(this.email)) this.#validateCode();", "=== 'NETWORK') this.#validateCode();", T('adversary-network', 'pay')],
  ['L18', 'i18n/es.ts', '`\\u2068${owner}\\u2069 le acoge en su grupo.`', '`${owner} le acoge en su grupo.`', T('adversary-a11y')],
  ['P25', 'api/parse.ts', "(type === 'PERCENTAGE' && level.value <= 100)", 'level.value <= 100', T('adversary-api')],
  ['P26', 'api/parse.ts', "[value.id, ''].includes(intent.checkout_session_id) ? intent : invalid('payment_intent.checkout_session_id')", 'intent', T('adversary-api', 'security')],
  ['M7', 'money/format.ts', '.format(`${amountMinor}e-${decimals}` as never)', '.format(major)', T('adversary-api', 'locale')],
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
  // Round six: who counts as a participant, the next tier, a participant's short name.
  ['T7', 'referral/tiers.ts', ", 'CASHBACK_SENT']", ']', T('group', 'referral-units')],
  ['T8', 'referral/tiers.ts', 'participants < level.participants_to_unlock', 'participants <= level.participants_to_unlock', T('group', 'referral-units')],
  ['T9', 'referral/tiers.ts', '  if (!first) return null;\n', '', T('referral-units', 'group')],
  // kohort-checkout.component.ts: the page's events and the element's own guards.
  ['K1', 'kohort-checkout.component.ts', "this.#emit('kohort-expired', { sessionId: view.session.id });", '', T('states')],
  ['K2', 'kohort-checkout.component.ts', 'group: view.session.payment_intent?.payment_group ?? null,', 'group: null,', T('pay')],
  ['K4', 'kohort-checkout.component.ts', '// Leaving would not stop a payment under way: the shop\'s "canceled" page would be wrong.\n    if (this.#paymentLocked()) return;', '', T('cancel')],
  ['K7', 'kohort-checkout.component.ts', "if (view.status !== 'ready' || this.#paymentLocked()) return;\n    this.emailError", "if (view.status !== 'ready') return;\n    this.emailError", T('pay-safety')],
  ['K8', 'kohort-checkout.component.ts', 'retryable: !shopOnly,', 'retryable: true,', T('pay-setup')],
  ['K9', 'kohort-checkout.component.ts', 'if (newSession && (back || paymentUnderWay(view.session))) void', 'if (newSession && back) void', T('pay-safety')],
  ['K11', 'kohort-checkout.component.ts', "this.#emitError({ code: 'payment_unknown', message: words.paymentUnknownBody, retryable: true });", '', T('pay-safety')],
  ['K12', 'kohort-checkout.component.ts', "const refusal = this.#referralState.value.status === 'valid' && groupRefusalOf(payment.error);", 'const refusal = groupRefusalOf(payment.error);', T('pay')],
  // Round two: the files round one left alone.
  // api/server-clock.ts: the server's clock, as the countdown and expiry follow it.
  ['N1', 'api/server-clock.ts', 'Date.now() + (offsets[apiBase] || 0)', 'Date.now() - (offsets[apiBase] || 0)', T('states', 'group')],
  ['N2', 'api/server-clock.ts', 'Math.abs(measured) < 60_000 ? 0 : measured', 'measured', T('states')],
  ['N3', 'api/server-clock.ts', 'if (!Number.isNaN(measured)) offsets', 'offsets', T('group', 'states')],
  ['N4', 'api/server-clock.ts', '(offsets[apiBase] || 0)', '(Object.values(offsets).at(-1) || 0)', T('group', 'states')],
  // Round six: a customer's clock ahead of the server's.
  ['N5', 'api/server-clock.ts', 'Math.abs(measured) < 60_000', 'measured < 60_000', T('states', 'group')],
  // api/setup-warnings.ts: the console's words for a setup the API would answer 404.
  ['A1', 'api/setup-warnings.ts', 'if (keyMode && sessionMode && keyMode !== sessionMode)', 'if (keyMode && keyMode !== sessionMode)', T('errors')],
  ['A2', 'api/setup-warnings.ts', 'if (said.has(message)) return;', '', T('errors')],
  ['A3', 'api/setup-warnings.ts', 'url.origin === DEFAULT_API_BASE && ', '', T('errors')],
  // Round six (SW): a live key with a live session, the default api-base, mode mismatches.
  ['SW1', 'api/setup-warnings.ts', ' && url.href !== `${DEFAULT_API_BASE}/`', '', T('errors')],
  ['SW2', 'api/setup-warnings.ts', 'keyMode && sessionMode && keyMode !== sessionMode', 'keyMode && sessionMode', T('errors')],
  ['SW3', 'api/setup-warnings.ts', '/^pk_(test|live)_/.exec(publishableKey)?.[1]', "'test'", T('errors')],
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
  // Round six: an override that throws, a group word overridden early, plurals and numbers, which locale wins.
  ['L11', 'i18n/index.ts', "} catch (error) {\n        warn(path, 'it threw.', error);\n      }", '} finally {\n        // the error goes on\n      }', T('i18n')],
  ['L12', 'i18n/index.ts', 'Object.hasOwn(enGroup, path) || ', '', T('i18n', 'group-messages')],
  ['L13', 'i18n/messages.ts', 'forms[new Intl.PluralRules(locale).select(count)] ?? forms.other', 'forms.other', T('ready', 'i18n')],
  ['L14', 'i18n/messages.ts', "form.replace('#', formatCount(locale, count))", "form.replace('#', String(count))", T('ready', 'i18n', 'locale')],
  ['L15', 'i18n/messages.ts', 'const key = locale + JSON.stringify(options);', 'const key = locale;', T('locale', 'ready', 'group')],
  ['L16', 'i18n/locale.ts', 'for (const candidate of candidates) {', 'for (const candidate of [...candidates].reverse()) {', T('locale', 'i18n')],
  ['L17', 'i18n/locale.ts', "current instanceof Element && current.hasAttribute('lang')", "current instanceof Element && current.getAttribute('lang')", T('locale', 'i18n')],
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
  // Round six: the store binding's order and previous value, the version mark, the countdown's listener and tick.
  ['D11', 'internal/store-controller.ts', '      this.host.requestUpdate();\n      this.onChange(value, previous);', '      this.onChange(value, previous);\n      this.host.requestUpdate();', T('store-controller', 'pay', 'pay-safety')],
  ['D12', 'internal/store-controller.ts', 'deliver(this.value, this.#left)', 'deliver(this.value)', T('store-controller', 'pay-safety')],
  ['D13', 'internal/define.ts', ' && !warned.has(tagName)', '', T('define')],
  ['D14', 'internal/define.ts', '    (constructor as VersionedConstructor)[VERSION_KEY] = VERSION;\n', '', T('define')],
  ['D15', 'internal/clock-controller.ts', "    document.addEventListener('visibilitychange', this.#onVisibility);\n", '', T('group')],
  ['D16', 'internal/clock-controller.ts', 'nextTickIn(remaining))', '1000)', T('group')],
  // Round six (RX): react.ts, the React wrapper. No component test can load React (CommonJS), and this script builds
  // nothing for a src/ mutant, so its test/package/ files read the last build: run these by hand (build, then ssr.test.ts
  // and the e2e examples.spec.ts), as RELIABILITY.md says.
  ['RX1', 'react.ts', "onKohortReady: 'kohort-ready'", "onKohortReady: 'kohort-ready-'", [...PK('ssr'), ...E2E('examples')]],
  ['RX2', 'react.ts', "onKohortSuccess: 'kohort-success' as", "onKohortSuccess: 'kohort-continue' as", [...PK('ssr'), ...E2E('examples')]],
  ['RX3', 'react.ts', "tagName: 'kohort-checkout',", "tagName: 'kohort-checkout-react',", PK('ssr')],
  // referral/code.ts: a friend's code as typed or pasted.
  ['F1', 'referral/code.ts', "match[3]!.replace(/\\s+/g, '').toUpperCase()", 'match[3]!.toUpperCase()', T('referral-units')],
  ['F2', 'referral/code.ts', "match[3]!.replace(/\\s+/g, '').toUpperCase()", "match[3]!.replace(/\\s+/g, '')", T('referral-units')],
  ['F3', 'referral/code.ts', 'exec(search + hash + pathname)', 'exec(hash + pathname)', T('referral-units', 'pay')],
  ['F4', 'referral/code.ts', "return /^KHT[\\w-]*$/i.test(candidate) ? candidate : null;", 'return candidate;', T('referral-units', 'pay')],
  // Round six: invisible characters pasted with a code, a code in an invite link's path.
  ['F5', 'referral/code.ts', ".replace(/[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF\\u061C]/g, '')", '', T('referral-units')],
  ['F6', 'referral/code.ts', 'exec(search + hash + pathname)', 'exec(search + hash)', T('referral-units', 'pay')],
  ['F7', 'referral/code.ts', 'exec(search + hash + pathname)', 'exec(pathname + search + hash)', T('referral-units', 'pay')],
  ['F8', 'referral/code.ts', 'exec(search + hash + pathname)', 'exec(search + pathname)', T('referral-units', 'pay')],
  // referral/invite-link.ts: where friends land.
  ['I1', 'referral/invite-link.ts', "base.replaceAll('{code}', encodeURIComponent(code))", "base.replaceAll('{code}', code)", T('referral-units')],
  ['I5', 'referral/invite-link.ts', "base.replaceAll('{code}'", "base.replace('{code}'", T('referral-units')],
  ['I2', 'referral/invite-link.ts', "if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;", '', T('referral-units', 'security')],
  ['I3', 'referral/invite-link.ts', "if (!templated) url.searchParams.set('kohort', code);", "url.searchParams.set('kohort', code);", T('referral-units')],
  // Round six: an invite-url that already carries a kohort parameter.
  ['I4', 'referral/invite-link.ts', "url.searchParams.set('kohort', code)", "url.searchParams.append('kohort', code)", T('referral-units')],
  // referral/time-left.ts: the countdown's text and when it changes.
  ['W1', 'referral/time-left.ts', 'if (days > 0)', 'if (days > 1)', T('referral-units')],
  ['W2', 'referral/time-left.ts', 'Math.floor((left % HOUR) / MINUTE)', 'Math.floor(left / MINUTE)', T('referral-units')],
  ['W3', 'referral/time-left.ts', '(ms < HOUR ? 1000 : MINUTE)', '(ms < MINUTE ? 1000 : MINUTE)', T('referral-units', 'group')],
  ['W4', 'referral/time-left.ts', ': MINUTE)) + 1;', ': MINUTE));', T('referral-units', 'group')],
  // Round six: German's units, the padded minutes, the unbreakable spaces.
  ['W5', 'referral/time-left.ts', "locale.startsWith('de') ? 'short' : 'narrow'", "'narrow'", T('referral-units')],
  ['W6', 'referral/time-left.ts', 'minimumIntegerDigits: padded ? 2 : 1', 'minimumIntegerDigits: 1', T('referral-units')],
  ['W7', 'referral/time-left.ts', ".replace(/ /g, '\\u00a0')", '', T('referral-units', 'group')],
  // referral/group-view.ts: the group after paying, followed, said and told to the page.
  ['V11', 'referral/group-view.ts', "if ((error as Error).name != 'AbortError') void this.#copy();", '', T('adversary-group', 'group')],
  ['V12', 'referral/group-view.ts', "if ((error as Error).name != 'AbortError') void", 'void', T('adversary-group', 'group')],
  ['V1', 'referral/group-view.ts', '    clearTimeout(this.#copyTimer);\n    this.#copyStatus = \'idle\';', "    this.#copyStatus = 'idle';", T('group')],
  ['V2', 'referral/group-view.ts', 'if (this.#clock.remaining === 0) void this.#store.refresh()?.then(() => this.#clock.remaining && this.#host.requestUpdate());', '', T('group')],
  ['V3', 'referral/group-view.ts', 'if (previous !== null && count > previous)', 'if (count > (previous ?? 0))', T('group', 'a11y')],
  ['V4', 'referral/group-view.ts', "if (previous !== 'OPEN' || group.status === 'OPEN') return;", "if (group.status === 'OPEN') return;", T('group', 'a11y')],
  ['V5', 'referral/group-view.ts', '        : this.#unsent', '        : false', T('group')],
  ['V6', 'referral/group-view.ts', ' || group.status !== previous.status', '', T('group')],
  ['V7', 'referral/group-view.ts', "this.#hooks.inviteUrl() || session.organization?.website_url", 'this.#hooks.inviteUrl()', T('group')],
  ['V8', 'referral/group-view.ts', '    focused?.focus();\n', '', T('group', 'a11y')],
  ['V9', 'referral/group-view.ts', "return group?.status === 'OPEN' ? Date.parse(group.expires_at)", 'return group ? Date.parse(group.expires_at)', T('group')],
  ['V10', 'referral/group-view.ts', 'Date.parse(group.expires_at) - serverNow(this.#apiBase)', 'Date.parse(group.expires_at) - Date.now()', T('group')],
  // Written with their change: "Code copied" dropped on a session switch; the countdown re-rendered after the read at zero.
  ['V13', 'referral/group-view.ts', '    this.hostDisconnected();\n    this.#store.stop(true);', '    this.#store.stop(true);', T('adversary-reuse', 'group')],
  ['V14', 'referral/group-view.ts', '    this.hostDisconnected();\n    this.#store.stop(true);', '    clearTimeout(this.#copyTimer);\n    this.#store.stop(true);', T('adversary-reuse', 'group')],
  ['V15', 'referral/group-view.ts', 'void this.#store.refresh()?.then(() => this.#clock.remaining && this.#host.requestUpdate());', 'this.#store.refresh();', T('adversary-time', 'group')],
  ['V16', 'referral/group-view.ts', '.then(() => this.#clock.remaining && this.#host.requestUpdate())', '.then(() => this.#host.requestUpdate())', T('adversary-time', 'group')],
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
  // Round five: the element (kohort-checkout.component.ts), the session, referral and group stores, the parser, money,
  // the safe values and the templates, which rounds one and two barely mutated.
  // kohort-checkout.component.ts: connect, disconnect and move.
  ['K22', 'kohort-checkout.component.ts', "    window.removeEventListener('pageshow', this.#onPageShow);\n", '', T('reliability', 'pay')],
  ['K23', 'kohort-checkout.component.ts', 'if (!this.isConnected) this.#payment.abort();', 'this.#payment.abort();', T('pay-safety', 'reliability')],
  ['K24', 'kohort-checkout.component.ts', '      this.#session.resume();\n', '', T('states', 'loading')],
  ['K25', 'kohort-checkout.component.ts', "if (this.#paymentState.value.status === 'unknown' && view.status === 'ready') {", 'if (false) {', T('pay-safety', 'store-controller')],
  ['K26', 'kohort-checkout.component.ts', 'const stillFollowed = this.#followedGroupId === groupId && this.isConnected;', 'const stillFollowed = this.#followedGroupId === groupId;', T('group', 'reliability')],
  // kohort-checkout.component.ts: attribute changes and the state attribute.
  ['K27', 'kohort-checkout.component.ts', 'const inputsChanged = inputSet && !this.#session.isCurrent(this.#inputs());', 'const inputsChanged = inputSet;', T('errors', 'pay-safety', 'loading')],
  ['K28', 'kohort-checkout.component.ts', '      this.#payment.abort();\n      this.#payment.clear();', '      this.#payment.clear();', T('pay-safety')],
  ['K29', 'kohort-checkout.component.ts', "view.status === 'idle' || waits ? 'loading' : view.status", "view.status === 'idle' ? 'loading' : view.status", T('chunks', 'i18n')],
  ['K30', 'kohort-checkout.component.ts', 'if (color === this.#brandColor) return;', 'if (!color || color === this.#brandColor) return;', T('ready', 'loading')],
  ['K31', 'kohort-checkout.component.ts', 'session.payment_intent?.payment_group?.id ?? session.payment_intent?.payment_group_id ?? null', 'session.payment_intent?.payment_group?.id ?? null', T('group')],
  // kohort-checkout.component.ts: the events, their detail, and the focus after a change.
  ['K32', 'kohort-checkout.component.ts', '          ...(status ? { status } : {}),\n', '', T('pay')],
  ['K33', 'kohort-checkout.component.ts', "if (!refusal) this.#focus('[part~=\"payment-error\"]', false, message);", '', T('pay', 'a11y')],
  ['K34', 'kohort-checkout.component.ts', "this.#focus('[part~=\"check-again-button\"]', true);", '', T('pay-safety', 'a11y')],
  ['K35', 'kohort-checkout.component.ts', "if (this.#refocus && view.status !== 'loading') {", 'if (this.#refocus) {', T('a11y', 'errors')],
  ['K36', 'kohort-checkout.component.ts', "this.#focus(view.status === 'ready' ? '#summary-heading' : '[part~=\"message\"] h2', true);", "this.#focus('[part~=\"message\"] h2', true);", T('a11y', 'errors')],
  ['K37', 'kohort-checkout.component.ts', "        } else {\n          this.#emit('kohort-ready', { session: view.session });\n        }", '        }', T('states', 'ready-detail')],
  ['K38', 'kohort-checkout.component.ts', "          this.#focus('#outcome-heading', true, this.#words().successTitle);\n", '', T('pay', 'a11y')],
  ['K39', 'kohort-checkout.component.ts', 'this.#emitError(status ? { code, message, status, retryable } : { code, message, retryable });', 'this.#emitError({ code, message, retryable });', T('errors')],
  ['K40', 'kohort-checkout.component.ts', 'masked(sessionOf(this.#view.value)?.id ?? this.#inputs().sessionId)', 'masked(this.#inputs().sessionId)', T('cancel', 'states', 'errors', 'pay-safety')],
  // kohort-checkout.component.ts: cancel and continue navigation, and their fallbacks.
  ['K41', 'kohort-checkout.component.ts', "location.origin.replace(/^null$/, origin)", 'location.origin', T('cancel')],
  ['K42', 'kohort-checkout.component.ts', 'const paymentIntentId = view.intentId ?? view.session.payment_intent?.id ?? null;', 'const paymentIntentId = view.intentId ?? null;', T('group', 'states')],
  // kohort-checkout.component.ts: back from the back/forward cache, back online.
  ['K43', 'kohort-checkout.component.ts', "if (status === 'processing' || status === 'unknown') void", "if (status === 'processing') void", T('pay', 'pay-safety')],
  ['K44', 'kohort-checkout.component.ts', "if (view.status === 'error' && isConnectionError(view.error)) {", "if (view.status === 'error') {", T('reliability', 'errors')],
  ['K45', 'kohort-checkout.component.ts', "if (payment.status === 'failed' && isConnectionError(payment.error)) {", "if (payment.status === 'failed') {", T('pay')],
  // kohort-checkout.component.ts: the form, the friend's code and Pay.
  ['K46', 'kohort-checkout.component.ts', "const code = this.shareCode || view.session.payment_group_share_id || '';", "const code = view.session.payment_group_share_id || this.shareCode || '';", T('pay')],
  ['K47', 'kohort-checkout.component.ts', 'else if (code && !this.#emailProblem(this.email)) this.#validateCode();', 'else if (code) this.#validateCode();', T('pay', 'a11y')],
  ['K48', 'kohort-checkout.component.ts', "    if (referral.status !== 'validating') this.#payWhenCodeAccepted = false;\n", '', T('pay')],
  // stores/session.ts: stale answers, the expiry timer, reads behind the view, payments under way.
  ['X12', 'stores/session.ts', 'if (myGeneration !== generation) return;\n        for (const field', 'for (const field', T('loading')],
  ['X13', 'stores/session.ts', 'Math.min(Math.max(delay, paying ? 1000 : 0), MAX_TIMER_DELAY)', 'Math.max(delay, paying ? 1000 : 0)', T('states', 'fuzz')],
  ['X14', 'stores/session.ts', 'Math.max(delay, paying ? 1000 : 0)', 'Math.max(delay, 0)', T('pay-safety')],
  ['X15', 'stores/session.ts', '      clearTimeout(graceTimer);\n    },\n    resume', '    },\n    resume', T('errors')],
  ['X16', 'stores/session.ts', "(view.status !== 'ready' && !paying && $view.get() === shown)", "(view.status !== 'ready' && !paying)", T('pay')],
  ['X17', 'stores/session.ts', "(view.status !== 'ready' && !paying && $view.get() === shown)", '(!paying && $view.get() === shown)', T('pay')],
  ['X18', 'stores/session.ts', "if (!behind) $view.set({ status: 'loading' });", "$view.set({ status: 'loading' });", T('pay')],
  ['X19', 'stores/session.ts', '|| controller.signal.aborted || behind) return;', '|| controller.signal.aborted) return;', T('pay')],
  ['X20', 'stores/session.ts', "  'REQUIRES_CAPTURE',\n", '', T('pay-safety', 'fuzz')],
  // Written with their change: the expiry re-checked when the page is shown again, and due when its timer fires.
  ['X21', 'stores/session.ts', "    document.removeEventListener('visibilitychange', armExpiryTimer);\n", '', T('adversary-time', 'reliability')],
  ['X22', 'stores/session.ts', "    document.addEventListener('visibilitychange', armExpiryTimer);\n", '', T('adversary-time')],
  ['X23', 'stores/session.ts', 'if (delay < MAX_TIMER_DELAY && !paying) {', 'if (isSessionExpired(current.session, inputs!.apiBase) && !paying) {', T('adversary-time', 'states')],
  ['X24', 'stores/session.ts', 'if (delay < MAX_TIMER_DELAY && !paying) {', 'if (!paying) {', T('adversary-time', 'states', 'fuzz')],
  // stores/referral.ts, stores/group.ts: why a code was refused; the group's polling.
  ['R19', 'stores/referral.ts', "if (isConnectionError(error)) return 'NETWORK';", '', T('pay')],
  ['G11', 'stores/group.ts', 'group.payment_intents?.map((intent) => [intent.id, intent.status])', 'group.payment_intents?.map((intent) => intent.id)', T('group')],
  ['G12', 'stores/group.ts', '    interval = GROUP_POLL.initialMs;\n    clearTimeout(timer);\n    return poll();', '    clearTimeout(timer);\n    return poll();', T('group')],
  ['G13', 'stores/group.ts', "document.visibilityState === 'hidden' || navigator.onLine === false", "document.visibilityState === 'hidden'", T('group')],
  ['G14', 'stores/group.ts', "if (state.status !== 'ready') {", 'if (true) {', T('group')],
  ['G15', 'stores/group.ts', 'if (!target || inFlight) return;', 'if (!target) return;', T('group')],
  // Written with its change: refresh() resolves once the read at zero is answered.
  ['G17', 'stores/group.ts', '    clearTimeout(timer);\n    return poll();', '    clearTimeout(timer);\n    poll();', T('adversary-time', 'group')],
  // api/parse.ts: line items, tiers, group sizes, currency, URLs and dates.
  ['P14', 'api/parse.ts', "const amountTotal = value.amount_total == null ? price * quantity : requireInteger(value, 'amount_total', where);", 'const amountTotal = price * quantity;', T('ready', 'errors', 'fuzz')],
  ['P15', 'api/parse.ts', 'if (quantity < 1) invalid', 'if (quantity < 0) invalid', T('fuzz', 'errors')],
  ['P16', 'api/parse.ts', 'if (!Number.isSafeInteger(amountTotal)) invalid(`${where} is too large`);', '', T('fuzz', 'errors')],
  ['P17', 'api/parse.ts', 'level.value < 1e9 && ', '', T('group', 'fuzz')],
  ['P18', 'api/parse.ts', '    .sort((a, b) => a.participants_to_unlock - b.participants_to_unlock);', ';', T('group', 'fuzz')],
  ['P19', 'api/parse.ts', ' && level.value > previous.value', '', T('group', 'fuzz')],
  ['P20', 'api/parse.ts', 'level.value >= 0.01', 'level.value >= 0', T('group', 'fuzz')],
  ['P21', 'api/parse.ts', 'size >= 2 ? size : 15', 'size', T('group', 'security')],
  ['P22', 'api/parse.ts', 'currency: currency.toUpperCase(),', 'currency,', T('fuzz', 'locale')],
  ['P23', 'api/parse.ts', 'website_url: safeNavigationUrl(value.website_url),', 'website_url: value.website_url as string,', T('security', 'group')],
  ['P24', 'api/parse.ts', "expires_at: unlessPaid(() => requireDate(value, 'expires_at', 'session'), 'expires_at'),", "expires_at: optionalString(value, 'expires_at'),", T('fuzz', 'errors')],
  // money/: how amounts are written, and what the totals add up.
  ['M4', 'money/format.ts', 'Number.isInteger(major) ? undefined : decimals', 'decimals', T('locale')],
  ['M5', 'money/format.ts', "'BHD IQD JOD KWD LYD OMR TND'", "'BHD IQD JOD LYD OMR TND'", T('locale', 'fuzz')],
  ['M6', 'money/totals.ts', "    linesTotal += item.amount_total;\n    if (item.type === 'PRODUCT') {", "    if (item.type === 'PRODUCT') {\n      linesTotal += item.amount_total;", T('ready')],
  // internal/safe-values.ts: http images, the masked key.
  ['S2', 'internal/safe-values.ts', "(!!trustedOrigin && url.origin === trustedOrigin && url.protocol === 'http:')", "(!!trustedOrigin && url.protocol === 'http:')", T('ready', 'security')],
  ['S3', 'internal/safe-values.ts', "key.length - prefix.length > 8 ? key.slice(-4) : ''", 'key.slice(-4)', T('security', 'errors')],
  // templates/: the line total, the lines' labels, the paid title, Back to the shop while paying.
  ['U14', 'templates/ready.ts', '<span class="amount">${money(item.amount_total)}</span>', '<span class="amount">${money(item.price)}</span>', T('ready')],
  ['U15', 'templates/ready.ts', '[item.type.toUpperCase()]', '[item.type]', T('ready')],
  ['U16', 'templates/outcome.ts', '${paidHere ? t.successTitle : t.completedTitle}', '${t.successTitle}', T('states', 'pay')],
  ['U17', 'templates/ready.ts', "aria-disabled=${locked ? 'true' : nothing} @click=${onCancel}>", '@click=${onCancel}>', T('cancel', 'pay-safety')],
  // Round six: the templates' parts, aria attributes, fields and texts, and which field each shows.
  ['U18', 'templates/group-body.ts', 'Object.hasOwn(t.groupEnded, status)', 'status in t.groupEnded', T('group', 'fuzz')],
  ['U19', 'templates/group-body.ts', '${open && levels.length', '${levels.length', T('group')],
  ['U20', 'templates/group-body.ts', ' rel="noopener noreferrer"', '', T('group', 'security')],
  ['U21', 'templates/group-body.ts', "${group.status === 'COMPLETED' && reached ?", '${reached ?', T('group')],
  ['U22', 'templates/group-body.ts', 'money(cashbackAmount(reached, type,', 'money(cashbackAmount(next ?? reached, type,', T('group')],
  ['U23', 'templates/group-section.ts', 'maximumFractionDigits: 2', 'maximumFractionDigits: 0', T('group', 'pay')],
  ['U24', 'templates/group-body.ts', "groupPlaceholder(context.t, state.status === 'error')", 'groupPlaceholder(context.t, false)', T('group')],
  ['U25', 'templates/header.ts', 'entry.livemode === session.livemode', 'true', T('ready')],
  ['U26', 'templates/images.ts', "(event.target as HTMLImageElement).toggleAttribute('data-broken', event.type === 'error');", "if (event.type === 'error') (event.target as HTMLImageElement).setAttribute('data-broken', '');", T('ready')],
  ['U27', 'templates/outcome.ts', '@click=${onBack}>', '@click=${onRetry}>', T('errors', 'a11y', 'cancel')],
  ['U28', 'templates/outcome.ts', 't.errorReference(error.status ? `${error.code} (${error.status})` : error.code)', 't.errorReference(error.code)', T('errors', 'a11y')],
  ['U29', 'templates/pay-form.ts', '        autocomplete="email"\n', '', T('pay', 'a11y')],
  ['U30', 'templates/pay-form.ts', '        inputmode="email"\n', '', T('pay', 'a11y')],
  ['U31', 'templates/pay-form.ts', '<label for="email">', '<label>', T('a11y', 'pay')],
  ['U32', 'templates/pay-form.ts', '<label for="code">', '<label>', T('a11y', 'pay')],
  ['U33', 'templates/pay-form.ts', '            event.preventDefault();\n', '', T('pay', 'a11y')],
  ['U34', 'templates/pay-form.ts', "aria-disabled=${locked || validating ? 'true' : nothing}", "aria-disabled=${locked ? 'true' : nothing}", T('pay', 'a11y')],
  ['U35', 'templates/pay-form.ts', 'return payment.message || t.paymentDeclined;', 'return t.paymentDeclined;', T('pay', 'pay-safety')],
  ['U36', 'templates/pay-form.ts', '  if (payment.error?.retryable) return errorBody(payment.error, t);\n', '', T('pay', 'reliability')],
  ['U37', 'templates/pay-form.ts', " || payment.status === 'redirecting';", ';', T('pay', 'pay-safety')],
  ['U38', 'templates/pay-form.ts', "${payment.status === 'unknown'\n      ? nothing", '${false\n      ? nothing', T('pay-safety', 'a11y')],
  ['U39', 'templates/pay-form.ts', 'group.current_discount_level ?? ', '', T('pay')],
  ['U40', 'templates/ready.ts', 'money(item.price))', 'money(item.amount_total))', T('ready')],
  ['U41', 'templates/ready.ts', 'typeLabel && typeLabel.toLowerCase() !== item.name.toLowerCase()', 'typeLabel', T('ready')],
  ['U42', 'templates/loading.ts', 'part="skeleton" aria-busy="true"', 'part="skeleton"', T('loading', 'a11y')],
  // Written with their change (templates/group.styles.ts): name chips that wrap, and square themes.
  ['U43', 'templates/group.styles.ts', 'border-radius: min(1em, var(--_radius) * 9);', 'border-radius: 999px;', T('adversary-look')],
  ['U44', 'templates/group.styles.ts', 'border-radius: calc(var(--_radius) * 0.66);', 'border-radius: 0.5em;', T('adversary-look')],
  // Round three: the sandbox API (sandbox/), against its node tests (test/sandbox/). Ids go on from the widget's letters without clashing.
  // sandbox/auth.ts: which key may call what.
  ['A4', 'sandbox/auth.ts', "policy === 'secret' && caller.kind !== 'secret'", 'false', S('auth', 'api-questions')],
  ['A5', 'sandbox/auth.ts', "policy === 'test' && caller.livemode", 'false', S('auth', 'payment-intents', 'payment-groups')],
  ['A6', 'sandbox/auth.ts', 'if (!credentials || rest.length > 0)', 'if (!credentials)', S('auth')],
  ['A7', 'sandbox/auth.ts', "if (scheme.toLowerCase() === 'bearer')", "if (scheme === 'Bearer')", S('auth', 'idempotency')],
  ['A8', 'sandbox/auth.ts', "const user = decoded.split(':')[0] ?? '';", 'const user = decoded;', S('auth')],
  ['A9', 'sandbox/auth.ts', "{ key: keys.publishableLive, kind: 'publishable', livemode: true }", "{ key: keys.publishableLive, kind: 'publishable', livemode: false }", S('checkout-sessions', 'auth')],
  // Round six: what round three left out of auth.ts.
  ['A10', 'sandbox/auth.ts', "return key.length > 12 ? `${key.slice(0, 8)}…${key.slice(-4)}` : '…';", 'return key;', S('auth')],
  // sandbox/validation.ts: what a body may hold.
  ['Q1', 'sandbox/validation.ts', 'isInteger(value) && value > 0', 'isInteger(value) && value >= 0', S('api-questions', 'checkout-sessions', 'payment-intents')],
  ['Q2', 'sandbox/validation.ts', 'NEGATIVE_TYPES.has(type) && price >= 0', 'NEGATIVE_TYPES.has(type) && price > 0', S('checkout-sessions')],
  ['Q3', 'sandbox/validation.ts', "quantity > 1 && type !== 'PRODUCT'", 'false', S('checkout-sessions')],
  ['Q4', 'sandbox/validation.ts', 'if (sum !== BigInt(amountTotal))', 'if (false)', S('checkout-sessions')],
  ['Q5', 'sandbox/validation.ts', 'parsed < now + 30 * MINUTE - CLOCK_TOLERANCE', 'parsed < now - CLOCK_TOLERANCE', S('checkout-sessions')],
  ['Q6', 'sandbox/validation.ts', 'parsed > now + 24 * 60 * MINUTE + CLOCK_TOLERANCE', 'parsed > now + 24 * 60 * MINUTE', S('checkout-sessions')],
  ['Q7', 'sandbox/validation.ts', "(typeof body.currency !== 'string' || body.currency.toUpperCase() !== 'EUR')", 'false', S('checkout-sessions')],
  ['Q8', 'sandbox/validation.ts', 'if ((LOCALES as readonly string[]).includes(tag)) return tag as CheckoutLocale;', 'if (tag) return tag as CheckoutLocale;', S('checkout-sessions', 'api-questions')],
  ['Q9', 'sandbox/validation.ts', 'const errors = unknownProperties(raw, NEW_INTENT_FIELDS);', 'const errors: string[] = [];', S('payment-intents', 'api-questions')],
  ['Q10', 'sandbox/validation.ts', "out[name] = name === 'metadata' ? inner : snakeKeys(inner);", 'out[name] = snakeKeys(inner);', S('checkout-sessions', 'contract')],
  ['Q11', 'sandbox/validation.ts', 'payment_group_id: groupId?.trim() ? groupId.trim() : null,', 'payment_group_id: groupId,', S('payment-intents')],
  ['Q12', 'sandbox/validation.ts', 'if (successUrl !== null && !isHttpUrl(successUrl))', 'if (false)', S('checkout-sessions')],
  // Round six: what round three left out of validation.ts.
  ['Q13', 'sandbox/validation.ts', "if (!isObject(parsed)) throw badRequest(['The request body must be a JSON object.']);", '', S('auth', 'api-questions', 'checkout-sessions')],
  ['Q14', 'sandbox/validation.ts', "if (typeof name !== 'string' || !name.trim())", "if (typeof name !== 'string' || !name)", S('checkout-sessions')],
  ['Q15', 'sandbox/validation.ts', 'if (imageUrl != null && !isHttpUrl(imageUrl)) itemErrors.push', 'if (false) itemErrors.push', S('checkout-sessions')],
  ['Q16', 'sandbox/validation.ts', "if (!isObject(value)) {\n    errors.push('metadata must be an object');", "if (typeof value !== 'object') {\n    errors.push('metadata must be an object');", S('checkout-sessions', 'payment-intents')],
  ['Q17', 'sandbox/validation.ts', "if (!sessionId) errors.push('checkout_session_id must be a checkout session id');", '', S('payment-intents', 'api-questions')],
  // Written with their change: what a browser key can make the sandbox keep.
  ['AV7', 'sandbox/validation.ts', 'if (value.length > MAX_STRING_LENGTH) {', 'if (value.length >= MAX_STRING_LENGTH) {', S('adversary-security', 'payment-intents')],
  ['AV8', 'sandbox/validation.ts', 'if (JSON.stringify(value).length > MAX_METADATA_CHARACTERS) {', 'if (JSON.stringify(value).length >= MAX_METADATA_CHARACTERS) {', S('adversary-security', 'payment-intents')],
  // sandbox/idempotency.ts: a retry replays, another request with the same key is refused.
  ['K13', 'sandbox/idempotency.ts', 'if (existing.fingerprint !== fingerprint) {', 'if (false) {', S('payment-intents', 'idempotency')],
  ['K14', 'sandbox/idempotency.ts', '`${method} ${path} ${canonical(body)}`', '`${method} ${canonical(body)}`', S('idempotency', 'payment-intents')],
  ['K15', 'sandbox/idempotency.ts', "typeof parsed === 'string' || deeperThan(parsed, MAX_BODY_DEPTH) ? text : snakeKeys(parsed)", "typeof parsed === 'string' || deeperThan(parsed, MAX_BODY_DEPTH) ? text : parsed", S('idempotency')],
  ['K16', 'sandbox/idempotency.ts', 'const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));', 'const entries = Object.entries(value);', S('idempotency')],
  ['K17', 'sandbox/idempotency.ts', 'if (c.res.status >= 200 && c.res.status < 300) {', 'if (c.res.status < 500) {', S('idempotency', 'payment-intents')],
  ['K18', 'sandbox/idempotency.ts', "existing.madeWith === 'secret' && caller.kind !== 'secret'", 'false', S('idempotency')],
  ['K19', 'sandbox/idempotency.ts', 'const entries = storeFor(caller.livemode);', 'const entries = storeFor(false);', S('idempotency')],
  ['K20', 'sandbox/idempotency.ts', 'key.length > MAX_IDEMPOTENCY_KEY_LENGTH', 'key.length >= MAX_IDEMPOTENCY_KEY_LENGTH', S('idempotency')],
  ['K21', 'sandbox/idempotency.ts', 'if (entry.createdAt > expiredBefore) return;', 'if (entry.createdAt >= expiredBefore) return;', S('idempotency')],
  // sandbox/db.ts: the modes kept apart, and the state changes of sessions, intents and groups.
  ['B1', 'sandbox/db.ts', 'return session?.livemode === livemode ? session : undefined;', 'return session;', S('checkout-sessions', 'payment-intents')],
  ['B2', 'sandbox/db.ts', 'return group?.livemode === livemode ? group : undefined;', 'return group;', S('payment-groups', 'checkout-sessions')],
  ['B3', 'sandbox/db.ts', 'return intent?.livemode === livemode ? intent : undefined;', 'return intent;', S('payment-intents', 'payment-groups')],
  ['B4', 'sandbox/db.ts', 'if (now < session.expires_at) {', 'if (now <= session.expires_at) {', S('checkout-sessions', 'session-expiry')],
  ['B5', 'sandbox/db.ts', 'if (participants.length >= group.settings.max_participants) {\n      this.completeGroup', 'if (participants.length > group.settings.max_participants) {\n      this.completeGroup', S('payment-groups', 'payment-intents')],
  ['B6', 'sandbox/db.ts', 'if (participants.length >= 2) {', 'if (participants.length >= 1) {', S('payment-groups', 'api-questions')],
  ['B7', 'sandbox/db.ts', '} else if (now >= group.expires_at) {', '} else if (now > group.expires_at) {', S('payment-groups', 'session-expiry')],
  ['B8', 'sandbox/db.ts', 'this.completeGroup(group, participants, group.expires_at);', 'this.completeGroup(group, participants, now);', S('payment-groups', 'retention')],
  ['B9', 'sandbox/db.ts', "if (session && session.status !== 'OPEN') {\n      intent.status = 'CANCELED';", "if (false) {\n      intent.status = 'CANCELED';", S('payment-intents', 'session-expiry')],
  ['B10', 'sandbox/db.ts', 'if (refusal) group = undefined;', '', S('payment-intents', 'lookups', 'payment-groups')],
  ['B11', 'sandbox/db.ts', 'intent.amount_captured = intent.amount;', '', S('payment-intents')],
  ['B12', 'sandbox/db.ts', '} else if (this.paymentInFlight(session)) {', '} else if (false) {', S('session-expiry')],
  ['B13', 'sandbox/db.ts', '    session.expires_at = now;\n    session.ended_at = now;', '    session.ended_at = now;', S('checkout-sessions', 'session-expiry')],
  ['B14', 'sandbox/db.ts', "intent.status = 'REQUIRES_PAYMENT_METHOD';\n    intent.processing_until = null;", "intent.status = 'CANCELED';\n    intent.processing_until = null;", S('session-expiry')],
  ['B15', 'sandbox/db.ts', 'session.payment_group_share_id = group.share_id;', '', S('payment-intents', 'checkout-sessions')],
  // Round six: look-ups, retention's edge, what an intent takes from its session.
  ['B16', 'sandbox/db.ts', 'const wanted = idOrCode.trim();', 'const wanted = idOrCode;', S('payment-groups', 'payment-intents')],
  ['B17', 'sandbox/db.ts', 'const session = direct ?? this.sessionsByShareId.get(idOrShareId);', 'const session = direct;', S('checkout-sessions', 'lookups')],
  ['B18', 'sandbox/db.ts', "record.status !== 'OPEN' && endedAt(record) <= cutoff", "record.status !== 'OPEN' && endedAt(record) < cutoff", S('retention')],
  ['B19', 'sandbox/db.ts', 'const email = input.customer_email ?? input.session.customer_email;', 'const email = input.customer_email ?? null;', S('payment-intents', 'payment-groups')],
  ['B20', 'sandbox/db.ts', 'this.groupsByCode.set(group.share_id.toUpperCase(), group);', 'this.groupsByCode.set(group.share_id, group);', S('payment-groups', 'lookups')],
  // sandbox/group-rules.ts: tiers, cashback and who may join.
  ['G4', 'sandbox/group-rules.ts', 'level.participants_to_unlock <= participants', 'level.participants_to_unlock < participants', S('payment-groups')],
  ['G5', 'sandbox/group-rules.ts', 'Math.round(level.value * 100)', 'Math.round(level.value)', S('payment-groups')],
  ['G6', 'sandbox/group-rules.ts', 'Math.round((amount * Math.round(level.value * 10_000)) / 1_000_000)', 'Math.round((amount * level.value) / 100)', S('payment-groups')],
  ['G7', 'sandbox/group-rules.ts', 'if (participants.length >= group.settings.max_participants) {\n    return domainError', 'if (participants.length > group.settings.max_participants) {\n    return domainError', S('payment-groups', 'payment-intents')],
  ['G8', 'sandbox/group-rules.ts', 'intent.customer_email?.toLowerCase() === email', 'intent.customer_email === email', S('payment-groups', 'payment-intents')],
  ['G9', 'sandbox/group-rules.ts', 'attempt.amount < group.settings.min_purchase_value', 'attempt.amount <= group.settings.min_purchase_value', S('payment-groups', 'payment-intents')],
  ['G10', 'sandbox/group-rules.ts', "if (group.status !== 'OPEN') {\n    return domainError(", "if (false) {\n    return domainError(", S('payment-groups', 'payment-intents')],
  ['G16', 'sandbox/group-rules.ts', '  { level: 2, value: 10, participants_to_unlock: 5 },\n  { level: 3, value: 15, participants_to_unlock: 10 },', '  { level: 3, value: 15, participants_to_unlock: 10 },\n  { level: 2, value: 10, participants_to_unlock: 5 },', S('payment-groups', 'api-questions', 'contract')],
  // sandbox/serialize.ts: the wire objects, expansions and what a browser key may read.
  ['Z1', 'sandbox/serialize.ts', 'for (let i = 1; i <= parts.length; i += 1)', 'for (let i = parts.length; i <= parts.length; i += 1)', S('checkout-sessions', 'contract')],
  ['Z2', 'sandbox/serialize.ts', 'if (!/^expand(\\[\\d*\\])?$/.test(key)) continue;', 'if (!/^expand(\\[\\])?$/.test(key)) continue;', S('checkout-sessions', 'contract')],
  ['Z3', 'sandbox/serialize.ts', "const parts = path.split('.').map(snake);", "const parts = path.split('.');", S('contract')],
  ['Z4', 'sandbox/serialize.ts', 'customer_email: restricted ? maskEmail(intent.customer_email) : intent.customer_email,', 'customer_email: intent.customer_email,', S('payment-groups')],
  ['Z5', 'sandbox/serialize.ts', 'if (isSecretKey || view.withSecret === true) wire.client_secret', 'if (true) wire.client_secret', S('payment-intents')],
  ['Z6', 'sandbox/serialize.ts', "creator_email: ctx.caller.kind === 'secret' ? group.creator_email : maskEmail(group.creator_email),", 'creator_email: group.creator_email,', S('payment-groups')],
  ['Z7', 'sandbox/serialize.ts', 'ctx.db.participantsOf(group).length + 1)', 'ctx.db.participantsOf(group).length)', S('payment-groups')],
  ['Z8', 'sandbox/serialize.ts', "if (expand.has('line_items')) {", 'if (true) {', S('checkout-sessions', 'contract')],
  ['Z9', 'sandbox/serialize.ts', '    payment_group_share_id: session.payment_group_share_id,\n', '', S('checkout-sessions', 'contract')],
  // Round six: expansions and what they hold.
  ['Z10', 'sandbox/serialize.ts', "for (const raw of value.split(','))", 'for (const raw of [value])', S('checkout-sessions', 'contract')],
  ['Z11', 'sandbox/serialize.ts', ' ??\n      (session.payment_group_share_id ? ctx.db.findGroup(session.payment_group_share_id, session.livemode) : undefined);', ';', S('checkout-sessions', 'contract', 'payment-groups')],
  ['Z12', 'sandbox/serialize.ts', "image_url: item.image_url?.startsWith('/') ? `${ctx.origin}${item.image_url}` : item.image_url,", 'image_url: item.image_url,', S('checkout-sessions', 'contract')],
  ['Z13', 'sandbox/serialize.ts', "if (expand.has('brand_settings')) {", 'if (true) {', S('checkout-sessions', 'contract')],
  ['Z14', 'sandbox/serialize.ts', 'settingsToWire(ctx.db.settingsFor(livemode))', 'settingsToWire(ctx.db.settingsFor(false))', S('checkout-sessions', 'contract')],
  // sandbox/test-provider.ts: the test cards.
  ['T4', 'sandbox/test-provider.ts', 'if (digit > 9) digit -= 9;', '', S('payment-intents')],
  ['T5', 'sandbox/test-provider.ts', "return /^\\d{12,19}$/.test(digits) && passesLuhn(digits) ? 'succeeded'", "return passesLuhn(digits) ? 'succeeded'", S('payment-intents')],
  ['T6', 'sandbox/test-provider.ts', "const digits = cardNumber.replace(/[\\s-]/g, '');", 'const digits = cardNumber;', S('payment-intents')],
  // sandbox/routes/: statuses, codes, and the checks before a charge.
  ['R3', 'sandbox/routes/payment-intents.ts', "if (session.status !== 'OPEN' || db.now() >= session.expires_at) {", "if (session.status !== 'OPEN' || db.now() > session.expires_at) {", S('payment-intents', 'session-expiry')],
  ['R4', 'sandbox/routes/payment-intents.ts', "if (session.status !== 'OPEN' || db.now() >= session.expires_at) {", 'if (db.now() >= session.expires_at) {', S('payment-intents', 'session-expiry')],
  ['R5', 'sandbox/routes/payment-intents.ts', 'if (input.amount !== session.amount_total) {', 'if (input.amount > session.amount_total) {', S('payment-intents')],
  ['R6', 'sandbox/routes/payment-intents.ts', '`No payment group found for code ${code}.`, 404);', '`No payment group found for code ${code}.`);', S('payment-groups', 'api-questions', 'contract')],
  ['R7', 'sandbox/routes/checkout-sessions.ts', '`Only an OPEN checkout session can be expired; this one is ${session.status}.`);', '`Only an OPEN checkout session can be expired; this one is ${session.status}.`, 409);', S('checkout-sessions')],
  ['R8', 'sandbox/routes/payment-intents.ts', "if (!intent.status.startsWith('REQUIRES_')) {", "if (intent.status === 'SUCCEEDED') {", S('api-questions', 'payment-intents')],
  ['R9', 'sandbox/routes/payment-groups.ts', "if (group.status !== 'OPEN') {\n        throw domainError('COMPLETED_EXPIRED_CANCELED'", "if (false) {\n        throw domainError('COMPLETED_EXPIRED_CANCELED'", S('payment-groups', 'contract')],
  ['R10', 'sandbox/routes/sandbox-tools.ts', 'if (secret !== intent.client_secret)', 'if (false)', S('payment-intents')],
  ['R11', 'sandbox/routes/sandbox-tools.ts', "if (isPaid(intent) || intent.status === 'PROCESSING') return answer();", 'if (isPaid(intent)) return answer();', S('payment-intents', 'session-expiry')],
  ['R12', 'sandbox/routes/sandbox-tools.ts', "if (intent.status === 'CANCELED') throw domainError", 'if (false) throw domainError', S('payment-intents', 'session-expiry')],
  ['R13', 'sandbox/routes/sandbox-tools.ts', 'if (group) assertJoinable(db, group, { email: payer, amount: intent.amount });', '', S('payment-intents')],
  ['R14', 'sandbox/routes/payment-intents.ts', 'assertNotBlocked(session.customer_email);', '', S('payment-intents')],
  ['R15', 'sandbox/routes/payment-groups.ts', 'return c.json(validatedGroupToWire(group, wireContext(c, db), expandOf(c)), 201);', 'return c.json(validatedGroupToWire(group, wireContext(c, db), expandOf(c)));', S('payment-groups', 'contract')],
  ['R16', 'sandbox/routes/checkout-sessions.ts', 'const own = [...db.sessions.values()].filter((session) => session.livemode === livemode);', 'const own = [...db.sessions.values()];', S('checkout-sessions')],
  ['R17', 'sandbox/routes/payment-intents.ts', 'assertNoPaymentUnderWay(db, session);\n    if (input.amount', 'if (input.amount', S('payment-intents', 'lookups')],
  ['R18', 'sandbox/routes/sandbox-tools.ts', 'assertPayable(db, session);\n      assertNoPaymentUnderWay', 'assertNoPaymentUnderWay', S('payment-intents', 'session-expiry')],
  // Round six: the routes' keys, modes, statuses and codes round three left out, and shared.ts.
  ['R20', 'sandbox/routes/payment-groups.ts', "routes.post(`/:id/${action}`, requireKey(keys, 'secret')", "routes.post(`/:id/${action}`, requireKey(keys, 'any')", S('payment-groups', 'contract', 'api-questions')],
  ['R21', 'sandbox/routes/payment-groups.ts', 'const own = [...db.groups.values()].filter((group) => group.livemode === livemode);', 'const own = [...db.groups.values()];', S('payment-groups', 'contract')],
  ['R22', 'sandbox/routes/payment-groups.ts', "if (email != null && !isEmail(email)) errors.push('customerEmail must be an e-mail address');", '', S('payment-groups', 'api-questions')],
  ['R23', 'sandbox/routes/payment-groups.ts', 'participants.map((intent) => intentToWire(intent, ctx, expand, { outsideItsSession: true }))', 'participants.map((intent) => intentToWire(intent, ctx, expand))', S('payment-groups', 'contract')],
  ['R24', 'sandbox/routes/payment-intents.ts', 'const own = [...db.intents.values()].filter((intent) => intent.livemode === livemode);', 'const own = [...db.intents.values()];', S('payment-groups', 'payment-intents', 'api-questions')],
  ['R25', 'sandbox/routes/payment-intents.ts', 'intentToWire(intent, wireContext(c, db), expandOf(c), { withSecret: true })', 'intentToWire(intent, wireContext(c, db), expandOf(c))', S('payment-intents')],
  ['R26', 'sandbox/routes/payment-intents.ts', "throw domainError('NOT_FOUND', `No payment group found for code ${code}.`, 404);", 'throw notFound(`No payment group found for code ${code}.`);', S('payment-groups', 'api-questions', 'payment-intents')],
  ['R27', 'sandbox/routes/sandbox-tools.ts', 'const joining = Math.min(count as number, group.settings.max_participants - participants.length);', 'const joining = count as number;', S('payment-groups')],
  ['R28', 'sandbox/routes/sandbox-tools.ts', "const method = url.searchParams.get('method')?.toUpperCase();", "const method = url.searchParams.get('method');", S('faults', 'auth')],
  ['R29', 'sandbox/routes/sandbox-tools.ts', 'publishable_test: sandboxKeys.publishableTest,', 'publishable_test: sandboxKeys.secretTest,', S('auth')],
  ['R30', 'sandbox/routes/sandbox-tools.ts', "code: 'incorrect_number' });", "code: 'card_declined' });", S('payment-intents')],
  ['R31', 'sandbox/routes/shared.ts', ' || a.record.seq - b.record.seq', '', S('checkout-sessions', 'contract', 'payment-groups')],
  // sandbox/faults.ts: the faults a test arms.
  ['X6', 'sandbox/faults.ts', "(candidate.method === null ? method !== 'OPTIONS' : candidate.method === method)", '(candidate.method === null || candidate.method === method)', S('faults')],
  ['X7', 'sandbox/faults.ts', 'if (fault.remaining <= 0) this.faults', 'if (fault.remaining < 0) this.faults', S('faults')],
  ['AV1', 'sandbox/faults.ts', '    if (isLiveRequest(c, keys)) return next();\n', '', S('adversary', 'faults')],
  ['AV2', 'sandbox/validation.ts', '/^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$/', '/^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/', S('adversary', 'checkout-sessions')],
  ['AV3', 'sandbox/routes/sandbox-tools.ts', '      const refusal = joinRefusal(group, participants, { email: friend, amount: paying });\n      if (refusal) throw refusal;\n', '', S('adversary', 'payment-groups')],
  ['AV4', 'sandbox/routes/sandbox-tools.ts', '    assertNotBlocked(payer);', '    assertNotBlocked(payer);\n    if (email) db.setPayerEmail(intent, email);', S('adversary', 'payment-intents')],
  ['X8', 'sandbox/faults.ts', 'const status = fault.status ?? 503;', 'const status = fault.status ?? 500;', S('faults')],
  ['X9', 'sandbox/faults.ts', 'if (fault.drop && !fault.processed) return dropConnection(c);', 'if (fault.drop) return dropConnection(c);', S('faults')],
  ['X10', 'sandbox/faults.ts', 'if (isControlPath(c.req.path)) return next();\n    const fault', 'const fault', S('faults')],
  ['X11', 'sandbox/faults.ts', "if (name.startsWith('access-control-')) headers.set(name, value);", '', S('faults')],
  // Written with their change: at most 100 faults armed, a path of at most 2,048 characters.
  ['AV5', 'sandbox/faults.ts', 'if (this.faults.length >= MAX_ARMED_FAULTS) {', 'if (this.faults.length > MAX_ARMED_FAULTS) {', S('adversary-security', 'faults')],
  ['AV6', 'sandbox/faults.ts', 'else if (path.length > MAX_STRING_LENGTH) errors.push', 'else if (path.length >= MAX_STRING_LENGTH) errors.push', S('adversary-security', 'faults')],
  ['AV9', 'sandbox/faults.ts', "  else if (typeof method === 'string' && method.length > MAX_STRING_LENGTH) errors.push(`method must be at most ${MAX_STRING_LENGTH} characters`);\n", '', S('adversary-security', 'faults')],
  // Round six: the app (CORS, the body limit, errors, routes), the server, the request log, the
  // deadline queue, ids and the error envelope, and the seed every merchant's tests start from.
  // sandbox/app.ts, sandbox/server.ts: what every answer carries, and what the sandbox listens on.
  ['AP1', 'sandbox/app.ts', "origin: '*',", "origin: 'http://localhost:4000',", S('auth', 'contract', 'faults')],
  ['AP2', 'sandbox/app.ts', "exposeHeaders: ['Retry-After', 'Idempotent-Replayed', 'Date'],", "exposeHeaders: ['Idempotent-Replayed', 'Date'],", S('auth', 'faults')],
  ['AP3', 'sandbox/app.ts', 'maxSize: MAX_BODY_BYTES,', 'maxSize: MAX_BODY_BYTES - 1,', S('body-limit')],
  ['AP4', 'sandbox/app.ts', 'return c.json(errorBody(413, message), 413);', 'return c.json(errorBody(400, message), 400);', S('body-limit')],
  ['AP5', 'sandbox/app.ts', 'error.status as 400, error.headers);', 'error.status as 400);', S('retention', 'idempotency')],
  ['AP6', 'sandbox/app.ts', "  app.notFound((c) => c.json(errorBody(404, `No route for ${c.req.method} ${c.req.path}.`), 404));\n", '', S('auth', 'contract')],
  ['AP7', 'sandbox/app.ts', '    db.tick();\n    await next();', '    await next();\n    db.tick();', S('checkout-sessions', 'session-expiry', 'payment-groups')],
  ['AP8', 'sandbox/server.ts', "hostname = '127.0.0.1', quiet", "hostname = '0.0.0.0', quiet", S('auth')],
  ['AP9', 'sandbox/server.ts', 'if (env.KOHORT_SANDBOX_PK_LIVE) keys.publishableLive', 'if (env.KOHORT_SANDBOX_PK_LIVE) keys.publishableTest', S('auth')],
  // sandbox/request-log.ts: what the tests count calls with.
  ['RL1', 'sandbox/request-log.ts', "path.startsWith('/sandbox/faults') || path.startsWith('/sandbox/requests')", "path.startsWith('/sandbox/faults')", S('faults', 'auth')],
  ['RL2', 'sandbox/request-log.ts', 'if (this.entries.length > CAPACITY)', 'if (this.entries.length >= CAPACITY)', S('faults')],
  ['RL3', 'sandbox/request-log.ts', 'authorization_prefix: credential ? credential.slice(0, 8) : null,', 'authorization_prefix: credential ?? null,', S('faults', 'auth')],
  ['RL4', 'sandbox/request-log.ts', 'query: url.search.slice(1),', 'query: url.search,', S('faults', 'auth')],
  // sandbox/deadlines.ts: which session, intent or group is due.
  ['DL1', 'sandbox/deadlines.ts', '(this.heap[0] as Entry<T>).at <= now) due.push', '(this.heap[0] as Entry<T>).at < now) due.push', S('session-expiry', 'checkout-sessions', 'payment-groups')],
  ['DL2', 'sandbox/deadlines.ts', '        if (right < heap.length && (heap[right] as Entry<T>).at < (heap[smallest] as Entry<T>).at) smallest = right;\n', '', S('session-expiry', 'checkout-sessions', 'payment-groups', 'retention')],
  ['DL3', 'sandbox/deadlines.ts', '.filter((entry) => keep(entry.record)).sort((a, b) => a.at - b.at);', '.filter((entry) => keep(entry.record));', S('retention', 'session-expiry')],
  // sandbox/ids.ts, sandbox/errors.ts: the shapes of ids and codes, and the error envelope.
  ['ID1', 'sandbox/ids.ts', 'return `${prefix}${randomHex(14)}`;', 'return `${prefix}${randomHex(16)}`;', S('checkout-sessions', 'contract', 'payment-intents')],
  ['ID2', 'sandbox/ids.ts', 'randomHex(58) : stableHex(seed, 58)', 'randomHex(56) : stableHex(seed, 56)', S('checkout-sessions', 'contract')],
  ['ID3', 'sandbox/ids.ts', 'draw() : stableHex(seed, 8)).toUpperCase();', 'draw() : stableHex(seed, 8));', S('payment-intents', 'payment-groups', 'lookups')],
  ['ID4', 'sandbox/ids.ts', '${email.toLowerCase()}', '${email}', S('api-questions', 'contract', 'payment-intents')],
  ['ID5', 'sandbox/ids.ts', 'https://checkout.kohortpay.com/c/${shareId}', 'https://checkout.kohortpay.com/${shareId}', S('checkout-sessions', 'contract')],
  ['ID6', 'sandbox/errors.ts', "type: status >= 500 ? 'api_error'", "type: status > 500 ? 'api_error'", S('faults', 'auth', 'contract')],
  // sandbox/seed.ts: the demo's and every merchant's starting data.
  ['SD1', 'sandbox/seed.ts', 'total + item.price * item.quantity', 'total + item.price', S('checkout-sessions', 'api-questions')],
  ['SD2', 'sandbox/seed.ts', '    maxParticipants: 3,\n', '', S('payment-groups', 'api-questions')],
  ['SD3', 'sandbox/seed.ts', '  record.expires_at = Number.POSITIVE_INFINITY;\n', '', S('payment-groups', 'retention', 'contract')],
  ['SD4', 'sandbox/seed.ts', '{ expires_at: start + 2 * MINUTE }', '{ expires_at: start + 2 * HOUR }', S('checkout-sessions', 'session-expiry')],
  ['SD5', 'sandbox/seed.ts', 'live: defaultGroupSettings(LIVE_GROUP_MINUTES),', 'live: defaultGroupSettings(options.testGroupMinutes),', S('payment-groups', 'checkout-sessions', 'contract')],
  // Round four: the build scripts (scripts/, and rollup.config.mjs that uses them), which decide what every
  // merchant downloads, against test/scripts/ and test/package/ (a build first for the latter).
  // scripts/minify-css.mjs: the styles' text in the CDN files, and the private custom properties' short names.
  ['J1', 'scripts/minify-css.mjs', '.replace(/\\s*([{};,>])\\s*/g, \'$1\')', '.replace(/\\s*([{};,>~+])\\s*/g, \'$1\')', SC('minify-css')],
  ['J2', 'scripts/minify-css.mjs', ".replace(/:\\s+/g, ':')", ".replace(/\\s*:\\s*/g, ':')", SC('minify-css')],
  ['J3', 'scripts/minify-css.mjs', ".replace(/([ :(,])0\\.(\\d)/g, '$1.$2')", ".replace(/0\\.(\\d)/g, '.$1')", SC('minify-css')],
  ['J4', 'scripts/minify-css.mjs', '\\/\\*[\\s\\S]*?\\*\\/|(["\'])(?:\\\\[\\s\\S]|(?!\\1)[^\\\\])*\\1|', '\\/\\*[\\s\\S]*?\\*\\/|', SC('minify-css')],
  ['J5', 'scripts/minify-css.mjs', '/^(["\'])([a-zA-Z_][\\w-]*)\\1$/', '/^(["\'])([\\w-]*)\\1$/', SC('minify-css')],
  ['J6', 'scripts/minify-css.mjs', '.filter((short) => !uses.has(short) && !namedElsewhere.has(short))', '.filter((short) => !uses.has(short))', SC('minify-css')],
  ['J7', 'scripts/minify-css.mjs', '[...uses].filter(([name]) => !namedElsewhere.has(name))', '[...uses]', SC('minify-css')],
  ['J8', 'scripts/minify-css.mjs', "    .replace(privateProperty, (name) => shortNames.get(name) ?? name)\n    .trim()\n    .replace(/\\0(\\d+)\\0/g, (_, index) => kept[index]);", "    .trim()\n    .replace(/\\0(\\d+)\\0/g, (_, index) => kept[index])\n    .replace(privateProperty, (name) => shortNames.get(name) ?? name);", SC('minify-css')],
  ['J9', 'scripts/minify-css.mjs', '.replace(/\\s*([{};,>])\\s*/g, \'$1\')', '.replace(/\\s*([{};,>(])\\s*/g, \'$1\')', SC('minify-css')],
  // scripts/minify-html.mjs: the templates' text and attributes in the CDN files.
  ['H1', 'scripts/minify-html.mjs', '|section|header|form|br)$/i', '|section|header|form|br|span|label)$/i', SC('minify-html')],
  ['H2', 'scripts/minify-html.mjs', "(before[2] === 'button' && !before[1])", "before[2] === 'button'", SC('minify-html')],
  ['H3', 'scripts/minify-html.mjs', "(after[2] === 'button' && after[1])", "after[2] === 'button'", SC('minify-html')],
  ['H4', 'scripts/minify-html.mjs', '(?!\\/|\\0|$)', '(?!\\/|$)', SC('minify-html')],
  ['H5', 'scripts/minify-html.mjs', '(?!\\/|\\0|$)', '(?!\\0|$)', SC('minify-html')],
  ['H6', 'scripts/minify-html.mjs', '.replace(/\\s*\\n\\s*/g, (space, start) => {', '.replace(/\\s+/g, (space, start) => {', SC('minify-html')],
  ['H7', 'scripts/minify-html.mjs', 'edits.sort((a, b) => b[0] - a[0])', 'edits.sort((a, b) => a[0] - b[0])', SC('minify-html')],
  ['H8', 'scripts/minify-html.mjs', 'const minified = minifyHtml(raw.join(EXPRESSION)).split(EXPRESSION);', 'const minified = raw.map(minifyHtml);', SC('minify-html')],
  ['H9', 'scripts/minify-html.mjs', '.replace(/(\\s[\\w-]+)="([\\w-]+)"', '.replace(/(\\s[\\w-]+)="([^"\\s]+)"', SC('minify-html')],
  // scripts/short-names.mjs: which short name each internal property name gets.
  ['O1', 'scripts/short-names.mjs', 'while (kept.has(short));', 'while (false);', SC('short-names')],
  ['O2', 'scripts/short-names.mjs', "if (node.type === 'Literal' && typeof node.value === 'string') kept.add(node.value);", '', SC('short-names')],
  ['O3', 'scripts/short-names.mjs', "const first = CHARACTERS.replace(/\\d/g, '');", 'const first = CHARACTERS;', SC('short-names')],
  ['O4', 'scripts/short-names.mjs', "node.computed ? (node.property.type === 'Literal' ? nameOf(node.property) : undefined) : nameOf(node.property)", 'node.computed ? undefined : nameOf(node.property)', SC('short-names')],
  ['O5', 'scripts/short-names.mjs', "return node.operator === 'in' && node.left.type === 'Literal' ? nameOf(node.left) : undefined;", 'return undefined;', SC('short-names')],
  ['O6', 'scripts/short-names.mjs', 'else if (name !== undefined) kept.add(name);', '', SC('short-names')],
  // rollup.config.mjs: the names the CDN files shorten, and how terser writes them.
  ['O7', 'rollup.config.mjs', "...['apiCode', 'retryAfterMs',", "...['publishableKey', 'apiCode', 'retryAfterMs',", [...SC('short-names-owners'), ...PK('minified')]],
  ['O8', 'rollup.config.mjs', "...['apiCode', 'retryAfterMs',", "...['value', 'apiCode', 'retryAfterMs',", [...SC('short-names-owners'), ...PK('minified')]],
  ['O9', 'rollup.config.mjs', "internalNames.push('_\\\\$[A-Z][A-Za-z_]');", "internalNames.push('_\\\\$[A-Za-z_]+\\\\$?');", [...SC('short-names-owners'), ...PK('minified')]],
  ['O10', 'rollup.config.mjs', 'ascii_only: true', 'ascii_only: false', PK('package', 'minified')],
  // scripts/build.mjs: the CDN copy merchants upload, and the integrity of each file.
  ['BLD1', 'scripts/build.mjs', "createHash('sha384')", "createHash('sha256')", PK('package')],
  ['BLD2', 'scripts/build.mjs', '.update(readFileSync(`dist/cdn/${file}`))', ".update(readFileSync('dist/cdn/kohort-checkout.min.js'))", PK('package', 'embed')],
  ['BLD3', 'scripts/build.mjs', 'for (const file of cdnFiles) {', "for (const file of cdnFiles.filter((name) => !name.startsWith('chunks/'))) {", PK('package')],
  ['BLD4', 'scripts/build.mjs', "readdirSync('dist/cdn', { recursive: true, withFileTypes: true })", "readdirSync('dist/cdn', { withFileTypes: true })", PK('package', 'embed')],
  ['BLD5', 'scripts/build.mjs', 'writeFileSync(`dist/cdn/${version}/integrity.json`, manifest);', '', PK('package', 'embed')],
  ['BLD6', 'scripts/build.mjs', "rmSync('dist', { recursive: true, force: true });", '', PK('package', 'size', 'minified')],
  // scripts/readme-integrity.mjs: the version and SRI hashes in the README's snippets merchants paste.
  ['SRI1', 'scripts/readme-integrity.mjs', '\n    .replace(/integrity="[^"]*"/, `integrity="${files[src[2]]}"`)', '', PK('package', 'readme')],
  ['SRI2', 'scripts/readme-integrity.mjs', '\\d+\\.\\d+\\.\\d+[^/"]*\\/', '\\d+\\.\\d+\\.\\d+\\/', PK('package', 'readme')],
  ['SRI3', 'scripts/readme-integrity.mjs', 'chunkIntegrity(files, moduleSrc[1])', "chunkIntegrity(files, '')", PK('package', 'readme')],
  // scripts/readme-reference.mjs: the README's element reference.
  ['REF1', 'scripts/readme-reference.mjs', ".replace(/\\|/g, '\\\\|')", '', PK('readme')],
  ['REF2', 'scripts/readme-reference.mjs', "table(['property', 'what'], (element.cssProperties ?? [])", "table(['property', 'what'], (element.cssParts ?? [])", PK('readme')],
  ['REF3', 'scripts/readme-reference.mjs', '[code(e.name), code(e.type?.text), e.description]', '[code(e.name), code(e.type), e.description]', PK('readme')],
  ['REF4', 'scripts/readme-reference.mjs', '  if (updated !== readme) {', '  if (false) {', PK('readme')],
];

const args = process.argv.slice(2);
const allFiles = args.includes('--all-files');
const checkOnly = args.includes('--check'); // only says whether each mutant's text is found
const isSandbox = (file) => file.startsWith('sandbox/');
const isScript = (file) => file.startsWith('scripts/') || file === 'rollup.config.mjs';
const pathOf = (file) => (isSandbox(file) || isScript(file) ? file : `src/${file}`);
let restore = () => {};
let child = null;
/** Set once a build ran with a mutant in place: dist/ is then that mutant's until built again. */
let distMutated = false;
/** Set once the examples were built from a mutant's dist/: demo/examples/dist/ is then that mutant's too. */
let examplesMutated = false;
/** Builds dist/ (and the examples, if a mutant's build reached them) from the files as they are now; says so when it fails. */
function rebuildDist() {
  console.log('building dist/ again from the restored files');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const examples = examplesMutated && build.status === 0 ? spawnSync('npm', ['run', 'examples'], { stdio: ['ignore', 'ignore', 'inherit'] }) : build;
  if (build.status !== 0 || examples.status !== 0) {
    console.error('the build failed: dist/ or demo/examples/dist/ may still hold a mutant\'s build');
    process.exitCode = 1;
  }
  distMutated = examplesMutated = false;
}
// Stopped (Ctrl-C, kill): the test run stops and the mutated file is restored at once.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child) process.kill(-child.pid, 'SIGTERM');
    restore();
    if (distMutated) rebuildDist();
    process.exit(130);
  });
}

/** Runs a command in its own process group (a stop ends all of it); resolves to its exit code and output. */
function runCommand(command, commandArgs, { env = process.env, timeoutMs } = {}) {
  return new Promise((resolve) => {
    child = spawn(command, commandArgs, { env, detached: true });
    let output = '';
    const timer = timeoutMs
      ? setTimeout(() => {
          output += `\n✖ timed out after ${timeoutMs / 60_000} minutes\n`;
          process.kill(-child.pid, 'SIGTERM');
        }, timeoutMs)
      : undefined;
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => {
      clearTimeout(timer);
      child = null;
      resolve({ status, output });
    });
  });
}

/**
 * Runs the component tests of `files` in Chromium under the shared lock, or node test files (a
 * list: the sandbox's, the scripts' and the package's) with node's test runner.
 */
function runTests(files) {
  return Array.isArray(files)
    ? runCommand(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { timeoutMs: NODE_RUN_TIMEOUT_MS })
    : runCommand('flock', ['/tmp/browser-tests.lock', 'npx', 'wtr'], { env: { ...process.env, WTR_BROWSERS: 'chromium', WTR_FILES: files } });
}

/**
 * A run against built files, for a scripts mutant or a src/ one that lists test/package/ or test/e2e/
 * files: dist/ built with the mutant when a test reads it (a build that fails kills the mutant), the
 * examples too for an e2e file, then the node test files and the e2e specs (Playwright, Chromium, under the lock).
 */
async function runBuiltTests(files) {
  const specs = files.filter((file) => file.startsWith('test/e2e/'));
  const nodeFiles = files.filter((file) => !specs.includes(file));
  if (specs.length > 0 || nodeFiles.some((file) => file.startsWith('test/package/'))) {
    distMutated = true;
    const build = await runCommand(process.execPath, ['scripts/build.mjs'], { timeoutMs: NODE_RUN_TIMEOUT_MS });
    if (build.status !== 0) return { status: build.status ?? 1, output: `${build.output}\n✖ node scripts/build.mjs failed\n` };
  }
  const runs = nodeFiles.length > 0 ? [await runTests(nodeFiles)] : [];
  if (specs.length > 0) {
    examplesMutated = true;
    const examples = await runCommand('npm', ['run', 'examples'], { timeoutMs: NODE_RUN_TIMEOUT_MS });
    if (examples.status !== 0) return { status: examples.status ?? 1, output: `${examples.output}\n✖ npm run examples failed\n` };
    runs.push(await runCommand('flock', ['/tmp/browser-tests.lock', 'npx', 'playwright', 'test', '--reporter=line', ...specs], { timeoutMs: NODE_RUN_TIMEOUT_MS }));
  }
  return { status: runs.find((run) => run.status !== 0)?.status ?? 0, output: runs.map((run) => run.output).join('\n') };
}

// Two rows with one id would make `node scripts/mutate.mjs ID` run both and the doc's table ambiguous.
const seen = new Set();
for (const [id] of MUTANTS) {
  if (seen.has(id)) throw new Error(`Mutant id ${id} is used twice`);
  seen.add(id);
}
const only = new Set(args.filter((arg) => !arg.startsWith('--')));
const sideOf = (file) => (isSandbox(file) ? 'sandbox' : isScript(file) ? 'scripts' : 'widget');
const side = ['sandbox', 'widget', 'scripts'].find((name) => args.includes(`--${name}`)) ?? 'all';
const chosen = MUTANTS.filter(([id, file]) => (only.size === 0 || only.has(id)) && (side === 'all' || side === sideOf(file)));
mkdirSync(LOG_DIR, { recursive: true });
if (!checkOnly) console.log(`logs: ${LOG_DIR}/ID.log`);

const results = [];
for (const [id, file, find, replace, files] of chosen) {
  const path = pathOf(file);
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
    const run = isScript(file)
      ? await runBuiltTests(allFiles ? ALL_SCRIPTS : files)
      : !isSandbox(file) && Array.isArray(files) && !allFiles
        ? await runBuiltTests(files)
        : await runTests(allFiles ? (isSandbox(file) ? ALL_SANDBOX : ALL) : files);
    writeFileSync(`${LOG_DIR}/${id}.log`, run.output);
    const seconds = Math.round((Date.now() - started) / 1000);
    // wtr marks a failed test ❌; node's spec reporter ✖ (its last ✖ lines list the failures again); Playwright's line reporter "1) [chromium] › …".
    const firstFailure = /(?:❌|✖|^\s*\d+\) \[chromium\] ›) (.*)/m.exec(run.output)?.[1] ?? '';
    const ran = allFiles ? 'all files' : [files].flat().map((name) => name.replace(/^test\/\w+\/|\.(test|spec)\.ts$/g, '')).join(',');
    // The README pins this build's hashes: any change to the bundle fails that test, whatever the change does.
    const failed = [...(run.output.split('✖ failing tests:')[1] ?? '').matchAll(/^✖ (.*)$/gm)].map(([, name]) => name);
    const onlyPinnedHashes = failed.length > 0 && failed.every((name) => name.includes('the versioned URLs and the integrity of this build'));
    const status = run.status === 0 || onlyPinnedHashes ? 'SURVIVED' : 'killed';
    results.push([id, status, `${path} (${seconds} s, ${ran}) ${onlyPinnedHashes ? 'only the README\'s pinned hashes differ' : firstFailure}`]);
  } finally {
    restore();
    restore = () => {};
  }
  console.log(results.at(-1).join('  '));
}
if (distMutated) rebuildDist();
if (checkOnly) console.log(`${chosen.length - results.length} of ${chosen.length} mutants apply`);
else console.log(`\n${results.filter(([, r]) => r === 'killed').length} killed, ${results.filter(([, r]) => r === 'SURVIVED').length} survived of ${results.length}; logs in ${LOG_DIR}/`);
