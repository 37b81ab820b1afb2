import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { atom } from 'nanostores';
import { StoreController } from '../../src/internal/store-controller.js';

/** A store value as the widget's stores hold them: a new object on each change. */
interface Step {
  status: string;
}

const $step = atom<Step>({ status: 'idle' });

class StoreHost extends LitElement {
  readonly delivered: [Step, Step | undefined][] = [];
  readonly step = new StoreController(this, $step, (value, previous) => this.delivered.push([value, previous]));
}
customElements.define('store-controller-host', StoreHost);

describe('StoreController', () => {
  it('delivers, once back on the page, a change made while the element was away; an unchanged value is not delivered again', async () => {
    const el = await fixture<StoreHost>(html`<store-controller-host></store-controller-host>`);
    const parent = el.parentElement!;
    const paying = { status: 'paying' };
    $step.set(paying);
    expect(el.delivered).to.deep.equal([[paying, { status: 'idle' }]]);
    el.remove();
    const paid = { status: 'paid' };
    $step.set({ status: 'checking' });
    $step.set(paid);
    expect(el.delivered, 'delivered while away').to.have.length(1);
    parent.append(el);
    // The value now, with the one the element last had: what happened while away, in one change.
    expect(el.delivered).to.deep.equal([
      [paying, { status: 'idle' }],
      [paid, paying],
    ]);
    el.remove();
    parent.append(el);
    expect(el.delivered, 'delivered again, unchanged').to.have.length(2);
    // Moved in the page (away and back at once): nothing changed, nothing delivered.
    document.body.append(el);
    expect(el.delivered).to.have.length(2);
    $step.set({ status: 'idle' });
    expect(el.delivered).to.have.length(3);
  });
});
