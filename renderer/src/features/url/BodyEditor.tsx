import { Paperclip } from 'lucide-react';
import { formatBytes } from '../../../../shared/format';
import { useUrl } from '../../stores/url';
import { kvRow, newRowId, type BodyKind, type FileRow, type KvRow } from '../../stores/urlDraft';
import { KvTable } from './KvTable';
import { RemoveButton } from '../../components/RemoveButton';

const KINDS: [BodyKind, string][] = [
  ['none', 'None'],
  ['raw', 'Raw'],
  ['json', 'JSON'],
  ['form', 'Form (urlencoded)'],
  ['multipart', 'Multipart'],
];

const makeKv = (id: string, name: string, value: string): KvRow => ({ ...kvRow(name, value), id });

/** Reads a chosen file as base64 (the IPC carries bytes as base64; the engine decodes them). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const fr = new FileReader();
    fr.onerror = () => reject(fr.error ?? new Error('read failed'));
    fr.onload = () => {
      const s = String(fr.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    fr.readAsDataURL(file);
  });
}

/** The request body: the kinds the contract knows, each keeping its own text while you switch. */
export function BodyEditor() {
  const d = useUrl((s) => s.draft);
  const patch = useUrl.getState().patchDraft;

  const addFiles = async (list: FileList | null) => {
    if (!list) return;
    const added: FileRow[] = [];
    for (const f of Array.from(list)) {
      added.push({ id: newRowId(), name: 'file', filename: f.name, contentType: f.type, size: f.size, dataBase64: await readAsBase64(f) });
    }
    patch({ files: [...useUrl.getState().draft.files, ...added] });
  };
  const setFile = (id: string, p: Partial<FileRow>) => patch({ files: d.files.map((f) => (f.id === id ? { ...f, ...p } : f)) });

  return (
    <div className="body-editor">
      <div className="radios radios-inline" role="radiogroup" aria-label="Body kind">
        {KINDS.map(([k, label]) => (
          <label key={k} className="radio">
            <input type="radio" name="body-kind" checked={d.bodyKind === k} onChange={() => patch({ bodyKind: k })} />
            {label}
          </label>
        ))}
      </div>
      {d.bodyKind === 'none' && <p className="muted">No body is sent.</p>}
      {d.bodyKind === 'raw' && (
        <>
          <label className="field">
            <span>Content-Type</span>
            <input type="text" className="mono" value={d.rawContentType} onChange={(e) => patch({ rawContentType: e.target.value })} aria-label="Raw body content type" />
          </label>
          <textarea className="mono body-text" spellCheck={false} aria-label="Raw body" value={d.rawText} onChange={(e) => patch({ rawText: e.target.value })} />
        </>
      )}
      {d.bodyKind === 'json' && <JsonBody />}
      {d.bodyKind === 'form' && <KvTable noun="Form field" rows={d.formFields} onChange={(rows) => patch({ formFields: rows })} make={makeKv} toggles />}
      {d.bodyKind === 'multipart' && (
        <>
          <KvTable noun="Form field" rows={d.multipartFields} onChange={(rows) => patch({ multipartFields: rows })} make={makeKv} toggles />
          <table className="grid files-table" aria-label="Files">
            <tbody>
              {d.files.map((f, i) => (
                <tr key={f.id}>
                  <td>
                    <input type="text" className="mono" aria-label={`File ${i + 1} field name`} value={f.name} onChange={(e) => setFile(f.id, { name: e.target.value })} />
                  </td>
                  <td className="mono">{f.filename}</td>
                  <td>
                    <input type="text" className="mono" aria-label={`File ${i + 1} content type`} placeholder="application/octet-stream" value={f.contentType} onChange={(e) => setFile(f.id, { contentType: e.target.value })} />
                  </td>
                  <td className="num">{formatBytes(f.size)}</td>
                  <td className="kv-del">
                    <RemoveButton label={`Remove file ${f.filename}`} onClick={() => patch({ files: d.files.filter((x) => x.id !== f.id) })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="btn file-btn">
            <Paperclip size={14} aria-hidden /> Add files…
            <input type="file" multiple className="sr-only" aria-label="Add files" onChange={(e) => void addFiles(e.target.files).then(() => (e.target.value = ''))} />
          </label>
        </>
      )}
    </div>
  );
}

/** JSON text with a live validity note (sent as typed: the server may want to see bad JSON too). */
function JsonBody() {
  const text = useUrl((s) => s.draft.jsonText);
  const patch = useUrl.getState().patchDraft;
  let problem: string | null = null;
  if (text.trim()) {
    try {
      JSON.parse(text);
    } catch (e) {
      problem = e instanceof Error ? e.message : 'not valid JSON';
    }
  }
  return (
    <>
      <textarea className="mono body-text" spellCheck={false} aria-label="JSON body" aria-invalid={problem !== null} value={text} onChange={(e) => patch({ jsonText: e.target.value })} placeholder='{"key": "value"}' />
      <p className={problem ? 'note-warn' : 'muted'}>{problem ? `Not valid JSON: ${problem} (it is sent as typed)` : 'Sent with Content-Type: application/json.'}</p>
    </>
  );
}
