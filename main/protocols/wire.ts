/**
 * What a protocol session writes its transcript to. Protocol code accepts this interface (and never
 * imports services), so sessions stay testable in plain Node; the app's WireHub hands out
 * implementations. Secrets must be masked *before* a line reaches a sink (see ./mask.ts): the sink
 * stores and shows what it is given.
 */
export interface WireSink {
  /** a line we sent (may contain several lines separated by CRLF/LF; each becomes one entry) */
  out(text: string): void;
  /** a line the peer sent */
  in(text: string): void;
  /** our own note: connected, TLS established, "412 bytes of body", closed … */
  info(text: string): void;
  /** the connection is over; later writes are still recorded but the connection shows as closed */
  close(): void;
}

/** A sink that drops everything: for callers (CLI, tests) that do not want a transcript. */
export const nullWire: WireSink = Object.freeze({
  out() {},
  in() {},
  info() {},
  close() {},
});

/** A sink that keeps lines in an array: for protocol unit tests (`lines` like `> USER x`). */
export function memoryWire(): WireSink & { lines: string[]; closed: boolean } {
  const w = {
    lines: [] as string[],
    closed: false,
    out: (t: string) => void w.lines.push(`> ${t}`),
    in: (t: string) => void w.lines.push(`< ${t}`),
    info: (t: string) => void w.lines.push(`* ${t}`),
    close: () => void (w.closed = true),
  };
  return w;
}
