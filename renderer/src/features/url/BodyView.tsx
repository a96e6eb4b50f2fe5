import { useMemo, useState } from 'react';
import { Download } from 'lucide-react';
import type { UrlSendResult } from '../../../../shared/ipc/url';
import { formatBytes } from '../../../../shared/format';
import { api } from '../../api';
import { useUrl, type BodyView as View } from '../../stores/url';
import { pretty } from './pretty';
import { fromBase64, saveBase64 } from '../../lib/download';

/**
 * The policy of the HTML preview, on top of `sandbox=""` (no scripts, no forms, unique origin):
 * nothing is fetched from anywhere — only inline styles and data: images render.
 */
export const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/**
 * The document for the preview iframe with our CSP meta first in <head>. Put before anything
 * else (after a doctype), the parser files it into the implied head ahead of any tag that could
 * load something, so the page cannot get in first.
 */
export function previewDoc(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">`;
  const m = /^\s*<!doctype[^>]*>/i.exec(html);
  return m ? m[0] + meta + html.slice(m[0].length) : meta + html;
}

/** The classic 16-bytes-a-line hex view for binary bodies. */
export function hexDump(bytes: Uint8Array, max = 16 * 1024): string {
  const lines: string[] = [];
  for (let off = 0; off < Math.min(bytes.length, max); off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, bytes.length));
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (bytes.length > max) lines.push(`… ${formatBytes(bytes.length - max)} more in the preview`);
  return lines.join('\n');
}

function Preview({ r }: { r: UrlSendResult }) {
  const p = r.preview;
  const html = p.kind === 'text' && (p.mime ?? '').includes('html');
  const doc = useMemo(() => (html && r.text !== null ? previewDoc(r.text) : ''), [html, r.text]);
  if (p.kind === 'image') {
    return p.base64 ? (
      <div className="image-preview">
        <img src={`data:${p.mime ?? 'application/octet-stream'};base64,${p.base64}`} alt={`Response body (${p.mime ?? 'image'})`} />
      </div>
    ) : (
      <p className="muted pad">The image is too large to preview; save it instead.</p>
    );
  }
  if (html) return <iframe className="html-preview" title="HTML preview (scripts and remote loads blocked)" sandbox="" srcDoc={doc} data-testid="html-preview" />;
  return <Raw r={r} />;
}

function Raw({ r }: { r: UrlSendResult }) {
  const p = r.preview;
  const hex = useMemo(() => (p.kind === 'binary' && p.base64 ? hexDump(fromBase64(p.base64)) : null), [p.kind, p.base64]);
  if (p.kind === 'empty') return <p className="muted pad">No body.</p>;
  if (p.kind === 'image') return <p className="muted pad">An image ({p.mime}, {formatBytes(r.body.bytes)}): see Preview.</p>;
  if (hex !== null) return <pre className="body-pre" data-testid="body-text">{hex}</pre>;
  return <pre className="body-pre selectable" data-testid="body-text">{r.text ?? ''}</pre>;
}

function Pretty({ r }: { r: UrlSendResult }) {
  const out = useMemo(() => (r.text !== null ? pretty(r.text, r.body.contentType) : null), [r.text, r.body.contentType]);
  if (!out) return <Raw r={r} />;
  return (
    <pre className={`body-pre selectable pretty-${out.kind}`} data-testid="body-text">
      {out.text}
    </pre>
  );
}

/** Body: raw / pretty / preview of what came back, sizes, and "Save body as…". */
export function BodyView({ r }: { r: UrlSendResult }) {
  const view = useUrl((s) => s.ui.bodyView);
  const setUi = useUrl.getState().setUi;
  const [saveNote, setSaveNote] = useState<string | null>(null);
  const onSave = async () => {
    const b = await api.invoke('url.body', { responseId: r.responseId });
    if (!b.ok) {
      setSaveNote(b.error.message);
      return;
    }
    saveBase64(b.value.filename, b.value.base64, b.value.contentType ?? 'application/octet-stream');
    setSaveNote(`Saved ${b.value.filename} (${formatBytes(b.value.size)}).`);
  };
  return (
    <div className="body-view">
      <div className="body-tools">
        <div className="segmented" role="radiogroup" aria-label="Body view">
          {(['raw', 'pretty', 'preview'] as View[]).map((v) => (
            <button key={v} type="button" role="radio" aria-checked={view === v} className="seg" onClick={() => setUi({ bodyView: v })}>
              {v === 'raw' ? 'Raw' : v === 'pretty' ? 'Pretty' : 'Preview'}
            </button>
          ))}
        </div>
        <span className="muted">
          {r.body.contentType ?? 'no Content-Type'}
          {r.body.charset ? ` · ${r.body.charset}` : ''}
          {r.body.contentEncoding ? ` · ${r.body.contentEncoding} decoded` : ''}
          {r.preview.truncated ? ' · preview cut, save for the whole body' : ''}
        </span>
        <span className="spacer" />
        {saveNote && (
          <span className="muted" role="status">
            {saveNote}
          </span>
        )}
        <button type="button" className="btn" disabled={r.preview.kind === 'empty'} onClick={() => void onSave()}>
          <Download size={14} aria-hidden /> Save body as…
        </button>
      </div>
      <div className="body-content">
        {view === 'raw' && <Raw r={r} />}
        {view === 'pretty' && <Pretty r={r} />}
        {view === 'preview' && <Preview r={r} />}
      </div>
    </div>
  );
}
