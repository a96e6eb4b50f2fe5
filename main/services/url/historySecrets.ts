import { z } from 'zod';
import type { AuthSpec, UrlFetchRequest } from '../../../shared/ipc/urlFetch';
import { MASK, maskUrl } from '../../protocols/mask';
import { maskHeaderValue } from './mask';

/**
 * History keeps requests so they can be re-sent, but never their credentials in clear: these
 * functions split a request into what goes into url-history.json (secrets replaced by the masked
 * form the Wire view shows, so the file still reads sensibly) and the secrets themselves, which
 * go to the SecretStore under one key per entry, and join them back.
 *
 * Secret: Authorization / Proxy-Authorization / Cookie and API-token header values, the auth
 * tab's password or token, a password in the URL's or the proxy URL's user info.
 */

const SECRET_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'cookie',
  'x-api-key', 'api-key', 'x-auth-token', 'x-access-token', 'x-csrf-token', 'x-xsrf-token',
]);

export const isSecretHeader = (name: string) => SECRET_HEADERS.has(name.trim().toLowerCase());

/** What the SecretStore holds for one history entry (JSON). */
export const HistorySecrets = z.object({
  /** [index in request.headers, the value] */
  headers: z.array(z.tuple([z.number().int().min(0), z.string()])),
  auth: z.union([z.object({ password: z.string() }), z.object({ token: z.string() })]).optional(),
  url: z.string().optional(),
  proxyUrl: z.string().optional(),
});
export type HistorySecrets = z.infer<typeof HistorySecrets>;

/** A request with every secret replaced by its masked form, and the secrets (null when none). */
export function splitSecrets(req: UrlFetchRequest): { stored: UrlFetchRequest; secrets: HistorySecrets | null } {
  const s: HistorySecrets = { headers: [] };
  const headers = req.headers.map(([n, v], i): [string, string] => {
    if (!isSecretHeader(n)) return [n, v];
    s.headers.push([i, v]);
    return [n, maskHeaderValue(n, v) === v ? MASK : maskHeaderValue(n, v)];
  });
  let auth: AuthSpec = req.auth;
  if (req.auth.kind === 'basic') {
    s.auth = { password: req.auth.password };
    auth = { ...req.auth, password: MASK };
  } else if (req.auth.kind === 'bearer') {
    s.auth = { token: req.auth.token };
    auth = { kind: 'bearer', token: MASK };
  }
  const stored: UrlFetchRequest = { ...req, headers, auth };
  const url = maskUrl(req.url);
  if (url !== req.url) {
    s.url = req.url;
    stored.url = url;
  }
  if (req.proxy) {
    const proxyUrl = maskUrl(req.proxy.url);
    if (proxyUrl !== req.proxy.url) {
      s.proxyUrl = req.proxy.url;
      stored.proxy = { ...req.proxy, url: proxyUrl };
    }
  }
  const any = s.headers.length > 0 || s.auth !== undefined || s.url !== undefined || s.proxyUrl !== undefined;
  return { stored, secrets: any ? s : null };
}

/** The stored request with its secrets put back (the inverse of splitSecrets). */
export function joinSecrets(stored: UrlFetchRequest, s: HistorySecrets): UrlFetchRequest {
  const headers = stored.headers.map(([n, v]): [string, string] => [n, v]);
  for (const [i, v] of s.headers) if (i < headers.length) headers[i] = [headers[i][0], v];
  let auth: AuthSpec = stored.auth;
  if (stored.auth.kind === 'basic' && s.auth && 'password' in s.auth) auth = { ...stored.auth, password: s.auth.password };
  if (stored.auth.kind === 'bearer' && s.auth && 'token' in s.auth) auth = { kind: 'bearer', token: s.auth.token };
  const out: UrlFetchRequest = { ...stored, headers, auth };
  if (s.url !== undefined) out.url = s.url;
  if (s.proxyUrl !== undefined && stored.proxy) out.proxy = { ...stored.proxy, url: s.proxyUrl };
  return out;
}
