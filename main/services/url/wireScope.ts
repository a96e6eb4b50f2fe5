import { AsyncLocalStorage } from 'node:async_hooks';
import type { WireSink } from '../../protocols/wire';

interface Scope {
  sink: WireSink;
  done: boolean;
}

/**
 * One Wire connection per *send* over one shared, keep-alive HttpClient.
 *
 * The engine takes a wire factory per socket (`http host:port`) and keeps writing a pooled
 * socket's lines to the sink it was opened with. The inspector wants each send as its own
 * transcript (`GET https://…`), even when it rides a kept-alive socket. So the client gets a
 * routing sink, and each send runs inside `run(sink, …)`: every line the engine writes while
 * working for that send (it awaits in the send's async context) lands in that send's transcript.
 * Lines written outside any live send (a pooled socket closing later) are dropped: they belong
 * to no request, and the send they came from has already closed its transcript.
 */
export class WireScope {
  private readonly als = new AsyncLocalStorage<Scope>();

  /** give this to `new HttpClient({ wire })`; the label is ignored (the send names its transcript) */
  readonly factory = (_label: string): WireSink => this.router;

  private readonly router: WireSink = {
    out: (t) => this.current()?.out(t),
    in: (t) => this.current()?.in(t),
    info: (t) => this.current()?.info(t),
    // the send closes its own transcript when it ends; a socket closing is not the send ending
    close: () => {},
  };

  /** runs `fn` with `sink` as the transcript of every engine line written on its behalf */
  async run<T>(sink: WireSink, fn: () => Promise<T>): Promise<T> {
    const scope: Scope = { sink, done: false };
    try {
      return await this.als.run(scope, fn);
    } finally {
      scope.done = true;
    }
  }

  private current(): WireSink | undefined {
    const s = this.als.getStore();
    return s && !s.done ? s.sink : undefined;
  }
}
