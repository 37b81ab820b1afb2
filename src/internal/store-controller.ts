import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Binds a nanostores store to a Lit element: subscribes while the element is
 * connected and re-renders it on every change. (`@nanostores/lit` ships
 * CommonJS only, which browsers cannot load.)
 */
export class StoreController<T> implements ReactiveController {
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: ReadableAtom<T>,
    /** Called on each change while connected, with the value before; the re-render is already requested (not yet run). */
    private readonly onChange: (value: T, previous?: T) => void,
  ) {
    host.addController(this);
  }

  get value(): T {
    return this.store.get();
  }

  hostConnected(): void {
    this.#unsubscribe = this.store.listen((value, previous) => {
      // Request first, so that `updateComplete` awaited in onChange includes this change.
      this.host.requestUpdate();
      this.onChange(value, previous);
    });
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
