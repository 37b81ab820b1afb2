import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Binds a nanostores store to a Lit element: subscribes while the element is
 * connected and re-renders it on every change. (`@nanostores/lit` ships
 * CommonJS only, which browsers cannot load.)
 */
export class StoreController<T> implements ReactiveController {
  #unsubscribe: (() => void) | undefined;
  /**
   * The value when the element left: a change while it was away is delivered once it is back
   * (`subscribe` would repeat an unchanged one).
   */
  #left: T | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: ReadableAtom<T>,
    /**
     * Called on each change while connected, and once on reconnecting for a change while away, with
     * the value before; the re-render is already requested (not yet run).
     */
    private readonly onChange: (value: T, previous?: T) => void,
  ) {
    host.addController(this);
  }

  get value(): T {
    return this.store.get();
  }

  hostConnected(): void {
    const deliver = (value: T, previous?: T) => {
      // Request first, so that `updateComplete` awaited in onChange includes this change.
      this.host.requestUpdate();
      this.onChange(value, previous);
    };
    this.#unsubscribe = this.store.listen(deliver);
    if (this.#left && this.#left !== this.value) deliver(this.value, this.#left);
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#left = this.value;
    this.#unsubscribe!(); // connected before
  }
}
