import type { SecretsStatus } from '../../../shared/ipc/app';
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { Serial, writeFileAtomic } from './jsonFile';

/**
 * Where passwords live — never in a profile, a log or the wire. Keys are opaque names chosen by
 * services (e.g. `account:3f2a:imap`). Implementations: MemorySecretStore (tests, browser host
 * without a passphrase), FileSecretStore (CLI/host with a passphrase), and the Electron
 * safeStorage store in main/shell.
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** where passwords go, for Settings (see SecretsStatus in shared/ipc/app.ts) */
  status(): SecretsStatus;
  /** the user has seen the warning of an insecure store and wants to store anyway (this run) */
  allowInsecure?(): void;
}

/** Lives as long as the process: nothing touches the disk. */
export class MemorySecretStore implements SecretStore {
  private readonly map = new Map<string, string>();
  status(): SecretsStatus {
    return { kind: 'memory', backend: 'memory', persistent: false, insecure: false, insecureAllowed: false };
  }
  async get(key: string): Promise<string | undefined> {
    return this.map.get(key);
  }
  async set(key: string, value: string): Promise<void> {
    this.map.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.map.delete(key);
  }
}

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const FileSchema = z.object({
  v: z.literal(1),
  kdf: z.literal('scrypt'),
  N: z.number().int().min(1024).max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: b64,
  iv: b64,
  tag: b64,
  data: b64,
});
type SecretsFile = z.infer<typeof FileSchema>;

export interface KdfParams {
  N: number;
  r: number;
  p: number;
}
/** OWASP's scrypt minimum is N=2^17,r=8,p=1; 2^15 keeps opening under ~0.1 s on slow machines */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 15, r: 8, p: 1 };

function deriveKey(passphrase: string, salt: Buffer, k: KdfParams): Promise<Buffer> {
  const opts: ScryptOptions = { ...k, maxmem: 256 * k.N * k.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(passphrase.normalize('NFC'), salt, 32, opts, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

/**
 * A JSON map of secrets encrypted with a key derived from the user's passphrase (scrypt) using
 * AES-256-GCM (authenticated: a tampered file or a wrong passphrase is refused, not misread).
 * Every save uses a fresh IV and is written atomically.
 * @example const s = await FileSecretStore.open(join(dir, 'secrets.enc'), passphrase)
 */
export class FileSecretStore implements SecretStore {
  private readonly serial = new Serial();
  status(): SecretsStatus {
    return { kind: 'file', backend: 'scrypt+aes-256-gcm', persistent: true, insecure: false, insecureAllowed: false };
  }

  private constructor(
    readonly path: string,
    private readonly key: Buffer,
    private readonly header: Pick<SecretsFile, 'v' | 'kdf' | 'N' | 'r' | 'p' | 'salt'>,
    private map: Map<string, string>,
  ) {}

  /** opens (or, when missing, starts) the file; a wrong passphrase fails with EAUTH */
  static async open(path: string, passphrase: string, kdf: KdfParams = DEFAULT_KDF): Promise<FileSecretStore> {
    if (!passphrase) throw new AppError('EINVALID', 'A passphrase is required');
    let text: string | null = null;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new AppError('EIO', `Cannot read secrets: ${(e as Error).message}`);
    }
    if (text === null) {
      const salt = randomBytes(16);
      const key = await deriveKey(passphrase, salt, kdf);
      const header = { v: 1 as const, kdf: 'scrypt' as const, ...kdf, salt: salt.toString('base64') };
      return new FileSecretStore(path, key, header, new Map());
    }
    let file: SecretsFile;
    try {
      file = FileSchema.parse(JSON.parse(text));
    } catch {
      throw new AppError('EIO', 'The secrets file is damaged');
    }
    const key = await deriveKey(passphrase, Buffer.from(file.salt, 'base64'), file);
    let plain: string;
    try {
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
      d.setAAD(aad(file));
      d.setAuthTag(Buffer.from(file.tag, 'base64'));
      plain = Buffer.concat([d.update(Buffer.from(file.data, 'base64')), d.final()]).toString('utf8');
    } catch {
      throw new AppError('EAUTH', 'Wrong passphrase (or the secrets file was altered)');
    }
    const map = new Map(Object.entries(z.record(z.string(), z.string()).parse(JSON.parse(plain))));
    const { v, kdf: k, N, r, p, salt } = file;
    return new FileSecretStore(path, key, { v, kdf: k, N, r, p, salt }, map);
  }

  async get(key: string): Promise<string | undefined> {
    return this.map.get(key);
  }

  set(key: string, value: string): Promise<void> {
    return this.serial.run(() => this.save(new Map(this.map).set(key, value)));
  }

  delete(key: string): Promise<void> {
    return this.serial.run(async () => {
      if (!this.map.has(key)) return;
      const next = new Map(this.map);
      next.delete(key);
      await this.save(next);
    });
  }

  private async save(next: Map<string, string>): Promise<void> {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(aad(this.header));
    const data = Buffer.concat([c.update(JSON.stringify(Object.fromEntries(next)), 'utf8'), c.final()]);
    const file: SecretsFile = {
      ...this.header,
      iv: iv.toString('base64'),
      tag: c.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    await writeFileAtomic(this.path, JSON.stringify(file) + '\n', 0o600);
    this.map = next;
  }
}

// The header is authenticated too, so nobody can lower the KDF cost or swap the salt unnoticed.
function aad(h: Pick<SecretsFile, 'v' | 'kdf' | 'N' | 'r' | 'p' | 'salt'>): Buffer {
  return Buffer.from(JSON.stringify([h.v, h.kdf, h.N, h.r, h.p, h.salt]));
}
