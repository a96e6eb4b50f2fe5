import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServersInfo } from '../../../testkit/servers-info';
import { runUrlFetch } from '../../cli/verbs/urlFetch';

/** `porthole url fetch` (main/cli/verbs/urlFetch.ts) against the real nginx: exit codes and JSON shape. */
const s = loadServersInfo();
const H = `http://127.0.0.1:${s.http.port}`;

async function run(...argv: string[]) {
  const out: Buffer[] = [];
  let err = '';
  const code = await runUrlFetch(argv, {
    stdout: { write: (c: string | Uint8Array) => out.push(Buffer.from(c)) },
    stderr: { write: (c: string) => (err += c) },
  });
  const stdout = Buffer.concat(out);
  return { code, stdout, err, json: () => JSON.parse(stdout.toString()) };
}

describe('porthole url fetch', () => {
  it('--json: hops with timing, final status, headers, body digest, tls', async () => {
    const r = await run(`https://localhost:${s.http.tlsPort}/redirect/301`, '--cacert', s.caCert, '--json');
    expect(r.code).toBe(0);
    const doc = r.json();
    expect(doc.hops.map((h: { status: number }) => h.status)).toEqual([301, 200]);
    for (const h of doc.hops) {
      expect(Object.keys(h)).toEqual(expect.arrayContaining(['method', 'url', 'status', 'headers', 'timing']));
      expect(Object.keys(h.timing)).toEqual(expect.arrayContaining(['dns', 'connect', 'tls', 'ttfb', 'total']));
    }
    expect(doc.hops[1].timing.tls).toBeNull(); // the second hop rode the same HTTP/2 session
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({ bytes: expect.any(Number), wireBytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), contentType: 'text/html; charset=utf-8' });
    expect(doc.tls).toMatchObject({ alpn: 'h2', chain: [expect.objectContaining({ sans: expect.arrayContaining(['DNS:localhost']) }), expect.anything()] });
  });

  it('-d posts a form unless -X / -H say otherwise; secrets are masked in the JSON', async () => {
    const r = await run(`${H}/redirect/307`, '-d', 'a=1', '-H', 'Authorization: Bearer sekrit', '--json');
    const doc = r.json();
    expect(doc.hops[0].method).toBe('POST');
    expect(doc.hops[0].requestHeaders).toEqual(expect.arrayContaining([['Content-Type', 'application/x-www-form-urlencoded'], ['Authorization', 'Bearer ****']]));
    expect(r.stdout.toString()).not.toContain('sekrit');
    expect(doc.status).toBe(405); // any HTTP status exits 0
    expect(r.code).toBe(0);
    const put = (await run(`${H}/text`, '-X', 'PUT', '-d', '{}', '-H', 'Content-Type: application/json', '--json')).json();
    expect(put.hops[0].method).toBe('PUT');
    expect(put.hops[0].requestHeaders).toEqual(expect.arrayContaining([['Content-Type', 'application/json']]));
  });

  it('without --json the body goes to stdout, or to -o FILE', async () => {
    const r = await run(`${H}/text`);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('plain text body\n');
    const dir = mkdtempSync(join(tmpdir(), 'porthole-cli-'));
    try {
      const f = join(dir, 'big.bin');
      const j = (await run(`${H}/big.bin`, '-o', f, '--json')).json();
      expect(createHash('sha256').update(readFileSync(f)).digest('hex')).toBe(j.body.sha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a loop, ECERT and a timeout exit non-zero and still print the document with the hops so far', async () => {
    const loop = await run(`${H}/redirect/loop`, '--json');
    expect(loop.code).not.toBe(0);
    expect(loop.json()).toMatchObject({ error: { code: 'ELIMIT' }, hops: [expect.objectContaining({ status: 302 })] });
    expect(loop.err).toMatch(/^porthole url fetch: ELIMIT: .*loop/);
    const cert = await run(`https://localhost:${s.http.tlsPort}/`, '--json');
    expect(cert.code).not.toBe(0);
    expect(cert.json()).toMatchObject({ hops: [], error: { code: 'ECERT', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const slow = await run(`${H}/slow.bin`, '--timeout', '0.3', '--json');
    expect(slow.code).not.toBe(0);
    expect(slow.json().error.code).toBe('ETIMEDOUT');
  });

  it('max redirects 0 returns the redirect itself; bad usage exits 2', async () => {
    const r = (await run(`${H}/redirect/302`, '--max-redirects', '0', '--json')).json();
    expect(r.status).toBe(302);
    expect((await run('--json')).code).toBe(2);
    expect((await run(H, '--bogus')).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'porthole-cli-'));
    try {
      writeFileSync(join(dir, 'd.txt'), 'x=1\ny=2\n');
      const j = (await run(`${H}/redirect/307`, '-d', `@${join(dir, 'd.txt')}`, '--json')).json();
      expect(j.hops[0].requestHeaders).toEqual(expect.arrayContaining([['Content-Length', '6']]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('-o streams past the in-memory cap unless --max-filesize says otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porthole-cli-'));
    try {
      const f = join(dir, 'big.bin');
      const capped = await run(`${H}/big.bin`, '-o', f, '--max-filesize', '1000', '--json');
      expect(capped.code).not.toBe(0);
      expect(capped.json().error.code).toBe('ELIMIT');
      const whole = await run(`${H}/big.bin`, '-o', f, '--json');
      expect(whole.code).toBe(0);
      expect(whole.json().body.bytes).toBe(1024 * 1024);
      expect(readFileSync(f).length).toBe(1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
