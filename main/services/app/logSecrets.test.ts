import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLog, formatLogLine } from './log';
import { FileSecretStore, MemorySecretStore } from './secrets';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'porthole-log-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('log', () => {
  it('formats levels and scalar fields, never objects or secret-named fields', () => {
    const line = formatLogLine('warn', 'refused', { channel: 'x.y', n: 3, password: 'hunter2', req: { pass: 'p' }, list: [1, 2] }, 0);
    expect(line).toBe('1970-01-01T00:00:00.000Z WARN  refused channel="x.y" n=3 password=[redacted] req=[object] list=[array(2)]\n');
  });

  it('writes error stacks and flattens newlines in messages', () => {
    const line = formatLogLine('error', 'a\nb', { err: new RangeError('bad') }, 0);
    expect(line.split('\n')[0]).toBe('1970-01-01T00:00:00.000Z ERROR a b err="RangeError: bad"');
    expect(line).toMatch(/\n\s+at /);
  });

  it('appends to porthole.log, filters by level, rotates keeping one old file', async () => {
    const log = new FileLog({ dir, maxBytes: 2000, level: 'warn' });
    log.info('not written');
    log.warn('first');
    await log.flush();
    expect(await readFile(log.file, 'utf8')).toMatch(/WARN {2}first\n$/);
    for (let i = 0; i < 60; i++) log.error(`line ${i} ${'x'.repeat(40)}`);
    await log.flush();
    expect((await stat(log.file)).size).toBeLessThanOrEqual(2000);
    const old = await readFile(log.oldFile, 'utf8');
    expect(old.length).toBeGreaterThan(0);
    expect(old).not.toContain('not written');
    expect(await readFile(log.file, 'utf8')).toContain('line 59');
  });
});

describe('secret stores', () => {
  const fastKdf = { N: 1024, r: 8, p: 1 };

  it('MemorySecretStore gets, sets and deletes', async () => {
    const s = new MemorySecretStore();
    expect(await s.get('k')).toBeUndefined();
    await s.set('k', 'v');
    expect(await s.get('k')).toBe('v');
    await s.delete('k');
    expect(await s.get('k')).toBeUndefined();
  });

  it('FileSecretStore encrypts at rest and reopens with the passphrase', async () => {
    const p = join(dir, 'secrets.enc');
    const s = await FileSecretStore.open(p, 'correct horse', fastKdf);
    await s.set('account:1:imap', 'hunter2');
    await s.set('account:2:ftp', 'pässwörd');
    await s.delete('account:2:ftp');
    const raw = await readFile(p, 'utf8');
    expect(raw).not.toContain('hunter2');
    expect(raw).not.toContain('account:1');
    expect((await stat(p)).mode & 0o077).toBe(0);
    const again = await FileSecretStore.open(p, 'correct horse');
    expect(await again.get('account:1:imap')).toBe('hunter2');
    expect(await again.get('account:2:ftp')).toBeUndefined();
  });

  it('refuses a wrong passphrase and a tampered header with EAUTH', async () => {
    const p = join(dir, 'secrets.enc');
    await (await FileSecretStore.open(p, 'right', fastKdf)).set('k', 'v');
    await expect(FileSecretStore.open(p, 'wrong')).rejects.toMatchObject({ code: 'EAUTH' });
    const file = JSON.parse(await readFile(p, 'utf8')) as { N: number };
    await writeFile(p, JSON.stringify({ ...file, N: 2048 }));
    await expect(FileSecretStore.open(p, 'right')).rejects.toMatchObject({ code: 'EAUTH' });
    await writeFile(p, 'garbage');
    await expect(FileSecretStore.open(p, 'right')).rejects.toMatchObject({ code: 'EIO' });
    await expect(FileSecretStore.open(join(dir, 'new'), '')).rejects.toMatchObject({ code: 'EINVALID' });
  });
});
