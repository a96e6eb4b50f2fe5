import { create } from 'zustand';
import { isFinal, type JobState } from '../../../shared/ipc/jobs';
import { api } from '../api';

/** Finished jobs kept for a glance (the status bar shows only live ones). */
const KEEP_FINISHED = 20;

interface JobsState {
  byId: Record<string, JobState>;
  /** job ids, oldest first */
  order: string[];
  apply(s: JobState): void;
  replaceAll(list: JobState[]): void;
  cancel(job: string): Promise<void>;
}

export const useJobs = create<JobsState>()((set, get) => ({
  byId: {},
  order: [],
  apply(s) {
    const { byId, order } = get();
    const next = { ...byId, [s.job]: s };
    let nextOrder = byId[s.job] ? order : [...order, s.job];
    const finished = nextOrder.filter((id) => isFinal(next[id].state));
    if (finished.length > KEEP_FINISHED) {
      const drop = new Set(finished.slice(0, finished.length - KEEP_FINISHED));
      nextOrder = nextOrder.filter((id) => !drop.has(id));
      for (const id of drop) delete next[id];
    }
    set({ byId: next, order: nextOrder });
  },
  replaceAll(list) {
    const byId: Record<string, JobState> = {};
    for (const j of list) byId[j.job] = j;
    set({ byId, order: list.map((j) => j.job) });
  },
  async cancel(job) {
    await api.invoke('job.cancel', { job });
  },
}));

/** Jobs still queued or running, oldest first. */
export const selectActiveJobs = (s: JobsState): JobState[] =>
  s.order.map((id) => s.byId[id]).filter((j) => j && !isFinal(j.state));
