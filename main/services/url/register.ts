import { AppError } from '../../../shared/errors';
import type { Router } from '../../ipc/router';
import { analyzeUrl, setQuery } from '../../protocols/url';
import { maskUrl } from '../../protocols/mask';
import { exportCurl, importCurl } from './curl';
import { UrlService, type UrlServiceDeps } from './service';

export type { UrlServiceDeps };

/**
 * The URL inspector's channels (shared/ipc/url.ts). Handlers stay one-liners over UrlService;
 * the router has validated every request against its schema before they run.
 * @example const url = await registerUrl(router, { wire, trust, settings, log, secrets, userDataDir })
 */
export async function registerUrl(router: Router, deps: UrlServiceDeps): Promise<UrlService> {
  const s = await UrlService.open(deps);

  // the same analyzeUrl the CLI's `url parse` uses, so the app and the CLI never disagree
  router.handle('url.analyze', ({ input, base }) => analyzeUrl(input, base));
  router.handle('url.setQuery', ({ url, pairs }) => ({ url: setQuery(url, pairs) }));

  router.handle(
    'url.send',
    (req, ctx) => s.send(req, { callerId: ctx.caller.id, signal: ctx.signal, progress: (d, t) => ctx.progress(d, t) }),
    { label: (req) => `${req.method} ${maskUrl(req.url)}` },
  );

  router.handle('url.body', ({ responseId }, ctx) => {
    const b = s.bodies.get(ctx.caller.id, responseId);
    return { base64: b.data.toString('base64'), contentType: b.contentType, size: b.data.length, filename: b.filename };
  });

  router.handle('url.robots', (q, ctx) => s.robotsVerdict(q, ctx.signal));

  // every window's history list follows the one store; a cancelled send is recorded after its
  // job has already ended, so the list cannot rely on the job's final state alone
  s.history.onChange(() => router.emit('url.history.changed', {}));
  router.handle('url.history.list', ({ query, limit }) => s.history.list(query, limit));
  router.handle('url.history.get', ({ id }) => s.history.get(id));
  router.handle('url.history.delete', async ({ id }) => {
    await s.history.delete(id);
    return null;
  });
  router.handle('url.history.clear', async () => {
    await s.history.clear();
    return null;
  });

  router.handle('url.cookies.list', (_req, ctx) => s.jars.get(ctx.caller.id).list());
  router.handle('url.cookies.set', ({ cookie }, ctx) => {
    const jar = s.jars.get(ctx.caller.id);
    jar.set({ ...cookie, domain: cookie.domain.toLowerCase().replace(/^\./, ''), created: cookie.created ?? Date.now() });
    return jar.list();
  });
  router.handle('url.cookies.delete', ({ domain, path, name }, ctx) => {
    if (!s.jars.get(ctx.caller.id).delete(domain, path, name)) throw new AppError('ENOTFOUND', 'No such cookie');
    return null;
  });
  router.handle('url.cookies.clear', (_req, ctx) => {
    s.jars.get(ctx.caller.id).clear();
    return null;
  });

  router.handle('url.curl.import', ({ command }) => importCurl(command));
  router.handle('url.curl.export', ({ request, includeSecrets }) => exportCurl(request, includeSecrets));

  router.handle('url.defaults', () => s.defaults());

  return s;
}
