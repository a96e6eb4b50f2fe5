import { AppError } from '../../../shared/errors';
import { UrlFetchRequest, type RequestBodySpec } from '../../../shared/ipc/urlFetch';
import { parseCurl, toCurl, type CurlRequest } from '../../protocols/http/curl';
import { shellQuote } from '../../protocols/http/curlTokenize';
import { isSecretHeader } from './historySecrets';
import { bodyInput } from './request';

const SECRET = '<secret>';

/**
 * A pasted curl command as an editor request. Files the command names (-d @f, -F x=@f, --cacert f)
 * are *not* read: the command comes from the renderer, and reading paths it names would let a
 * page read any local file. The warnings tell the user to choose them in the editor instead.
 */
export function importCurl(command: string): { request: UrlFetchRequest; warnings: string[] } {
  let parsed: ReturnType<typeof parseCurl>;
  try {
    parsed = parseCurl(command);
  } catch (e) {
    throw new AppError('EINVALID', `Cannot import this curl command: ${(e as Error).message}`);
  }
  const { request: c, notes } = parsed;
  const warnings = [...notes];
  let body: RequestBodySpec;
  switch (c.body.kind) {
    case 'raw':
      body = { kind: 'raw', text: typeof c.body.text === 'string' ? c.body.text : Buffer.from(c.body.text).toString('utf8'), contentType: c.body.contentType };
      break;
    case 'multipart':
      // -F name=@file parts are in the notes; their bytes are chosen in the editor
      body = { kind: 'multipart', fields: c.body.fields, files: [] };
      break;
    default:
      body = c.body;
  }
  if (c.caFile) warnings.push(`--cacert ${c.caFile}: choose this CA file in the request editor (files named in a pasted command are not read)`);
  const r = UrlFetchRequest.safeParse({
    url: c.url,
    method: c.method,
    headers: c.headers,
    body,
    auth: c.auth ? { kind: 'basic', user: c.auth.user, password: c.auth.password } : { kind: 'none' },
    maxRedirects: Math.min(c.maxRedirects, 100),
  });
  if (!r.success) {
    const i = r.error.issues[0];
    throw new AppError('EINVALID', `Cannot import this curl command: ${i.path.join('.') || 'request'}: ${i.message}`);
  }
  return { request: r.data, warnings };
}

/** `scheme://user:pass@` → `scheme://user:<secret>@` */
const hidePassword = (url: string) => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):[^\s/@]*@/i, `$1:${SECRET}@`);

/**
 * A curl command reproducing the request. Secrets are `<secret>` unless `includeSecrets`: toCurl
 * masks Authorization, Cookie and the -u password; API-token headers and passwords in the URL or
 * the proxy URL are masked here.
 */
export function exportCurl(req: UrlFetchRequest, includeSecrets: boolean): { command: string; warnings: string[] } {
  const warnings: string[] = [];
  const headers: [string, string][] = req.headers.map(([n, v]) => [n, v]);
  if (req.auth.kind === 'bearer') headers.unshift(['Authorization', `Bearer ${req.auth.token}`]);
  const c: CurlRequest = {
    url: includeSecrets ? req.url : hidePassword(req.url),
    method: req.method,
    headers: includeSecrets
      ? headers
      : headers.map(([n, v]) => [n, isSecretHeader(n) && !/^(proxy-)?authorization$|^cookie$/i.test(n.trim()) ? SECRET : v]),
    body: bodyInput(req.body),
    maxRedirects: req.maxRedirects,
    auth: req.auth.kind === 'basic' ? { user: req.auth.user, password: req.auth.password } : null,
  };
  if (req.ca !== undefined) {
    c.caFile = 'ca.pem';
    warnings.push('the request uses an extra CA: save it as ca.pem next to where you run the command');
  }
  if (req.body.kind === 'multipart' && req.body.files.length > 0) {
    warnings.push('multipart files are named by their file name (-F name=@file): run the command where those files are');
  }
  const extra: string[] = [];
  if (req.timeoutMs !== undefined) extra.push('--max-time', String(req.timeoutMs / 1000));
  if (req.proxy?.url) {
    extra.push('--proxy', shellQuote(includeSecrets ? req.proxy.url : hidePassword(req.proxy.url)));
    if (req.proxy.noProxy) extra.push('--noproxy', shellQuote(req.proxy.noProxy));
  }
  const command = toCurl(c, { includeSecrets });
  return { command: extra.length ? `${command} ${extra.join(' ')}` : command, warnings };
}
