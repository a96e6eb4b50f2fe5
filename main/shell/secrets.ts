import { safeStorage } from 'electron';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { writeFileAtomic } from '../services/app/jsonFile';
import type { SecretStore } from '../services/app/secrets';
import type { SecretsStatus } from '../../shared/ipc/app';


/**
 * Passwords encrypted by the OS keyring through Electron's safeStorage, kept as base64 in
 * `secrets.json` in userData (written atomically, mode 0600). On Linux without a keyring safeStorage
 * falls back to `basic_text` — a fixed key, i.e. no protection — so `set` refuses (EINVALID with
 * `detail.reason = 'insecure-backend'`) until the user has agreed via `allowInsecure()`.
 * Create it after `app.whenReady()`: safeStorage is not usable before.
 */
export class SafeStorageSecretStore implements SecretStore {
  private writing: Promise<void> = Promise.resolve();
  private insecureAllowed = false;

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, string>,
  ) {}

  static async open(file: string): Promise<SafeStorageSecretStore> {
    let entries = new Map<string, string>();
    try {
      const doc = JSON.parse(await readFile(file, 'utf8')) as { v?: number; entries?: Record<string, unknown> };
      if (doc.v === 1 && doc.entries && typeof doc.entries === 'object') {
        entries = new Map(Object.entries(doc.entries).filter((e): e is [string, string] => typeof e[1] === 'string'));
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && !(e instanceof SyntaxError)) throw new AppError('EIO', `cannot read ${file}`);
    }
    return new SafeStorageSecretStore(file, entries);
  }

  status(): SecretsStatus {
    const backend = process.platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : 'os';
    return {
      kind: 'keychain',
      backend,
      persistent: true,
      // no keyring (Linux basic_text) or no encryption at all: storing would not protect anything
      insecure: backend === 'basic_text' || !safeStorage.isEncryptionAvailable(),
      insecureAllowed: this.insecureAllowed,
    };
  }

  /** The user has seen the warning and wants passwords stored anyway (for this run). */
  allowInsecure(): void {
    this.insecureAllowed = true;
  }

  async get(key: string): Promise<string | undefined> {
    const b64 = this.entries.get(key);
    if (b64 === undefined) return undefined;
    if (!safeStorage.isEncryptionAvailable()) throw new AppError('EINVALID', 'the OS keyring is not available');
    try {
      return safeStorage.decryptString(Buffer.from(b64, 'base64'));
    } catch {
      // encrypted under another keyring/user: as good as absent; the UI asks for the password again
      return undefined;
    }
  }

  async set(key: string, value: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) throw new AppError('EINVALID', 'the OS keyring is not available', { reason: 'unavailable' });
    if (this.status().insecure && !this.insecureAllowed) {
      throw new AppError('EINVALID', 'no OS keyring: passwords would be stored without real protection', { reason: 'insecure-backend' });
    }
    this.entries.set(key, safeStorage.encryptString(value).toString('base64'));
    await this.save();
  }

  async delete(key: string): Promise<void> {
    if (this.entries.delete(key)) await this.save();
  }

  private save(): Promise<void> {
    const text = JSON.stringify({ v: 1, entries: Object.fromEntries(this.entries) });
    const run = () => writeFileAtomic(this.file, text, 0o600);
    this.writing = this.writing.then(run, run);
    return this.writing;
  }
}
