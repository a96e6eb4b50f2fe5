import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { writeFileAtomic } from './fsAtomic';

/** The shape main/services/app/secrets.ts declares; restated so this file stands alone. */
export interface SecretStoreLike {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Secrets that live as long as the process: the browser host's default (nothing touches disk). */
export class MemorySecretStore implements SecretStoreLike {
  private readonly map = new Map<string, string>();
  async get(key: string) {
    return this.map.get(key);
  }
  async set(key: string, value: string) {
    this.map.set(key, value);
  }
  async delete(key: string) {
    this.map.delete(key);
  }
}

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(pw, salt, len, opts, (e, k) => (e ? reject(e) : resolve(k))));

interface FileV1 {
  v: 1;
  kdf: { name: 'scrypt'; salt: string; N: number; r: number; p: number };
  iv: string;
  tag: string;
  data: string;
}

/**
 * Secrets in one file encrypted with a key derived from a passphrase the user gives
 * (`PORTHOLE_SECRETS_PASSPHRASE`): scrypt → AES-256-GCM over the whole JSON map, a fresh IV on
 * every write, written atomically with mode 0600. A wrong passphrase fails GCM authentication and
 * is reported as EAUTH at open, before anything could overwrite the file.
 */
export class PassphraseFileSecretStore implements SecretStoreLike {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly key: Buffer,
    private readonly kdf: FileV1['kdf'],
    private readonly map: Map<string, string>,
  ) {}

  /** `N` is scrypt's cost (2^15 ≈ 100 ms, 32 MiB); tests may lower it. */
  static async open(file: string, passphrase: string, opts: { N?: number } = {}): Promise<PassphraseFileSecretStore> {
    if (passphrase.length === 0) throw new AppError('EINVALID', 'the secrets passphrase is empty');
    const raw = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw new AppError('EIO', `cannot read ${file}: ${e.message}`);
    });
    if (raw === undefined) {
      const kdf = { name: 'scrypt' as const, salt: randomBytes(16).toString('base64'), N: opts.N ?? 2 ** 15, r: 8, p: 1 };
      return new PassphraseFileSecretStore(file, await derive(passphrase, kdf), kdf, new Map());
    }
    let parsed: FileV1;
    try {
      parsed = JSON.parse(raw) as FileV1;
      if (parsed.v !== 1 || parsed.kdf?.name !== 'scrypt') throw new Error('unknown format');
    } catch (e) {
      throw new AppError('EIO', `${file} is not a Porthole secrets file: ${(e as Error).message}`);
    }
    const key = await derive(passphrase, parsed.kdf);
    let plain: string;
    try {
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(parsed.iv, 'base64'));
      d.setAuthTag(Buffer.from(parsed.tag, 'base64'));
      plain = Buffer.concat([d.update(Buffer.from(parsed.data, 'base64')), d.final()]).toString('utf8');
    } catch {
      throw new AppError('EAUTH', 'the secrets passphrase does not open this secrets file');
    }
    const entries = JSON.parse(plain) as Record<string, string>;
    return new PassphraseFileSecretStore(file, key, parsed.kdf, new Map(Object.entries(entries)));
  }

  async get(key: string) {
    return this.map.get(key);
  }
  async set(key: string, value: string) {
    this.map.set(key, value);
    await this.save();
  }
  async delete(key: string) {
    if (this.map.delete(key)) await this.save();
  }

  /** Writes are chained so two quick sets cannot land out of order. */
  private save(): Promise<void> {
    const snapshot = JSON.stringify(Object.fromEntries(this.map));
    const run = async () => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', this.key, iv);
      const data = Buffer.concat([c.update(snapshot, 'utf8'), c.final()]);
      const out: FileV1 = { v: 1, kdf: this.kdf, iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') };
      await writeFileAtomic(this.file, JSON.stringify(out), 0o600);
    };
    this.writing = this.writing.then(run, run);
    return this.writing;
  }
}

function derive(passphrase: string, kdf: FileV1['kdf']): Promise<Buffer> {
  // bound the cost a tampered file can ask for (2^20 is already ~1 GiB of memory)
  if (!(kdf.N >= 2 ** 10 && kdf.N <= 2 ** 20 && kdf.r === 8 && kdf.p === 1)) {
    throw new AppError('EIO', 'secrets file asks for unsupported key-derivation parameters');
  }
  return scrypt(passphrase, Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 });
}
