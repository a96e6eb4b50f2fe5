/**
 * The engine's internal cancel token: one per request, fired by the caller's AbortSignal or the
 * request's deadline. Not an AbortController because creating one and wiring EventTarget
 * listeners costs several µs per request, a visible share of a kept-alive GET on loopback; this
 * is a flag, a reason and a short listener list.
 */

export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** runs `fn` once on abort (at once if already aborted); returns the unsubscribe */
  onAbort(fn: () => void): () => void;
}

export class Canceller implements CancelSignal {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] = [];

  onAbort(fn: () => void): () => void {
    if (this.aborted) {
      fn();
      return noop;
    }
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const list = this.listeners;
    this.listeners = [];
    for (const fn of list) fn();
  }
}

function noop(): void {}
