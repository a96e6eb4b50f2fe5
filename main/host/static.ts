import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/** Content types of what a vite build emits; anything else is served as opaque bytes. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (file: string): string => TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * Maps a request path to a file under `root`, or null when it must not be served.
 * Decoding happens once, and the resolved path must stay under the root: `..`, `%2e%2e`, encoded
 * slashes and NUL bytes all end up outside it or are refused outright.
 */
export function resolveUnder(root: string, rawPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const abs = resolve(root, `.${path}`);
  return abs.startsWith(root + sep) ? abs : null;
}

/**
 * Serves GET/HEAD for the built renderer. Symlinks are followed only if their target is still
 * under the root, so a link planted in the build output cannot expose the rest of the disk.
 */
export function createStaticHandler(staticDir: string) {
  const rootP = realpath(resolve(staticDir));
  return async (req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> => {
    const send = (status: number, text: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    const root = await rootP;
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    const wanted = resolveUnder(root, rawPath);
    if (!wanted) return send(400, 'Bad Request');
    let file: string;
    try {
      file = await realpath(wanted);
      if (!file.startsWith(root + sep)) return send(404, 'Not Found');
      const st = await stat(file);
      if (!st.isFile()) return send(404, 'Not Found');
      res.writeHead(200, {
        ...headers,
        'Content-Type': contentTypeOf(file),
        'Content-Length': String(st.size),
        // hashed assets may be cached; index.html must not be, so a rebuild is picked up
        'Cache-Control': file.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
      });
    } catch {
      return send(404, 'Not Found');
    }
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}
