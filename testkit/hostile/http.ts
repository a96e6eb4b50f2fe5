import { gzipSync } from 'node:zlib';
import { startScripted, writeForever, type Scripted } from './server';

/** Scripted misbehaving HTTP servers for main/protocols/http/hostile.test.ts. */

const head = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');

/**
 * A gzip bomb: 1 GiB of zeros as 1,024 concatenated gzip members of 1 MiB each (RFC 1952 allows
 * members back to back; ~1 MiB on the wire). Streamed, so it costs the server nothing.
 */
export function gzipBomb(totalBytes = 1024 ** 3): Promise<Scripted> {
  const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  return startScripted((s) => {
    s.write(head(['HTTP/1.1 200 OK', 'Content-Type: application/octet-stream', 'Content-Encoding: gzip', 'Connection: close']));
    writeForever(s, () => member, (totalBytes / (1024 * 1024)) * member.length);
  });
}

/** A chunked body that never ends (64 KiB chunks of 'x'). */
export function endlessChunked(): Promise<Scripted> {
  const data = Buffer.alloc(65536, 'x');
  const chunk = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
  return startScripted((s) => {
    s.write(head(['HTTP/1.1 200 OK', 'Content-Type: text/plain', 'Transfer-Encoding: chunked']));
    writeForever(s, () => chunk);
  });
}

/** A response head of `count` headers (about 1 MiB with the default). */
export function headerFlood(count = 20_000): Promise<Scripted> {
  return startScripted((s) => {
    const lines = ['HTTP/1.1 200 OK'];
    for (let i = 0; i < count; i++) lines.push(`X-Flood-${i}: ${'y'.repeat(40)}`);
    lines.push('Content-Length: 0');
    s.end(head(lines));
  });
}

/** A text/plain; charset=utf-8 body with invalid UTF-8 sequences in it. */
export function invalidUtf8(): Promise<Scripted> {
  const body = Buffer.concat([Buffer.from('ok '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' ünï', 'utf8'), Buffer.from([0xe2, 0x82])]);
  return startScripted((s) => {
    s.end(Buffer.concat([head(['HTTP/1.1 200 OK', 'Content-Type: text/plain; charset=utf-8', `Content-Length: ${body.length}`, 'Connection: close']), body]));
  });
}

/** Answers every request with a redirect to `location` (e.g. `file:///etc/passwd`). */
export function redirectTo(location: string, status = 302): Promise<Scripted> {
  return startScripted((s) => {
    s.end(head([`HTTP/1.1 ${status} Found`, `Location: ${location}`, 'Content-Length: 0', 'Connection: close']));
  });
}

/** Reads the request and never answers. */
export function stall(): Promise<Scripted> {
  return startScripted(() => {});
}

/** Promises 100,000 bytes, sends 1,000, then closes the connection. */
export function closeMidBody(): Promise<Scripted> {
  return startScripted((s) => {
    s.write(head(['HTTP/1.1 200 OK', 'Content-Type: application/octet-stream', 'Content-Length: 100000']));
    s.end(Buffer.alloc(1000, 'z'));
  });
}

/** Sends the head and a little body, then goes silent (for mid-download timeouts). */
export function stallMidBody(): Promise<Scripted> {
  return startScripted((s) => {
    s.write(head(['HTTP/1.1 200 OK', 'Content-Type: text/plain', 'Content-Length: 100000']));
    s.write(Buffer.alloc(500, 'a'));
  });
}
