import { z } from 'zod';
import { Empty, Id, JobId, Void, type RequestMap, type EventMap } from './define';
import { JobStateSchema } from './jobs';

export const SECTIONS = ['mail', 'files', 'terminal', 'url', 'wire', 'settings'] as const;
export const SectionSchema = z.enum(SECTIONS);
export type Section = z.infer<typeof SectionSchema>;

export const ThemeSchema = z.enum(['system', 'light', 'dark']);

export const ProxySettingsSchema = z.object({
  /** env: HTTP(S)_PROXY / NO_PROXY of the process; manual: the fields below; none: direct */
  mode: z.enum(['env', 'manual', 'none']),
  url: z.string().max(2048),
  noProxy: z.string().max(4096),
});

export const SettingsSchema = z.object({
  theme: ThemeSchema,
  lastSection: SectionSchema,
  proxy: ProxySettingsSchema,
  /** how many lines the wire ring buffer keeps */
  wireBufferLines: z.number().int().min(1000).max(1_000_000),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const SettingsPatchSchema = SettingsSchema.partial().strict();

export const TrustEntrySchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  /** SHA-256 fingerprint of the leaf certificate, uppercase hex pairs joined by ':' */
  sha256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  subject: z.string().max(1024).optional(),
  addedAt: z.number(),
});
export type TrustEntry = z.infer<typeof TrustEntrySchema>;

export const PROTOCOLS = ['http', 'imap', 'pop3', 'smtp', 'ftp', 'telnet', 'app'] as const;
export const ProtocolSchema = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof ProtocolSchema>;

/** One line of a connection's transcript; secrets are masked before a line is ever built. */
export const WireLineSchema = z.object({
  seq: z.number().int(),
  t: z.number(),
  conn: z.string(),
  protocol: ProtocolSchema,
  /** out: we sent it; in: the peer sent it; info: our note (connected, TLS, closed, body summary) */
  dir: z.enum(['out', 'in', 'info']),
  text: z.string(),
});
export type WireLine = z.infer<typeof WireLineSchema>;

export const WireConnectionSchema = z.object({
  conn: z.string(),
  protocol: ProtocolSchema,
  label: z.string(),
  openedAt: z.number(),
  closedAt: z.number().optional(),
});
export type WireConnection = z.infer<typeof WireConnectionSchema>;

export const WireFilterSchema = z.object({
  conn: z.string().max(128).optional(),
  protocol: ProtocolSchema.optional(),
  text: z.string().max(256).optional(),
});

/** Where passwords are kept: the OS keychain (Electron safeStorage), memory, or a passphrase file. */
export const SecretsStatusSchema = z.object({
  kind: z.enum(['keychain', 'memory', 'file']),
  /** Linux: the keyring safeStorage picked (`basic_text` = none); otherwise a short description */
  backend: z.string(),
  /** survives a restart */
  persistent: z.boolean(),
  /** storing would not really protect the passwords (Linux without a keyring) */
  insecure: z.boolean(),
  insecureAllowed: z.boolean(),
});
export type SecretsStatus = z.infer<typeof SecretsStatusSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  transport: z.enum(['electron', 'web']),
  userDataDir: z.string(),
  logFile: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appRequests = {
  'app.info': { req: Empty, res: AppInfoSchema },
  /** Electron: opens the folder in the file manager; web host: answers its path to show. */
  'app.openLogFolder': { req: Empty, res: z.object({ path: z.string(), opened: z.boolean() }) },
  /** only http(s) URLs, after the user has seen them */
  'app.openExternal': { req: z.object({ url: z.string().max(8192) }), res: Void },
  'settings.get': { req: Empty, res: SettingsSchema },
  'settings.set': { req: SettingsPatchSchema, res: SettingsSchema },
  'secrets.status': { req: Empty, res: SecretsStatusSchema },
  /** after the user has read the warning: store passwords even though the store is insecure */
  'secrets.allowInsecure': { req: Empty, res: SecretsStatusSchema },
  'trust.list': { req: Empty, res: z.array(TrustEntrySchema) },
  'trust.add': {
    req: TrustEntrySchema.omit({ addedAt: true }),
    res: TrustEntrySchema,
  },
  'trust.revoke': {
    req: z.object({ host: z.string().max(253), port: z.number().int(), sha256: z.string().max(128) }),
    res: Void,
  },
  'wire.snapshot': {
    req: WireFilterSchema.extend({ limit: z.number().int().min(1).max(100_000).optional() }),
    res: z.object({ lines: z.array(WireLineSchema), dropped: z.number().int() }),
  },
  'wire.connections': { req: Empty, res: z.array(WireConnectionSchema) },
  'wire.clear': { req: Empty, res: Void },
  /** the filtered transcript as text, for "export" (the renderer saves it) */
  'wire.export': { req: WireFilterSchema, res: z.object({ text: z.string(), lines: z.number().int() }) },
  'job.list': { req: Empty, res: z.array(JobStateSchema) },
  'job.cancel': { req: z.object({ job: JobId }), res: Void },
  /** a job that only waits: lets the UI and the tests exercise progress and cancel end to end */
  'app.selfTest': {
    req: z.object({ ms: z.number().int().min(0).max(60_000), label: Id.optional() }),
    res: z.object({ job: JobId }),
    result: z.object({ waited: z.number() }),
  },
} satisfies RequestMap;

export const appEvents = {
  'job.state': JobStateSchema,
  /** batched: at most ~10 batches a second */
  'wire.lines': z.object({ lines: z.array(WireLineSchema) }),
  'settings.changed': SettingsSchema,
  /** the last error anywhere in main, for the status bar */
  'app.error': z.object({ code: z.string(), message: z.string(), channel: z.string().optional(), t: z.number() }),
} satisfies EventMap;
