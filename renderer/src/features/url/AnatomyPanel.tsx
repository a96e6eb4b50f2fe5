import { ChevronDown, ChevronRight, TriangleAlert } from 'lucide-react';
import { RFC3986_FIELDS, type Rfc3986Field, type UrlAnatomy, type WhatwgParts } from '../../../../shared/ipc/urlAnatomy';
import { useUrl } from '../../stores/url';

/** What the WHATWG parser says for each RFC 3986 field (its notation stripped: no `:`, `?`, `#`). */
export function whatwgFor(field: Rfc3986Field, w: WhatwgParts): string | null {
  const userinfo = w.username || w.password ? w.username + (w.password ? `:${w.password}` : '') : '';
  switch (field) {
    case 'scheme':
      return w.protocol.replace(/:$/, '');
    case 'authority':
      return (userinfo ? `${userinfo}@` : '') + w.hostname + (w.port ? `:${w.port}` : '');
    case 'userinfo':
      return userinfo;
    case 'host':
      return w.hostname;
    case 'port':
      return w.port;
    case 'path':
      return w.pathname;
    case 'params':
      return null; // WHATWG has no path parameters: they stay in the path
    case 'query':
      return w.search.replace(/^\?/, '');
    case 'fragment':
      return w.hash.replace(/^#/, '');
  }
}

const decodedFor = (f: Rfc3986Field, a: UrlAnatomy): string | null =>
  f === 'path' ? a.decoded.path : f === 'query' ? a.decoded.query : f === 'fragment' ? a.decoded.fragment : null;

/** RFC 3986 §5.3: an absent component and an empty one are different things, and look different. */
function Val({ v }: { v: string | null }) {
  if (v === null) return <span className="absent">absent</span>;
  if (v === '') return <span className="empty">empty</span>;
  return <span className="mono selectable">{v}</span>;
}

/** The URL split into coloured pieces right under the URL field; pieces where WHATWG differs are marked. */
function Strip({ a }: { a: UrlAnatomy }) {
  const diffs = new Set(a.differences);
  const r = a.rfc3986;
  const parts: [Rfc3986Field, string | null][] = [
    ['scheme', r.scheme],
    ['userinfo', r.userinfo],
    ['host', r.host],
    ['port', r.port],
    ['path', r.params !== null ? r.path.slice(0, r.path.length - r.params.length - 1) : r.path],
    ['params', r.params],
    ['query', r.query],
    ['fragment', r.fragment],
  ];
  return (
    <ol className="anatomy-strip" aria-label="URL parts" data-testid="anatomy-strip">
      {parts
        .filter(([f, v]) => v !== null && (v !== '' || f !== 'path'))
        .map(([f, v]) => (
          <li key={f} className={`part part-${f}`} data-field={f} data-diff={diffs.has(f) || undefined} title={diffs.has(f) ? `${f}: WHATWG reads this differently` : f}>
            <span className="part-label">{f}</span>
            <span className="part-value mono">{v === '' ? '∅' : v}</span>
          </li>
        ))}
    </ol>
  );
}

function Details({ a }: { a: UrlAnatomy }) {
  const diffs = new Set(a.differences);
  // one column per part, one row per view: as compact as the URL itself, easy to compare down a column
  const cls = (f: Rfc3986Field) => (diffs.has(f) ? 'diff' : undefined);
  return (
    <div className="anatomy-details">
      <table className="grid anatomy-table" data-testid="anatomy-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">View</span>
            </th>
            {RFC3986_FIELDS.map((f) => (
              <th key={f} scope="col" className={cls(f)} data-field={f} data-diff={diffs.has(f) || undefined}>
                {f}
                {diffs.has(f) && <span className="diff-badge">differs</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-view="rfc3986">
            <th scope="row">RFC 3986</th>
            {RFC3986_FIELDS.map((f) => (
              <td key={f} className={cls(f)} data-field={f}>
                <Val v={a.rfc3986[f]} />
              </td>
            ))}
          </tr>
          <tr data-view="whatwg">
            <th scope="row" title="What browsers and Node's URL make of it">
              WHATWG
            </th>
            {RFC3986_FIELDS.map((f) => {
              // the WHATWG getters answer '' for both absent and empty: show that as "none", not as a claim
              const v = a.whatwg ? whatwgFor(f, a.whatwg) : null;
              return (
                <td key={f} className={cls(f)} data-field={f}>
                  {!a.whatwg ? <span className="muted">—</span> : f === 'params' ? <span className="muted">in path</span> : v ? <span className="mono selectable">{v}</span> : <span className="muted">none</span>}
                </td>
              );
            })}
          </tr>
          {(['path', 'query', 'fragment'] as const).some((f) => decodedFor(f, a) !== null && decodedFor(f, a) !== a.rfc3986[f]) && (
            <tr data-view="decoded">
              <th scope="row">Decoded</th>
              {RFC3986_FIELDS.map((f) => {
                const dec = decodedFor(f, a);
                return (
                  <td key={f} className={cls(f)} data-field={f}>
                    {dec !== null && dec !== a.rfc3986[f] ? <Val v={dec} /> : null}
                  </td>
                );
              })}
            </tr>
          )}
        </tbody>
      </table>
      <div className="anatomy-notes">
        {a.whatwg ? (
          <p className="muted">
            WHATWG href: <span className="mono selectable">{a.whatwg.href}</span>
          </p>
        ) : (
          <p className="note-warn">WHATWG parser rejects this input{a.whatwgError ? `: ${a.whatwgError}` : ''} — a browser would not load it.</p>
        )}
        {a.idn && (a.idn.ascii !== a.idn.unicode || a.idn.mixedScript) && (
          <p data-testid="idn">
            IDN host: <span className="mono">{a.idn.unicode ?? a.idn.host}</span> · punycode <span className="mono">{a.idn.ascii ?? '(not a valid domain name)'}</span>
            {a.idn.scripts.length > 0 && <span className="muted"> · scripts: {a.idn.scripts.join(', ')}</span>}
          </p>
        )}
        {a.idn?.mixedScript && (
          <p className="note-warn" role="alert">
            <TriangleAlert size={13} aria-hidden /> The host mixes scripts ({a.idn.scripts.join(' + ')}): it may imitate another domain. Check the punycode form.
          </p>
        )}
        {a.warnings.map((w) => (
          <p key={w} className="note-warn">
            <TriangleAlert size={13} aria-hidden /> {w}
          </p>
        ))}
        <Resolve />
      </div>
    </div>
  );
}

/** RFC 3986 §5 reference resolution against the URL in the field (url.analyze with `base`). */
function Resolve() {
  const relRef = useUrl((s) => s.relRef);
  const resolved = useUrl((s) => s.resolved);
  const { setRelRef, setUrl } = useUrl.getState();
  return (
    <div className="resolve">
      <label className="field">
        <span>Resolve</span>
        <input type="text" className="mono" spellCheck={false} placeholder="../other?x=1#top" aria-label="Relative reference" value={relRef} onChange={(e) => setRelRef(e.target.value)} />
      </label>
      {resolved && relRef === resolved.ref && (
        <span className="resolved" data-testid="resolved">
          → {resolved.url !== null ? <span className="mono selectable">{resolved.url}</span> : <span className="muted">cannot be resolved against this URL</span>}
          {resolved.url !== null && (
            <button type="button" className="link-btn" onClick={() => setUrl(resolved.url!)}>
              Use
            </button>
          )}
        </span>
      )}
    </div>
  );
}

/** The live anatomy under the URL field: the strip always, the comparison table when expanded. */
export function AnatomyPanel() {
  const a = useUrl((s) => s.anatomy);
  // the answer for what is in the field is on its way: dim the old one rather than pass it off as current
  const stale = useUrl((s) => s.anatomy !== null && s.anatomy.input !== s.draft.url);
  const open = useUrl((s) => s.ui.anatomyOpen);
  const setUi = useUrl.getState().setUi;
  return (
    <section className="anatomy" aria-label="URL anatomy" data-testid="anatomy" aria-busy={stale} data-stale={stale || undefined}>
      <div className="anatomy-head">
        <button type="button" className="disclosure" aria-expanded={open} onClick={() => setUi({ anatomyOpen: !open })}>
          {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
          Anatomy
        </button>
        {a ? <Strip a={a} /> : <span className="muted">Type a URL to see its parts.</span>}
        {a && a.differences.length > 0 && (
          <span className="diff-summary" title="Fields where RFC 3986 and WHATWG disagree">
            <TriangleAlert size={13} aria-hidden /> RFC 3986 and WHATWG differ: {a.differences.join(', ')}
          </span>
        )}
      </div>
      {open && a && <Details a={a} />}
    </section>
  );
}
