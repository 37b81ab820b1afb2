import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { nextTickIn } from '../referral/time-left.js';

/**
 * Re-renders its host when a countdown's text changes (each second in the last
 * hour, each minute before), only while the page is visible, and never after
 * the deadline or once the host is gone.
 */
export class ClockController implements ReactiveController {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Milliseconds to the deadline, on the clock that sets it (the server's), or null without one. */
    private readonly timeLeft: () => number | null,
  ) {
    host.addController(this);
  }

  /** Milliseconds left (0 once passed), or null without a deadline. */
  get remaining(): number | null {
    const left = this.timeLeft();
    return left === null ? null : Math.max(0, left);
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  hostDisconnected(): void {
    this.#connected = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  hostUpdated(): void {
    this.#schedule();
  }

  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') this.host.requestUpdate();
    else this.#schedule();
  };

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const remaining = this.remaining;
    if (!this.#connected || remaining === null || remaining <= 0 || document.visibilityState === 'hidden') return;
    this.#timer = setTimeout(() => this.host.requestUpdate(), nextTickIn(remaining));
  }
}
