import { describe, expect, it } from 'vitest';
import type { RobotsFetchResponse } from '../../protocols/robots';
import { RobotsService, type RobotsFetchWith } from './robots';

const ROBOTS = 'User-agent: *\nAllow: /private/public.html\nDisallow: /private/\n\nUser-agent: BadBot\nDisallow: /\n';
const ok = (body: string): RobotsFetchResponse => ({ status: 200, headers: [], body: new TextEncoder().encode(body) });

function fakeFetch(answer: (url: string) => RobotsFetchResponse | Promise<RobotsFetchResponse>) {
  const calls: { url: string; ca?: string }[] = [];
  const f: RobotsFetchWith = async (r) => {
    calls.push({ url: r.url, ca: r.ca });
    return answer(r.url);
  };
  return { f, calls };
}

describe('RobotsService', () => {
  it('judges with the deciding line and caches per origin', async () => {
    let t = 0;
    const { f, calls } = fakeFetch(() => ok(ROBOTS));
    const s = new RobotsService(f, { ttlMs: 60_000, now: () => t });
    const bad = await s.verdict({ url: 'http://h:1/page', agent: 'BadBot/2.1 (+http://x)' });
    expect(bad).toMatchObject({ allowed: false, agent: 'badbot', rule: { line: 6, text: 'Disallow: /', directive: 'disallow' } });
    expect(bad.source).toMatchObject({ url: 'http://h:1/robots.txt', status: 'ok', httpStatus: 200 });
    const star = await s.verdict({ url: 'http://h:1/private/x', agent: '' });
    expect(star).toMatchObject({ allowed: false, agent: '*', rule: { line: 3, text: 'Disallow: /private/' } });
    expect((await s.verdict({ url: 'http://h:1/private/public.html', agent: '*' })).rule).toMatchObject({ line: 2, directive: 'allow' });
    expect(calls).toHaveLength(1);
    t = 60_001;
    await s.verdict({ url: 'http://h:1/', agent: '*' });
    expect(calls).toHaveLength(2);
    await s.verdict({ url: 'http://h:1/', agent: '*', refresh: true });
    expect(calls).toHaveLength(3);
    // another origin, or the same origin with another CA, is another robots.txt
    await s.verdict({ url: 'http://h:2/', agent: '*' });
    await s.verdict({ url: 'http://h:1/', agent: '*', ca: 'PEM' });
    expect(calls.slice(3)).toEqual([{ url: 'http://h:2/robots.txt', ca: undefined }, { url: 'http://h:1/robots.txt', ca: 'PEM' }]);
  });

  it('shares one fetch between concurrent askers', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { f, calls } = fakeFetch(async () => {
      await gate;
      return ok(ROBOTS);
    });
    const s = new RobotsService(f);
    const all = Promise.all([1, 2, 3].map((i) => s.verdict({ url: `http://h/p${i}`, agent: '*' })));
    release();
    expect((await all).map((v) => v.allowed)).toEqual([true, true, true]);
    expect(calls).toHaveLength(1);
  });

  it('an unreachable robots.txt disallows all and is retried sooner', async () => {
    let t = 0;
    const { f, calls } = fakeFetch((url) => (url.includes('down') ? { status: 503, headers: [], body: new Uint8Array() } : ok('')));
    const s = new RobotsService(f, { ttlMs: 60_000, unreachableTtlMs: 10_000, now: () => t });
    const v = await s.verdict({ url: 'http://down/x', agent: '*' });
    expect(v).toMatchObject({ allowed: false, rule: null, source: { status: 'unreachable', httpStatus: 503 } });
    t = 10_001;
    await s.verdict({ url: 'http://down/x', agent: '*' });
    expect(calls).toHaveLength(2);
  });

  it('judges a draft without fetching', async () => {
    const { f, calls } = fakeFetch(() => ok(''));
    const s = new RobotsService(f);
    const v = await s.verdict({ url: 'https://h/tmp/x', agent: 'bot', draft: 'User-agent: *\nDisallow: /tmp\n', explain: true });
    expect(v).toMatchObject({ allowed: false, rule: { line: 2, pattern: '/tmp' }, source: { status: 'draft', url: 'https://h/robots.txt' } });
    expect(v.candidates).toEqual([expect.objectContaining({ line: 2, matched: true })]);
    expect((await s.verdict({ url: '/tmp', agent: '*', draft: 'User-agent: *\nDisallow: /tmp' })).source?.url).toBe('(draft)');
    expect(calls).toHaveLength(0);
  });

  it('a cancelled asker stops waiting; the shared fetch goes on for the others', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { f, calls } = fakeFetch(async () => {
      await gate;
      return ok(ROBOTS);
    });
    const s = new RobotsService(f);
    const ac = new AbortController();
    const first = s.verdict({ url: 'http://h/', agent: '*' }, ac.signal);
    const second = s.verdict({ url: 'http://h/', agent: '*' });
    ac.abort();
    await expect(first).rejects.toMatchObject({ code: 'ECANCELLED' });
    release();
    await expect(second).resolves.toMatchObject({ allowed: true });
    expect(calls).toHaveLength(1);
  });

  it('refuses a URL without an http(s) origin', async () => {
    const s = new RobotsService(fakeFetch(() => ok('')).f);
    await expect(s.verdict({ url: 'ftp://h/x', agent: '*' })).rejects.toMatchObject({ code: 'EINVALID' });
  });
});
