import { useEffect, useState } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import type { Cookie } from '../../../../shared/ipc/urlFetch';
import { useUrlLists } from '../../stores/urlLists';
import { dateTime } from '../../lib/time';
import { RemoveButton } from '../../components/RemoveButton';

/** A value cell that commits on Enter or blur, so the jar is not rewritten on every keystroke. */
function ValueCell({ c }: { c: Cookie }) {
  const [v, setV] = useState(c.value);
  useEffect(() => setV(c.value), [c.value]);
  const commit = () => {
    if (v !== c.value) void useUrlLists.getState().setCookie({ ...c, value: v });
  };
  return (
    <input
      type="text"
      className="mono"
      aria-label={`Value of cookie ${c.name}`}
      value={v}
      onChange={(e) => setV(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setV(c.value);
      }}
    />
  );
}

function AddCookie() {
  const [f, setF] = useState({ name: '', value: '', domain: '', path: '/' });
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    const okay = await useUrlLists.getState().setCookie({
      ...f,
      domain: f.domain.trim().toLowerCase(),
      hostOnly: true,
      secure: false,
      httpOnly: false,
      sameSite: null,
      expires: null,
      created: Date.now(),
    });
    if (okay) setF({ name: '', value: '', domain: f.domain, path: '/' });
    setError(okay ? null : 'The jar refused this cookie (check the domain and path).');
  };
  return (
    <div className="form-inline add-cookie" role="group" aria-label="Add a cookie">
      <input type="text" className="mono" placeholder="name" aria-label="New cookie name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
      <input type="text" className="mono" placeholder="value" aria-label="New cookie value" value={f.value} onChange={(e) => setF({ ...f, value: e.target.value })} />
      <input type="text" className="mono" placeholder="domain (host)" aria-label="New cookie domain" value={f.domain} onChange={(e) => setF({ ...f, domain: e.target.value })} />
      <input type="text" className="mono" placeholder="/" aria-label="New cookie path" value={f.path} onChange={(e) => setF({ ...f, path: e.target.value })} />
      <button type="button" className="btn" disabled={!f.name || !f.domain.trim() || !f.path.startsWith('/')} onClick={() => void add()}>
        <Plus size={14} aria-hidden /> Add
      </button>
      {error && <span className="note-warn">{error}</span>}
    </div>
  );
}

/** This window's session jar: what the next request will send, editable. */
export function CookiesView() {
  const cookies = useUrlLists((s) => s.cookies);
  const { loadCookies, deleteCookie, clearCookies } = useUrlLists.getState();
  useEffect(() => {
    void loadCookies();
  }, [loadCookies]);
  return (
    <div className="pad cookies-view">
      <div className="form-inline">
        <span className="muted">
          {cookies.length} cookie{cookies.length === 1 ? '' : 's'} in this window&apos;s jar — sent on matching requests, across redirects.
        </span>
        <span className="spacer" />
        <button type="button" className="btn" disabled={!cookies.length} onClick={() => void clearCookies()}>
          <Trash2 size={14} aria-hidden /> Clear jar
        </button>
      </div>
      {cookies.length > 0 && (
        <table className="grid cookies-table" aria-label="Cookies" data-testid="cookies-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Domain</th>
              <th scope="col">Path</th>
              <th scope="col">Expires</th>
              <th scope="col">Flags</th>
              <th scope="col">
                <span className="sr-only">Delete</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cookies.map((c) => (
              <tr key={`${c.domain} ${c.path} ${c.name}`}>
                <td className="mono">{c.name}</td>
                <td>
                  <ValueCell c={c} />
                </td>
                <td className="mono">
                  {c.hostOnly ? '' : '.'}
                  {c.domain}
                </td>
                <td className="mono">{c.path}</td>
                <td>{c.expires === null ? <span className="muted">session</span> : dateTime(c.expires)}</td>
                <td className="muted">{[c.secure && 'Secure', c.httpOnly && 'HttpOnly', c.sameSite && `SameSite=${c.sameSite}`].filter(Boolean).join(' · ')}</td>
                <td className="kv-del">
                  <RemoveButton label={`Delete cookie ${c.name}`} title="Delete" onClick={() => void deleteCookie(c)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddCookie />
    </div>
  );
}
