import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSafeStorage } from './__fakes__/electron';
import { SafeStorageSecretStore } from './secrets';

vi.mock('electron', async () => (await import('./__fakes__/electron')).electronModule);

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-safe-'));
  file = join(dir, 'secrets.json');
  fakeSafeStorage.available = true;
  fakeSafeStorage.backend = 'gnome_libsecret';
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SafeStorageSecretStore', () => {
  it('round-trips through safeStorage and a 0600 file holding only ciphertext', async () => {
    const s = await SafeStorageSecretStore.open(file);
    await s.set('imap:alice@example.test', 'alicepass');
    await s.set('ftp:ftpuser', 'ftppass');
    await s.delete('ftp:ftpuser');
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain('alicepass');
    expect((await stat(file)).mode & 0o077).toBe(0);
    const again = await SafeStorageSecretStore.open(file);
    expect(await again.get('imap:alice@example.test')).toBe('alicepass');
    expect(await again.get('ftp:ftpuser')).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('reports basic_text as insecure and refuses to store until the user allows it', async () => {
    fakeSafeStorage.backend = 'basic_text';
    const s = await SafeStorageSecretStore.open(file);
    expect(s.status()).toEqual({ kind: 'keychain', backend: 'basic_text', persistent: true, insecure: true, insecureAllowed: false });
    await expect(s.set('k', 'v')).rejects.toMatchObject({ code: 'EINVALID', detail: { reason: 'insecure-backend' } });
    s.allowInsecure();
    await s.set('k', 'v');
    expect(await s.get('k')).toBe('v');
  });

  it('refuses to store when no encryption is available', async () => {
    fakeSafeStorage.available = false;
    const s = await SafeStorageSecretStore.open(file);
    await expect(s.set('k', 'v')).rejects.toMatchObject({ code: 'EINVALID', detail: { reason: 'unavailable' } });
  });

  it('treats a value it cannot decrypt as absent, and a corrupt file as empty', async () => {
    await writeFile(file, JSON.stringify({ v: 1, entries: { k: Buffer.from('garbage').toString('base64') } }));
    expect(await (await SafeStorageSecretStore.open(file)).get('k')).toBeUndefined();
    await writeFile(file, '{corrupt');
    expect(await (await SafeStorageSecretStore.open(file)).get('k')).toBeUndefined();
  });
});
