import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { fetchRobots, robotsUrlFor, type RobotsFetcher, type RobotsFetchResponse } from './fetchRobots';
import { ROBOTS_MAX_BYTES } from './parse';

const text = (s: string) => new TextEncoder().encode(s);
const res = (status: number, body = '', headers: [string, string][] = []): RobotsFetchResponse => ({ status, headers, body: text(body) });

/** A fake fetcher: a table of URL → response (or error), recording what was asked. */
function fake(table: Record<string, RobotsFetchResponse | Error>): RobotsFetcher & { asked: string[] } {
  const asked: string[] = [];
  const f = async ({ url, maxBodyBytes }: { url: string; maxBodyBytes: number }) => {
    asked.push(url);
    expect(maxBodyBytes).toBe(ROBOTS_MAX_BYTES);
    const r = table[url];
    if (r === undefined) throw new Error(`unexpected fetch ${url}`);
    if (r instanceof Error) throw r;
    return r;
  };
  return Object.assign(f, { asked });
}

const ROBOTS = 'User-agent: *\nDisallow: /private/\n';

describe('fetchRobots policy (RFC 9309 §2.3.1)', () => {
  it('2xx: parses and decides by the rules', async () => {
    const p = await fetchRobots('http://h/robots.txt', fake({ 'http://h/robots.txt': res(200, ROBOTS) }));
    expect(p.source).toMatchObject({ status: 'ok', httpStatus: 200, redirects: [], truncated: false });
    expect(p.check('http://h/private/x', 'bot')).toMatchObject({ allowed: false, rule: { line: 2 } });
    expect(p.check('http://h/public', 'bot').allowed).toBe(true);
  });

  it('follows up to 5 redirects, across origins, and reports them', async () => {
    const table: Record<string, RobotsFetchResponse> = {};
    for (let i = 0; i < 5; i++) table[`http://h/r${i}`] = res(i % 2 ? 301 : 307, '', [['Location', `/r${i + 1}`]]);
    table['http://h/robots.txt'] = res(302, '', [['location', 'http://h/r0']]);
    table['http://h/r5'] = res(308, '', [['Location', 'https://other:8443/robots.txt']]);
    // that is 7 redirects: too many
    const tooMany = await fetchRobots('http://h/robots.txt', fake(table));
    expect(tooMany.source).toMatchObject({ status: 'unreachable' });
    expect(tooMany.source.error).toMatch(/more than 5 redirects/);
    expect(tooMany.check('http://h/anything', 'bot')).toMatchObject({ allowed: false, rule: null });

    const f = fake({
      'http://h/robots.txt': res(301, '', [['Location', 'https://h/robots.txt']]),
      'https://h/robots.txt': res(302, '', [['Location', '/a']]),
      'https://h/a': res(303, '', [['Location', '/b']]),
      'https://h/b': res(307, '', [['Location', '/c']]),
      'https://h/c': res(308, '', [['Location', 'https://x/robots.txt#frag']]),
      'https://x/robots.txt': res(200, ROBOTS),
    });
    const five = await fetchRobots('http://h/robots.txt', f);
    expect(five.source.status).toBe('ok');
    expect(five.source.url).toBe('https://x/robots.txt');
    expect(five.source.redirects.map((r) => r.status)).toEqual([301, 302, 303, 307, 308]);
    expect(five.check('http://h/private/', 'bot').allowed).toBe(false);
  });

  it.each([400, 401, 403, 404, 410, 451])('%i: unavailable → everything allowed', async (status) => {
    const p = await fetchRobots('http://h/robots.txt', fake({ 'http://h/robots.txt': res(status, 'User-agent: *\nDisallow: /') }));
    expect(p.source.status).toBe('unavailable');
    expect(p.check('http://h/private/x', 'bot')).toMatchObject({ allowed: true, rule: null, reason: expect.stringMatching(/allowed/) });
  });

  it.each([500, 503, 199, 300, 304])('%i: unreachable → everything disallowed but /robots.txt', async (status) => {
    const p = await fetchRobots('http://h/robots.txt', fake({ 'http://h/robots.txt': res(status) }));
    expect(p.source.status).toBe('unreachable');
    expect(p.check('http://h/', 'bot').allowed).toBe(false);
    expect(p.check('http://h/robots.txt', 'bot').allowed).toBe(true);
  });

  it('network errors and unfollowable redirects → everything disallowed', async () => {
    const net = await fetchRobots('http://h/robots.txt', fake({ 'http://h/robots.txt': new AppError('ECONNECTION', 'connect ECONNREFUSED') }));
    expect(net.source).toMatchObject({ status: 'unreachable', error: 'ECONNECTION: connect ECONNREFUSED' });
    expect(net.check('http://h/x', 'bot').allowed).toBe(false);
    const noLoc = await fetchRobots('http://h/robots.txt', fake({ 'http://h/robots.txt': res(302) }));
    expect(noLoc.check('http://h/x', 'bot').allowed).toBe(false);
    const ftp = await fetchRobots('http://h/robots.txt', fake({ 'http://h/robots.txt': res(301, '', [['Location', 'ftp://h/robots.txt']]) }));
    expect(ftp.source.error).toMatch(/cannot be followed/);
  });

  it('truncates past 512 KiB instead of failing', async () => {
    const big = 'User-agent: *\nDisallow: /early\n' + '#'.repeat(ROBOTS_MAX_BYTES) + '\nDisallow: /late\n';
    const p = await fetchRobots('http://h/robots.txt', fake({ 'http://h/robots.txt': res(200, big) }));
    expect(p.source).toMatchObject({ status: 'ok', truncated: true });
    expect(p.check('/early', 'x').allowed).toBe(false);
    expect(p.check('/late', 'x').allowed).toBe(true);
  });

  it('passes cancellation through instead of deciding', async () => {
    const ac = new AbortController();
    ac.abort();
    const f: RobotsFetcher = async () => {
      throw new AppError('ECANCELLED', 'cancelled');
    };
    await expect(fetchRobots('http://h/robots.txt', f, { signal: ac.signal })).rejects.toMatchObject({ code: 'ECANCELLED' });
  });
});

describe('robotsUrlFor', () => {
  it('takes the origin of http(s) URLs only', () => {
    expect(robotsUrlFor('https://Example.com:8443/a?b#c')).toBe('https://example.com:8443/robots.txt');
    expect(robotsUrlFor('http://h:80/x')).toBe('http://h/robots.txt');
    expect(robotsUrlFor('http://[::1]:10080/x')).toBe('http://[::1]:10080/robots.txt');
    expect(() => robotsUrlFor('ftp://h/x')).toThrow(/http\(s\)/);
    expect(() => robotsUrlFor('/relative')).toThrow(/absolute/);
  });
});
