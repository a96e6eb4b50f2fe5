import { useEffect, useId, useState, type ReactNode } from 'react';
import { FolderOpen } from 'lucide-react';
import { useApp, type Theme } from '../../stores/app';
import { useSettings } from '../../stores/settings';
import { errorText } from '../../lib/errorText';
import { ProxyForm } from './ProxyForm';
import { TrustTable } from './TrustTable';
import { Passwords } from './Passwords';

function Group({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-group" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const THEMES: { id: Theme; label: string }[] = [
  { id: 'system', label: 'Follow the system' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

function ThemeChoice() {
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  const name = useId();
  return (
    <fieldset className="radios radios-inline">
      <legend className="sr-only">Theme</legend>
      {THEMES.map((t) => (
        <label key={t.id} className="radio">
          <input type="radio" name={name} value={t.id} checked={theme === t.id} onChange={() => setTheme(t.id)} />
          <span>{t.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function WireBuffer({ value }: { value: number }) {
  const [draft, setDraft] = useState(String(value));
  const [status, setStatus] = useState<string | null>(null);
  const save = useSettings((s) => s.save);
  useEffect(() => setDraft(String(value)), [value]);
  const n = Number(draft);
  const valid = Number.isInteger(n) && n >= 1000 && n <= 1_000_000;

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    const r = await save({ wireBufferLines: n });
    setStatus(r.ok ? 'Saved.' : `${errorText(r.error.code).title}: ${r.error.message}`);
  };

  return (
    <form className="form form-inline" onSubmit={(e) => void onSubmit(e)}>
      <label className="row-field">
        <span>Lines kept</span>
        <input type="number" min={1000} max={1_000_000} step={1000} value={draft} onChange={(e) => setDraft(e.target.value)} aria-invalid={!valid} />
      </label>
      <button type="submit" className="btn btn-primary" disabled={!valid || n === value}>
        Save
      </button>
      <span className="muted" role="status">
        {!valid ? 'Between 1,000 and 1,000,000.' : status ?? 'The oldest lines are dropped beyond this.'}
      </span>
    </form>
  );
}

function About() {
  const info = useApp((s) => s.info);
  const logFolder = useSettings((s) => s.logFolder);
  const openLogFolder = useSettings((s) => s.openLogFolder);
  if (!info) return <p className="muted">Loading…</p>;
  return (
    <>
      <dl className="kv">
        <dt>Version</dt>
        <dd>
          {info.name} {info.version} ({info.platform})
        </dd>
        <dt>Running as</dt>
        <dd>{info.transport === 'electron' ? 'Desktop app (Electron)' : 'Browser host'}</dd>
        <dt>User data</dt>
        <dd className="mono selectable">{info.userDataDir}</dd>
        <dt>Log file</dt>
        <dd className="mono selectable">{info.logFile}</dd>
      </dl>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void openLogFolder()}>
          <FolderOpen size={14} aria-hidden />
          Open log folder
        </button>
        {logFolder && !logFolder.opened && (
          <span role="status" data-testid="log-folder-path">
            This window cannot open folders; the logs are in <span className="mono selectable">{logFolder.path}</span>
          </span>
        )}
      </div>
    </>
  );
}

/** Settings: each group saves on its own, straight to main's settings store. */
export function SettingsSection() {
  const settings = useSettings((s) => s.settings);
  return (
    <div className="settings scroll-pane">
      <h1 className="page-title">Settings</h1>
      <Group title="Appearance">
        <ThemeChoice />
      </Group>
      <Group title="Network proxy">{settings ? <ProxyForm proxy={settings.proxy} /> : <p className="muted">Loading…</p>}</Group>
      <Group title="Wire log">{settings ? <WireBuffer value={settings.wireBufferLines} /> : <p className="muted">Loading…</p>}</Group>
      <Group title="Passwords">
        <Passwords />
      </Group>
      <Group title="Trusted certificates">
        <TrustTable />
      </Group>
      <Group title="About">
        <About />
      </Group>
    </div>
  );
}
