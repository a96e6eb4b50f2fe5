import { buildBody, formUrlEncode, type BodyInput } from './body';
import { parseBasic } from './auth';
import { shellQuote, tokenize } from './curlTokenize';

/**
 * Import a request from a pasted curl command, and export one as a curl command that reproduces
 * it. Import understands the options people actually paste (browser "copy as cURL", API docs);
 * anything it cannot honour is reported in `notes` rather than silently dropped.
 */

export interface CurlRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body: BodyInput;
  /** 0 = do not follow (curl without -L) */
  maxRedirects: number;
  auth: { user: string; password: string } | null;
  caFile?: string;
  /** -F name=@path: files the UI must load before sending (their bytes are not in the command) */
  formFiles?: { name: string; path: string; contentType?: string; filename?: string }[];
}

export interface CurlImport {
  request: CurlRequest;
  notes: string[];
}

/** Options taking a value (long names and their short aliases). */
const WITH_ARG: Record<string, string> = {
  '-X': '--request', '-H': '--header', '-d': '--data', '-F': '--form', '-u': '--user', '-A': '--user-agent',
  '-e': '--referer', '-b': '--cookie', '-o': '--output', '-m': '--max-time', '-x': '--proxy', '-E': '--cert', '-c': '--cookie-jar', '-T': '--upload-file', '-w': '--write-out', '-r': '--range',
};
const LONG_WITH_ARG = new Set([...Object.values(WITH_ARG), '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--max-redirs', '--cacert', '--url', '--connect-timeout', '--form-string', '--oauth2-bearer', '--resolve', '--noproxy']);
const NO_ARG: Record<string, string> = { '-L': '--location', '-I': '--head', '-G': '--get', '-k': '--insecure', '-s': '--silent', '-S': '--show-error', '-v': '--verbose', '-i': '--include', '-f': '--fail', '-g': '--globoff', '-#': '--progress-bar', '-N': '--no-buffer' };
const IGNORED = new Set(['--silent', '--show-error', '--verbose', '--include', '--progress-bar', '--no-buffer', '--globoff', '--fail', '--compressed', '--http1.1', '--http2']);

/** Splits `-sSLXPOST` and `--opt=value` into canonical [option, value?] pairs. */
function* options(args: string[]): Generator<[string, string | null]> {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (LONG_WITH_ARG.has(name)) yield [name, eq > 0 ? a.slice(eq + 1) : args[++i] ?? ''];
      else yield [a, null];
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const short = `-${a[j]}`;
        if (WITH_ARG[short]) {
          yield [WITH_ARG[short], j + 1 < a.length ? a.slice(j + 1) : args[++i] ?? ''];
          break;
        }
        yield [NO_ARG[short] ?? short, null];
      }
    } else yield ['--url', a];
  }
}

/** curl's --data-urlencode forms: `content`, `=content`, `name=content` (the @file forms are noted). */
function dataUrlencode(v: string, notes: string[]): string {
  const at = v.indexOf('@');
  const eq = v.indexOf('=');
  if (at >= 0 && (eq < 0 || at < eq)) {
    notes.push(`--data-urlencode ${v}: file contents are not imported`);
    return '';
  }
  if (eq < 0) return encodeURIComponent(v);
  return (eq > 0 ? `${v.slice(0, eq)}=` : '') + encodeURIComponent(v.slice(eq + 1));
}

/**
 * Parses a curl command line into a request.
 * @example parseCurl(`curl -u user:pass -d 'a=1' https://h/x`).request.method // 'POST'
 */
