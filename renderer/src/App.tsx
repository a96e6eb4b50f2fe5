import { useEffect, useState, type ComponentType } from 'react';
import type { Section } from '../../shared/ipc/app';
import { useApp, type Theme } from './stores/app';
import { SECTION_LIST } from './lib/sections';
import { isModKey } from './lib/keys';
import { Rail } from './components/Rail';
import { StatusBar } from './components/StatusBar';
import { CommandPalette } from './components/CommandPalette';
import { ConnectionBanner } from './components/ConnectionBanner';
import { MailSection } from './features/mail/MailSection';
import { FilesSection } from './features/files/FilesSection';
import { TerminalSection } from './features/terminal/TerminalSection';
import { UrlSection } from './features/url/UrlSection';
import { WireSection } from './features/wire/WireSection';
import { SettingsSection } from './features/settings/SettingsSection';

const SECTION_VIEWS: Record<Section, ComponentType> = {
  mail: MailSection,
  files: FilesSection,
  terminal: TerminalSection,
  url: UrlSection,
  wire: WireSection,
  settings: SettingsSection,
};

/** `data-theme` only when overridden; without it the CSS follows prefers-color-scheme. */
function useThemeAttribute(theme: Theme) {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
  }, [theme]);
}

/** Ctrl/Cmd+1…6 open sections, Ctrl/Cmd+K toggles the palette, from anywhere in the window. */
function useGlobalShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isModKey(e) || e.shiftKey) return;
      const k = e.key.toLowerCase();
      if (k === 'k') {
        e.preventDefault();
        const { paletteOpen, setPaletteOpen } = useApp.getState();
        setPaletteOpen(!paletteOpen);
        return;
      }
      const m = SECTION_LIST.find((s) => s.key === e.key);
      if (m) {
        e.preventDefault();
        useApp.getState().setPaletteOpen(false);
        useApp.getState().openSection(m.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * The shell. Sections are mounted on first visit and then only hidden, so a half-typed filter or
 * a scrolled list is still there when the user comes back.
 */
export function App() {
  const section = useApp((s) => s.section);
  const theme = useApp((s) => s.theme);
  const [visited, setVisited] = useState<ReadonlySet<Section>>(() => new Set([section]));
  useThemeAttribute(theme);
  useGlobalShortcuts();

  useEffect(() => {
    setVisited((v) => (v.has(section) ? v : new Set([...v, section])));
  }, [section]);

  return (
    <div className="app">
      <Rail />
      <main className="content">
        <ConnectionBanner />
        {SECTION_LIST.map((m) => {
          const View = SECTION_VIEWS[m.id];
          const shown = m.id === section;
          if (!shown && !visited.has(m.id)) return null;
          return (
            <div key={m.id} className="section" hidden={!shown} data-testid={`section-${m.id}`} aria-label={m.label} role="region">
              <View />
            </div>
          );
        })}
      </main>
      <StatusBar />
      <CommandPalette />
    </div>
  );
}
