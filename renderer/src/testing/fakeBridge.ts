import type { Channel, EventName, EventPayload, Req, Res } from '../../../shared/ipc/contract';
import { ok, type Result } from '../../../shared/errors';
import type { Settings } from '../../../shared/ipc/app';
import type { ClientBridge, ConnInfo } from '../api/types';

type Handler<K extends Channel> = (req: Req<K>) => Result<Res<K>> | Promise<Result<Res<K>>>;
export type FakeHandlers = { [K in Channel]?: Handler<K> };

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  lastSection: 'mail',
  proxy: { mode: 'env', url: '', noProxy: '' },
  wireBufferLines: 10_000,
};

/**
 * An in-memory `ClientBridge` for renderer tests and screenshots: answers from handlers (with
 * plain defaults for the app channels), records every call, and lets the test emit events.
 */
export function fakeBridge(handlers: FakeHandlers = {}) {
  const calls: { channel: Channel; req: unknown }[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const connListeners = new Set<(c: ConnInfo) => void>();
  let conn: ConnInfo = { state: 'open', opens: 1 };
  let settings = { ...DEFAULT_SETTINGS };

  const defaults: FakeHandlers = {
    'app.info': () =>
      ok({ name: 'Porthole', version: '0.1.0', platform: 'linux', transport: 'web', userDataDir: '/tmp/porthole', logFile: '/tmp/porthole/porthole.log' }),
    'settings.get': () => ok(settings),
    'settings.set': (patch) => {
      settings = { ...settings, ...patch } as Settings;
      return ok(settings);
    },
    'trust.list': () => ok([]),
    'secrets.status': () => ok({ kind: 'memory', backend: 'memory', persistent: false, insecure: false, insecureAllowed: false }),
    'wire.snapshot': () => ok({ lines: [], dropped: 0 }),
    'wire.connections': () => ok([]),
    'wire.clear': () => ok(null),
    'wire.export': () => ok({ text: '', lines: 0 }),
    'job.list': () => ok([]),
    'job.cancel': () => ok(null),
    'app.openLogFolder': () => ok({ path: '/tmp/porthole', opened: false }),
    'app.selfTest': () => ok({ job: 'job-1' }),
  };

  const bridge: ClientBridge & {
    calls: typeof calls;
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
    setConnection(c: ConnInfo): void;
    callsTo(channel: Channel): unknown[];
  } = {
    transport: 'web',
    calls,
    async invoke<K extends Channel>(channel: K, req: Req<K>): Promise<Result<Res<K>>> {
      calls.push({ channel, req });
      const h = (handlers[channel] ?? defaults[channel]) as Handler<K> | undefined;
      if (!h) return { ok: false, error: { code: 'EINVALID', message: `fake: no handler for ${channel}` } };
      return h(req);
    },
    on<E extends EventName>(event: E, fn: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn as (p: unknown) => void);
      return () => void set.delete(fn as (p: unknown) => void);
    },
    emit(event, payload) {
      for (const fn of listeners.get(event) ?? []) fn(payload);
    },
    connection: () => conn,
    onConnection(fn) {
      connListeners.add(fn);
      return () => void connListeners.delete(fn);
    },
    setConnection(c) {
      conn = c;
      for (const fn of connListeners) fn(c);
    },
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.req),
  };
  return bridge;
}
