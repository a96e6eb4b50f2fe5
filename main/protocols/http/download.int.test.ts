import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { loadServersInfo } from '../../../testkit/servers-info';
import { HttpClient } from './client';
import { activeHashWorkers } from './hasher';

/**
 * Large downloads against the real nginx: past 8 MiB the digest is computed in a worker thread
 * (./hasher.ts) and HTTP/2 bodies are read through ./streamBody.ts with widened windows. The
 * file is random (a wrong order or a lost slab would change the digest), written into the test
 * nginx's htdocs for this file's run and removed afterwards.
 */
const s = loadServersInfo();
const ca = readFileSync(s.caCert, 'utf8');
const name = `porthole-dl-${process.pid}.bin`;
const file = join(s.dir, 'www', 'htdocs', name);
const body = randomBytes(24 * 1024 * 1024 + 4321);
const expected = createHash('sha256').update(body).digest('hex');
const client = new HttpClient();

beforeAll(() => {
  writeFileSync(file, body);
  chmodSync(file, 0o644); // nginx workers may run as another user
});
afterAll(() => {
  client.close();
  rmSync(file, { force: true });
});

async function noWorkersLeft(): Promise<number> {
  for (let i = 0; i < 200 && activeHashWorkers() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return activeHashWorkers();
}

describe('large downloads', () => {
  it.each([
    ['http', `http://127.0.0.1:${s.http.port}/${name}`, 'HTTP/1.1'],
    ['https', `https://localhost:${s.http.tlsPort}/${name}`, 'HTTP/2'],
  ])('%s: streamed to a sink, every byte arrives and sha256 is that of the file', async (_, url, version) => {
    const got: Buffer[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, cb) => { got.push(c); cb(); } });
    const r = await client.request({ url, ca, sink });
    expect(r.hops[0].httpVersion).toBe(version);
    expect(r.body).toMatchObject({ bytes: body.length, truncated: false, sha256: expected });
    expect(Buffer.concat(got).equals(body)).toBe(true);
    expect(await noWorkersLeft()).toBe(0);
  });

  it('https: a kept (not streamed) body has the same digest', async () => {
    const r = await client.request({ url: `https://localhost:${s.http.tlsPort}/${name}`, ca });
    expect(r.data!.equals(body)).toBe(true);
    expect(r.body.sha256).toBe(expected);
  });

  it.each([
    ['http', `http://127.0.0.1:${s.http.port}/${name}`],
    ['https', `https://localhost:${s.http.tlsPort}/${name}`],
  ])('%s: cancel mid-body is ECANCELLED and leaves no hash thread running', async (_, url) => {
    const ac = new AbortController();
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    const e = await client.request({
      url, ca, sink, signal: ac.signal,
      onProgress: (n) => { if (n > 12 * 1024 * 1024) ac.abort(); },
    }).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('ECANCELLED');
    expect(await noWorkersLeft()).toBe(0);
    // the client is still usable afterwards (a reset HTTP/2 stream, a dropped HTTP/1.1 socket)
    const again = await client.request({ url, ca, sink: new Writable({ write: (_c, _e, cb) => cb() }) });
    expect(again.body.sha256).toBe(expected);
  });
});
