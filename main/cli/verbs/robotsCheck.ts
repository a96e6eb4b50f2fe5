import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/errors';
import type { RobotsVerdict as RobotsVerdictShape } from '../../../shared/ipc/urlAnatomy';
import {
  fetchRobots, policyFromRobots, robotsUrlFor, RobotsTxt,
  type RobotsFetcher, type RobotsPolicy, type RobotsSource, type RobotsVerdict,
} from '../../protocols/robots';
import { table } from '../text';
import { EXIT_OK, UsageError, type CliIo, type Verb } from '../verb';

// protocols/robots cannot import the shared schema; this fails to compile if the two drift
const _sameShape: (v: RobotsVerdict & { source: RobotsSource }) => RobotsVerdictShape = (v) => v;
void _sameShape;

export const ROBOTS_CHECK_USAGE = `usage: porthole robots check (--robots FILE | --from-origin) --agent UA URL… [--json] [--explain]
  The RFC 9309 verdict for each URL: allowed or not, and the line of robots.txt that decided it.
  --robots FILE   read this robots.txt ("-" = stdin); URLs may then be paths ("/a?b")
  --from-origin   fetch each URL's own origin's /robots.txt (once per origin; up to 5 redirects;
                  4xx → all allowed, 5xx or unreachable → all disallowed)
  --agent UA      a product token ("Googlebot") or a whole User-Agent string; its leading run of
                  letters, "_" and "-" picks the group, else the "*" group ("*" for any crawler)
  --cacert FILE   trust this CA (PEM) for https origins (--from-origin)
  --timeout S     give up on a robots.txt fetch after S seconds (default 30)
  --json          print one JSON array, one verdict per URL in the order given
  --explain       also show the group used and every candidate rule, matched or not
  Exits 0 whatever the verdicts.`;

interface Args {
  robots?: string;
  fromOrigin: boolean;
  agent: string;
  urls: string[];
  json: boolean;
  explain: boolean;
  cacert?: string;
  timeoutMs: number;
}

