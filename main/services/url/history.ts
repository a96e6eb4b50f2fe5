import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { UrlHistorySummary, type UrlHistoryGetResult } from '../../../shared/ipc/url';
import { UrlFetchRequest } from '../../../shared/ipc/urlFetch';
import { JsonFile, Serial } from '../app/jsonFile';
import type { AppLog } from '../app/log';
import type { SecretStore } from '../app/secrets';
import { HistorySecrets, joinSecrets, splitSecrets } from './historySecrets';

/** A stored entry: the row the list shows, plus what re-sending needs. */
const Entry = UrlHistorySummary.extend({
  /** the request with secrets masked (see historySecrets.ts) */
  request: UrlFetchRequest,
  /** true when secrets of this entry are in the SecretStore under secretKey(id) */
  hasSecrets: z.boolean(),
  bodyOmitted: z.boolean(),
});
type Entry = z.infer<typeof Entry>;
const HistoryFile = z.object({ version: z.literal(1), entries: z.array(Entry) });

export const DEFAULT_HISTORY_LIMIT = 500;
/** a body bigger than this (as JSON) is not kept: 500 entries must stay a small file to rewrite */
export const HISTORY_BODY_MAX = 32 * 1024;
/** the same for an extra CA's PEM (a real one is ~2 KiB) */
const HISTORY_CA_MAX = 64 * 1024;

export const secretKey = (id: string) => `url-history:${id}`;

export interface HistoryRecord {
  request: UrlFetchRequest;
  time: number;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * `url-history.json`: the sent requests, newest first, bounded, written atomically. Credentials
 * never reach the file: they go to the SecretStore (one key per entry) and come back on `get`.
 * Secrets are written before the file and deleted after it, so the file never names a secret
 * that was not stored, and a crash at worst leaves an orphan secret, never a leaked one.
 */
export class HistoryStore {
  private entries: Entry[];
  private readonly serial = new Serial();
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly file: JsonFile<typeof HistoryFile>,
    entries: Entry[],
    private readonly secrets: SecretStore,
    private readonly limit: number,
    private readonly log?: AppLog,
  ) {
    this.entries = entries;
  }

  static async open(dir: string, secrets: SecretStore, opts: { log?: AppLog; limit?: number } = {}): Promise<HistoryStore> {
    const file = new JsonFile(join(dir, 'url-history.json'), HistoryFile, () => ({ version: 1 as const, entries: [] }), opts.log);
    const data = await file.read();
    return new HistoryStore(file, data.entries, secrets, opts.limit ?? DEFAULT_HISTORY_LIMIT, opts.log);
  }

  get path(): string {
    return this.file.path;
  }

  /** called after every change has reached the disk (so a window can reload its list) */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  /** records one send; answers the entry id */
  add(r: HistoryRecord): Promise<string> {
    return this.serial.run(async () => {
      const id = `h-${randomUUID()}`;
      let request = r.request;
      let bodyOmitted = false;
      if (JSON.stringify(request.body).length > HISTORY_BODY_MAX) {
        request = { ...request, body: { kind: 'none' } };
        bodyOmitted = true;
      }
      if (request.ca !== undefined && request.ca.length > HISTORY_CA_MAX) request = { ...request, ca: undefined };
      const { stored, secrets } = splitSecrets(request);
      if (secrets) await this.secrets.set(secretKey(id), JSON.stringify(secrets));
      const entry: Entry = {
        id, time: r.time, method: stored.method, url: stored.url, status: r.status, error: r.error,
        durationMs: Math.round(r.durationMs), request: stored, hasSecrets: secrets !== null, bodyOmitted,
      };
      const next = [entry, ...this.entries];
      const evicted = next.splice(this.limit);
      await this.save(next);
      await this.forgetSecrets(evicted);
      return id;
    });
  }

  /** newest first; `query`: case-insensitive substring of `METHOD url` */
  list(query?: string, limit = 200): UrlHistorySummary[] {
    const q = query?.trim().toLowerCase() ?? '';
    const out: UrlHistorySummary[] = [];
    for (const e of this.entries) {
      if (out.length >= limit) break;
      if (q && !`${e.method} ${e.url}`.toLowerCase().includes(q)) continue;
      out.push({ id: e.id, time: e.time, method: e.method, url: e.url, status: e.status, error: e.error, durationMs: e.durationMs });
    }
    return out;
  }

  /** the request with its secrets restored */
  async get(id: string): Promise<UrlHistoryGetResult> {
    const e = this.find(id);
    if (!e.hasSecrets) return { request: e.request, secretsMissing: false, bodyOmitted: e.bodyOmitted };
    const raw = await this.secrets.get(secretKey(id));
    const parsed = raw === undefined ? null : HistorySecrets.safeParse(safeJson(raw));
    if (!parsed?.success) return { request: e.request, secretsMissing: true, bodyOmitted: e.bodyOmitted };
    return { request: joinSecrets(e.request, parsed.data), secretsMissing: false, bodyOmitted: e.bodyOmitted };
  }

  delete(id: string): Promise<void> {
    return this.serial.run(async () => {
      const e = this.find(id);
      await this.save(this.entries.filter((x) => x !== e));
      await this.forgetSecrets([e]);
    });
  }

  clear(): Promise<void> {
    return this.serial.run(async () => {
      const all = this.entries;
      await this.save([]);
      await this.forgetSecrets(all);
    });
  }

  private find(id: string): Entry {
    const e = this.entries.find((x) => x.id === id);
    if (!e) throw new AppError('ENOTFOUND', 'No such history entry');
    return e;
  }

  // memory changes only after the disk has the new list, so a failed write changes nothing
  private async save(entries: Entry[]): Promise<void> {
    await this.file.write({ version: 1, entries });
    this.entries = entries;
    for (const fn of this.listeners) fn();
  }

  private async forgetSecrets(entries: Entry[]): Promise<void> {
    for (const e of entries) {
      if (!e.hasSecrets) continue;
      await this.secrets.delete(secretKey(e.id)).catch((err: unknown) => this.log?.warn('url history: could not delete a secret', { err }));
    }
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}
