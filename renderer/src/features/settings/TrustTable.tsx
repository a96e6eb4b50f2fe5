import { useEffect } from 'react';
import { useSettings } from '../../stores/settings';
import { dateTime } from '../../lib/time';

/** Pinned certificates: what the user accepted, per host:port, and a way to take it back. */
export function TrustTable() {
  const trust = useSettings((s) => s.trust);
  const loaded = useSettings((s) => s.trustLoaded);
  const { loadTrust, revoke } = useSettings.getState();

  useEffect(() => {
    void loadTrust();
  }, [loadTrust]);

  if (!loaded) return <p className="muted">Loading…</p>;
  if (!trust.length)
    return <p className="muted">No certificates pinned. When a server shows a certificate Porthole cannot verify and you trust it, it is listed here.</p>;
  return (
    <table className="grid" data-testid="trust-table">
      <thead>
        <tr>
          <th scope="col">Host</th>
          <th scope="col">SHA-256 fingerprint</th>
          <th scope="col">Subject</th>
          <th scope="col">Added</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {trust.map((t) => (
          <tr key={`${t.host}:${t.port}:${t.sha256}`}>
            <td className="mono">
              {t.host}:{t.port}
            </td>
            <td className="mono fingerprint">{t.sha256}</td>
            <td>{t.subject ?? '—'}</td>
            <td>{dateTime(t.addedAt)}</td>
            <td>
              <button type="button" className="btn btn-danger" aria-label={`Revoke ${t.host}:${t.port}`} onClick={() => void revoke(t)}>
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
