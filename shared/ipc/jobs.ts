import { z } from 'zod';
import { AppErrorDataSchema } from '../errors';
import { JobId } from './define';

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATES)[number];

/** One `job.state` event: long work reported as a tagged union (Mailspring/VS Code style). */
export const JobStateSchema = z.object({
  job: JobId,
  /** the request channel that started it, e.g. `url.fetch` */
  kind: z.string(),
  label: z.string(),
  state: z.enum(JOB_STATES),
  /** running: units done / total (bytes, messages …); total null when unknown */
  done: z.number().optional(),
  total: z.number().nullable().optional(),
  /** running: units per second */
  rate: z.number().optional(),
  result: z.unknown().optional(),
  error: AppErrorDataSchema.optional(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
});
export type JobState = z.infer<typeof JobStateSchema>;

export const isFinal = (s: JobStatus) => s === 'done' || s === 'failed' || s === 'cancelled';
