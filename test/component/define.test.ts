import { expect } from '@open-wc/testing';
import { KohortCheckout } from '../../src/kohort-checkout.js';
import { defineElement } from '../../src/internal/define.js';
import { VERSION } from '../../src/version.js';

describe('registration', () => {
  const originalWarn = console.warn;
  afterEach(() => (console.warn = originalWarn));

  it('defines <kohort-checkout> once, however many times the script loads', async () => {
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    // A second copy of the module, as when the same tag is on the page twice.
    await import(`${new URL('../../src/kohort-checkout.ts', import.meta.url).href}?copy=2`);
    expect(customElements.get('kohort-checkout')).to.equal(KohortCheckout);
    expect(warnings).to.deep.equal([]);
  });

  it('warns once when a different version is already defined', () => {
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    class OlderCopy extends HTMLElement {}
    Object.assign(OlderCopy, { [Symbol.for('kohort-checkout.version')]: '0.0.1' });
    customElements.define('kohort-checkout-versioned', OlderCopy);
    defineElement('kohort-checkout-versioned', class extends HTMLElement {});
    defineElement('kohort-checkout-versioned', class extends HTMLElement {});
    expect(customElements.get('kohort-checkout-versioned')).to.equal(OlderCopy);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('v0.0.1').and.contain(`v${VERSION}`);
  });

  it('says nothing when another copy of this same version is already defined (the CDN script beside the npm package)', () => {
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    class CdnCopy extends HTMLElement {}
    Object.assign(CdnCopy, { [Symbol.for('kohort-checkout.version')]: VERSION });
    customElements.define('kohort-checkout-same-version', CdnCopy);
    defineElement('kohort-checkout-same-version', class NpmCopy extends HTMLElement {});
    expect(customElements.get('kohort-checkout-same-version')).to.equal(CdnCopy);
    expect(warnings).to.deep.equal([]);
  });

  it('marks what it defines with its version, so that a second copy of this version, defined after it, says nothing', () => {
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    expect((customElements.get('kohort-checkout') as unknown as Record<symbol, unknown>)[Symbol.for('kohort-checkout.version')]).to.equal(VERSION);
    class NpmCopy extends HTMLElement {}
    defineElement('kohort-checkout-twice', NpmCopy);
    defineElement('kohort-checkout-twice', class CdnCopy extends HTMLElement {});
    expect(customElements.get('kohort-checkout-twice')).to.equal(NpmCopy);
    expect(warnings).to.deep.equal([]);
  });

  it('warns once, of an unknown version, when the tag is taken by something else, and leaves that in place', () => {
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    class SomethingElse extends HTMLElement {}
    customElements.define('kohort-checkout-taken', SomethingElse);
    defineElement('kohort-checkout-taken', class extends HTMLElement {});
    defineElement('kohort-checkout-taken', class extends HTMLElement {});
    expect(customElements.get('kohort-checkout-taken')).to.equal(SomethingElse);
    expect(warnings).to.deep.equal([
      `[kohort-checkout] <kohort-checkout-taken> vunknown is already defined; this copy (v${VERSION}) is not used. Load the script once.`,
    ]);
  });

  it('says nothing when the page defined the same class itself, under the same tag', () => {
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    class Element extends HTMLElement {}
    customElements.define('kohort-checkout-own', Element);
    defineElement('kohort-checkout-own', Element);
    expect(warnings).to.deep.equal([]);
  });

  it('states the same version as package.json', async () => {
    const pkg = (await (await fetch('/package.json')).json()) as { version: string };
    expect(VERSION).to.equal(pkg.version);
  });
});
