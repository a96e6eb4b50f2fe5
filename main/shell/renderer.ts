import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

/** Where the window's page comes from: the built file, or the vite dev server in development. */
export type RendererTarget = { kind: 'file'; file: string } | { kind: 'url'; url: string };

/**
 * The dev server URL is honoured only in an unpackaged app: an environment variable must never be
 * able to point an installed Porthole, bridge and all, at some other page.
 */
export function rendererTarget(appPath: string, env: NodeJS.ProcessEnv, isPackaged: boolean): RendererTarget {
  const dev = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && dev && /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/?/.test(dev)) return { kind: 'url', url: dev };
  return { kind: 'file', file: join(appPath, 'out', 'renderer', 'index.html') };
}

const strip = (u: URL) => `${u.protocol}//${u.host}${u.pathname}`;

/** Is this URL our renderer page (query and fragment aside)? Used to trust IPC senders. */
export function isRendererUrl(target: RendererTarget, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (target.kind === 'file') return u.protocol === 'file:' && strip(u) === strip(pathToFileURL(target.file));
  return u.origin === new URL(target.url).origin;
}

/** Only plain web links leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 8192) return false;
  try {
    const u = new URL(url);
    // user:pass@ in a link is a classic disguise (https://bank.example@evil.example/)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}
