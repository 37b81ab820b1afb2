/**
 * A picture that fails to load is hidden, leaving its empty tile rather than the browser's
 * broken-image icon (a logo gives way to the merchant's name); its address stays as the data
 * gave it. Marked again at each load, so a picture reused for another address shows if it loads.
 */
export function markBrokenImage(event: Event): void {
  (event.target as HTMLImageElement).toggleAttribute('data-broken', event.type === 'error');
}
