import { domainToASCII, domainToUnicode } from 'node:url';
import { percentDecode } from './query';

/**
 * IDN hosts in both forms, and a homograph warning: a label whose letters come from more than one
 * script (Latin `paypal` with a Cyrillic `а`) is the classic spoof. The allowed mixes follow
 * Unicode TR39's "highly restrictive" profile: a single script, or Latin + Han + Hiragana +
 * Katakana (Japanese), Latin + Han + Bopomofo (Chinese), Latin + Han + Hangul (Korean).
 */

export interface IdnInfo {
  host: string;
  ascii: string | null;
  unicode: string | null;
  scripts: string[];
  mixedScript: boolean;
}

// The scripts worth naming; letters outside them are reported as "Other" (still counted).
const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari',
  'Bengali', 'Gurmukhi', 'Gujarati', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao',
  'Tibetan', 'Myanmar', 'Khmer', 'Ethiopic', 'Cherokee', 'Mongolian', 'Han', 'Hiragana', 'Katakana', 'Bopomofo',
  'Hangul',
] as const;
const SCRIPT_RE = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);
// Letters of the Common/Inherited scripts (e.g. the Japanese long-vowel mark ー) belong to no
// script of their own, so they cannot make a label "mixed".
const LETTER = /^(?![\p{Script=Common}\p{Script=Inherited}])\p{L}$/u;

const ALLOWED_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

function scriptOf(ch: string): string {
  for (const [name, re] of SCRIPT_RE) if (re.test(ch)) return name;
  return 'Other';
}

/** Scripts of the letters of one string (digits, `-`, marks, punctuation and Common letters are neutral). */
export function scriptsIn(s: string): string[] {
  const seen = new Set<string>();
  for (const ch of s) if (LETTER.test(ch)) seen.add(scriptOf(ch));
  return [...seen];
}

function labelIsMixed(label: string): boolean {
  const scripts = scriptsIn(label);
  if (scripts.length <= 1) return false;
  return !ALLOWED_MIXES.some((mix) => scripts.every((s) => mix.includes(s)));
}

/**
 * Both forms of a host; null for IP literals and empty hosts (nothing to show).
 * @example idnInfo('xn--bcher-kva.de') // { ascii: 'xn--bcher-kva.de', unicode: 'bücher.de', … }
 */
export function idnInfo(host: string | null): IdnInfo | null {
  if (host === null || host === '' || host.startsWith('[') || /^[0-9.]+$/.test(host)) return null;
  // hosts may be percent-encoded in a URL (`b%C3%BCcher.de`); WHATWG decodes them before IDNA too
  const decoded = percentDecode(host);
  const ascii = domainToASCII(decoded) || null; // '' means "not a valid domain"
  const unicode = ascii !== null ? domainToUnicode(ascii) || null : null;
  const shown = unicode ?? decoded;
  const scripts = scriptsIn(shown);
  const mixedScript = shown.split('.').some(labelIsMixed);
  return { host, ascii, unicode, scripts, mixedScript };
}
