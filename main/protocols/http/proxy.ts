/**
 * Proxy selection: `HTTP(S)_PROXY` / `NO_PROXY` from the environment, or the Settings values.
 * NO_PROXY follows curl's widely copied rules: comma/space separated; `*` matches all; an entry
 * matches the host itself and its subdomains (a leading dot is optional); `host:port` restricts to
 * that port; IPv6 may be bracketed.
 */

export interface ProxyConfig {
  url: string;
  noProxy?: string;
}

/** Whether `host:port` bypasses the proxy according to a NO_PROXY value. */
export function bypassesProxy(host: string, port: number, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const h = host.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: number | null = null;
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry) ?? /^([^:]+):(\d+)$/.exec(entry);
    if (m) {
      entry = m[1];
      entryPort = m[2] ? Number(m[2]) : null;
    }
    if (entryPort !== null && entryPort !== port) continue;
    entry = entry.replace(/^\*?\./, '').replace(/\.$/, '');
    if (h === entry || h.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** The proxy for `target` from an environment (lowercase names win, as curl does). */
export function proxyFromEnv(target: URL, env: Record<string, string | undefined> = process.env): ProxyConfig | undefined {
  const https = target.protocol === 'https:';
  const url = https ? env.https_proxy ?? env.HTTPS_PROXY : env.http_proxy ?? env.HTTP_PROXY;
  if (!url) return undefined;
  return { url, noProxy: env.no_proxy ?? env.NO_PROXY };
}

/** The proxy to use for one request, or null for a direct connection. */
export function selectProxy(target: URL, proxy: ProxyConfig | undefined): URL | null {
  if (!proxy?.url) return null;
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  if (bypassesProxy(target.hostname, port, proxy.noProxy)) return null;
  const p = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxy.url) ? proxy.url : `http://${proxy.url}`);
  if (p.protocol !== 'http:') throw new RangeError(`only http:// proxies are supported (got ${p.protocol})`);
  return p;
}
