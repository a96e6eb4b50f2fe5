// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { fakeBridge } from './testing/fakeBridge';
import { settle, useRendererTestEnv } from './testing/harness';
import { DEFAULT_SETTINGS } from './testing/fakeBridge';
import { ok } from '../../shared/errors';

const env = useRendererTestEnv();
const rail = () => screen.getByRole('navigation', { name: 'Sections' });
const railButton = (name: string) => within(rail()).getByRole('button', { name });
const visibleSection = () => document.querySelector<HTMLElement>('.section:not([hidden])')!;

describe('rail', () => {
  it('opens a section on click, marks it current and remembers it in settings', async () => {
    const b = fakeBridge();
    await env.renderApp(b);
    expect(railButton('Mail')).toHaveProperty('ariaCurrent', 'page');
    fireEvent.click(railButton('Wire'));
    expect(railButton('Wire').getAttribute('aria-current')).toBe('page');
    expect(railButton('Mail').getAttribute('aria-current')).toBeNull();
    expect(visibleSection().dataset.testid).toBe('section-wire');
    expect(b.callsTo('settings.set')).toContainEqual({ lastSection: 'wire' });
  });

  it('moves focus with Up/Down without opening, and opens with Enter', async () => {
    await env.renderApp(fakeBridge());
    const mail = railButton('Mail');
    mail.focus();
    fireEvent.keyDown(mail, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(railButton('Files'));
    expect(railButton('Files').getAttribute('aria-current')).toBeNull();
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' }); // wraps to the last one
    expect(document.activeElement).toBe(railButton('Settings'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(railButton('Settings').getAttribute('aria-current')).toBe('page');
    // one tab stop: only the focused button is tabbable
    expect(within(rail()).getAllByRole('button').filter((el) => el.tabIndex === 0)).toHaveLength(1);
  });

  it('opens sections with Ctrl+digit and shows the shortcut in the tooltip', async () => {
    await env.renderApp(fakeBridge());
    fireEvent.keyDown(window, { key: '3', ctrlKey: true });
    expect(railButton('Terminal').getAttribute('aria-current')).toBe('page');
    expect(railButton('Terminal').title).toBe('Terminal (Ctrl+3)');
  });

  it('restores the last section from settings on start', async () => {
    await env.renderApp(fakeBridge({ 'settings.get': () => ok({ ...DEFAULT_SETTINGS, lastSection: 'settings' }) }));
    expect(railButton('Settings').getAttribute('aria-current')).toBe('page');
    expect(visibleSection().dataset.testid).toBe('section-settings');
  });

  it('keeps a section state when the user leaves and comes back', async () => {
    await env.renderApp(fakeBridge());
    fireEvent.click(railButton('Wire'));
    fireEvent.change(screen.getByLabelText('Filter text'), { target: { value: 'EHLO' } });
    fireEvent.click(railButton('Mail'));
    expect(visibleSection().textContent).toContain('Not built yet');
    fireEvent.click(railButton('Wire'));
    expect((screen.getByLabelText('Filter text') as HTMLInputElement).value).toBe('EHLO');
  });

  it('says plainly which sections are not built yet', async () => {
    await env.renderApp(fakeBridge());
    for (const name of ['Mail', 'Files', 'Terminal']) {
      fireEvent.click(railButton(name));
      expect(visibleSection().textContent).toMatch(/Not built yet\. It (will|is coming)/);
    }
  });
});

describe('command palette', () => {
  it('opens on Ctrl+K and navigates to the chosen section', async () => {
    await env.renderApp(fakeBridge());
    expect(screen.queryByTestId('palette')).toBeNull();
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const palette = await screen.findByTestId('palette');
    const input = within(palette).getByRole('combobox');
    fireEvent.change(input, { target: { value: 'wire' } });
    fireEvent.click(within(palette).getByRole('option', { name: /Go to Wire/ }));
    await settle();
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(railButton('Wire').getAttribute('aria-current')).toBe('page');
  });

  it('runs the self-test job and toggles the theme', async () => {
    const b = fakeBridge();
    await env.renderApp(b);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    fireEvent.click(within(await screen.findByTestId('palette')).getByRole('option', { name: /self-test/i }));
    await settle();
    expect(b.callsTo('app.selfTest')).toEqual([{ ms: 5000, label: 'Self-test' }]);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    fireEvent.click(within(await screen.findByTestId('palette')).getByRole('option', { name: /theme/i }));
    await settle();
    // jsdom has no prefers-color-scheme: "system" counts as light, so the toggle goes dark
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(b.callsTo('settings.set')).toContainEqual({ theme: 'dark' });
  });
});

describe('theme', () => {
  it('applies the override from Settings as data-theme and follows the system otherwise', async () => {
    const b = fakeBridge({ 'settings.get': () => ok({ ...DEFAULT_SETTINGS, theme: 'light' }) });
    await env.renderApp(b);
    expect(document.documentElement.getAttribute('data-theme')).toBe('light');
    fireEvent.click(railButton('Settings'));
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(b.callsTo('settings.set')).toContainEqual({ theme: 'dark' });
    fireEvent.click(screen.getByRole('radio', { name: 'Follow the system' }));
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
  });

  it('follows settings.changed from main (another window changed it)', async () => {
    const b = fakeBridge();
    await env.renderApp(b);
    act(() => b.emit('settings.changed', { ...DEFAULT_SETTINGS, theme: 'dark' }));
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
  });
});

describe('connection state', () => {
  it('shows a visible disconnected state and reloads after reconnecting', async () => {
    const b = fakeBridge();
    await env.renderApp(b);
    expect(screen.getByTestId('connection-state').textContent).toMatch(/Connected/);
    act(() => b.setConnection({ state: 'closed', opens: 1, retryAt: Date.now() + 4000 }));
    expect(screen.getByRole('alert').textContent).toMatch(/Lost the connection/);
    expect(screen.getByTestId('connection-state').textContent).toMatch(/Disconnected — retrying in [34] s/);
    const before = b.callsTo('settings.get').length;
    act(() => b.setConnection({ state: 'open', opens: 2 }));
    await settle();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(b.callsTo('settings.get').length).toBe(before + 1);
  });
});

describe('palette actions', () => {
  it('open log folder shows the path in Settings when the transport cannot open it; clear wire asks main', async () => {
    const b = fakeBridge();
    await env.renderApp(b);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    fireEvent.click(within(await screen.findByTestId('palette')).getByRole('option', { name: /Open log folder/ }));
    await settle();
    expect(railButton('Settings').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('log-folder-path').textContent).toContain('/tmp/porthole');
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    fireEvent.click(within(await screen.findByTestId('palette')).getByRole('option', { name: /Clear wire log/ }));
    await settle();
    expect(b.callsTo('wire.clear')).toHaveLength(1);
  });
});
