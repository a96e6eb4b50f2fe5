import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonFile, writeFileAtomic } from './jsonFile';
import { MemoryLog } from './log';
import { DEFAULT_SETTINGS, SettingsStore } from './settings';
import { normalizeFingerprint, TrustStore } from './trust';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'porthole-stores-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const FP = 'ab:'.repeat(31) + 'cd';
const FP_UP = FP.toUpperCase();

describe('writeFileAtomic / JsonFile', () => {
  it('replaces the file whole and leaves no temp files, also under concurrent writes', async () => {
    const p = join(dir, 'x.json');
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileAtomic(p, JSON.stringify({ i, pad: 'x'.repeat(10_000) }))));
    const v = JSON.parse(await readFile(p, 'utf8')) as { i: number };
    expect(v.i).toBe(19); // serialized in call order: the last write wins
    expect(await readdir(dir)).toEqual(['x.json']);
  });

  it('reads defaults when missing, validates, and sets a corrupt file aside', async () => {
    const log = new MemoryLog();
    const f = new JsonFile(join(dir, 'a.json'), z.object({ n: z.number() }), () => ({ n: 0 }), log);
    expect(await f.read()).toEqual({ n: 0 });
    await f.write({ n: 7 });
    expect(await f.read()).toEqual({ n: 7 });
    await writeFile(f.path, '{"n": "seven"}');
    expect(await f.read()).toEqual({ n: 0 });
    await writeFile(f.path, 'not json{');
    expect(await f.read()).toEqual({ n: 0 });
    const files = await readdir(dir);
    expect(files.filter((n) => n.startsWith('a.json.bad-'))).toHaveLength(files.length - (files.includes('a.json') ? 1 : 0));
    expect(log.entries.filter((e) => e.level === 'warn')).toHaveLength(2);
    await expect(f.write({ n: 'x' } as never)).rejects.toMatchObject({ code: 'EINTERNAL' });
  });
});

describe('SettingsStore', () => {
  it('starts from the defaults, patches, persists and notifies', async () => {
    const s = await SettingsStore.open(dir);
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ theme: 'system', lastSection: 'url', proxy: { mode: 'env' }, wireBufferLines: 20_000 });
    const seen: unknown[] = [];
    s.onChange((v) => seen.push(v));
    const next = await s.patch({ theme: 'dark' });
    expect(next.theme).toBe('dark');
    expect(seen).toEqual([next]);
    const again = await SettingsStore.open(dir);
    expect(again.get().theme).toBe('dark');
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual(next);
  });

  it('concurrent patches do not lose each other', async () => {
    const s = await SettingsStore.open(dir);
    await Promise.all([s.patch({ theme: 'light' }), s.patch({ lastSection: 'mail' }), s.patch({ wireBufferLines: 5000 })]);
    const back = (await SettingsStore.open(dir)).get();
    expect(back).toMatchObject({ theme: 'light', lastSection: 'mail', wireBufferLines: 5000 });
  });

  it('keeps the valid keys of a partly invalid file and refuses invalid patches', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', wireBufferLines: 5, obsolete: true }));
    const log = new MemoryLog();
    const s = await SettingsStore.open(dir, log);
    expect(s.get()).toMatchObject({ theme: 'dark', wireBufferLines: 20_000 });
    expect(log.entries[0].line).toContain('setting="wireBufferLines"');
    await expect(s.patch({ theme: 'neon' } as never)).rejects.toMatchObject({ code: 'EINVALID' });
    const copy = s.get();
    copy.theme = 'light';
    expect(s.get().theme).toBe('dark'); // get() hands out copies
  });
});

describe('TrustStore', () => {
  it('normalises fingerprints to uppercase colon form', () => {
    expect(normalizeFingerprint(FP)).toBe(FP_UP);
    expect(normalizeFingerprint('sha256/' + FP.replace(/:/g, ''))).toBe(FP_UP);
    expect(normalizeFingerprint('SHA256: ' + FP.replace(/:/g, ' '))).toBe(FP_UP);
    expect(normalizeFingerprint('AB:CD')).toBeNull();
    expect(normalizeFingerprint('zz'.repeat(32))).toBeNull();
  });

  it('adds, checks, lists, persists and revokes pins per host:port', async () => {
    const t = await TrustStore.open(dir, { now: () => 42 });
    const e = await t.add({ host: 'Mail.Example.', port: 993, sha256: FP, subject: 'CN=mail' });
    expect(e).toEqual({ host: 'mail.example', port: 993, sha256: FP_UP, subject: 'CN=mail', addedAt: 42 });
    expect(await t.add({ host: 'mail.example', port: 993, sha256: FP_UP })).toEqual(e); // idempotent
    expect(t.isTrusted('MAIL.example', 993, FP)).toBe(true);
    expect(t.isTrusted('mail.example', 143, FP)).toBe(false); // another port is another endpoint
    expect(t.isTrusted('mail.example', 993, 'AB:'.repeat(31) + 'CE')).toBe(false);
    const reopened = await TrustStore.open(dir);
    expect(reopened.list()).toEqual([e]);
    await reopened.revoke('mail.example', 993, FP);
    expect(reopened.list()).toEqual([]);
    expect((await TrustStore.open(dir)).list()).toEqual([]);
    await expect(reopened.revoke('mail.example', 993, FP)).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(reopened.add({ host: 'h', port: 1, sha256: 'nope' })).rejects.toMatchObject({ code: 'EINVALID' });
  });

  it('handles IPv6 brackets and concurrent adds', async () => {
    const t = await TrustStore.open(dir);
    const fp2 = normalizeFingerprint('11'.repeat(32))!;
    await Promise.all([t.add({ host: '[::1]', port: 8443, sha256: FP }), t.add({ host: '::1', port: 8443, sha256: fp2 })]);
    expect(t.isTrusted('::1', 8443, FP) && t.isTrusted('[::1]', 8443, fp2)).toBe(true);
    expect((await TrustStore.open(dir)).list()).toHaveLength(2);
  });
});
