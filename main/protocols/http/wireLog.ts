import { maskHeader as maskHeaderLine, maskUrl } from '../mask';
import type { WireSink } from '../wire';

/**
 * What the HTTP engine writes to the Wire section, secrets masked at the source by the shared
 * rules of ../mask.ts (`Authorization: Basic ****`, `Cookie: a=****`, `Set-Cookie: a=****; Path=/`).
 */
export type { WireSink };
/** One sink per connection, labelled like `http 127.0.0.1:10080`. */
export type WireFactory = (label: string) => WireSink;

/** One header as the Wire view shows it. */
export function maskHeader(name: string, value: string): string {
  return maskHeaderLine(`${name}: ${value}`);
}

export { maskUrl };

/** `[body 412 bytes, text/html]` — bodies are summarised, never dumped into the transcript. */
export function bodySummary(bytes: number, contentType: string | null, extra = ''): string {
  return `[body ${bytes} bytes${contentType ? `, ${contentType}` : ''}${extra}]`;
}

/** One sink writing to two (a request's transcript and its connection's); closing is left to
 * their owners, so `close` does nothing. */
export function tee(a: WireSink, b: WireSink): WireSink {
  return {
    out: (t) => { a.out(t); b.out(t); },
    in: (t) => { a.in(t); b.in(t); },
    info: (t) => { a.info(t); b.info(t); },
    close: () => {},
  };
}
