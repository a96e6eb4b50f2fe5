import { AppError } from '../../../shared/errors';
import type { ProxySettingsSchema } from '../../../shared/ipc/app';
import type { RequestBodySpec, UrlFetchRequest } from '../../../shared/ipc/urlFetch';
import type { z } from 'zod';
import { basicAuth, bearerAuth } from '../../protocols/http/auth';
import { buildBody, type BodyInput } from '../../protocols/http/body';
import { proxyFromEnv, type ProxyConfig } from '../../protocols/http/proxy';

type ProxySettings = z.infer<typeof ProxySettingsSchema>;

/** The editor's body as the engine's body input (multipart files arrive base64 over IPC). */
export function bodyInput(spec: RequestBodySpec): BodyInput {
  if (spec.kind !== 'multipart') return spec;
  return {
    kind: 'multipart',
    fields: spec.fields,
    files: spec.files.map((f) => ({ name: f.name, filename: f.filename, contentType: f.contentType, data: Buffer.from(f.dataBase64, 'base64') })),
  };
}

/**
 * The header list and body bytes for a request: the auth tab's Authorization replaces one typed
 * in the headers table (the tab is the more deliberate choice), and the body's content type is
 * added unless the user typed a Content-Type.
 */
export function headersAndBody(req: UrlFetchRequest): { headers: [string, string][]; body: Buffer | null } {
  let headers: [string, string][] = req.headers.map(([n, v]) => [n, v]);
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  try {
    if (req.auth.kind !== 'none') {
      const value = req.auth.kind === 'basic' ? basicAuth(req.auth.user, req.auth.password) : bearerAuth(req.auth.token);
      headers = [...headers.filter(([n]) => n.toLowerCase() !== 'authorization'), ['Authorization', value]];
    }
  } catch (e) {
    throw new AppError('EINVALID', (e as Error).message);
  }
  for (const [n, v] of headers) {
    // a CR/LF in a header would let a value inject further headers into the request
    if (/[\r\n\0]/.test(n + v) || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(n)) {
      throw new AppError('EINVALID', `invalid header ${JSON.stringify(n.slice(0, 80))}`);
    }
  }
  const built = buildBody(bodyInput(req.body));
  if (built.contentType && !has('content-type')) headers.push(['Content-Type', built.contentType]);
  return { headers, body: built.body };
}

/**
 * The proxy for one request: its own `proxy` when set (an empty url means "direct"), else the
 * Settings mode — `env`: HTTP(S)_PROXY / NO_PROXY of this process, `manual`: the Settings
 * fields, `none`: direct. Only http:// proxies exist in the engine: anything else is EINVALID
 * here rather than an internal error deep inside.
 */
export function proxyFor(
  url: string,
  own: UrlFetchRequest['proxy'],
  settings: ProxySettings,
  env: Record<string, string | undefined>,
): ProxyConfig | undefined {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return undefined; // the engine reports the bad URL itself
  }
  let p: ProxyConfig | undefined;
  if (own) p = own.url ? { url: own.url, noProxy: own.noProxy } : undefined;
  else if (settings.mode === 'env') p = proxyFromEnv(target, env);
  else if (settings.mode === 'manual' && settings.url) p = { url: settings.url, noProxy: settings.noProxy };
  if (!p) return undefined;
  let proxyUrl: URL;
  try {
    proxyUrl = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(p.url) ? p.url : `http://${p.url}`);
  } catch {
    throw new AppError('EINVALID', 'the proxy is not a valid URL');
  }
  if (proxyUrl.protocol !== 'http:') throw new AppError('EINVALID', `only http:// proxies are supported (got ${proxyUrl.protocol})`);
  return p;
}
