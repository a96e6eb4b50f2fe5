import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { SettingsPatchSchema, SettingsSchema, type Settings } from '../../../shared/ipc/app';
import { JsonFile, Serial } from './jsonFile';
import type { AppLog } from './log';

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  theme: 'system',
  lastSection: 'url',
  proxy: Object.freeze({ mode: 'env', url: '', noProxy: '' }),
  wireBufferLines: 20_000,
}) as Settings;

export type SettingsPatch = Partial<Settings>;

/**
 * `settings.json`: small app preferences. Each key is validated on its own when read, so one bad
 * or obsolete value (hand edit, older version) falls back to its default without losing the rest.
 */
export class SettingsStore {
  private current: Settings;
  private readonly listeners = new Set<(s: Settings) => void>();
  private readonly serial = new Serial();

  private constructor(
    private readonly file: JsonFile<typeof SettingsSchema>,
    initial: Settings,
  ) {
    this.current = initial;
  }

  static async open(dir: string, log?: AppLog): Promise<SettingsStore> {
    const file = new JsonFile(join(dir, 'settings.json'), SettingsSchema, () => structuredClone(DEFAULT_SETTINGS), log);
    const raw = await file.readRaw();
    const merged = structuredClone(DEFAULT_SETTINGS) as Record<string, unknown>;
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
        const r = schema.safeParse((raw as Record<string, unknown>)[key]);
        if (r.success) merged[key] = r.data;
        else if (key in raw) log?.warn('settings.json: invalid value replaced by its default', { setting: key });
      }
    }
    return new SettingsStore(file, SettingsSchema.parse(merged));
  }

  get path(): string {
    return this.file.path;
  }

  /** a copy: callers cannot change the store by mutating it */
  get(): Settings {
    return structuredClone(this.current);
  }

  /** validates, persists, then notifies listeners (settings.changed) */
  patch(patch: SettingsPatch): Promise<Settings> {
    const p = SettingsPatchSchema.safeParse(patch);
    if (!p.success) return Promise.reject(new AppError('EINVALID', 'Invalid settings'));
    return this.serial.run(async () => {
      const next = SettingsSchema.parse({ ...this.current, ...p.data });
      await this.file.write(next);
      this.current = next;
      for (const fn of this.listeners) fn(this.get());
      return this.get();
    });
  }

  /** returns an unsubscribe function */
  onChange(fn: (s: Settings) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
