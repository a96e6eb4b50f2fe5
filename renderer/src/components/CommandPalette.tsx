import { Command } from 'cmdk';
import { FolderOpen, Play, SunMoon, Trash2 } from 'lucide-react';
import { api } from '../api';
import { effectiveTheme, useApp } from '../stores/app';
import { useSettings } from '../stores/settings';
import { useWire } from '../stores/wire';
import { SECTION_LIST } from '../lib/sections';
import { shortcutLabel } from '../lib/keys';

/** Runs a palette action after the dialog has closed, so focus lands in the section, not the void. */
function useRun() {
  const setOpen = useApp((s) => s.setPaletteOpen);
  return (fn: () => void | Promise<unknown>) => {
    setOpen(false);
    void fn();
  };
}

/**
 * Ctrl/Cmd+K. cmdk gives the fuzzy filter, arrow keys and the listbox semantics; each item names
 * what it does in words a user would type ("wire", "theme", "log").
 */
export function CommandPalette() {
  const open = useApp((s) => s.paletteOpen);
  const setOpen = useApp((s) => s.setPaletteOpen);
  const openSection = useApp((s) => s.openSection);
  const run = useRun();

  const toggleTheme = () => {
    const { theme, setTheme } = useApp.getState();
    setTheme(effectiveTheme(theme) === 'dark' ? 'light' : 'dark');
  };
  const openLogFolder = async () => {
    const r = await useSettings.getState().openLogFolder();
    // the browser host cannot open a folder on the user's desktop: show the path in Settings
    if (r && !r.opened) useApp.getState().openSection('settings');
  };

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Command palette"
      data-testid="palette"
      overlayClassName="palette-overlay"
      contentClassName="palette-content"
      loop
    >
      <Command.Input autoFocus className="palette-input" placeholder="Type a command or a section…" />
      <Command.List className="palette-list">
        <Command.Empty className="palette-empty">No matching command.</Command.Empty>
        <Command.Group heading="Go to">
          {SECTION_LIST.map((m) => {
            const Icon = m.icon;
            return (
              <Command.Item key={m.id} value={`Go to ${m.label}`} keywords={[m.id, 'open', 'section']} onSelect={() => run(() => openSection(m.id))}>
                <Icon size={16} aria-hidden />
                <span>Go to {m.label}</span>
                <kbd>{shortcutLabel(m.key)}</kbd>
              </Command.Item>
            );
          })}
        </Command.Group>
        <Command.Group heading="Actions">
          <Command.Item value="toggle theme" keywords={['dark', 'light']} onSelect={() => run(toggleTheme)}>
            <SunMoon size={16} aria-hidden />
            <span>Toggle light/dark theme</span>
          </Command.Item>
          <Command.Item value="open log folder" keywords={['logs']} onSelect={() => run(openLogFolder)}>
            <FolderOpen size={16} aria-hidden />
            <span>Open log folder</span>
          </Command.Item>
          <Command.Item value="clear wire log" keywords={['transcript']} onSelect={() => run(() => useWire.getState().clear())}>
            <Trash2 size={16} aria-hidden />
            <span>Clear wire log</span>
          </Command.Item>
          <Command.Item
            value="run self-test job"
            keywords={['progress', 'cancel']}
            onSelect={() => run(() => api.invoke('app.selfTest', { ms: 5000, label: 'Self-test' }))}
          >
            <Play size={16} aria-hidden />
            <span>Run self-test job (5 s)</span>
          </Command.Item>
        </Command.Group>
      </Command.List>
    </Command.Dialog>
  );
}
