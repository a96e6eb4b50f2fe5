import type { z } from 'zod';
import { AppError, fail, isAppError, ok, type AppErrorData, type Result } from '../../shared/errors';
import { events, isChannel, requests, type Channel, type EventName, type EventPayload } from '../../shared/ipc/contract';
import type { RequestDef } from '../../shared/ipc/define';
import type { JobState } from '../../shared/ipc/jobs';
import type { AppLog } from '../services/app/log';
import { createJobRegistry, isAbortLike, type JobRegistry } from './jobs';
import type { Caller, EventSink, Handler, HandlerContext, ReqOut } from './types';

export interface HandleOptions<K extends Channel> {
  /** job channels: the label shown in the status bar (default: the request's `label`, else the channel) */
  label?: (req: ReqOut<K>) => string;
}

export interface Router {
  /** register the one handler of a contract channel (throws if the channel is unknown or taken) */
  handle<K extends Channel>(channel: K, handler: Handler<K>, opts?: HandleOptions<K>): void;
  /**
   * Validates with requests[channel].req, checks the caller is connected, runs, wraps into Result.
   * Never throws. For a job channel it answers `{ job }` at once and runs the handler as a job.
   */
  invoke(caller: Caller, channel: string, payload: unknown): Promise<Result<unknown>>;
  /** a transport registers a caller and its event sink; detach() cancels every job the caller owns */
  connect(caller: Caller, sink: EventSink): () => void;
  /** push an event to one caller id, or to every connected caller when `to` is omitted */
  emit<E extends EventName>(event: E, payload: EventPayload<E>, to?: string): void;
  readonly jobs: JobRegistry;
}

interface Connection {
  caller: Caller;
  sink: EventSink;
  /** plain (non-job) calls in flight: aborted when the caller goes away */
  inflight: Set<AbortController>;
}

type AnyHandler = (req: unknown, ctx: HandlerContext) => unknown;

const noProgress = () => {};

