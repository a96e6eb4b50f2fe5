import { parseArgs } from 'node:util';
import type { UrlAnatomy as UrlAnatomyShape } from '../../../shared/ipc/urlAnatomy';
import { analyzeUrl, type UrlAnatomy } from '../../protocols/url';
import { shown, table } from '../text';
import { EXIT_OK, UsageError, type CliIo, type Verb } from '../verb';

// protocols/url cannot import the shared schema; this line fails to compile if the two drift
const _sameShape: (a: UrlAnatomy) => UrlAnatomyShape = (a) => a;
void _sameShape;

export const URL_PARSE_USAGE = `usage: porthole url parse URL [--base BASE] [--json]
  Shows URL as RFC 3986 splits it (absent = null, empty = "", nothing decoded), as browsers'
  WHATWG parser reads it, the fields where the two disagree, and the query as name/value pairs.
  --base BASE   also resolve URL against BASE (RFC 3986 §5.2, strict: "http:g" stays "http:g")
  --json        print one JSON document instead of the table
  Always exits 0 for a URL, even one browsers reject (the WHATWG view is then null).`;

function parse(argv: string[]): { url: string; base?: string; json: boolean } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { base: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'a URL is required' : `one URL only (got ${positionals.length})`);
  return { url: positionals[0], base: values.base, json: values.json ?? false };
}

/** The table a person reads; the same facts as the JSON. */
export function formatAnatomy(a: UrlAnatomy): string {
  const out: string[] = [`input       ${shown(a.input)}`, '', 'components (RFC 3986 as written; ≠ marks a field the WHATWG parser reads differently)'];
  const differs = new Set<string>(a.differences);
  const mark = (f: string) => (differs.has(f) ? '≠' : ' ');
  const r = a.rfc3986;
  const w = a.whatwg;
  const rows: [string, string | null, string, string | null][] = [
    ['scheme', r.scheme, 'protocol', w?.protocol ?? null],
    ['authority', r.authority, '', null],
    ['userinfo', r.userinfo, 'username', w?.username ?? null],
    ['', null, 'password', w?.password ?? null],
    ['host', r.host, 'hostname', w?.hostname ?? null],
    ['port', r.port, 'port', w?.port ?? null],
    ['path', r.path, 'pathname', w?.pathname ?? null],
    ['params', r.params, '', null],
    ['query', r.query, 'search', w?.search ?? null],
    ['fragment', r.fragment, 'hash', w?.hash ?? null],
  ];
  out.push(
    table([
      ['', 'field', 'RFC 3986', w ? 'WHATWG' : 'WHATWG (rejected)', ''],
      ...rows.map(([f, v, wf, wv]) => [f ? mark(f) : ' ', f, f ? shown(v) : '', w ? wf : '', w && wf ? shown(wv) : '']),
    ], '  '),
  );
  if (w) out.push(`  href: ${w.href}`);
  else out.push(`  WHATWG parser: ${a.whatwgError}`);
  out.push('', `differences ${a.differences.length ? a.differences.join(', ') : 'none'}`);
  if (a.queryParams.length) {
    out.push('', 'query parameters (decoded)');
    out.push(table(a.queryParams.map(([k, v], i) => [`${i + 1}.`, JSON.stringify(k), '=', JSON.stringify(v)]), '  '));
  }
  if (a.decoded.path !== r.path || a.decoded.query !== r.query || a.decoded.fragment !== r.fragment) {
    out.push('', 'percent-decoded');
    out.push(table([['path', a.decoded.path], ['query', a.decoded.query ?? '(absent)'], ['fragment', a.decoded.fragment ?? '(absent)']], '  '));
  }
  if (a.idn && (a.idn.unicode !== a.idn.ascii || a.idn.mixedScript)) {
    out.push('', `IDN host    unicode ${a.idn.unicode ?? '?'}   punycode ${a.idn.ascii ?? '(invalid)'}   scripts ${a.idn.scripts.join(', ') || '-'}`);
  }
  if (a.resolved !== undefined) out.push('', `resolved    ${a.resolved}   (against ${a.base})`);
  for (const warning of a.warnings) out.push(`warning: ${warning}`);
  return out.join('\n') + '\n';
}

export async function runUrlParse(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (args === 'help') {
    io.stdout.write(URL_PARSE_USAGE + '\n');
    return EXIT_OK;
  }
  const anatomy = analyzeUrl(args.url, args.base);
  io.stdout.write(args.json ? JSON.stringify(anatomy, null, 2) + '\n' : formatAnatomy(anatomy));
  return EXIT_OK;
}

export const urlParseVerb: Verb = {
  name: 'url parse',
  summary: 'split a URL (RFC 3986 and WHATWG), show differences, query pairs, IDN; --base resolves',
  usage: URL_PARSE_USAGE,
  run: runUrlParse,
};
