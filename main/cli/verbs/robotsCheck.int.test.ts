import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RobotsVerdict } from '../../../shared/ipc/urlAnatomy';
import { loadServersInfo } from '../../../testkit/servers-info';
import { runCli } from '../run';

// `porthole robots check --from-origin` against the test kit's real nginx: its robots.txt gives
// `*` Allow /private/public.html, Disallow /private/ and /tmp, and BadBot Disallow /.
const s = loadServersInfo();

async function check(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['robots', 'check', '--from-origin', '--json', ...argv], {
    stdout: { write: (x: string | Uint8Array) => (stdout += String(x)) },
    stderr: { write: (x: string) => (stderr += x) },
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return z.array(RobotsVerdict).parse(JSON.parse(stdout));
}

describe('robots check --from-origin (nginx)', () => {
  it('decides by the fetched file over http, naming the deciding line', async () => {
    const base = `http://${s.host4}:${s.http.port}`;
    const [bad, star, pub, free] = await Promise.all([
      check('--agent', 'BadBot/1.0', `${base}/x`),
      check('--agent', 'GoodBot', `${base}/private/secret.html`),
      check('--agent', 'GoodBot', `${base}/private/public.html`),
      check('--agent', '*', `${base}/index.html`),
    ]);
    expect(bad[0]).toMatchObject({ allowed: false, rule: { text: 'Disallow: /', directive: 'disallow', pattern: '/' }, agent: 'badbot' });
    expect(star[0]).toMatchObject({ allowed: false, rule: { text: 'Disallow: /private/' }, crawlDelay: 2 });
    expect(pub[0]).toMatchObject({ allowed: true, rule: { text: 'Allow: /private/public.html', directive: 'allow' } });
    expect(free[0]).toMatchObject({ allowed: true, rule: null });
    expect(bad[0].source).toMatchObject({ url: `${base}/robots.txt`, status: 'ok', httpStatus: 200 });
    expect(bad[0].sitemaps.length).toBeGreaterThan(0);
  });

  it('fetches over https (IPv4 and IPv6) trusting the test CA, once per origin, answers in order', async () => {
    const v = await check('--agent', 'BadBot', '--cacert', s.caCert,
      `https://localhost:${s.http.tlsPort}/a`, `https://[::1]:${s.http.tlsPort}/private/public.html`, `https://localhost:${s.http.tlsPort}/robots.txt`);
    expect(v.map((x) => [x.url.replace(`:${s.http.tlsPort}`, ''), x.allowed])).toEqual([
      ['https://localhost/a', false],
      ['https://[::1]/private/public.html', false],
      ['https://localhost/robots.txt', true],
    ]);
    expect(v.every((x) => x.source?.status === 'ok')).toBe(true);
  });

  it('without the CA the certificate is refused: robots.txt unreachable → disallowed', async () => {
    const [v] = await check('--agent', 'GoodBot', `https://localhost:${s.http.tlsPort}/index.html`);
    expect(v).toMatchObject({ allowed: false, rule: null, source: { status: 'unreachable' } });
    expect(v.source?.error).toMatch(/^ECERT/);
  });
});
