import { z } from 'zod';

/**
 * A request channel: `req` validates what the renderer sends, `res` what main answers.
 * A channel with `result` is a **job**: the call answers `{ job }` at once (res must be JobStarted)
 * and the handler's value arrives later in the `job.state` event as `{ state: 'done', result }`.
 */
export interface RequestDef {
  req: z.ZodType;
  res: z.ZodType;
  result?: z.ZodType;
}
export type RequestMap = Record<string, RequestDef>;
export type EventMap = Record<string, z.ZodType>;

export const JobId = z.string().regex(/^job-[0-9a-z-]{1,64}$/);
export type JobId = z.infer<typeof JobId>;
export const JobStarted = z.object({ job: JobId });
export type JobStarted = z.infer<typeof JobStarted>;

/** Identifiers that come from the renderer are bounded so a hostile payload cannot grow memory. */
export const Id = z.string().min(1).max(128);
export const Empty = z.object({}).strict();
export const Void = z.null();
