import { describe, expect, it } from 'vitest';
import { parseRobots, productToken, ROBOTS_MAX_BYTES } from './parse';
import { matchPattern, normalizePath } from './pattern';
import { RobotsTxt } from './robots';

const allowed = (robots: string, agent: string, url: string) => RobotsTxt.parse(robots).check(url, agent).allowed;

// RFC 9309 §5.1, verbatim
const SIMPLE = [
  'User-Agent: *',
  'Disallow: *.gif$',
  'Disallow: /example/',
  'Allow: /publications/',
  '',
  'User-Agent: foobot',
  'Disallow:/',
  'Allow:/example/page.html',
  'Allow:/example/allowed.gif',
  '',
  'User-Agent: barbot',
  'User-Agent: bazbot',
  'Disallow: /example/page.html',
  '',
  'User-Agent: quxbot',
  '',
  'EOF',
].join('\n');

describe('RFC 9309 §5.1 simple example', () => {
  const r = RobotsTxt.parse(SIMPLE);
  it.each([
    ['foobot', 'http://example.com/example/page.html', true],
    ['foobot', 'http://example.com/example/allowed.gif', true],
    ['foobot', 'http://example.com/example/other.html', false],
    ['foobot', 'http://example.com/', false],
    ['barbot', 'http://example.com/example/page.html', false],
    ['bazbot', 'http://example.com/example/page.html', false],
    ['barbot', 'http://example.com/example/other.html', true],
    ['quxbot', 'http://example.com/example/page.html', true], // empty group: nothing disallowed
    ['otherbot', 'http://example.com/example/x', false], // falls back to *
    ['otherbot', 'http://example.com/a/b.gif', false],
    ['otherbot', 'http://example.com/a/b.gif?x', true], // $ anchors at the end of path+query
    ['otherbot', 'http://example.com/publications/x', true],
  ])('%s %s → %s', (agent, url, want) => expect(r.check(url, agent).allowed).toBe(want));

  it('names the deciding line', () => {
    expect(r.check('http://example.com/example/allowed.gif', 'FooBot/2.0').rule).toEqual({
      line: 9, text: 'Allow:/example/allowed.gif', directive: 'allow', pattern: '/example/allowed.gif',
    });
    expect(r.check('http://example.com/x.gif', '*').rule).toMatchObject({ line: 2, pattern: '*.gif$' });
  });
});

describe('RFC 9309 §5.2 longest match', () => {
  const r = RobotsTxt.parse('User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n');
  it('the longer disallow beats the shorter allow', () => {
    expect(r.check('/example/page/disallowed.gif', 'foobot')).toMatchObject({ allowed: false, rule: { line: 3 } });
    expect(r.check('/example/page/ok.gif', 'foobot')).toMatchObject({ allowed: true, rule: { line: 2 } });
  });
  it('Allow wins a tie, regardless of order', () => {
    expect(allowed('User-agent: *\nDisallow: /page\nAllow: /page\n', 'x', '/page')).toBe(true);
    expect(allowed('User-agent: *\nAllow: /page\nDisallow: /page\n', 'x', '/page')).toBe(true);
    // equal length once normalised: /%70age is /page
    expect(allowed('User-agent: *\nAllow: /%70age\nDisallow: /page\n', 'x', '/page')).toBe(true);
    expect(allowed('User-agent: *\nAllow: /pa*\nDisallow: /pag\n', 'x', '/page')).toBe(true);
  });
  it('order does not matter, only length', () => {
    expect(allowed('User-agent: *\nDisallow: /a/b\nAllow: /a\n', 'x', '/a/b/c')).toBe(false);
    expect(allowed('User-agent: *\nAllow: /a/b/\nDisallow: /\n', 'x', '/a/b/c')).toBe(true);
  });
});

describe('RFC 9309 §2.2.2 percent-encoding', () => {
  it.each([
    ['/foo/bar?baz=quz', 'http://h/foo/bar?baz=quz'],
    ['/foo/bar?baz=https%3A%2F%2Ffoo.bar', 'http://h/foo/bar?baz=https%3A%2F%2Ffoo.bar'],
    ['/foo/bar/%E3%83%84', 'http://h/foo/bar/ツ'],
    ['/foo/bar/ツ', 'http://h/foo/bar/%E3%83%84'],
    ['/foo/bar/%e3%83%84', 'http://h/foo/bar/%E3%83%84'],
    ['/foo/bar/%62%61%7A', 'http://h/foo/bar/baz'],
    ['/foo/bar/baz', 'http://h/foo/bar/%62%61%7A'],
    ['/%70rivate', 'http://h/private'],
  ])('Disallow: %s matches %s', (pattern, url) => {
    expect(allowed(`User-agent: *\nDisallow: ${pattern}\n`, 'x', url)).toBe(false);
  });
  it('keeps reserved characters and their escapes apart', () => {
    expect(allowed('User-agent: *\nDisallow: /a%2Fb\n', 'x', '/a/b')).toBe(true);
    expect(allowed('User-agent: *\nDisallow: /a%2fb\n', 'x', '/a%2Fb')).toBe(false);
  });
});