export function parseCurl(command: string): CurlImport {
  const words = tokenize(command.trim());
  if (words[0] === 'curl' || words[0]?.endsWith('/curl') || words[0] === 'curl.exe') words.shift();
  const notes: string[] = [];
  const headers: [string, string][] = [];
  const data: string[] = [];
  const form: [string, string][] = [];
  const formFiles: NonNullable<CurlRequest['formFiles']> = [];
  let url = '';
  let method: string | null = null;
  let head = false;
  let get = false;
  let follow = false;
  let maxRedirs: number | null = null;
  let auth: CurlRequest['auth'] = null;
  let caFile: string | undefined;
  for (const [opt, val] of options(words)) {
    const v = val ?? '';
    switch (opt) {
      case '--url': if (url) notes.push(`only the first URL is imported (ignored ${v})`); else url = v; break;
      case '--request': method = v; break;
      case '--header': {
        const i = v.indexOf(':');
        if (i < 0 && v.endsWith(';')) headers.push([v.slice(0, -1), '']);
        else if (i < 0) notes.push(`ignored malformed header ${JSON.stringify(v)}`);
        else if (v.slice(i + 1).trim() === '') notes.push(`-H '${v}' removes a curl default header; nothing to import`);
        else headers.push([v.slice(0, i).trim(), v.slice(i + 1).trim()]);
        break;
      }
      case '--data': case '--data-ascii': case '--data-binary':
        if (v.startsWith('@')) notes.push(`${opt} ${v}: file contents are not imported`);
        else data.push(opt === '--data-binary' ? v : v.replace(/[\r\n]/g, ''));
        break;
      case '--data-raw': data.push(v); break;
      case '--data-urlencode': data.push(dataUrlencode(v, notes)); break;
      case '--form': case '--form-string': {
        const eq = v.indexOf('=');
        const name = v.slice(0, eq);
        const value = v.slice(eq + 1);
        if (opt === '--form' && (value.startsWith('@') || value.startsWith('<'))) {
          const [path, ...params] = value.slice(1).split(';');
          const p = Object.fromEntries(params.map((x) => [x.split('=')[0].trim(), x.slice(x.indexOf('=') + 1)]));
          formFiles.push({ name, path, contentType: p.type, filename: p.filename });
          notes.push(`-F ${name}=@${path}: choose the file in the request editor (its bytes are not in the command)`);
        } else form.push([name, value]);
        break;
      }
      case '--user': {
        const i = v.indexOf(':');
        auth = i < 0 ? { user: v, password: '' } : { user: v.slice(0, i), password: v.slice(i + 1) };
        break;
      }
      case '--oauth2-bearer': headers.push(['Authorization', `Bearer ${v}`]); break;
      case '--user-agent': headers.push(['User-Agent', v]); break;
      case '--referer': headers.push(['Referer', v.replace(/;auto$/, '')]); break;
      case '--cookie':
        if (v.includes('=')) headers.push(['Cookie', v]);
        else notes.push(`-b ${v}: cookie files are not imported`);
        break;
      case '--location': follow = true; break;
      case '--max-redirs': maxRedirs = Number(v); break;
      case '--head': head = true; break;
      case '--get': get = true; break;
      case '--insecure': notes.push('-k/--insecure refused: Porthole never turns certificate checks off; pin the certificate fingerprint or give its CA (--cacert) instead'); break;
      case '--cacert': caFile = v; break;
      case '--compressed': break; // the engine always offers and decodes gzip, deflate, br
      default:
        if (!IGNORED.has(opt)) notes.push(`ignored option ${opt}${val !== null ? ` ${v}` : ''}`);
    }
  }
  if (!url) throw new SyntaxError('no URL in the curl command');
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) url = `http://${url}`; // curl's default scheme
  let body: BodyInput = { kind: 'none' };
  if (get && data.length) {
    const u = new URL(url);
    u.search = u.search ? `${u.search}&${data.join('&')}` : `?${data.join('&')}`;
    url = u.href;
  } else if (form.length || formFiles.length) {
    body = { kind: 'multipart', fields: form, files: [] };
  } else if (data.length) {
    const hasCt = headers.some(([n]) => n.toLowerCase() === 'content-type');
    body = { kind: 'raw', text: data.join('&'), contentType: hasCt ? undefined : 'application/x-www-form-urlencoded' };
  }
  if (!method) method = head ? 'HEAD' : get ? 'GET' : body.kind !== 'none' ? 'POST' : 'GET';
  // an Authorization header with Basic credentials is the same thing as -u
  const basicHeader = headers.findIndex(([n, v]) => n.toLowerCase() === 'authorization' && parseBasic(v));
  if (!auth && basicHeader >= 0) {
    auth = parseBasic(headers[basicHeader][1]);
    headers.splice(basicHeader, 1);
  }
  const request: CurlRequest = { url, method, headers, body, maxRedirects: follow ? maxRedirs ?? 50 : 0, auth, caFile };
  if (formFiles.length) request.formFiles = formFiles;
  return { request, notes };
}

const SECRET = '<secret>';
const maskValue = (name: string, value: string) => {
  const n = name.toLowerCase();
  if (n === 'authorization' || n === 'proxy-authorization') return value.replace(/^(\S+\s+).*$/, `$1${SECRET}`);
  if (n === 'cookie') return value.split(';').map((p) => (p.includes('=') ? `${p.slice(0, p.indexOf('='))}=${SECRET}` : p)).join(';');
  return value;
};

/**
 * A curl command reproducing the request: single-quoted words (safe to paste into any POSIX
 * shell), secrets (Authorization, Cookie, -u password) as `<secret>` unless `includeSecrets`.
 */
export function toCurl(r: CurlRequest, opts: { includeSecrets?: boolean } = {}): string {
  const words = ['curl'];
  const m = r.method.toUpperCase();
  const built = r.body.kind === 'multipart' ? null : buildBody(r.body);
  const hasBody = r.body.kind !== 'none';
  if (m === 'HEAD') words.push('-I');
  else if (!(m === 'GET' && !hasBody) && !(m === 'POST' && hasBody)) words.push('-X', r.method);
  words.push(shellQuote(r.url));
  if (r.maxRedirects > 0) words.push('-L', '--max-redirs', String(r.maxRedirects));
  if (r.auth) words.push('-u', shellQuote(`${r.auth.user}:${opts.includeSecrets ? r.auth.password : SECRET}`));
  for (const [n, v] of r.headers) words.push('-H', shellQuote(`${n}: ${opts.includeSecrets ? v : maskValue(n, v)}`));
  if (r.caFile) words.push('--cacert', shellQuote(r.caFile));
  if (r.body.kind === 'multipart') {
    for (const [n, v] of r.body.fields) words.push('--form-string', shellQuote(`${n}=${v}`));
    for (const f of r.body.files) words.push('-F', shellQuote(`${f.name}=@${f.filename}${f.contentType ? `;type=${f.contentType}` : ''}`));
  } else if (built?.body) {
    const ct = built.contentType;
    // curl -d adds the form type itself; any other type must be said explicitly
    if (ct && ct !== 'application/x-www-form-urlencoded' && !r.headers.some(([n]) => n.toLowerCase() === 'content-type')) words.push('-H', shellQuote(`Content-Type: ${ct}`));
    const text = built.body.toString('utf8');
    words.push('--data-binary', Buffer.from(text, 'utf8').equals(built.body) ? shellQuote(text) : `$'${[...built.body].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}'`);
  }
  return words.join(' ');
}

export { formUrlEncode };
