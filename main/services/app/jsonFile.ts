import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { AppLog } from './log';

// Writes to one path are chained so two saves can never interleave their renames.
const chains = new Map<string, Promise<unknown>>();

/**
 * Writes a file atomically: a temp file in the same directory (same file system, so the rename is
 * atomic), fsync'd before the rename, so a crash leaves either the old or the new content — never
 * a torn file. Writes to the same path are serialized.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const prev = chains.get(path) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(() => writeNow(path, data, mode));
  chains.set(path, next);
  // forget settled chains so the map does not grow with every path ever written
  void next.catch(() => undefined).then(() => {
    if (chains.get(path) === next) chains.delete(path);
  });
  return next;
}

async function writeNow(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new AppError('EIO', `Cannot write ${basename(path)}: ${(e as Error).message}`);
  }
  // make the rename itself durable; directories cannot be opened for fsync on Windows
  if (process.platform !== 'win32') {
    const dh = await open(dir, 'r').catch(() => null);
    await dh?.sync().catch(() => undefined);
    await dh?.close();
  }
}

/**
 * One JSON document on disk, validated by a zod schema on the way in and out.
 * @example const f = new JsonFile(join(dir, 'trust.json'), TrustFileSchema, () => ({ entries: [] }), log)
 */
export class JsonFile<S extends z.ZodType> {
  constructor(
    readonly path: string,
    private readonly schema: S,
    private readonly defaults: () => z.output<S>,
    private readonly log?: AppLog,
  ) {}

  /**
   * The stored value; the defaults when the file does not exist. A file that is not JSON or does
   * not match the schema is kept aside as `<name>.bad-<time>` (the user's data is never silently
   * overwritten) and the defaults are used.
   */
  async read(): Promise<z.output<S>> {
    const raw = await this.readRaw();
    if (raw === undefined) return this.defaults();
    const parsed = this.schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    await this.setAside('does not match its schema');
    return this.defaults();
  }

  /**
   * The parsed JSON without schema validation (undefined when missing or unparsable) — for stores
   * that salvage what they can from an older or partly invalid file.
   */
  async readRaw(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new AppError('EIO', `Cannot read ${basename(this.path)}: ${(e as Error).message}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      await this.setAside('is not valid JSON');
      return undefined;
    }
  }

  /** validates (a bug here must not reach the disk), then writes atomically */
  async write(value: z.output<S>): Promise<void> {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) throw new AppError('EINTERNAL', `Refusing to write an invalid ${basename(this.path)}`);
    await writeFileAtomic(this.path, JSON.stringify(parsed.data, null, 2) + '\n');
  }

  private async setAside(why: string): Promise<void> {
    const aside = `${this.path}.bad-${Date.now()}`;
    await rename(this.path, aside).catch(() => undefined);
    this.log?.warn(`${basename(this.path)} ${why}; kept aside, using defaults`, { aside: basename(aside) });
  }
}

/**
 * Runs read-modify-write operations one at a time, so two concurrent updates of a store cannot
 * both start from the same old state and lose one change.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.catch(() => undefined).then(fn);
    this.tail = next;
    return next;
  }
}
