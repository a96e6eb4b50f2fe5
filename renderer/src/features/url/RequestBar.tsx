import { useRef, useState } from 'react';
import { ClipboardPaste, History, Send, Square, Terminal } from 'lucide-react';
import { selectBusy, useUrl } from '../../stores/url';
import { METHODS, TOKEN_RE } from '../../stores/urlDraft';
import { shortcutLabel } from '../../lib/keys';
import { ExportCurlDialog, ImportCurlDialog } from './CurlDialogs';

const CUSTOM = '__custom';

/**
 * Method, URL, Send/Cancel and the curl round trip. The method is a select of the usual verbs plus
 * "Custom…", which reveals a text field for any RFC 9110 token (PROPFIND, PURGE …).
 */
export function RequestBar() {
  const method = useUrl((s) => s.draft.method);
  const url = useUrl((s) => s.draft.url);
  const busy = useUrl(selectBusy);
  const historyOpen = useUrl((s) => s.ui.historyOpen);
  const { setUrl, patchDraft, sendNow, cancel, setUi } = useUrl.getState();
  const [forceCustom, setForceCustom] = useState(false);
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null);
  const customRef = useRef<HTMLInputElement>(null);

  const custom = forceCustom || !(METHODS as readonly string[]).includes(method);
  const methodValid = TOKEN_RE.test(method);

  return (
    <div className="url-bar" role="group" aria-label="Request">
      <button
        type="button"
        className="btn icon-only"
        aria-pressed={historyOpen}
        aria-label="History"
        title="Show or hide the history of sent requests"
        onClick={() => setUi({ historyOpen: !historyOpen })}
      >
        <History size={15} aria-hidden />
      </button>
      <select
        className={`method-select method-${custom ? 'custom' : method.toLowerCase()}`}
        aria-label="Method"
        value={custom ? CUSTOM : method}
        onChange={(e) => {
          if (e.target.value === CUSTOM) {
            setForceCustom(true);
            setTimeout(() => customRef.current?.select(), 0);
          } else {
            setForceCustom(false);
            patchDraft({ method: e.target.value });
          }
        }}
      >
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
        <option value={CUSTOM}>Custom…</option>
      </select>
      {custom && (
        <input
          ref={customRef}
          type="text"
          className="mono method-custom"
          aria-label="Custom method"
          aria-invalid={!methodValid}
          title={methodValid ? 'Any HTTP method token' : 'A method is a token: letters, digits and !#$%&\'*+-.^_`|~'}
          spellCheck={false}
          value={method}
          onChange={(e) => patchDraft({ method: e.target.value.trim() })}
        />
      )}
      <input
        type="text"
        className="mono url-input"
        aria-label="URL"
        placeholder="https://example.com/path?query"
        spellCheck={false}
        autoComplete="off"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
            e.preventDefault();
            void sendNow();
          }
        }}
      />
      {busy ? (
        <button type="button" className="btn btn-danger send-btn" onClick={() => void cancel()} title="Stop the request">
          <Square size={13} aria-hidden /> Cancel
        </button>
      ) : (
        <button type="button" className="btn btn-primary send-btn" disabled={!url.trim() || !methodValid} onClick={() => void sendNow()} title={`Send (${shortcutLabel('Enter')})`}>
          <Send size={13} aria-hidden /> Send
        </button>
      )}
      <button type="button" className="btn" onClick={() => setDialog('import')} title="Fill the request from a pasted curl command">
        <ClipboardPaste size={14} aria-hidden /> Import curl
      </button>
      <button type="button" className="btn" disabled={!url.trim()} onClick={() => setDialog('export')} title="Copy this request as a curl command">
        <Terminal size={14} aria-hidden /> Copy as curl
      </button>
      {dialog === 'import' && <ImportCurlDialog onClose={() => setDialog(null)} />}
      {dialog === 'export' && <ExportCurlDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
