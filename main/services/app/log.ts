import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The app log: what happened in main, for the user to attach to a bug report. It never holds
 * payloads or secrets — callers pass a message and a few *named* fields, which are reduced to
 * short scalars, with credential-looking keys redacted.
 */
export interface AppLog {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  /** `fields.err` may be any thrown value: its name, message and stack are logged */
  error(msg: string, fields?: LogFields): void;
}
export type LogFields = Record<string, unknown>;
export type LogLevel = 'info' | 'warn' | 'error';

const LEVELS: Record<LogLevel, number> = { info: 0, warn: 1, error: 2 };
const SECRET_KEY = /pass|secret|token|auth|cookie|key|credential|payload|body/i;
const MAX_FIELD = 200;

/** One log line: `2024-05-01T10:00:00.000Z WARN  message key=value …` (fields sanitised). */
export function formatLogLine(level: LogLevel, msg: string, fields: LogFields | undefined, now: number): string {
  let line = `${new Date(now).toISOString()} ${level.toUpperCase().padEnd(5)} ${oneLine(msg, 500)}`;
  let stack = '';
  for (const [k, v] of Object.entries(fields ?? {})) {
    if (k === 'err') {
      const e = v as { name?: unknown; message?: unknown; stack?: unknown } | undefined;
      line += ` err=${JSON.stringify(oneLine(String(e?.name ?? 'Error') + ': ' + String(e?.message ?? v), MAX_FIELD))}`;
      if (typeof e?.stack === 'string') stack = '\n' + e.stack.split('\n').slice(1, 16).join('\n');
      continue;
    }
    line += ` ${k}=${SECRET_KEY.test(k) ? '[redacted]' : scalar(v)}`;
  }
  return line + stack + '\n';
}

function scalar(v: unknown): string {
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(oneLine(v, MAX_FIELD));
  // objects are not dumped: that is how payloads end up in logs
  return Array.isArray(v) ? `[array(${v.length})]` : `[${typeof v}]`;
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/[\r\n]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export interface FileLogOptions {
  dir: string;
  /** rotate when the file would pass this size; one old file (`porthole.1.log`) is kept */
  maxBytes?: number;
  level?: LogLevel;
  /** also echo to stderr (dev, CLI) */
  echo?: boolean;
  now?: () => number;
}

/**
 * `porthole.log` in the user-data dir. Writes are queued and appended in batches off the caller's
 * stack (a burst of invalid requests costs one append), in order; `flush()` waits for them.
 */
export class FileLog implements AppLog {
  readonly file: string;
  readonly oldFile: string;
  private readonly maxBytes: number;
  private readonly min: number;
  private readonly echo: boolean;
  private readonly now: () => number;
  private queue: string[] = [];
  private size = -1; // unknown until the first flush stats the file
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;

  constructor(opts: FileLogOptions) {
    this.file = join(opts.dir, 'porthole.log');
    this.oldFile = join(opts.dir, 'porthole.1.log');
    this.maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
    this.min = LEVELS[opts.level ?? 'info'];
    this.echo = opts.echo ?? false;
    this.now = opts.now ?? Date.now;
  }

  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }

  /** resolves when everything logged so far is on disk */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.drain());
    return this.writing;
  }

  private write(level: LogLevel, msg: string, fields?: LogFields): void {
    if (LEVELS[level] < this.min) return;
    const line = formatLogLine(level, msg, fields, this.now());
    if (this.echo) process.stderr.write(line);
    this.queue.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      // queueMicrotask, not a timer: logging must not depend on (possibly faked) timers
      queueMicrotask(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
  }

  private async drain(): Promise<void> {
    if (this.queue.length === 0) return;
    const lines = this.queue;
    this.queue = [];
    try {
      if (this.size < 0) {
        await mkdir(join(this.file, '..'), { recursive: true });
        this.size = await stat(this.file).then((s) => s.size, () => 0);
      }
      // append in chunks that each fit the size limit, rotating between them, so a burst never
      // grows the file past maxBytes (a single line longer than the limit gets a file of its own)
      let chunk = '';
      let chunkBytes = 0;
      for (const line of lines) {
        const bytes = Buffer.byteLength(line);
        if (this.size + chunkBytes + bytes > this.maxBytes && this.size + chunkBytes > 0) {
          await this.append(chunk, chunkBytes);
          chunk = '';
          chunkBytes = 0;
          await rename(this.file, this.oldFile); // replaces the previous old file
          this.size = 0;
        }
        chunk += line;
        chunkBytes += bytes;
      }
      await this.append(chunk, chunkBytes);
    } catch (e) {
      // the log must never take the app down; say it on stderr
      process.stderr.write(`porthole: cannot write ${this.file}: ${(e as Error).message}\n`);
    }
  }

  private async append(text: string, bytes: number): Promise<void> {
    if (!text) return;
    await appendFile(this.file, text, { mode: 0o600 });
    this.size += bytes;
  }
}

/** Keeps entries in memory: for tests that assert what was logged. */
export class MemoryLog implements AppLog {
  readonly entries: { level: LogLevel; msg: string; fields?: LogFields; line: string }[] = [];
  info(msg: string, fields?: LogFields): void {
    this.push('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.push('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.push('error', msg, fields);
  }
  private push(level: LogLevel, msg: string, fields?: LogFields) {
    this.entries.push({ level, msg, fields, line: formatLogLine(level, msg, fields, 0) });
  }
}

export const nullLog: AppLog = { info() {}, warn() {}, error() {} };
