import { z } from 'zod';

/**
 * The one list of error codes every layer speaks (imapflow/nodemailer style: strings, not classes).
 * The renderer maps each code to user words in one file (renderer/src/lib/errorText.ts).
 */
export const ERROR_CODES = [
  'EAUTH', // credentials refused
  'ECONNECTION', // could not connect / connection dropped
  'ETIMEDOUT', // no answer in time
  'ETLS', // TLS handshake failed for a reason other than trust
  'ECERT', // certificate not trusted (detail carries the chain / fingerprint)
  'EPROTOCOL', // the peer broke the protocol
  'ENOTFOUND', // host, file, mailbox, message … does not exist
  'EEXIST', // already exists
  'ECANCELLED', // the user (or a closed window) cancelled
  'EINVALID', // bad input (schema validation, bad URL …)
  'ELIMIT', // a size/count limit was hit (decoded body, line length, redirects …)
  'EIO', // local file system error
  'EINTERNAL', // a bug: anything not mapped to a code above
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const AppErrorDataSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  detail: z.unknown().optional(),
});
export type AppErrorData = z.infer<typeof AppErrorDataSchema>;

/** Thrown inside main; the router turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail?: unknown;
  constructor(code: ErrorCode, message: string, detail?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }
  toJSON(): AppErrorData {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, detail?: unknown): Result<never> => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Builds a zod schema for `Result<T>` so transports can validate what they receive. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppErrorDataSchema }),
  ]);
}
