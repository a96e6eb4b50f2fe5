/**
 * `npm run start:web` (out/main/host.js): the browser host for machines without Electron or a
 * display. Serves the built renderer and the same router on 127.0.0.1 and prints one line with the
 * URL (token in the fragment). Never imports electron.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { createApp } from '../app/createApp';
import { FileSecretStore, MemorySecretStore } from '../services/app/secrets';
import { USAGE, parseHostArgs, type HostArgs } from './args';
import { startHost } from './server';

/** The renderer build: next to the bundled host (out/main → out/renderer), or from a source run. */
function findStaticDir(args: HostArgs): string {
  if (args.staticDir) return resolve(args.staticDir);
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '../renderer'), join(here, '../../out/renderer')];
  const found = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!found) throw new Error(`no renderer build found (looked in ${candidates.join(', ')}); run \`npm run build\` first`);
  return found;
}

/** Opens the system browser where there is a desktop; on a headless box the printed URL is enough. */
function openBrowser(url: string): void {
  const p = process.platform;
  if (p === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const [cmd, argv] = p === 'darwin' ? ['open', [url]] : p === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, argv as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no opener installed: the URL is printed anyway
  }
}

async function main(): Promise<void> {
  let args: HostArgs;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`porthole-web: ${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const staticDir = findStaticDir(args);
  const passphrase = process.env.PORTHOLE_SECRETS_PASSPHRASE;
  const secrets = passphrase
    ? await FileSecretStore.open(join(args.userDataDir, 'secrets.enc'), passphrase)
    : new MemorySecretStore();

  const app = await createApp({ userDataDir: args.userDataDir, transport: 'web', secrets, version });
  const host = await startHost({ router: app.router, staticDir, port: args.port, log: app.log });
  app.log.info('host: listening', { port: host.port, staticDir });
  process.stdout.write(`Porthole is at ${host.url}\n`);
  if (args.open) openBrowser(host.url);

  let stopping = false;
  const stop = (sig: NodeJS.Signals) => {
    if (stopping) process.exit(130); // a second Ctrl+C means "now"
    stopping = true;
    app.log.info('host: stopping', { signal: sig });
    void host
      .close()
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (e: unknown) => {
          process.stderr.write(`porthole-web: error while stopping: ${(e as Error).message}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`porthole-web: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
