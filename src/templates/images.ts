/**
 * A picture that fails to load is hidden, leaving its empty tile rather than the
 * browser's broken-image icon; its address stays as the data gave it.
 */
export function hideBrokenImage(event: Event): void {
  (event.target as HTMLImageElement).toggleAttribute('data-broken', true);
}