describe('wildcards and anchors', () => {
  const rules = 'User-agent: *\nDisallow: /*.php$\nDisallow: /fish*\nAllow: /x/*/y$\nDisallow: /x/\n';
  it.each([
    ['/index.php', false],
    ['/a/b/index.php', false],
    ['/index.php?q=1', true],
    ['/index.phps', true],
    ['/fish', false],
    ['/fishheads/x', false],
    ['/Fish', true], // paths are case-sensitive
    ['/x/1/2/y', true],
    ['/x/1/y/z', false],
    ['/x/', false],
  ])('%s → %s', (path, want) => expect(allowed(rules, 'x', path)).toBe(want));

  it('does not blow up on many stars', () => {
    const pattern = '/' + 'a*'.repeat(200) + 'b$';
    const path = '/' + 'a'.repeat(20000);
    const t = performance.now();
    expect(allowed(`User-agent: *\nDisallow: ${pattern}\n`, 'x', path)).toBe(true);
    expect(performance.now() - t).toBeLessThan(200);
  });
  it('an empty Disallow matches nothing; /robots.txt is always allowed', () => {
    expect(allowed('User-agent: *\nDisallow:\n', 'x', '/anything')).toBe(true);
    expect(allowed('User-agent: *\nDisallow: /\n', 'x', '/robots.txt')).toBe(true);
    expect(allowed('User-agent: *\nDisallow: /\n', 'x', '/robots.txtx')).toBe(false);
  });
});

describe('groups', () => {
  it('merges groups that name the same agent, and not the * group', () => {
    const r = RobotsTxt.parse('User-agent: a\nDisallow: /one\n\nUser-agent: *\nDisallow: /star\n\nuser-agent: A\nDisallow: /two\n');
    const v = r.check('/two', 'a');
    expect(v).toMatchObject({ allowed: false, rule: { line: 8 } });
    expect(v.groups.map((g) => g.line)).toEqual([1, 7]);
    expect(r.check('/one', 'A').allowed).toBe(false);
    expect(r.check('/star', 'a').allowed).toBe(true);
    expect(r.check('/star', 'b').allowed).toBe(false);
  });
  it('merges several * groups', () => {
    const r = RobotsTxt.parse('User-agent: *\nDisallow: /a\nUser-agent: *\nDisallow: /b\n');
    expect([r.check('/a', 'z').allowed, r.check('/b', 'z').allowed]).toEqual([false, false]);
  });
  it('no matching group and no * group → allowed', () => {
    expect(RobotsTxt.parse('User-agent: a\nDisallow: /\n').check('/x', 'b')).toMatchObject({ allowed: true, rule: null, groups: [] });
  });
  it('ignores rules before any user-agent and keeps crawl-delay per group', () => {
    const r = RobotsTxt.parse('Disallow: /\nUser-agent: a\nCrawl-delay: 2.5\nDisallow: /x\n');
    expect(r.check('/y', 'a')).toMatchObject({ allowed: true, crawlDelay: 2.5 });
    expect(r.check('/y', 'b')).toMatchObject({ allowed: true, crawlDelay: null });
  });
  it('collects sitemaps from anywhere (global)', () => {
    const r = RobotsTxt.parse('Sitemap: http://h/1.xml\nUser-agent: a\nSitemap: http://h/2.xml\nDisallow: /\n');
    expect(r.check('/', 'z').sitemaps).toEqual(['http://h/1.xml', 'http://h/2.xml']);
  });
});

describe('user agents', () => {
  it('reduces a whole User-Agent string to its product token', () => {
    expect(productToken('Googlebot/2.1 (+http://www.google.com/bot.html)')).toBe('googlebot');
    expect(productToken('  Bad_Bot-X/1.0')).toBe('bad_bot-x');
    expect(productToken('*')).toBe('*');
    expect(productToken('123')).toBe('');
    expect(productToken('Mozilla/5.0 (compatible; BadBot)')).toBe('mozilla');
  });
  it('matches case-insensitively, tokens on both sides', () => {
    const r = RobotsTxt.parse('User-agent: BadBot/1.0\nDisallow: /\n\nUser-agent: *\nDisallow: /p/\n');
    expect(r.check('/x', 'badbot').allowed).toBe(false);
    expect(r.check('/x', 'BADBOT/2.0 (+http://x)').allowed).toBe(false);
    expect(r.check('/x', 'BadBotX').allowed).toBe(true); // a different token falls back to *
    expect(r.check('/p/x', '123').allowed).toBe(false); // no token → the * group
  });
});

