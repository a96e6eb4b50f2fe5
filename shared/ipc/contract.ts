import type { z } from 'zod';
import { appEvents, appRequests } from './app';
import { urlEvents, urlRequests } from './url';
import type { EventMap, RequestMap } from './define';

/**
 * The one IPC contract. Each feature declares its channels in its own module; this file joins
 * them. Main validates every request against `requests[channel].req` before a handler sees it;
 * the preload and the WebSocket host refuse channels not named here.
 */
export const requests = { ...appRequests, ...urlRequests } satisfies RequestMap;
export const events = { ...appEvents, ...urlEvents } satisfies EventMap;

export type Requests = typeof requests;
export type Events = typeof events;
export type Channel = keyof Requests;
export type EventName = keyof Events;
export type Req<K extends Channel> = z.input<Requests[K]['req']>;
export type Res<K extends Channel> = z.output<Requests[K]['res']>;
export type JobChannel = { [K in Channel]: Requests[K] extends { result: z.ZodType } ? K : never }[Channel];
export type JobResult<K extends JobChannel> = Requests[K] extends { result: infer R extends z.ZodType }
  ? z.output<R>
  : never;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export const CHANNELS = Object.keys(requests) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];
export const isChannel = (c: unknown): c is Channel => typeof c === 'string' && Object.hasOwn(requests, c);
export const isEventName = (c: unknown): c is EventName => typeof c === 'string' && Object.hasOwn(events, c);
