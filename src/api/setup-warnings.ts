/**
 * Development builds only (the store calls this behind `process.env.NODE_ENV`, so production
 * code has neither the checks nor their words): setups the API would answer with a bare 404.
 */
import { DEFAULT_API_BASE, type ApiConfig } from './client.js';

/** Each said once per page, not at every load or Retry. */
const said = new Set<string>();

export function warnSetupMistakes({ sessionId, publishableKey, apiBase }: ApiConfig & { sessionId: string }): void {
  const warn = (message: string) => {
    if (said.has(message)) return;
    said.add(message);
    console.warn(`[kohort-checkout] ${message}`);
  };
  // A plain id (`cs_` + hex) does not say its mode; a share id (`cs_test_…`/`cs_live_…`) does, and a key finds only its own mode's sessions.
  const keyMode = /^pk_(test|live)_/.exec(publishableKey)?.[1];
  const sessionMode = /^cs_(test|live)_/.exec(sessionId)?.[1];
  if (keyMode && sessionMode && keyMode !== sessionMode) {
    warn(`session-id "${sessionId}" is a ${sessionMode}-mode session and publishable-key a ${keyMode} key: KohortPay finds a session only with a key of its own mode (pk_${sessionMode}_…).`);
  }
  // KohortPay's API has no path prefix (no /v1): the widget adds /checkout-sessions/… to api-base as it is.
  const url = new URL(apiBase); // checkApiConfig has parsed it already
  if (url.origin === DEFAULT_API_BASE && url.href !== `${DEFAULT_API_BASE}/`) {
    warn(`api-base "${apiBase}" has a path: KohortPay's API is at ${DEFAULT_API_BASE} itself, and the widget adds /checkout-sessions/… to api-base.`);
  }
}
