import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { fakeMenu } from './__fakes__/electron';
import { buildMenuTemplate, installMenu } from './menu';

vi.mock('electron', async () => (await import('./__fakes__/electron')).electronModule);

const roles = (items: MenuItemConstructorOptions[] | undefined): string[] =>
  (items ?? []).flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu as MenuItemConstructorOptions[] | undefined)]);

describe('app menu', () => {
  it.each(['darwin', 'linux', 'win32'] as const)('%s: Edit carries the roles copy/paste need', (platform) => {
    const t = buildMenuTemplate(platform);
    const edit = t.find((m) => m.role === 'editMenu');
    expect(roles(edit?.submenu as MenuItemConstructorOptions[])).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    const view = roles(t.find((m) => m.role === 'viewMenu')?.submenu as MenuItemConstructorOptions[]);
    expect(view).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'resetZoom']));
    expect(t.some((m) => m.role === 'windowMenu')).toBe(true);
    expect(t.some((m) => m.role === 'help')).toBe(true);
  });
  it('has an app menu on macOS only', () => {
    expect(buildMenuTemplate('darwin')[0]).toMatchObject({ label: 'Porthole' });
    expect(roles(buildMenuTemplate('darwin').slice(0, 1))).toContain('quit');
    expect(buildMenuTemplate('linux')[0]?.role).toBe('fileMenu');
  });
  it('installs itself as the application menu', () => {
    installMenu('linux');
    expect(fakeMenu.installed).toEqual({ template: buildMenuTemplate('linux') });
  });
});
