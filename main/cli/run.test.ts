import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RobotsVerdict, UrlAnatomy } from '../../shared/ipc/urlAnatomy';
import { runCli } from './run';

/** Runs one command line in-process and captures what it writes. */
async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string | Uint8Array) => (stdout += typeof s === 'string' ? s : Buffer.from(s).toString()) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: (async function* () {
      yield 'User-agent: *\nDisallow: /from-stdin\n';
    })(),
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'porthole-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const robotsFile = join(dir, 'robots.txt');
writeFileSync(robotsFile, '# test\r\nUser-agent: *\r\nAllow: /private/public.html\r\nDisallow: /private/\r\nCrawl-delay: 2\r\n\r\nUser-agent: BadBot\r\nDisallow: /\r\nSitemap: http://h/s.xml\r\n');

describe('porthole url parse', () => {
  it('--json prints one document of the issue shape', async () => {
    const r = await cli('url', 'parse', 'http://a/b/c/d;p?q#f', '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const doc = JSON.parse(r.stdout);
    expect(UrlAnatomy.parse(doc)).toBeTruthy();
    expect(doc.rfc3986).toEqual({ scheme: 'http', authority: 'a', userinfo: null, host: 'a', port: null, path: '/b/c/d;p', params: 'p', query: 'q', fragment: 'f' });
    expect(doc.differences).toEqual([]);
    expect(doc.queryParams).toEqual([['q', '']]);
    expect('resolved' in doc).toBe(false);
  });
  it('--base resolves by RFC 3986', async () => {
    const r = await cli('url', 'parse', '--base', 'http://a/b/c/d;p?q', '../../g', '--json');
    expect(JSON.parse(r.stdout).resolved).toBe('http://a/g');
    expect(JSON.parse((await cli('url', 'parse', 'http:g', '--base', 'http://a/b/c/d;p?q', '--json')).stdout).resolved).toBe('http:g');
  });
  it('exits 0 with whatwg null for what browsers reject', async () => {
    const r = await cli('url', 'parse', 'http://exa mple/', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).whatwg).toBeNull();
  });
  it('prints an aligned table without --json', async () => {
    const r = await cli('url', 'parse', 'http://Example.com:80/a b?x=1#f');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/≠ {2}host +Example\.com +hostname +example\.com/);
    expect(r.stdout).toMatch(/differences authority, host, path/);
  });
});

describe('porthole robots check', () => {
  it('--json gives one verdict per URL in order, with the deciding line', async () => {
    const r = await cli('robots', 'check', '--robots', robotsFile, '--agent', 'Mozilla/5.0 (compatible)', '--json',
      'http://h/private/x', 'http://h/private/public.html', '/other');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const doc = JSON.parse(r.stdout);
    z.array(RobotsVerdict).parse(doc);
    expect(doc.map((v: { url: string; allowed: boolean; rule: unknown }) => [v.url, v.allowed, v.rule])).toEqual([
      ['http://h/private/x', false, { line: 4, text: 'Disallow: /private/', directive: 'disallow', pattern: '/private/' }],
      ['http://h/private/public.html', true, { line: 3, text: 'Allow: /private/public.html', directive: 'allow', pattern: '/private/public.html' }],
      ['/other', true, null],
    ]);
    expect(doc[0]).toMatchObject({ crawlDelay: 2, sitemaps: ['http://h/s.xml'] });
  });
  it('picks the group by the product token of a whole User-Agent', async () => {
    const r = await cli('robots', 'check', '--robots', robotsFile, '--agent', 'BadBot/1.0 (+http://x)', '--json', 'http://h/');
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ allowed: false, rule: { line: 8 }, agent: 'badbot' });
  });
  it('reads robots.txt from stdin with --robots -', async () => {
    const r = await cli('robots', 'check', '--robots', '-', '--agent', '*', '--json', '/from-stdin/x');
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ allowed: false, rule: { line: 2 } });
  });
  it('--explain lists the group and every candidate rule', async () => {
    const r = await cli('robots', 'check', '--robots', robotsFile, '--agent', 'x', '--explain', 'http://h/private/public.html');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/allowed +http:\/\/h\/private\/public\.html +line 3: Allow: \/private\/public\.html/);
    expect(r.stdout).toMatch(/group at line 2: User-agent: \*/);
    expect(r.stdout).toMatch(/→ +matches +line 3/);
    expect(r.stdout).toMatch(/ +matches +line 4 +Disallow: \/private\//);
  });
});

describe('dispatcher', () => {
  it('--help at every level', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/url parse/);
    expect(top.stdout).toMatch(/robots check/);
    expect(top.stdout).toMatch(/url fetch/);
    expect((await cli('url', '--help')).stdout).toMatch(/url parse/);
    expect((await cli('robots', 'check', '--help')).stdout).toMatch(/--from-origin/);
    expect((await cli('url', 'parse', '--help')).stdout).toMatch(/--base/);
  });
  it.each([
    [[], /a command is required/],
    [['url'], /"url" needs a verb/],
    [['nope'], /unknown command "nope"/],
    [['url', 'nope'], /unknown command "url nope"/],
    [['url', 'parse'], /a URL is required/],
    [['url', 'parse', 'a', '--bogus'], /Unknown option '--bogus'/],
    [['robots', 'check', '--agent', 'x', '/a'], /exactly one of --robots FILE or --from-origin/],
    [['robots', 'check', '--robots', 'f', '/a'], /--agent is required/],
    [['robots', 'check', '--from-origin', '--agent', 'x', 'ftp://h/a'], /http\(s\)/],
    [['robots', 'check', '--from-origin', '--agent', 'x', '/relative'], /not an absolute URL/],
  ])('%j → exit 2, one line on stderr', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
  it('a failure exits 1 with one line', async () => {
    const r = await cli('robots', 'check', '--robots', join(dir, 'missing.txt'), '--agent', 'x', '/a');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^porthole robots check: EIO: cannot read .*missing\.txt/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
