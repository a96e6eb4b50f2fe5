/**
 * A small pretty printer for response bodies: JSON, XML and HTML indented. It never changes what
 * the server sent beyond whitespace between tokens — JSON is re-indented from its own text (not
 * JSON.parse → stringify, which rounds 12345678901234567890 and turns `1.0` into `1`), markup is
 * re-indented tag by tag with script/style/pre content left verbatim.
 */

export type PrettyKind = 'json' | 'xml' | 'html' | 'text';

/** Which printer fits: the Content-Type first, then a sniff of the text. */
export function prettyKind(contentType: string | null, text: string): PrettyKind {
  const ct = (contentType ?? '').toLowerCase();
  if (/[/+]json\b/.test(ct)) return 'json';
  if (ct.includes('html')) return 'html';
  if (/[/+]xml\b/.test(ct)) return 'xml';
  const head = text.trimStart().slice(0, 512);
  if ((head.startsWith('{') || head.startsWith('[')) && isJson(text)) return 'json';
  if (/^<!doctype html|^<html[\s>]/i.test(head)) return 'html';
  if (head.startsWith('<?xml') || /^<[A-Za-z][\w:.-]*[\s>]/.test(head)) return 'xml';
  return 'text';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** `pretty('{"a":[1,2]}', 'application/json')` → the text indented by two spaces. */
export function pretty(text: string, contentType: string | null): { kind: PrettyKind; text: string } {
  const kind = prettyKind(contentType, text);
  if (kind === 'json') {
    const out = prettyJson(text);
    return out === null ? { kind: 'text', text } : { kind, text: out };
  }
  if (kind === 'html' || kind === 'xml') return { kind, text: prettyMarkup(text, kind === 'html') };
  return { kind, text };
}

/** Re-indents valid JSON token by token (numbers and strings kept exactly); null when not JSON. */
export function prettyJson(text: string, indent = '  '): string | null {
  if (!isJson(text)) return null;
  let out = '';
  let depth = 0;
  const nl = () => '\n' + indent.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      // copy the string literal as is, escapes included
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === close) {
        out += c + close; // empty {} / [] stay on one line
        i = j;
      } else {
        depth++;
        out += c + nl();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += nl() + c;
    } else if (c === ',') out += ',' + nl();
    else if (c === ':') out += ': ';
    else if (!/\s/.test(c)) out += c;
  }
  return out;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** HTML elements whose content is not markup (or whose whitespace matters): copied verbatim. */
const VERBATIM = new Set(['script', 'style', 'pre', 'textarea']);

interface Tok {
  t: 'open' | 'close' | 'self' | 'text' | 'other';
  name: string;
  raw: string;
}

const TAG_RE = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>?|<\?[\s\S]*?(?:\?>|$)|<\/[^>]*>?|<[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/y;

function tokenize(src: string, html: boolean): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt === -1 || lt > i) {
      const end = lt === -1 ? src.length : lt;
      toks.push({ t: 'text', name: '', raw: src.slice(i, end) });
      i = end;
      continue;
    }
    TAG_RE.lastIndex = i;
    const m = TAG_RE.exec(src);
    if (!m) {
      // a lone '<' in text
      toks.push({ t: 'text', name: '', raw: '<' });
      i++;
      continue;
    }
    const raw = m[0];
    i += raw.length;
    if (raw.startsWith('</')) {
      toks.push({ t: 'close', name: tagName(raw.slice(2), html), raw });
    } else if (/^<[A-Za-z]/.test(raw)) {
      const name = tagName(raw.slice(1), html);
      const self = raw.endsWith('/>') || (html && VOID.has(name));
      toks.push({ t: self ? 'self' : 'open', name, raw });
      if (!self && html && VERBATIM.has(name)) {
        // everything up to the matching end tag is content, not markup
        const endRe = new RegExp(`</${name}\\s*>`, 'ig');
        endRe.lastIndex = i;
        const e = endRe.exec(src);
        const stop = e ? e.index : src.length;
        toks.push({ t: 'other', name: '#verbatim', raw: src.slice(i, stop) });
        i = stop;
      }
    } else toks.push({ t: 'other', name: '', raw });
  }
  return toks;
}

function tagName(s: string, html: boolean): string {
  const n = /^[^\s/>]*/.exec(s)![0];
  return html ? n.toLowerCase() : n;
}

/** Indents XML or HTML one element per line; short text-only elements stay on one line. */
export function prettyMarkup(src: string, html: boolean, indent = '  '): string {
  const toks = tokenize(src, html);
  const lines: string[] = [];
  const stack: string[] = [];
  const pad = () => indent.repeat(stack.length);
  for (let i = 0; i < toks.length; i++) {
    const tk = toks[i];
    if (tk.t === 'text') {
      for (const l of tk.raw.split(/\r?\n/)) if (l.trim()) lines.push(pad() + l.trim());
    } else if (tk.t === 'open') {
      const [a, b] = [toks[i + 1], toks[i + 2]];
      // <title>Short text</title> and <script>…</script> stay on one line / verbatim
      if (a && b && (a.t === 'text' || a.name === '#verbatim') && b.t === 'close' && b.name === tk.name) {
        const inner = a.name === '#verbatim' ? a.raw : a.raw.trim();
        if (a.name === '#verbatim' || (!inner.includes('\n') && inner.length <= 100)) {
          lines.push(pad() + tk.raw + inner + b.raw);
          i += 2;
          continue;
        }
      }
      if (a && a.t === 'close' && a.name === tk.name) {
        lines.push(pad() + tk.raw + a.raw);
        i += 1;
        continue;
      }
      lines.push(pad() + tk.raw);
      stack.push(tk.name);
    } else if (tk.t === 'close') {
      const at = stack.lastIndexOf(tk.name);
      // an end tag with no open element (sloppy HTML) changes nothing; a match closes what it skips
      if (at !== -1) stack.length = at;
      lines.push(pad() + tk.raw);
    } else if (tk.name === '#verbatim') {
      lines.push(tk.raw);
    } else lines.push(pad() + tk.raw);
  }
  return lines.join('\n');
}
