import { html, nothing } from 'lit';
import type { CheckoutSession } from '../api/types.js';
import type { ViewContext } from './context.js';
import { markBrokenImage } from './images.js';

/** The brand settings (colour, logo) of the session's own mode (test or live). */
export function brandFor(session: CheckoutSession) {
  return session.organization?.brand_settings?.find((entry) => entry.livemode === session.livemode);
}

/** The merchant's name is shown in place of a logo, and of one that fails to load. */
export function headerTemplate(session: CheckoutSession, { t }: ViewContext) {
  const name = session.organization?.name ?? '';
  const logo = brandFor(session)?.logo_url;
  return html`<header class="header" part="header">
    ${logo ? html`<img referrerpolicy="no-referrer" class="logo" part="logo" src=${logo} alt=${name} @load=${markBrokenImage} @error=${markBrokenImage} />` : nothing}
    <span class="merchant">${name}</span>
    ${session.livemode ? nothing : html`<span class="badge" part="badge">${t.testMode}</span>`}
  </header>`;
}
