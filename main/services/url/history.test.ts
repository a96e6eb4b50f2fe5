import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UrlFetchRequest } from '../../../shared/ipc/urlFetch';
import { MemorySecretStore } from '../app/secrets';
import { HISTORY_BODY_MAX, HistoryStore, secretKey } from './history';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'url-history-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const req = (r: Partial<UrlFetchRequest> = {}) => UrlFetchRequest.parse({ url: 'http://h/', ...r });
const rec = (request: UrlFetchRequest, time = 1) => ({ request, time, status: 200, error: null, durationMs: 12.6 });

describe('HistoryStore', () => {
  it('tells its listeners after each change is on disk, and not after a read', async () => {
    const h = await HistoryStore.open(dir, new MemorySecretStore());
    const seen: number[] = [];
    const off = h.onChange(() => seen.push(h.list().length));
    const id = await h.add(rec(req()));
    await h.add(rec(req(), 2));
    h.list();
    await h.delete(id);
    await h.clear();
    off();
    await h.add(rec(req(), 3));
    expect(seen).toEqual([1, 2, 1, 0]);
  });

  it('persists entries without secrets; get restores them from the SecretStore', async () => {
    const secrets = new MemorySecretStore();
    const h = await HistoryStore.open(dir, secrets);
    const sent = req({
      url: 'http://127.0.0.1:10080/private/secret.html',
      headers: [['Cookie', 'session=abc123'], ['Proxy-Authorization', 'Basic cHg6cHk=']],
      auth: { kind: 'basic', user: 'user', password: 'pass-word-1' },
    });
    const id = await h.add(rec(sent));
    const file = await readFile(join(dir, 'url-history.json'), 'utf8');
    for (const secret of ['abc123', 'cHg6cHk=', 'pass-word-1']) expect(file).not.toContain(secret);
    expect(file).toContain('private/secret.html');
    expect(await secrets.get(secretKey(id))).toContain('pass-word-1');

    // a fresh store over the same file and secrets (an app restart with a persistent store)
    const again = await HistoryStore.open(dir, secrets);
    expect(again.list()).toEqual([{ id, time: 1, method: 'GET', url: sent.url, status: 200, error: null, durationMs: 13 }]);
    expect(await again.get(id)).toEqual({ request: sent, secretsMissing: false, bodyOmitted: false });
  });

  it('says when secrets are gone (an in-memory store after a restart) instead of sending masks silently', async () => {
    const h = await HistoryStore.open(dir, new MemorySecretStore());
    const id = await h.add(rec(req({ auth: { kind: 'bearer', token: 't' } })));
    const reopened = await HistoryStore.open(dir, new MemorySecretStore());
    const got = await reopened.get(id);
    expect(got.secretsMissing).toBe(true);
    expect(got.request.auth).toEqual({ kind: 'bearer', token: '****' });
  });

  it('is newest first, searchable, bounded; evicted, deleted and cleared entries take their secrets along', async () => {
    const secrets = new MemorySecretStore();
    const h = await HistoryStore.open(dir, secrets, { limit: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await h.add(rec(req({ url: `http://h/p${i}`, method: i % 2 ? 'POST' : 'GET', auth: { kind: 'bearer', token: `t${i}` } }), i)));
    expect(h.list().map((e) => e.url)).toEqual(['http://h/p4', 'http://h/p3', 'http://h/p2']);
    expect(await secrets.get(secretKey(ids[0]))).toBeUndefined();
    expect(await secrets.get(secretKey(ids[4]))).toBeDefined();
    expect(h.list('post').map((e) => e.url)).toEqual(['http://h/p3']);
    expect(h.list('H/P', 1)).toHaveLength(1);

    await h.delete(ids[4]);
    expect(await secrets.get(secretKey(ids[4]))).toBeUndefined();
    await expect(h.get(ids[4])).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(h.delete('nope')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await h.clear();
    expect(h.list()).toEqual([]);
    expect(await secrets.get(secretKey(ids[3]))).toBeUndefined();
    expect(JSON.parse(await readFile(h.path, 'utf8'))).toEqual({ version: 1, entries: [] });
  });

  it('drops a body too large to keep, and says so', async () => {
    const h = await HistoryStore.open(dir, new MemorySecretStore());
    const id = await h.add(rec(req({ method: 'POST', body: { kind: 'raw', text: 'x'.repeat(HISTORY_BODY_MAX + 1) } })));
    const got = await h.get(id);
    expect(got.bodyOmitted).toBe(true);
    expect(got.request.body).toEqual({ kind: 'none' });
  });
});
