import type { CertInfo, TlsInfo } from '../../../../shared/ipc/urlFetch';

/** `ab12cd…` → `AB:12:CD:…`, the form people compare with what a server owner reads out. */
export const colonHex = (hex: string): string => (hex.includes(':') ? hex.toUpperCase() : (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(':'));

function validity(c: CertInfo, now = Date.now()): { text: string; bad: boolean } {
  const from = Date.parse(c.validFrom);
  const to = Date.parse(c.validTo);
  const d = (t: number, raw: string) => (Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : raw);
  const text = `${d(from, c.validFrom)} → ${d(to, c.validTo)}`;
  if (Number.isFinite(to) && to < now) return { text: `${text} (expired)`, bad: true };
  if (Number.isFinite(from) && from > now) return { text: `${text} (not yet valid)`, bad: true };
  return { text, bad: false };
}

/** The peer's chain, leaf first: what ECERT shows and what the TLS tab shows. */
export function ChainTable({ chain }: { chain: CertInfo[] }) {
  if (!chain.length) return <p className="muted">The server sent no certificate.</p>;
  return (
    <table className="grid chain-table" aria-label="Certificate chain" data-testid="chain-table">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Subject</th>
          <th scope="col">Issuer</th>
          <th scope="col">Names (SAN)</th>
          <th scope="col">Valid</th>
          <th scope="col">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        {chain.map((c, i) => {
          const v = validity(c);
          return (
            <tr key={`${i}-${c.sha256}`}>
              <td className="num">{i === 0 ? 'leaf' : i}</td>
              <td className="selectable">{c.subject}</td>
              <td className="selectable">{c.issuer}</td>
              <td className="mono selectable">{c.sans.length ? c.sans.join(', ') : <span className="muted">none</span>}</td>
              <td className={v.bad ? 'note-warn' : undefined}>{v.text}</td>
              <td className="mono fingerprint selectable">{colonHex(c.sha256)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function TlsView({ tls }: { tls: TlsInfo | null }) {
  if (!tls) return <p className="muted pad">Plain HTTP: the final hop used no TLS.</p>;
  return (
    <div className="pad tls-view">
      <dl className="kv">
        <dt>Protocol</dt>
        <dd className="mono">{tls.protocol ?? '—'}</dd>
        <dt>Cipher</dt>
        <dd className="mono">{tls.cipher ?? '—'}</dd>
        <dt>ALPN</dt>
        <dd className="mono">{tls.alpn ?? <span className="muted">none negotiated (HTTP/1.1)</span>}</dd>
      </dl>
      <h4 className="sub-heading">Certificate chain</h4>
      <ChainTable chain={tls.chain} />
    </div>
  );
}
