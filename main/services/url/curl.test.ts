import { describe, expect, it } from 'vitest';
import { UrlFetchRequest } from '../../../shared/ipc/urlFetch';
import { exportCurl, importCurl } from './curl';

const req = (r: Partial<UrlFetchRequest>) => UrlFetchRequest.parse({ url: 'http://h/', ...r });

describe('importCurl', () => {
  it('turns a pasted command into an editor request', () => {
    const { request, warnings } = importCurl(`curl -L -u user:pass -H 'Accept: application/json' -d 'a=1' --cacert /etc/ca.pem https://h/x`);
    expect(request).toMatchObject({
      url: 'https://h/x', method: 'POST', headers: [['Accept', 'application/json']],
      body: { kind: 'raw', text: 'a=1', contentType: 'application/x-www-form-urlencoded' },
      auth: { kind: 'basic', user: 'user', password: 'pass' }, maxRedirects: 50,
    });
    expect(request.ca).toBeUndefined(); // a file named by a pasted command is never read
    expect(warnings.join('\n')).toMatch(/--cacert \/etc\/ca\.pem: choose this CA file/);
  });

  it('warns about what it cannot honour, refuses what is not a command', () => {
    expect(importCurl('curl -k https://h/').warnings.join('\n')).toMatch(/insecure refused/);
    expect(importCurl(`curl -F 'f=@/tmp/a.png' -F 'x=1' https://h/`).request.body).toEqual({ kind: 'multipart', fields: [['x', '1']], files: [] });
    expect(() => importCurl('curl -H "A: b"')).toThrow(expect.objectContaining({ code: 'EINVALID' }));
    expect(() => importCurl('curl -X "BAD METHOD" http://h/')).toThrow(expect.objectContaining({ code: 'EINVALID' }));
  });
});

describe('exportCurl', () => {
  it('masks every secret unless asked', () => {
    const r = req({
      url: 'https://bob:pw1@h/x',
      method: 'PUT',
      headers: [['Cookie', 'sid=c00kie'], ['X-Api-Key', 'key-9'], ['Accept', '*/*']],
      auth: { kind: 'basic', user: 'alice', password: 'p4ss' },
      body: { kind: 'json', text: '{"a":1}' },
      proxy: { url: 'http://pu:ppw@proxy:3128' },
      timeoutMs: 2500,
    });
    const masked = exportCurl(r, false).command;
    for (const secret of ['pw1', 'c00kie', 'key-9', 'p4ss', 'ppw']) expect(masked).not.toContain(secret);
    expect(masked).toContain(`'Cookie: sid=<secret>'`);
    expect(masked).toMatch(/-X PUT/);
    expect(masked).toMatch(/--max-time 2\.5 --proxy 'http:\/\/pu:<secret>@proxy:3128'$/);
    const full = exportCurl(r, true).command;
    for (const secret of ['pw1', 'c00kie', 'key-9', 'alice:p4ss', 'ppw']) expect(full).toContain(secret);
  });

  it('bearer auth becomes a header; a CA becomes ca.pem with a warning', () => {
    const { command, warnings } = exportCurl(req({ auth: { kind: 'bearer', token: 'tok' }, ca: '-----BEGIN CERTIFICATE-----' }), false);
    expect(command).toContain(`-H 'Authorization: Bearer <secret>'`);
    expect(command).toContain('--cacert ca.pem');
    expect(warnings[0]).toMatch(/ca\.pem/);
    expect(exportCurl(req({ auth: { kind: 'bearer', token: 'tok' } }), true).command).toContain(`'Authorization: Bearer tok'`);
  });

  it('round-trips through import', () => {
    const r = req({ method: 'POST', headers: [['X-A', "it's"]], body: { kind: 'raw', text: 'x=1&y=2', contentType: 'text/plain' }, maxRedirects: 5 });
    const back = importCurl(exportCurl(r, true).command).request;
    expect(back).toMatchObject({ url: r.url, method: 'POST', maxRedirects: 5 });
    expect(back.headers).toEqual([['X-A', "it's"], ['Content-Type', 'text/plain']]);
    expect(back.body).toMatchObject({ kind: 'raw', text: 'x=1&y=2' });
  });
});
