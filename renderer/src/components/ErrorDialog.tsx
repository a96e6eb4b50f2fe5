import type { ErrorEntry } from '../stores/errors';
import { errorText } from '../lib/errorText';
import { dateTime, clockMs } from '../lib/time';
import { Modal } from './Modal';

const SOURCE = { call: 'Request', main: 'Background', job: 'Job' } as const;

function detailText(detail: unknown): string | null {
  if (detail === undefined || detail === null) return null;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail, null, 2);
  } catch {
    return String(detail);
  }
}

/** The last error in full: what happened, what to do, and the raw code/detail for a bug report. */
export function ErrorDialog({ error, onClose, onDismiss }: { error: ErrorEntry; onClose(): void; onDismiss(): void }) {
  const words = errorText(error.code);
  const detail = detailText(error.detail);
  return (
    <Modal
      title={words.title}
      onClose={onClose}
      testId="error-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onDismiss}>
            Dismiss error
          </button>
          <button type="button" className="btn btn-primary" onClick={onClose} data-autofocus>
            Close
          </button>
        </>
      }
    >
      <p className="error-message">{error.message}</p>
      <p className="muted">{words.hint}</p>
      <dl className="kv">
        <dt>Code</dt>
        <dd className="mono">{error.code}</dd>
        {error.channel && (
          <>
            <dt>{SOURCE[error.source]}</dt>
            <dd className="mono">{error.channel}</dd>
          </>
        )}
        <dt>Time</dt>
        <dd>
          <time dateTime={new Date(error.t).toISOString()}>
            {dateTime(error.t).slice(0, 10)} {clockMs(error.t)}
          </time>
        </dd>
      </dl>
      {detail && (
        <>
          <h3 className="sub-heading">Detail</h3>
          <pre className="detail mono">{detail}</pre>
        </>
      )}
    </Modal>
  );
}
