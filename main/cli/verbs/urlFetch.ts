import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import type { Hop } from '../../../shared/ipc/urlFetch';
import { HttpClient } from '../../protocols/http/client';
import { proxyFromEnv } from '../../protocols/http/proxy';
import { maskHeader } from '../../protocols/http/wireLog';

/**
 * `porthole url fetch URL [-X METHOD] [-H 'Name: value']… [-d DATA] [--max-redirects N]
 * [--cacert FILE] [--timeout S] [-o FILE] [--json]` (issue 3). Any HTTP status exits 0, as curl
 * without -f; transport errors, loops, ECERT and ELIMIT exit 1 (and with --json still print the
 * document with the hops so far and `error`); a bad command line exits 2.
 */

export interface CliIo {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string): unknown };
}

export const URL_FETCH_USAGE = `usage: porthole url fetch URL [options]
  -X, --request METHOD     any method token (default GET, or POST with -d)
  -H, --header 'N: v'      add a request header (repeatable)
  -d, --data DATA          request body as curl -d (@FILE reads a file); form type unless -H sets one
  --max-redirects N        follow at most N redirects (default 20; 0 = do not follow)
  --cacert FILE            trust this CA (PEM) in addition to the system roots
  --timeout S              give up after S seconds (whole fetch)
  -o, --output FILE        write the body to FILE instead of stdout
  --max-filesize BYTES     fail (ELIMIT) past this many decoded body bytes (default: 100 MiB in
                           memory; no limit with -o, as curl)
  --json                   print one JSON document (hops, timing, TLS, body digest) instead of the body
Proxies come from HTTP_PROXY / HTTPS_PROXY / NO_PROXY.`;

interface Args {
  url: string;
  method: string | null;
  headers: [string, string][];
  data: string | null;
  maxRedirects: number;
  cacert: string | null;
  timeoutMs: number | null;
  output: string | null;
  maxFilesize: number | null;
  json: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' {
  const a: Args = { url: '', method: null, headers: [], data: null, maxRedirects: 20, cacert: null, timeoutMs: null, output: null, maxFilesize: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '-h': case '--help': return 'help';
      case '-X': case '--request': a.method = value(); break;
      case '-H': case '--header': {
        const h = value();
        const c = h.indexOf(':');
        if (c <= 0) throw new UsageError(`bad header ${JSON.stringify(h)}: expected 'Name: value'`);
        a.headers.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]);
        break;
      }
      case '-d': case '--data': {
        const d = value();
        // as curl -d: @FILE reads the file, dropping CR and LF; several -d join with '&'
        const text = d.startsWith('@') ? readFileSync(d.slice(1), 'utf8').replace(/[\r\n]/g, '') : d;
        a.data = a.data === null ? text : `${a.data}&${text}`;
        break;
      }
      case '--max-redirects': case '--max-redirs': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-redirects takes a whole number ≥ 0');
        a.maxRedirects = n;
        break;
      }
      case '--cacert': a.cacert = value(); break;
      case '--timeout': {
        const s = Number(value());
        if (!(s > 0)) throw new UsageError('--timeout takes a number of seconds > 0');
        a.timeoutMs = Math.round(s * 1000);
        break;
      }
      case '-o': case '--output': a.output = value(); break;
      case '--max-filesize': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--max-filesize takes a whole number of bytes ≥ 1');
        a.maxFilesize = n;
        break;
      }
      case '--json': a.json = true; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        if (a.url) throw new UsageError(`one URL only (got ${a.url} and ${arg})`);
        a.url = arg;
    }
  }
  if (!a.url) throw new UsageError('a URL is required');
  return a;
}

/** The JSON of one hop; request headers carry their secrets masked. */
function hopJson(h: Hop) {
  return {
    ...h,
    requestHeaders: h.requestHeaders.map(([n, v]) => [n, maskHeader(n, v).slice(n.length + 2)]),
  };
}

export async function runUrlFetch(argv: string[], io: CliIo): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr.write(`porthole url fetch: ${(e as Error).message}\n${e instanceof UsageError ? `${URL_FETCH_USAGE}\n` : ''}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(`${URL_FETCH_USAGE}\n`);
    return 0;
  }
  let ca: string | undefined;
  try {
    ca = args.cacert ? readFileSync(args.cacert, 'utf8') : undefined;
  } catch (e) {
    io.stderr.write(`porthole url fetch: cannot read --cacert ${args.cacert}: ${(e as Error).message}\n`);
    return 2;
  }
  const headers = [...args.headers];
  if (args.data !== null && !headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  const sink = args.output ? createWriteStream(args.output) : undefined;
  const client = new HttpClient();
  let target: URL | null = null;
  try {
    target = new URL(args.url);
  } catch {
    /* the engine reports EINVALID */
  }
  try {
    const r = await client.request({
      url: args.url,
      method: args.method ?? (args.data !== null ? 'POST' : 'GET'),
      headers,
      body: args.data,
      maxRedirects: args.maxRedirects,
      ca,
      timeoutMs: args.timeoutMs ?? undefined,
      proxy: target ? proxyFromEnv(target) : undefined,
      sink,
      // the in-memory cap guards memory; a body streamed to a file is bounded only when asked
      maxBodyBytes: args.maxFilesize ?? (sink ? Number.MAX_SAFE_INTEGER : undefined),
    });
    if (sink) {
      sink.end();
      await finished(sink);
    }
    if (args.json) {
      const doc = { hops: r.hops.map(hopJson), status: r.status, headers: r.headers, body: r.body, tls: r.tls };
      io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    } else if (r.data) io.stdout.write(r.data);
    return 0;
  } catch (e) {
    const err = e instanceof AppError ? e : new AppError('EINTERNAL', String(e));
    if (sink) {
      sink.destroy();
      rmSync(args.output!, { force: true });
    }
    const detail = (err.detail ?? {}) as { hops?: Hop[]; chain?: unknown; fingerprint?: string };
    if (args.json) {
      const doc: Record<string, unknown> = { hops: (detail.hops ?? []).map(hopJson), error: { code: err.code, message: err.message } };
      if (detail.chain) Object.assign(doc.error as object, { chain: detail.chain, fingerprint: detail.fingerprint });
      io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    }
    io.stderr.write(`porthole url fetch: ${err.code}: ${err.message}${detail.fingerprint ? ` (sha256 ${detail.fingerprint})` : ''}\n`);
    return 1;
  } finally {
    client.close();
  }
}

/** For the CLI dispatcher (main/cli/index.ts). */
export const urlFetchVerb = {
  name: 'url fetch',
  summary: 'fetch a URL and show every hop, timing, TLS and body digest',
  usage: URL_FETCH_USAGE,
  run: runUrlFetch,
};
