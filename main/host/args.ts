import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface HostArgs {
  port: number;
  userDataDir: string;
  open: boolean;
  staticDir?: string;
  help: boolean;
}

export const USAGE = `Usage: porthole-web [--port N] [--user-data DIR] [--static DIR] [--no-open]
  --port N          listen on 127.0.0.1:N (default: a free port)
  --user-data DIR   settings, profiles and logs (default: $PORTHOLE_USER_DATA or ~/.config/Porthole-web)
  --static DIR      the built renderer (default: out/renderer next to this program)
  --no-open         do not open a browser; just print the URL
Secrets stay in memory unless PORTHOLE_SECRETS_PASSPHRASE is set (then: an encrypted file).`;

/** Where an OS would keep this app's data, kept apart from the Electron app's own dir. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home = homedir()): string {
  if (env.PORTHOLE_USER_DATA) return env.PORTHOLE_USER_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Porthole-web');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Porthole-web');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Porthole-web');
}

/** Parses the host's command line; throws with a one-line message on a bad flag or value. */
export function parseHostArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, platform = process.platform): HostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'user-data': { type: 'string' },
      static: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port wants a number 0–65535, not "${values.port}"`);
  }
  return {
    port,
    userDataDir: values['user-data'] ?? defaultUserDataDir(env, platform),
    open: !values['no-open'],
    staticDir: values.static,
    help: values.help ?? false,
  };
}
