/**
 * A POSIX-shell-like tokenizer for pasted curl commands: whitespace splits words; '…' is literal;
 * "…" honours \" \\ \$ \` and backslash-newline; $'…' is ANSI-C quoting (\n \t \xHH \uHHHH …);
 * a backslash outside quotes escapes the next character and backslash-newline joins lines.
 * No expansion ($VAR, globs, `…`) is performed: the text is data, never executed.
 */
export function tokenize(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  const s = input.replace(/\r\n/g, '\n');
  const ansi: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  while (i < s.length) {
    const ch = s[i];
    if (ch === '\\' && s[i + 1] === '\n') { i += 2; continue; }
    if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new SyntaxError('unterminated single quote');
      cur += s.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '$' && s[i + 1] === "'") {
      i += 2;
      for (;;) {
        if (i >= s.length) throw new SyntaxError("unterminated $'…' quote");
        const c = s[i];
        if (c === "'") { i++; break; }
        if (c !== '\\') { cur += c; i++; continue; }
        const n = s[i + 1];
        let m: RegExpExecArray | null;
        if (n in ansi) { cur += ansi[n]; i += 2; }
        else if ((m = /^x([0-9a-fA-F]{1,2})/.exec(s.slice(i + 1)))) { cur += String.fromCharCode(parseInt(m[1], 16)); i += 1 + m[0].length; }
        else if ((m = /^u([0-9a-fA-F]{1,4})/.exec(s.slice(i + 1))) || (m = /^U([0-9a-fA-F]{1,8})/.exec(s.slice(i + 1)))) { cur += String.fromCodePoint(parseInt(m[1], 16)); i += 1 + m[0].length; }
        else if ((m = /^([0-7]{1,3})/.exec(s.slice(i + 1)))) { cur += String.fromCharCode(parseInt(m[1], 8)); i += 1 + m[0].length; }
        else { cur += `\\${n ?? ''}`; i += 2; }
      }
    } else if (ch === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new SyntaxError('unterminated double quote');
        const c = s[i];
        if (c === '"') { i++; break; }
        if (c === '\\' && s[i + 1] === '\n') { i += 2; continue; }
        if (c === '\\' && '"\\$`'.includes(s[i + 1])) { cur += s[i + 1]; i += 2; continue; }
        cur += c;
        i++;
      }
    } else if (ch === '\\') {
      cur += s[i + 1] ?? '';
      i += 2;
    } else {
      cur += ch;
      i++;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** Quotes one word for a POSIX shell: single quotes, each `'` written as `'\''`. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_\-.,/:@=+%]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
