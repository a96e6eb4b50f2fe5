import type { Result } from '../../shared/errors';
import type { Channel, EventName, EventPayload, Req, Res } from '../../shared/ipc/contract';
import type { JobState } from '../../shared/ipc/jobs';
import type { Router } from './router';
import type { Caller } from './types';

export interface TestCaller {
  caller: Caller;
  /** every event this caller received, in order */
  events: { event: EventName; payload: unknown }[];
  /** typed invoke through the router, exactly as a transport would */
  invoke<K extends Channel>(channel: K, req: Req<K>): Promise<Result<Res<K>>>;
  /** the payloads of one event name */
  of<E extends EventName>(event: E): EventPayload<E>[];
  /** the job.state events of one job */
  jobStates(job: string): JobState[];
  detach(): void;
}

/**
 * Connects a caller with a collecting sink: for unit tests of the router and of feature
 * registrations (`const a = connectTestCaller(app.router, 'w1'); await a.invoke('settings.get', {})`).
 */
export function connectTestCaller(router: Router, id = 'test-1'): TestCaller {
  const caller: Caller = { id, transport: 'test' };
  const events: TestCaller['events'] = [];
  const detach = router.connect(caller, (event, payload) => void events.push({ event, payload }));
  return {
    caller,
    events,
    invoke: (channel, req) => router.invoke(caller, channel, req) as never,
    of: (event) => events.filter((e) => e.event === event).map((e) => e.payload as never),
    jobStates: (job) => events.filter((e) => e.event === 'job.state' && (e.payload as JobState).job === job).map((e) => e.payload as JobState),
    detach,
  };
}
