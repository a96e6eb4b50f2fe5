import { describe, expect, it } from 'vitest';
import { parseCurl, toCurl, type CurlRequest } from './curl';
import { shellQuote, tokenize } from './curlTokenize';

describe('shell tokenizer', () => {
  it('quotes, ANSI-C quoting, escapes and line continuations', () => {
    expect(tokenize(`curl 'a b' "c \\"d\\" \\$e" $'f\\ng\\x41\\u00e9' h\\ i \\\n  j`)).toEqual(['curl', 'a b', 'c "d" $e', 'f\ngAé', 'h i', 'j']);
    expect(tokenize(`'it'\\''s'`)).toEqual(["it's"]);
    expect(tokenize(`a""b ''`)).toEqual(['ab', '']);
    expect(() => tokenize(`'open`)).toThrow(SyntaxError);
  });

  it('shellQuote round-trips through the tokenizer', () => {
    for (const s of ["it's", 'a b', '$HOME `x` "q"', 'line\nbreak', '', 'plain-word', '\\back']) expect(tokenize(shellQuote(s))).toEqual([s]);
  });
});

describe('curl import', () => {
  it('a browser "copy as cURL" POST', () => {
    const { request, notes } = parseCurl(`curl 'https://api.test/v1/items?x=1' \\
  -H 'accept: application/json' \\
  -H 'content-type: application/json' \\
  -b 'sid=abc; theme=dark' \\
  --data-raw '{"name":"it'\\''s"}' \\
  --compressed`);
    expect(notes).toEqual([]);
    expect(request).toEqual({
      url: 'https://api.test/v1/items?x=1', method: 'POST', maxRedirects: 0, auth: null, caFile: undefined,
      headers: [['accept', 'application/json'], ['content-type', 'application/json'], ['Cookie', 'sid=abc; theme=dark']],
      body: { kind: 'raw', text: `{"name":"it's"}`, contentType: undefined },
    });
  });

  it('-d gives POST with the form type; several -d join with &; -X wins', () => {
    expect(parseCurl(`curl -d a=1 -d b=2 http://h/`).request).toMatchObject({ method: 'POST', body: { kind: 'raw', text: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' } });
    expect(parseCurl(`curl -XPUT -d x http://h/`).request.method).toBe('PUT');
    expect(parseCurl(`curl --data-urlencode 'q=a b&c' --data-urlencode =z/ http://h/`).request.body).toMatchObject({ text: 'q=a%20b%26c&z%2F' });
  });

  it('-G moves data into the query; -I is HEAD; -L/--max-redirs; -u; -A; -e; --cacert; --url', () => {
    expect(parseCurl(`curl -G -d q=1 http://h/s?a=b`).request).toMatchObject({ url: 'http://h/s?a=b&q=1', method: 'GET', body: { kind: 'none' } });
    expect(parseCurl(`curl -I http://h/`).request.method).toBe('HEAD');
    expect(parseCurl(`curl -sSL http://h/`).request.maxRedirects).toBe(50);
    expect(parseCurl(`curl -L --max-redirs 3 http://h/`).request.maxRedirects).toBe(3);
    const r = parseCurl(`curl -u user:p:w -A 'Agent/1' -e http://ref/ --cacert /tmp/ca.pem --url=http://h/x`).request;
    expect(r).toMatchObject({ auth: { user: 'user', password: 'p:w' }, caFile: '/tmp/ca.pem', url: 'http://h/x' });
    expect(r.headers).toEqual([['User-Agent', 'Agent/1'], ['Referer', 'http://ref/']]);
    expect(parseCurl('curl example.com').request.url).toBe('http://example.com');
  });

  it('-F builds multipart; files are listed for the editor with a note', () => {
    const { request, notes } = parseCurl(`curl -F title=hi -F 'up=@/tmp/a.png;type=image/png' http://h/`);
    expect(request.body).toEqual({ kind: 'multipart', fields: [['title', 'hi']], files: [] });
    expect(request.formFiles).toEqual([{ name: 'up', path: '/tmp/a.png', contentType: 'image/png', filename: undefined }]);
    expect(request.method).toBe('POST');
    expect(notes[0]).toMatch(/choose the file/);
  });

  it('-k is refused with a note; unknown options are noted, not dropped silently', () => {
    const { request, notes } = parseCurl(`curl -k --frobnicate http://h/`);
    expect(request.url).toBe('http://h/');
    expect(notes[0]).toMatch(/insecure refused/);
    expect(notes[1]).toMatch(/--frobnicate/);
    expect(() => parseCurl('curl -H x:y')).toThrow(/no URL/);
  });

  it('an Authorization: Basic header becomes auth', () => {
    expect(parseCurl(`curl -H 'Authorization: Basic dXNlcjpwYXNz' http://h/`).request).toMatchObject({ auth: { user: 'user', password: 'pass' }, headers: [] });
  });
});

describe('curl export', () => {
  const req: CurlRequest = {
    url: "http://h/a b?q='x'", method: 'PATCH', maxRedirects: 5, auth: { user: 'u', password: "p'w" },
    headers: [['X-Note', "it's $HOME"], ['Cookie', 'a=1; b=2'], ['Authorization', 'Bearer tok']],
    body: { kind: 'json', text: '{"k":"v\'"}' },
  };

  it('round-trips with secrets included', () => {
    const cmd = toCurl(req, { includeSecrets: true });
    const back = parseCurl(cmd);
    expect(back.notes).toEqual([]);
    expect(back.request).toEqual({ ...req, headers: [...req.headers, ['Content-Type', 'application/json']], body: { kind: 'raw', text: '{"k":"v\'"}', contentType: undefined }, caFile: undefined });
  });

  it('replaces secrets by placeholders by default', () => {
    const cmd = toCurl(req);
    expect(cmd).not.toContain('tok');
    expect(cmd).not.toContain("p'\\''w");
    expect(cmd).toContain(`-u 'u:<secret>'`);
    expect(cmd).toContain(`'Cookie: a=<secret>; b=<secret>'`);
    expect(cmd).toContain(`'Authorization: Bearer <secret>'`);
  });

  it('GET and HEAD need no -X; POST with a body needs none; binary bodies use $-quoting', () => {
    expect(toCurl({ url: 'http://h/', method: 'GET', headers: [], body: { kind: 'none' }, maxRedirects: 0, auth: null })).toBe('curl http://h/');
    expect(toCurl({ url: 'http://h/', method: 'HEAD', headers: [], body: { kind: 'none' }, maxRedirects: 0, auth: null })).toBe('curl -I http://h/');
    const bin = toCurl({ url: 'http://h/', method: 'POST', headers: [], body: { kind: 'raw', text: Uint8Array.from([0xff, 0x00, 0x41]) }, maxRedirects: 0, auth: null });
    expect(bin).toBe(`curl http://h/ --data-binary $'\\xff\\x00\\x41'`);
    const form = parseCurl(toCurl({ url: 'http://h/', method: 'POST', headers: [], body: { kind: 'form', fields: [['a', 'b c']] }, maxRedirects: 0, auth: null }));
    expect(form.request.body).toEqual({ kind: 'raw', text: 'a=b+c', contentType: 'application/x-www-form-urlencoded' });
  });

  it('multipart exports fields verbatim and files by name', () => {
    const cmd = toCurl({ url: 'http://h/', method: 'POST', headers: [], maxRedirects: 0, auth: null, body: { kind: 'multipart', fields: [['t', '@not-a-file']], files: [{ name: 'f', filename: 'a.txt', contentType: 'text/plain', data: new Uint8Array() }] } });
    expect(cmd).toBe(`curl http://h/ --form-string t=@not-a-file -F 'f=@a.txt;type=text/plain'`);
    expect(parseCurl(cmd).request.body).toEqual({ kind: 'multipart', fields: [['t', '@not-a-file']], files: [] });
  });
});
