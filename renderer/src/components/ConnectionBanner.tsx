import { useApp } from '../stores/app';

/**
 * When the browser host's socket is down every action would just wait in the queue, so say so
 * where the user is looking, not only in the status bar.
 */
export function ConnectionBanner() {
  const conn = useApp((s) => s.conn);
  if (conn.state !== 'closed') return null;
  return (
    <div className="banner banner-warn" role="alert">
      {conn.opens === 0
        ? 'Cannot reach the Porthole host. Is `npm run start:web` still running, and did you open the exact URL it printed?'
        : 'Lost the connection to the Porthole host. Reconnecting; actions you take now will run once it is back.'}
    </div>
  );
}
