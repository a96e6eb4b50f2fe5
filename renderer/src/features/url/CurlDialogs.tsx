import { useEffect, useState } from 'react';
import { Copy } from 'lucide-react';
import { api } from '../../api';
import { Modal } from '../../components/Modal';
import { useUrl } from '../../stores/url';
import { draftToRequest } from '../../stores/urlDraft';

/** Paste a curl command → the editor (url.curl.import); what could not be imported is listed. */
export function ImportCurlDialog({ onClose }: { onClose(): void }) {
  const [command, setCommand] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onImport = async () => {
    setBusy(true);
    const r = await api.invoke('url.curl.import', { command });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    const { request, warnings } = r.value;
    useUrl.getState().loadRequest(request, warnings.length ? `Imported from curl. Not imported: ${warnings.join(' · ')}` : null);
    onClose();
  };

  return (
    <Modal
      title="Import a curl command"
      onClose={onClose}
      testId="curl-import"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={!command.trim() || busy} onClick={() => void onImport()}>
            Import
          </button>
        </>
      }
    >
      <p className="muted">Paste a command as copied from a browser&apos;s developer tools or a terminal. Files it names (-d @file, --cacert) are not read: choose them in the editor.</p>
      <textarea
        className="mono curl-text"
        rows={8}
        spellCheck={false}
        aria-label="curl command"
        placeholder="curl -X POST https://example.com/api -H 'Content-Type: application/json' -d '{…}'"
        value={command}
        data-autofocus
        onChange={(e) => setCommand(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && command.trim()) {
            e.preventDefault();
            void onImport();
          }
        }}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}

/**
 * The editor's request as a curl command (url.curl.export), copied to the clipboard as soon as it is
 * built; secrets stay `<secret>` unless the user ticks "include secrets".
 */
export function ExportCurlDialog({ onClose }: { onClose(): void }) {
  const draft = useUrl((s) => s.draft);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [out, setOut] = useState<{ command: string; warnings: string[] } | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // without an agent, draftToRequest adds no robotsAgent: the object is a plain UrlFetchRequest
    void api.invoke('url.curl.export', { request: draftToRequest(draft), includeSecrets }).then(async (r) => {
      if (!live) return;
      if (!r.ok) {
        setOut(null);
        setNote(r.error.message);
        return;
      }
      setOut(r.value);
      setNote((await copyText(r.value.command)) ? 'Copied to the clipboard.' : 'Select the command and copy it (the clipboard is not available here).');
    });
    return () => {
      live = false;
    };
  }, [draft, includeSecrets]);

  return (
    <Modal
      title="Copy as curl"
      onClose={onClose}
      testId="curl-export"
      footer={
        <>
          <button type="button" className="btn" disabled={!out} onClick={() => out && void copyText(out.command).then((ok) => setNote(ok ? 'Copied to the clipboard.' : 'Copy failed.'))}>
            <Copy size={14} aria-hidden /> Copy again
          </button>
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Done
          </button>
        </>
      }
    >
      <label className="radio">
        <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.target.checked)} />
        Include secrets (Authorization, cookies, passwords) in clear
      </label>
      <pre className="detail selectable curl-out" data-testid="curl-command">
        {out?.command ?? '…'}
      </pre>
      {out?.warnings.map((w) => (
        <p key={w} className="muted">
          {w}
        </p>
      ))}
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
    </Modal>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
