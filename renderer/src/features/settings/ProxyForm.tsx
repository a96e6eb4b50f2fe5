import { useEffect, useId, useState } from 'react';
import type { Settings } from '../../../../shared/ipc/app';
import { useSettings } from '../../stores/settings';
import { errorText } from '../../lib/errorText';

type Proxy = Settings['proxy'];

const MODES: { id: Proxy['mode']; label: string; hint: string }[] = [
  { id: 'env', label: 'From the environment', hint: 'HTTP_PROXY, HTTPS_PROXY and NO_PROXY of the Porthole process' },
  { id: 'manual', label: 'Manual', hint: 'the proxy URL and exceptions below' },
  { id: 'none', label: 'No proxy', hint: 'always connect directly' },
];

/** Proxy for HTTP(S) requests; edited locally and saved in one go, so half-typed URLs never apply. */
export function ProxyForm({ proxy }: { proxy: Proxy }) {
  const [draft, setDraft] = useState(proxy);
  const [status, setStatus] = useState<string | null>(null);
  const save = useSettings((s) => s.save);
  const id = useId();

  useEffect(() => setDraft(proxy), [proxy]);
  const dirty = draft.mode !== proxy.mode || draft.url !== proxy.url || draft.noProxy !== proxy.noProxy;
  const manual = draft.mode === 'manual';

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await save({ proxy: draft });
    setStatus(r.ok ? 'Saved.' : `${errorText(r.error.code).title}: ${r.error.message}`);
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)}>
      <fieldset className="radios">
        <legend className="sr-only">Proxy mode</legend>
        {MODES.map((m) => (
          <label key={m.id} className="radio">
            <input type="radio" name={`${id}-mode`} value={m.id} checked={draft.mode === m.id} onChange={() => setDraft({ ...draft, mode: m.id })} />
            <span>{m.label}</span>
            <span className="muted"> — {m.hint}</span>
          </label>
        ))}
      </fieldset>
      <label className="row-field">
        <span>Proxy URL</span>
        <input
          type="text"
          className="mono"
          placeholder="http://proxy.example.com:3128"
          value={draft.url}
          disabled={!manual}
          onChange={(e) => setDraft({ ...draft, url: e.target.value })}
          spellCheck={false}
        />
      </label>
      <label className="row-field">
        <span>No proxy for</span>
        <input
          type="text"
          className="mono"
          placeholder="localhost, 127.0.0.1, .example.com"
          value={draft.noProxy}
          disabled={!manual}
          onChange={(e) => setDraft({ ...draft, noProxy: e.target.value })}
          spellCheck={false}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!dirty}>
          Save proxy
        </button>
        {status && (
          <span className="muted" role="status">
            {status}
          </span>
        )}
      </div>
    </form>
  );
}
