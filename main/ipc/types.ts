import type { z } from 'zod';
import type { Channel, EventName, EventPayload, JobChannel, JobResult, Requests, Res } from '../../shared/ipc/contract';

/** Who is calling: each transport authenticates its own senders and hands the router this. */
export interface Caller {
  /** stable for the life of a window / WebSocket; owns the jobs it starts */
  id: string;
  transport: 'electron' | 'web' | 'cli' | 'test';
}

/** What a handler gets besides its validated request. */
export interface HandlerContext {
  caller: Caller;
  /** aborted on job.cancel, or when the caller's window/socket goes away */
  signal: AbortSignal;
  /** jobs only: report progress (throttled by the registry to ≤ 10 events/s) */
  progress(done: number, total?: number | null): void;
}

export type ReqOut<K extends Channel> = z.output<Requests[K]['req']>;
/** A job handler resolves to the job's result; any other handler to its response. */
export type HandlerValue<K extends Channel> = K extends JobChannel ? JobResult<K> : Res<K>;
export type Handler<K extends Channel> = (req: ReqOut<K>, ctx: HandlerContext) => Promise<HandlerValue<K>> | HandlerValue<K>;

/** A transport gives the router one of these per connected caller, to push events. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
