import { VERSION } from '../version.js';

const VERSION_KEY = Symbol.for('kohort-checkout.version');
const warned = new Set<string>();

type VersionedConstructor = CustomElementConstructor & { [VERSION_KEY]?: string };

/**
 * Defines `tagName` once. A second load of the same version (the same tag twice,
 * a CDN copy beside the npm copy) is a no-op; a different version warns once and
 * leaves the first definition in place.
 */
export function defineElement(tagName: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tagName) as VersionedConstructor | undefined;
  if (!existing) {
    (constructor as VersionedConstructor)[VERSION_KEY] = VERSION;
    customElements.define(tagName, constructor);
    return;
  }
  // The page defined this very class itself (from `kohort-checkout/element`): nothing to say.
  if (existing === constructor) return;
  const existingVersion = existing[VERSION_KEY] ?? 'unknown';
  if (existingVersion !== VERSION && !warned.has(tagName)) {
    warned.add(tagName);
    console.warn(
      `[kohort-checkout] <${tagName}> v${existingVersion} is already defined; this copy (v${VERSION}) is not used. Load the script once.`,
    );
  }
}
