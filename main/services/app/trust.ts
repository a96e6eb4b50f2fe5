import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { TrustEntrySchema, type TrustEntry } from '../../../shared/ipc/app';
import { JsonFile, Serial } from './jsonFile';
import type { AppLog } from './log';

const TrustFileSchema = z.object({ version: z.literal(1), entries: z.array(TrustEntrySchema) });

/**
 * A SHA-256 fingerprint in the one form we store and compare: uppercase hex pairs joined by ':'.
 * Accepts `ab:cd…`, `ABCD…`, `ab cd …`, an optional `sha256/` or `SHA256:` prefix. null if not
 * 32 bytes of hex.
 * @example normalizeFingerprint('ab' + '00'.repeat(31)) // 'AB:00:…:00'
 */
export function normalizeFingerprint(fp: string): string | null {
  const hex = fp.trim().replace(/^sha-?256[:/]?\s*/i, '').replace(/[\s:-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

/** Host names compare case-insensitively, without a trailing dot or IPv6 brackets. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
}

/**
 * `trust.json`: certificates the user accepted, pinned by leaf fingerprint per host:port. A pin
 * only ever *adds* trust for exactly that certificate at exactly that endpoint; a changed
 * certificate is shown to the user again.
 */
export class TrustStore {
  private entries: TrustEntry[];
  private readonly serial = new Serial();

  private constructor(
    private readonly file: JsonFile<typeof TrustFileSchema>,
    entries: TrustEntry[],
    private readonly now: () => number,
  ) {
    this.entries = entries;
  }

  static async open(dir: string, opts: { log?: AppLog; now?: () => number } = {}): Promise<TrustStore> {
    const file = new JsonFile(join(dir, 'trust.json'), TrustFileSchema, () => ({ version: 1 as const, entries: [] }), opts.log);
    const data = await file.read();
    return new TrustStore(file, data.entries, opts.now ?? Date.now);
  }

  get path(): string {
    return this.file.path;
  }

  list(): TrustEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  isTrusted(host: string, port: number, sha256: string): boolean {
    const fp = normalizeFingerprint(sha256);
    const h = normalizeHost(host);
    return fp !== null && this.entries.some((e) => e.host === h && e.port === port && e.sha256 === fp);
  }

  /** pins a fingerprint; pinning the same one again answers the existing entry */
  add(entry: { host: string; port: number; sha256: string; subject?: string }): Promise<TrustEntry> {
    return this.serial.run(() => this.addNow(entry));
  }

  private async addNow(entry: { host: string; port: number; sha256: string; subject?: string }): Promise<TrustEntry> {
    const sha256 = normalizeFingerprint(entry.sha256);
    if (!sha256) throw new AppError('EINVALID', 'Not a SHA-256 fingerprint');
    const host = normalizeHost(entry.host);
    if (!host || !Number.isInteger(entry.port) || entry.port < 1 || entry.port > 65535) {
      throw new AppError('EINVALID', 'Invalid host or port');
    }
    const existing = this.entries.find((e) => e.host === host && e.port === entry.port && e.sha256 === sha256);
    if (existing) return { ...existing };
    const added: TrustEntry = TrustEntrySchema.parse({
      host,
      port: entry.port,
      sha256,
      ...(entry.subject ? { subject: entry.subject } : {}),
      addedAt: this.now(),
    });
    await this.save([...this.entries, added]);
    return { ...added };
  }

  /** removes one pin; ENOTFOUND when there is no such pin */
  revoke(host: string, port: number, sha256: string): Promise<void> {
    return this.serial.run(() => this.revokeNow(host, port, sha256));
  }

  private async revokeNow(host: string, port: number, sha256: string): Promise<void> {
    const fp = normalizeFingerprint(sha256);
    const h = normalizeHost(host);
    const rest = this.entries.filter((e) => !(e.host === h && e.port === port && e.sha256 === fp));
    if (fp === null || rest.length === this.entries.length) throw new AppError('ENOTFOUND', 'No such trusted certificate');
    await this.save(rest);
  }

  // memory changes only after the disk has the new list, so a failed write changes nothing
  private async save(entries: TrustEntry[]): Promise<void> {
    await this.file.write({ version: 1, entries });
    this.entries = entries;
  }
}
