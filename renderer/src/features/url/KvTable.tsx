import { useState } from 'react';
import { newRowId } from '../../stores/urlDraft';
import { RemoveButton } from '../../components/RemoveButton';

export interface KvItem {
  id: string;
  name: string;
  value: string;
  enabled?: boolean;
}

interface KvTableProps<R extends KvItem> {
  rows: R[];
  onChange(rows: R[]): void;
  /** builds a new row from the trailing blank row's first keystroke */
  make(id: string, name: string, value: string): R;
  /** names the table and its inputs for screen readers and tests: "Header", "Query parameter" … */
  noun: string;
  /** show the per-row "send this" checkbox */
  toggles?: boolean;
  namePlaceholder?: string;
  valuePlaceholder?: string;
  testId?: string;
}

/**
 * An editable name/value table (headers, query, form fields) in the Postman manner: a trailing
 * blank row becomes a real row on its first keystroke. The blank row's id is handed to the new row,
 * so React keeps the same input element and the caret stays where the user is typing.
 */
export function KvTable<R extends KvItem>({ rows, onChange, make, noun, toggles, namePlaceholder = 'Name', valuePlaceholder = 'Value', testId }: KvTableProps<R>) {
  const [ghostId, setGhostId] = useState(newRowId);
  const update = (id: string, patch: Partial<KvItem>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const fromGhost = (name: string, value: string) => {
    onChange([...rows, make(ghostId, name, value)]);
    setGhostId(newRowId());
  };
  const all: (R | null)[] = [...rows, null];
  return (
    <table className="grid kv-table" aria-label={`${noun}s`} data-testid={testId}>
      <thead>
        <tr>
          {toggles && (
            <th scope="col" className="kv-on">
              <span className="sr-only">Send</span>
            </th>
          )}
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col" className="kv-del">
            <span className="sr-only">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {all.map((r, i) => {
          const id = r ? r.id : ghostId;
          const n = i + 1;
          return (
            <tr key={id} className={r && r.enabled === false ? 'kv-off' : r ? '' : 'kv-ghost'}>
              {toggles && (
                <td className="kv-on">
                  {r && <input type="checkbox" checked={r.enabled !== false} aria-label={`Send ${noun.toLowerCase()} ${n}`} onChange={(e) => update(id, { enabled: e.target.checked })} />}
                </td>
              )}
              <td>
                <input
                  type="text"
                  className="mono"
                  spellCheck={false}
                  placeholder={r ? '' : namePlaceholder}
                  aria-label={`${noun} ${n} name`}
                  value={r?.name ?? ''}
                  onChange={(e) => (r ? update(id, { name: e.target.value }) : fromGhost(e.target.value, ''))}
                />
              </td>
              <td>
                <input
                  type="text"
                  className="mono"
                  spellCheck={false}
                  placeholder={r ? '' : valuePlaceholder}
                  aria-label={`${noun} ${n} value`}
                  value={r?.value ?? ''}
                  onChange={(e) => (r ? update(id, { value: e.target.value }) : fromGhost('', e.target.value))}
                />
              </td>
              <td className="kv-del">
                {r && (
                  <RemoveButton label={`Remove ${noun.toLowerCase()} ${n}`} onClick={() => onChange(rows.filter((x) => x.id !== id))} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
