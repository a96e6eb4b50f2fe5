import { describe, expect, it } from 'vitest';
import { UrlFetchRequest } from '../../../shared/ipc/urlFetch';
import { joinSecrets, splitSecrets } from './historySecrets';

const req = (r: Partial<UrlFetchRequest>) => UrlFetchRequest.parse({ url: 'http://h/', ...r });

describe('splitSecrets / joinSecrets', () => {
  it('moves header, auth, URL and proxy secrets out and puts them back', () => {
    const original = req({
      url: 'https://bob:hunter2@h/x?q=1',
      headers: [['Accept', 'a/b'], ['Authorization', 'Bearer tok-1'], ['Cookie', 'sid=c00kie; t=2'], ['X-Api-Key', 'key-9']],
      auth: { kind: 'basic', user: 'alice', password: 'p4ss' },
      proxy: { url: 'http://pu:ppw@proxy:3128', noProxy: 'localhost' },
    });
    const { stored, secrets } = splitSecrets(original);
    const text = JSON.stringify(stored);
    for (const secret of ['hunter2', 'tok-1', 'c00kie', 'key-9', 'p4ss', 'ppw']) expect(text).not.toContain(secret);
    // still readable: the scheme, the cookie names, the user names
    expect(stored.headers).toEqual([['Accept', 'a/b'], ['Authorization', 'Bearer ****'], ['Cookie', 'sid=****; t=****'], ['X-Api-Key', '****']]);
    expect(stored.auth).toEqual({ kind: 'basic', user: 'alice', password: '****' });
    expect(stored.url).toBe('https://bob:****@h/x?q=1');
    expect(secrets).not.toBeNull();
    expect(joinSecrets(stored, secrets!)).toEqual(original);
  });

  it('bearer auth round-trips', () => {
    const original = req({ auth: { kind: 'bearer', token: 'abc' } });
    const { stored, secrets } = splitSecrets(original);
    expect(stored.auth).toEqual({ kind: 'bearer', token: '****' });
    expect(joinSecrets(stored, secrets!)).toEqual(original);
  });

  it('a request without secrets has none to store', () => {
    const r = req({ headers: [['Accept', '*/*']] });
    expect(splitSecrets(r)).toEqual({ stored: r, secrets: null });
  });

  it('a cookie header without name=value pairs is masked whole', () => {
    const { stored } = splitSecrets(req({ headers: [['Cookie', 'opaque']] }));
    expect(stored.headers).toEqual([['Cookie', '****']]);
  });
});
