import { FileKey, X } from 'lucide-react';
import { useUrl, type QueryRow, type RequestTab } from '../../stores/url';
import { useSettings } from '../../stores/settings';
import type { Settings } from '../../../../shared/ipc/app';
import { kvRow, type KvRow } from '../../stores/urlDraft';
import { BodyEditor } from './BodyEditor';
import { KvTable } from './KvTable';
import { Tabs } from './Tabs';

const makeQuery = (id: string, name: string, value: string): QueryRow => ({ id, name, value });
const makeKv = (id: string, name: string, value: string): KvRow => ({ ...kvRow(name, value), id });

/** The query as a table: edits go through url.setQuery so the URL field is rewritten by main's own encoder. */
function ParamsTab() {
  const rows = useUrl((s) => s.queryRows);
  const setQueryRows = useUrl.getState().setQueryRows;
  return (
    <>
      <KvTable noun="Query parameter" rows={rows} onChange={setQueryRows} make={makeQuery} testId="query-table" />
      <p className="muted hint">Values are shown percent-decoded (+ as space); edits rewrite the URL above.</p>
    </>
  );
}

function HeadersTab() {
  const rows = useUrl((s) => s.draft.headers);
  const patch = useUrl.getState().patchDraft;
  return (
    <>
      <KvTable noun="Header" rows={rows} onChange={(headers) => patch({ headers })} make={makeKv} toggles namePlaceholder="Header-Name" />
      <p className="muted hint">Host, User-Agent, Accept-Encoding and Content-Length are added as needed; the Redirects tab shows what was actually sent.</p>
    </>
  );
}

function AuthTab() {
  const d = useUrl((s) => s.draft);
  const patch = useUrl.getState().patchDraft;
  return (
    <div className="form">
      <div className="radios radios-inline" role="radiogroup" aria-label="Authentication">
        {(['none', 'basic', 'bearer'] as const).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="auth-kind" checked={d.authKind === k} onChange={() => patch({ authKind: k })} />
            {k === 'none' ? 'None' : k === 'basic' ? 'Basic' : 'Bearer token'}
          </label>
        ))}
      </div>
      {d.authKind === 'basic' && (
        <>
          <label className="row-field">
            <span>User</span>
            <input type="text" autoComplete="off" value={d.basicUser} onChange={(e) => patch({ basicUser: e.target.value })} />
          </label>
          <label className="row-field">
            <span>Password</span>
            <input type="password" className="text-like" autoComplete="off" value={d.basicPassword} onChange={(e) => patch({ basicPassword: e.target.value })} />
          </label>
        </>
      )}
      {d.authKind === 'bearer' && (
        <label className="row-field">
          <span>Token</span>
          <input type="password" className="text-like mono" autoComplete="off" value={d.bearerToken} onChange={(e) => patch({ bearerToken: e.target.value })} />
        </label>
      )}
      <p className="muted hint">Credentials are masked in Wire, history and curl exports; history keeps them in the system&apos;s secret store.</p>
    </div>
  );
}

/** What an empty proxy field means: whatever Settings says, in words. */
function settingsProxyText(p: Settings['proxy'] | undefined): string {
  if (!p) return 'as set in Settings';
  if (p.mode === 'none') return 'none (Settings: connect directly)';
  if (p.mode === 'manual') return p.url ? `from Settings: ${p.url}` : 'none (Settings: manual, no URL)';
  return 'from Settings: HTTP_PROXY / HTTPS_PROXY of the environment';
}

function OptionsTab() {
  const d = useUrl((s) => s.draft);
  const proxySetting = useSettings((s) => s.settings?.proxy);
  const patch = useUrl.getState().patchDraft;
  const readCa = (f: File | undefined) => {
    if (!f) return;
    const fr = new FileReader();
    fr.onload = () => patch({ caPem: String(fr.result), caName: f.name });
    fr.readAsText(f);
  };
  return (
    <div className="form options-form">
      <label className="row-field">
        <span>Timeout (s)</span>
        <input type="number" min={0.1} step="any" placeholder="default" value={d.timeoutS} onChange={(e) => patch({ timeoutS: e.target.value })} />
      </label>
      <label className="row-field">
        <span>Max redirects</span>
        <input
          type="number"
          min={0}
          max={100}
          value={d.maxRedirects}
          onChange={(e) => patch({ maxRedirects: Math.max(0, Math.min(100, Math.trunc(Number(e.target.value) || 0))) })}
        />
        <span className="muted">{d.maxRedirects === 0 ? "0 = don't follow: the 3xx is the response" : 'redirects followed (20 by default)'}</span>
      </label>
      <div className="row-field">
        <span>Extra CA</span>
        {d.caPem ? (
          <span className="ca-chip" data-testid="ca-chip">
            <FileKey size={13} aria-hidden /> {d.caName ?? 'CA certificate'}
            <button type="button" className="icon-btn" aria-label="Remove the CA certificate" onClick={() => patch({ caPem: null, caName: null })}>
              <X size={12} aria-hidden />
            </button>
          </span>
        ) : (
          <span className="muted">none — the system&apos;s roots and pinned certificates apply</span>
        )}
        <label className="btn file-btn">
          Choose PEM…
          <input type="file" accept=".pem,.crt,.cer,application/x-pem-file" className="sr-only" aria-label="CA certificate file" onChange={(e) => readCa(e.target.files?.[0])} />
        </label>
      </div>
      <label className="row-field">
        <span>Proxy</span>
        <input type="text" className="mono" placeholder={settingsProxyText(proxySetting)} value={d.proxyUrl} onChange={(e) => patch({ proxyUrl: e.target.value })} />
      </label>
      {d.proxyUrl.trim() && (
        <label className="row-field">
          <span>No proxy for</span>
          <input type="text" className="mono" placeholder="localhost,.internal" value={d.noProxy} onChange={(e) => patch({ noProxy: e.target.value })} />
        </label>
      )}
    </div>
  );
}

/** Params · Headers · Body · Auth · Options, each with a count when it holds something. */
export function RequestTabs() {
  const tab = useUrl((s) => s.ui.requestTab);
  const nQuery = useUrl((s) => s.queryRows.length);
  const nHeaders = useUrl((s) => s.draft.headers.filter((h) => h.enabled && h.name.trim()).length);
  const bodyKind = useUrl((s) => s.draft.bodyKind);
  const authKind = useUrl((s) => s.draft.authKind);
  const setUi = useUrl.getState().setUi;
  return (
    <Tabs<RequestTab>
      label="Request parts"
      className="request-tabs"
      value={tab}
      onChange={(requestTab) => setUi({ requestTab })}
      tabs={[
        { id: 'params', label: 'Params', badge: nQuery || undefined },
        { id: 'headers', label: 'Headers', badge: nHeaders || undefined },
        { id: 'body', label: 'Body', badge: bodyKind === 'none' ? undefined : bodyKind },
        { id: 'auth', label: 'Auth', badge: authKind === 'none' ? undefined : authKind },
        { id: 'options', label: 'Options' },
      ]}
    >
      {tab === 'params' && <ParamsTab />}
      {tab === 'headers' && <HeadersTab />}
      {tab === 'body' && <BodyEditor />}
      {tab === 'auth' && <AuthTab />}
      {tab === 'options' && <OptionsTab />}
    </Tabs>
  );
}
