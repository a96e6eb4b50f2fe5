import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore, PassphraseFileSecretStore } from './secrets';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const N = 2 ** 10; // cheap KDF for tests; the default is 2^15

describe('PassphraseFileSecretStore', () => {
  it('round-trips through the encrypted file, and the file holds no plain text', async () => {
    const file = join(dir, 'secrets.enc.json');
    const a = await PassphraseFileSecretStore.open(file, 'correct horse', { N });
    await a.set('imap:alice', 'alicepass');
    await a.set('ftp:ftpuser', 'ftppass');
    await a.delete('ftp:ftpuser');
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain('alicepass');
    expect(raw).not.toContain('imap:alice');
    expect((await stat(file)).mode & 0o077).toBe(0);
    const b = await PassphraseFileSecretStore.open(file, 'correct horse');
    expect(await b.get('imap:alice')).toBe('alicepass');
    expect(await b.get('ftp:ftpuser')).toBeUndefined();
  });

  it('refuses a wrong passphrase with EAUTH and leaves the file alone', async () => {
    const file = join(dir, 's.json');
    const a = await PassphraseFileSecretStore.open(file, 'one', { N });
    await a.set('k', 'v');
    const before = await readFile(file, 'utf8');
    await expect(PassphraseFileSecretStore.open(file, 'two')).rejects.toMatchObject({ code: 'EAUTH' });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses an empty passphrase, a foreign file and absurd KDF parameters', async () => {
    await expect(PassphraseFileSecretStore.open(join(dir, 'x'), '')).rejects.toMatchObject({ code: 'EINVALID' });
    await writeFile(join(dir, 'junk'), '{"hello":1}');
    await expect(PassphraseFileSecretStore.open(join(dir, 'junk'), 'p')).rejects.toMatchObject({ code: 'EIO' });
    const file = join(dir, 's.json');
    await (await PassphraseFileSecretStore.open(file, 'p', { N })).set('k', 'v');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.kdf.N = 2 ** 30;
    await writeFile(file, JSON.stringify(doc));
    await expect(PassphraseFileSecretStore.open(file, 'p')).rejects.toMatchObject({ code: 'EIO' });
  });
});

describe('MemorySecretStore', () => {
  it('keeps values for the life of the process', async () => {
    const s = new MemorySecretStore();
    await s.set('a', '1');
    expect(await s.get('a')).toBe('1');
    await s.delete('a');
    expect(await s.get('a')).toBeUndefined();
  });
});
