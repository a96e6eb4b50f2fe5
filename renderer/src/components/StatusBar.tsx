import { useEffect, useState } from 'react';
import { CircleAlert, X } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import type { JobState } from '../../../shared/ipc/jobs';
import { useApp } from '../stores/app';
import { selectActiveJobs, useJobs } from '../stores/jobs';
import { useErrors } from '../stores/errors';
import { errorText } from '../lib/errorText';
import { ErrorDialog } from './ErrorDialog';

const MAX_SHOWN_JOBS = 3;

/** Re-renders once a second while `on`, so a countdown computed from Date.now() moves. */
function useTick(on: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [on]);
}

function Connection() {
  const conn = useApp((s) => s.conn);
  const transport = useApp((s) => s.info?.transport);
  useTick(conn.state === 'closed');
  let text: string;
  if (conn.state === 'open') text = transport === 'web' ? 'Connected to host' : 'Ready';
  else if (conn.state === 'connecting') text = 'Connecting…';
  else {
    const secs = conn.retryAt ? Math.max(0, Math.ceil((conn.retryAt - Date.now()) / 1000)) : 0;
    text = secs > 0 ? `Disconnected — retrying in ${secs} s` : 'Disconnected — retrying…';
  }
  return (
    <span className="sb-item sb-conn" data-state={conn.state} data-testid="connection-state">
      <span className="dot" aria-hidden />
      {text}
    </span>
  );
}

function JobItem({ job }: { job: JobState }) {
  const cancel = useJobs((s) => s.cancel);
  const total = job.total ?? null;
  const pct = total && job.done !== undefined ? Math.min(100, Math.round((job.done / total) * 100)) : null;
  return (
    <span className="sb-item sb-job" data-testid="job">
      <span className="sb-job-label" title={job.kind}>
        {job.label}
      </span>
      <progress className="sb-progress" max={100} value={pct ?? undefined} aria-label={`${job.label} progress`} />
      <span className="sb-job-pct">{job.state === 'queued' ? 'queued' : pct !== null ? `${pct}%` : '…'}</span>
      <button type="button" className="icon-btn" aria-label={`Cancel ${job.label}`} title={`Cancel ${job.label}`} onClick={() => void cancel(job.job)}>
        <X size={14} aria-hidden />
      </button>
    </span>
  );
}

function Jobs() {
  const jobs = useJobs(useShallow(selectActiveJobs));
  if (!jobs.length) return null;
  const shown = jobs.slice(-MAX_SHOWN_JOBS);
  const more = jobs.length - shown.length;
  return (
    <span className="sb-jobs" aria-label="Background jobs" role="group">
      {shown.map((j) => (
        <JobItem key={j.job} job={j} />
      ))}
      {more > 0 && <span className="sb-item muted">+{more} more</span>}
    </span>
  );
}

function LastError() {
  const last = useErrors((s) => s.last);
  const dismiss = useErrors((s) => s.dismiss);
  const [open, setOpen] = useState(false);
  if (!last) return null;
  const words = errorText(last.code);
  return (
    <>
      <button type="button" className="sb-item sb-error" data-testid="last-error" onClick={() => setOpen(true)} title="Show error details">
        <CircleAlert size={14} aria-hidden />
        <span className="sb-error-text">
          {words.title}: {last.message}
        </span>
      </button>
      {open && (
        <ErrorDialog
          error={last}
          onClose={() => setOpen(false)}
          onDismiss={() => {
            setOpen(false);
            dismiss();
          }}
        />
      )}
    </>
  );
}

/** Bottom bar: link state, live background jobs with cancel, and the last error. */
export function StatusBar() {
  return (
    <footer className="statusbar" data-testid="status-bar">
      <Connection />
      <Jobs />
      <span className="sb-spacer" />
      <LastError />
    </footer>
  );
}