describe('parsing', () => {
  it('tolerates BOM, CRLF, CR, comments, unknown lines and lines without a colon', () => {
    const text = '\uFEFFUser-agent: *\r\n# comment\r\nHost: example.com\r\nDisallow /nope\rjunk line\rDisallow: /a # why\r\nAllow: /a/b\n';
    const r = RobotsTxt.parse(text);
    expect(r.check('/a/x', 'x')).toMatchObject({ allowed: false, rule: { line: 6, text: 'Disallow: /a # why', pattern: '/a' } });
    expect(r.check('/a/b', 'x').rule).toMatchObject({ line: 7, directive: 'allow' });
    expect(r.check('/nope', 'x').allowed).toBe(true);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('User-agent: *\nDisallow: /z\n')]);
    expect(RobotsTxt.parse(bytes).check('/z', 'q').rule).toMatchObject({ line: 2, text: 'Disallow: /z' });
  });
  it('keys are case-insensitive and common misspellings are read', () => {
    const r = RobotsTxt.parse('USER-AGENT: *\nDISALLOW: /a\ndissallow: /b\n');
    expect([r.check('/a', 'x').allowed, r.check('/b', 'x').allowed]).toEqual([false, false]);
  });
  it('reads past 500 KiB and ignores what is beyond 512 KiB, never a cut line', () => {
    const filler = '# ' + 'x'.repeat(97) + '\n'; // 100 bytes
    const head = 'User-agent: *\n' + filler.repeat(5100) + 'Disallow: /late\n'; // ~510 KB in
    const tail = filler.repeat(200) + 'Disallow: /beyond\n'; // ends ~530 KB in
    const p = parseRobots(head + tail);
    expect(p.truncated).toBe(true);
    const r = RobotsTxt.parse(head + tail);
    expect(r.check('/late', 'x').allowed).toBe(false);
    expect(r.check('/beyond', 'x').allowed).toBe(true);
    const cut = 'User-agent: *\n' + 'Disallow: /' + 'a'.repeat(ROBOTS_MAX_BYTES);
    expect(RobotsTxt.parse(cut).check('/a', 'x').allowed).toBe(true);
  });
  it('ends a user-agent run at the first rule', () => {
    const p = parseRobots('User-agent: a\nUser-agent: b\nDisallow: /x\nUser-agent: c\nAllow: /\n');
    expect(p.groups.map((g) => g.agents.map((a) => a.token))).toEqual([['a', 'b'], ['c']]);
  });
});

describe('explain', () => {
  it('lists every candidate rule of the used groups with whether it matched', () => {
    const v = RobotsTxt.parse('User-agent: *\nAllow: /private/public.html\nDisallow: /private/\nDisallow: /tmp\n').check(
      'http://h/private/public.html', 'x', { explain: true },
    );
    expect(v.rule).toMatchObject({ line: 2, directive: 'allow' });
    expect(v.candidates?.map((c) => [c.line, c.matched])).toEqual([[2, true], [3, true], [4, false]]);
  });
});

describe('the prefix index agrees with a plain scan of every rule', () => {
  it('on 200 random files × 150 random paths', () => {
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    const alpha = ['a', 'b', '/', '*', '%61', 'ab', '/a'];
    const piece = (len: number) => Array.from({ length: len }, () => alpha[rnd(alpha.length)]).join('');
    for (let f = 0; f < 200; f++) {
      const lines = ['User-agent: *'];
      for (let i = 0; i < 1 + rnd(25); i++) lines.push(`${rnd(2) ? 'Allow' : 'Disallow'}: /${piece(rnd(5))}${rnd(4) === 0 ? '$' : ''}`);
      const robots = RobotsTxt.parse(lines.join('\n'));
      const rules = parseRobots(lines.join('\n')).groups[0].rules;
      for (let p = 0; p < 150; p++) {
        const path = '/' + piece(rnd(7)).replaceAll('*', 'b');
        // as a full URL: a bare "//a/b" would be read as a network-path reference (authority "a")
        const got = robots.check('http://h' + path, 'x').rule?.line ?? null;
        // reference: longest normalised pattern, Allow on a tie, then the first written
        let best: (typeof rules)[number] | null = null;
        for (const r of rules) {
          if (!matchPattern(r.compiled, normalizePath(path))) continue;
          const lr = r.compiled.normalized.length;
          const lb = best?.compiled.normalized.length ?? -1;
          if (lr > lb || (lr === lb && r.directive === 'allow' && best!.directive === 'disallow')) best = r;
        }
        expect(got, `${lines.join(' | ')} :: ${path}`).toBe(best?.line ?? null);
      }
    }
  });
});