/** zod issues as paths and messages only: the values (which may be secrets) never leave. */
function issuesOf(err: z.ZodError): { path: string; message: string }[] {
  return err.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * The router: the one place between transports and services. Transports authenticate senders and
 * hand over a Caller; the router refuses unknown channels and invalid payloads before any service
 * sees them, turns every outcome into a Result, and runs long work as jobs.
 * @example const r = createRouter({ log }); r.handle('settings.get', () => settings.get());
 */
export function createRouter(opts: { log: AppLog; validateResponses?: boolean }): Router {
  const { log } = opts;
  // response checks catch our own bugs in dev and tests; production trusts its handlers
  const checkResponses = opts.validateResponses ?? process.env.NODE_ENV !== 'production';
  const handlers = new Map<string, { fn: AnyHandler; label?: (req: never) => string }>();
  const connections = new Map<string, Connection>();

  const toError = (e: unknown, channel: string, aborted = false): AppErrorData => {
    if (isAppError(e)) return e.toJSON();
    if (aborted || isAbortLike(e)) return { code: 'ECANCELLED', message: 'Cancelled' };
    log.error('internal error', { channel, err: e });
    const msg = e instanceof Error ? e.message : String(e);
    return { code: 'EINTERNAL', message: `Internal error: ${msg.slice(0, 300)}` };
  };

  const deliver = (conn: Connection, event: string, payload: unknown) => {
    try {
      (conn.sink as (e: string, p: unknown) => void)(event, payload);
    } catch (e) {
      // a destroyed window or a closed socket: the transport will detach it
      log.warn('event delivery failed', { event, caller: conn.caller.id, err: e });
    }
  };

  /** tells the status bar about a failure (the caller's own, never other callers') */
  const reportError = (callerId: string, channel: string, error: AppErrorData) => {
    if (error.code === 'ECANCELLED') return;
    router.emit('app.error', { code: error.code, message: error.message, channel, t: Date.now() }, callerId);
  };

  const jobs = createJobRegistry({
    log,
    toError: (e, kind) => toError(e, kind),
    send: (callerId: string, state: JobState) => {
      router.emit('job.state', state, callerId);
      if (state.state === 'failed' && state.error) reportError(callerId, state.kind, state.error);
    },
  });

  /** checks a handler's value against its schema; a mismatch is our bug → EINTERNAL */
  const checked = (channel: string, schema: z.ZodType | undefined, value: unknown): unknown => {
    if (!checkResponses || !schema) return value;
    const r = schema.safeParse(value);
    if (r.success) return value;
    log.error('handler returned a value that does not match its schema', { channel, issues: JSON.stringify(issuesOf(r.error)) });
    throw new AppError('EINTERNAL', `Internal error: ${channel} answered an invalid value`);
  };

  const router: Router = {
    jobs,

    handle(channel, handler, hopts) {
      if (!isChannel(channel)) throw new Error(`router.handle: '${String(channel)}' is not a contract channel`);
      if (handlers.has(channel)) throw new Error(`router.handle: '${channel}' already has a handler`);
      handlers.set(channel, { fn: handler as AnyHandler, label: hopts?.label as ((req: never) => string) | undefined });
    },

    async invoke(caller, channel, payload) {
      try {
        if (!isChannel(channel)) {
          log.warn('refused an unknown channel', { channel: String(channel).slice(0, 80), caller: caller?.id });
          return fail('EINVALID', 'Unknown channel');
        }
        const conn = connections.get(caller?.id);
        if (!conn) {
          log.warn('refused a call from a caller that is not connected', { channel, caller: caller?.id });
          return fail('EINVALID', 'Caller is not connected');
        }
        const def: RequestDef = requests[channel];
        const parsed = def.req.safeParse(payload);
        if (!parsed.success) {
          const issues = issuesOf(parsed.error);
          log.warn('refused an invalid request', { channel, caller: conn.caller.id, issues: issues.length });
          const error: AppErrorData = { code: 'EINVALID', message: `Invalid request for ${channel}`, detail: { issues } };
          reportError(conn.caller.id, channel, error);
          return { ok: false, error };
        }
        const h = handlers.get(channel);
        if (!h) {
          log.error('no handler registered', { channel });
          return fail('EINTERNAL', `Not available: ${channel}`);
        }
        const req = parsed.data as unknown;

        if (def.result) {
          const reqLabel = (req as { label?: unknown }).label;
          const label = h.label?.(req as never) ?? (typeof reqLabel === 'string' ? reqLabel : channel);
          const job = jobs.start({
            caller: conn.caller,
            kind: channel,
            label,
            run: async (ctx) => checked(channel, def.result, await h.fn(req, ctx)),
          });
          return ok({ job });
        }

        const ac = new AbortController();
        conn.inflight.add(ac);
        try {
          // void channels answer null: undefined would vanish from the JSON the transports send
          const value = (await h.fn(req, { caller: conn.caller, signal: ac.signal, progress: noProgress })) ?? null;
          return ok(checked(channel, def.res, value));
        } catch (e) {
          const error = toError(e, channel, ac.signal.aborted);
          reportError(conn.caller.id, channel, error);
          return { ok: false, error };
        } finally {
          conn.inflight.delete(ac);
        }
      } catch (e) {
        // only reachable through a bug in the router itself (or a throwing job start)
        const error = toError(e, String(channel));
        return { ok: false, error };
      }
    },

    connect(caller, sink) {
      const existing = connections.get(caller.id);
      if (existing) {
        // a transport reusing an id (page reload): the old page's jobs cannot be followed any more
        log.warn('caller connected again; the previous connection is dropped', { caller: caller.id });
        drop(existing);
      }
      const conn: Connection = { caller: { ...caller }, sink, inflight: new Set() };
      connections.set(caller.id, conn);
      return () => {
        if (connections.get(caller.id) === conn) drop(conn);
      };
    },

    emit(event, payload, to) {
      const schema = events[event] as z.ZodType | undefined;
      const r = schema?.safeParse(payload);
      if (!r?.success) {
        log.error('dropped an event that does not match its schema', { event: String(event) });
        return;
      }
      if (to !== undefined) {
        const conn = connections.get(to);
        if (conn) deliver(conn, event, payload);
        return;
      }
      for (const conn of connections.values()) deliver(conn, event, payload);
    },
  };

  function drop(conn: Connection) {
    connections.delete(conn.caller.id);
    for (const ac of conn.inflight) ac.abort(new AppError('ECANCELLED', 'Cancelled: the caller went away'));
    conn.inflight.clear();
    jobs.cancelAll(conn.caller.id);
  }

  // The registry's own channels: a job is visible to, and cancellable by, its owner only.
  router.handle('job.list', (_req, ctx) => jobs.list(ctx.caller.id));
  router.handle('job.cancel', ({ job }, ctx) => {
    if (jobs.cancel(ctx.caller.id, job) === 'notfound') throw new AppError('ENOTFOUND', 'No such job');
    return null;
  });

  return router;
}
