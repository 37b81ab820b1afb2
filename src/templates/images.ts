/** A picture that fails to load leaves the empty tile, not the browser's broken-image icon. */
export function hideBrokenImage(event: Event): void {
  (event.target as HTMLImageElement).removeAttribute('src');
}