function parse(argv: string[]): Args | 'help' {
  const { values: v, positionals } = parseArgs({
    args: argv,
    options: {
      robots: { type: 'string' },
      'from-origin': { type: 'boolean' },
      agent: { type: 'string' },
      json: { type: 'boolean' },
      explain: { type: 'boolean' },
      cacert: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (v.help) return 'help';
  if ((v.robots === undefined) === !v['from-origin']) throw new UsageError('give exactly one of --robots FILE or --from-origin');
  if (v.agent === undefined || v.agent.trim() === '') throw new UsageError("--agent is required (use --agent '*' for any crawler)");
  if (positionals.length === 0) throw new UsageError('at least one URL is required');
  const timeout = v.timeout === undefined ? 30 : Number(v.timeout);
  if (!(timeout > 0)) throw new UsageError('--timeout takes a number of seconds > 0');
  return {
    robots: v.robots,
    fromOrigin: v['from-origin'] ?? false,
    agent: v.agent,
    urls: positionals,
    json: v.json ?? false,
    explain: v.explain ?? false,
    cacert: v.cacert,
    timeoutMs: Math.round(timeout * 1000),
  };
}

async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}

async function fromFile(file: string, io: CliIo): Promise<RobotsPolicy> {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readAll(io.stdin ?? process.stdin) : readFileSync(file);
  } catch (e) {
    throw new AppError('EIO', `cannot read ${file}: ${(e as Error).message}`);
  }
  const robots = RobotsTxt.parse(bytes);
  const source: RobotsSource = { url: file, status: 'file', httpStatus: null, redirects: [], truncated: robots.parsed.truncated, error: null };
  return policyFromRobots(robots, source);
}

/**
 * The HTTP engine as the robots policy wants it: one GET, no redirect following (the policy
 * counts them), body truncated at the cap. Imported lazily so `--robots FILE` never loads it.
 */
async function httpFetcher(agent: string, ca: string | undefined, timeoutMs: number): Promise<{ fetcher: RobotsFetcher; close(): void }> {
  const { HttpClient } = await import('../../protocols/http/client');
  const { proxyFromEnv } = await import('../../protocols/http/proxy');
  const client = new HttpClient();
  // crawlers fetch robots.txt with their own User-Agent; a bare token or "*" is no UA at all
  const userAgent = /[\s/]/.test(agent.trim()) ? agent.trim() : undefined;
  const fetcher: RobotsFetcher = async ({ url, maxBodyBytes, signal }) => {
    const r = await client.request({
      url, maxRedirects: 0, maxBodyBytes, onBodyLimit: 'truncate', ca, timeoutMs, signal, userAgent,
      proxy: proxyFromEnv(new URL(url)),
    });
    return { status: r.status, headers: r.headers, body: r.data ?? new Uint8Array() };
  };
  return { fetcher, close: () => client.close() };
}

function formatVerdicts(verdicts: (RobotsVerdict & { source: RobotsSource })[], explain: boolean): string {
  const out: string[] = [];
  const sources = [...new Set(verdicts.map((v) => v.source))];
  for (const s of sources) {
    const how = s.status === 'file' ? 'file' : `${s.status}${s.httpStatus !== null ? `, HTTP ${s.httpStatus}` : ''}`;
    out.push(`robots.txt  ${s.url}  (${how}${s.redirects.length ? `, ${s.redirects.length} redirect(s)` : ''}${s.truncated ? ', truncated at 512 KiB' : ''})`);
    if (s.error) out.push(`            ${s.error}`);
  }
  const first = verdicts[0];
  const parsed = first.source.status === 'ok' || first.source.status === 'file';
  out.push(`agent       ${first.agent}${parsed && first.groups.length === 0 ? '  (no group for it, and no * group)' : ''}`);
  out.push('');
  out.push(
    table(
      verdicts.map((v) => [
        v.allowed ? 'allowed' : 'DISALLOWED',
        v.url,
        v.rule ? `line ${v.rule.line}: ${v.rule.text.trim()}` : `(${v.reason})`,
      ]),
    ),
  );
  const delays = [...new Set(verdicts.map((v) => v.crawlDelay).filter((d) => d !== null))];
  if (delays.length) out.push('', `crawl-delay ${delays.join(', ')} s`);
  const sitemaps = [...new Set(verdicts.flatMap((v) => v.sitemaps))];
  if (sitemaps.length) out.push(`sitemaps    ${sitemaps.join('\n            ')}`);
  if (explain) {
    for (const v of verdicts) {
      out.push('', `${v.url} → ${v.allowed ? 'allowed' : 'disallowed'}`);
      if (v.groups.length === 0) out.push('  no group used');
      for (const g of v.groups) out.push(`  group at line ${g.line}: User-agent: ${g.agents.join(', ')}`);
      const cands = v.candidates ?? [];
      if (cands.length === 0) out.push('  no candidate rules');
      const decider = v.rule?.line;
      out.push(
        table(
          cands.map((c) => [c.line === decider ? '→' : ' ', c.matched ? 'matches' : '-', `line ${c.line}`, c.text.trim()]),
          '  ',
        ),
      );
    }
  }
  return out.join('\n') + '\n';
}

export async function runRobotsCheck(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (args === 'help') {
    io.stdout.write(ROBOTS_CHECK_USAGE + '\n');
    return EXIT_OK;
  }
  const policies = new Map<string, RobotsPolicy>(); // by robots.txt URL (or the file)
  const policyFor: (url: string) => string = args.fromOrigin ? robotsUrlFor : () => args.robots!;
  // validate every URL before fetching anything: a typo should not cost a round of requests
  const keys = args.urls.map((u) => {
    try {
      return policyFor(u);
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
  });

  if (args.fromOrigin) {
    let ca: string | undefined;
    try {
      ca = args.cacert === undefined ? undefined : readFileSync(args.cacert, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --cacert ${args.cacert}: ${(e as Error).message}`);
    }
    const http = await httpFetcher(args.agent, ca, args.timeoutMs);
    try {
      for (const k of new Set(keys)) policies.set(k, await fetchRobots(k, http.fetcher));
    } finally {
      http.close();
    }
  } else {
    policies.set(args.robots!, await fromFile(args.robots!, io));
  }

  const verdicts = args.urls.map((u, i) => policies.get(keys[i])!.check(u, args.agent, { explain: args.explain }));
  io.stdout.write(args.json ? JSON.stringify(verdicts, null, 2) + '\n' : formatVerdicts(verdicts, args.explain));
  return EXIT_OK;
}

export const robotsCheckVerb: Verb = {
  name: 'robots check',
  summary: 'RFC 9309 verdicts for URLs and the robots.txt line that decided each',
  usage: ROBOTS_CHECK_USAGE,
  run: runRobotsCheck,
};
