import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUserDataDir, parseHostArgs } from './args';

describe('parseHostArgs', () => {
  it('defaults to a free port, opening a browser, in the OS user-data-like dir', () => {
    const a = parseHostArgs([], { HOME: '/h' }, 'linux');
    expect(a).toMatchObject({ port: 0, open: true, help: false });
    expect(a.userDataDir.endsWith(join('.config', 'Porthole-web'))).toBe(true);
  });
  it('reads --port, --user-data, --static and --no-open', () => {
    expect(parseHostArgs(['--port', '8123', '--user-data', '/tmp/u', '--static', 'out/r', '--no-open'], {}, 'linux')).toEqual({
      port: 8123,
      userDataDir: '/tmp/u',
      staticDir: 'out/r',
      open: false,
      help: false,
    });
  });
  it('refuses a bad port and unknown flags', () => {
    expect(() => parseHostArgs(['--port', 'http'], {}, 'linux')).toThrow(/--port/);
    expect(() => parseHostArgs(['--port', '70000'], {}, 'linux')).toThrow(/--port/);
    expect(() => parseHostArgs(['--port', '-1'], {}, 'linux')).toThrow();
    expect(() => parseHostArgs(['--bind', '0.0.0.0'], {}, 'linux')).toThrow();
  });
});

describe('defaultUserDataDir', () => {
  it('prefers $PORTHOLE_USER_DATA, then the platform convention', () => {
    expect(defaultUserDataDir({ PORTHOLE_USER_DATA: '/x' }, 'linux', '/h')).toBe('/x');
    expect(defaultUserDataDir({}, 'linux', '/h')).toBe(join('/h', '.config', 'Porthole-web'));
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/h')).toBe(join('/xdg', 'Porthole-web'));
    expect(defaultUserDataDir({}, 'darwin', '/h')).toBe(join('/h', 'Library', 'Application Support', 'Porthole-web'));
    expect(defaultUserDataDir({ APPDATA: 'C:\\A' }, 'win32', '/h')).toBe(join('C:\\A', 'Porthole-web'));
  });
});
