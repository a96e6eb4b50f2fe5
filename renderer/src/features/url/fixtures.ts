import type { UrlSendResult } from '../../../../shared/ipc/url';
import type { RobotsVerdict, UrlAnatomy } from '../../../../shared/ipc/urlAnatomy';
import type { Hop } from '../../../../shared/ipc/urlFetch';

/**
 * Test data for the URL inspector's renderer tests (imported by *.test.tsx only). The anatomy here
 * is a rough stand-in built on WHATWG URL: the real split is main's (main/protocols/url), tested
 * there; these tests only check what the UI does with an anatomy.
 */
export function fakeAnatomy(input: string, over: Partial<UrlAnatomy> = {}): UrlAnatomy {
  const w = URL.canParse(input) ? new URL(input) : null;
  const q = input.includes('?') ? input.slice(input.indexOf('?') + 1).split('#')[0] : null;
  const pairs: [string, string][] = q
    ? q.split('&').map((p) => {
        const i = p.indexOf('=');
        const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
        return i === -1 ? [dec(p), ''] : [dec(p.slice(0, i)), dec(p.slice(i + 1))];
      })
    : [];
  return {
    input,
    rfc3986: {
      scheme: w ? w.protocol.slice(0, -1) : null,
      authority: w ? w.host : null,
      userinfo: null,
      host: w ? w.hostname : null,
      port: w && w.port ? w.port : null,
      path: w ? w.pathname : input,
      params: null,
      query: q,
      fragment: w && w.hash ? w.hash.slice(1) : null,
    },
    whatwg: w
      ? { href: w.href, protocol: w.protocol, username: w.username, password: w.password, hostname: w.hostname, port: w.port, pathname: w.pathname, search: w.search, hash: w.hash }
      : null,
    differences: [],
    queryParams: pairs,
    whatwgError: w ? null : 'Invalid URL',
    idn: null,
    decoded: { path: w ? decodeURIComponent(w.pathname) : input, query: q, fragment: null },
    warnings: [],
    ...over,
  };
}

export function hop(over: Partial<Hop> = {}): Hop {
  return {
    method: 'GET',
    url: 'http://127.0.0.1:10080/',
    httpVersion: '1.1',
    status: 200,
    reason: 'OK',
    requestHeaders: [
      ['Host', '127.0.0.1:10080'],
      ['User-Agent', 'Porthole/0.1'],
    ],
    headers: [
      ['Server', 'nginx'],
      ['Content-Type', 'text/html'],
    ],
    remoteAddress: '127.0.0.1',
    remotePort: 10080,
    reused: false,
    timing: { dns: 1, connect: 2, tls: null, ttfb: 5, download: 2, total: 10 },
    tls: null,
    ...over,
  };
}

export function sendResult(over: Partial<UrlSendResult> = {}): UrlSendResult {
  const hops = over.hops ?? [hop()];
  const last = hops[hops.length - 1];
  return {
    hops,
    status: last.status,
    headers: last.headers,
    body: { bytes: 13, wireBytes: 13, sha256: 'ab'.repeat(32), contentType: 'text/html', charset: 'utf-8', contentEncoding: null, truncated: false },
    tls: null,
    text: '<p>Hello</p>',
    responseId: 'resp-1',
    historyId: 'h-1',
    preview: { kind: 'text', mime: 'text/html', base64: null, truncated: false },
    robots: null,
    ...over,
  };
}

export function verdict(over: Partial<RobotsVerdict> = {}): RobotsVerdict {
  return {
    url: 'http://127.0.0.1:10080/private/x.html',
    allowed: false,
    rule: { line: 4, text: 'Disallow: /private/', directive: 'disallow', pattern: '/private/' },
    agent: '*',
    groups: [{ line: 2, agents: ['*'] }],
    crawlDelay: 2,
    sitemaps: ['http://127.0.0.1:10080/sitemap.xml'],
    reason: 'the longest matching rule decides',
    ...over,
  };
}
