/**
 * Masking secrets at the source: every protocol passes the lines it writes to the wire through
 * these helpers, so a password never reaches the wire view, an export or a log. The rules keep
 * the *shape* of the line (command, user name, auth scheme, cookie names, cookie attributes) —
 * that is what one debugs — and replace only the secret with `****`.
 */
export const MASK = '****';

// An IMAP astring: a quoted string (with \" escapes) or an atom; literals ({n}) are handled apart.
const IMAP_ASTRING = String.raw`(?:"(?:[^"\\]|\\.)*"|[^\s"{]+)`;

const COMMAND_RULES: [RegExp, string][] = [
  // FTP / POP3: PASS secret → PASS ****; FTP ACCT carries an account password too
  [/^(\s*(?:PASS|ACCT)\s+).+$/i, `$1${MASK}`],
  // POP3 APOP user digest: the digest is password-derived and replayable within the session
  [/^(\s*APOP\s+\S+\s+).+$/i, `$1${MASK}`],
  // SMTP / POP3 SASL with an initial response: AUTH PLAIN xxx, AUTH XOAUTH2 xxx, AUTH LOGIN dXNlcg==
  [/^(\s*AUTH\s+[\w-]+\s+).+$/i, `$1${MASK}`],
  // IMAP SASL-IR: a1 AUTHENTICATE PLAIN xxx
  [/^(\s*\S+\s+AUTHENTICATE\s+[\w-]+\s+).+$/i, `$1${MASK}`],
  // IMAP LOGIN user pass (atom or quoted user): keep the user, mask the password
  [new RegExp(String.raw`^(\s*\S+\s+LOGIN\s+${IMAP_ASTRING}\s+).+$`, 'i'), `$1${MASK}`],
  // IMAP LOGIN with a literal user: the rest of the exchange is masked by AuthExchangeMasker
  [/^(\s*\S+\s+LOGIN\s+)\{.*$/i, `$1${MASK}`],
];

/**
 * Masks a client command line (FTP, POP3, SMTP, IMAP).
 * @example maskCommand('a1 LOGIN alice "s3cret"') // 'a1 LOGIN alice ****'
 */
export function maskCommand(line: string): string {
  for (const [re, to] of COMMAND_RULES) if (re.test(line)) return line.replace(re, to);
  return line;
}

// Headers whose whole value (after an optional auth scheme) is a credential.
const AUTH_HEADERS = /^(\s*(?:proxy-)?authorization\s*:\s*)(.*)$/i;
const TOKEN_HEADERS = /^(\s*(?:x-api-key|api-key|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token)\s*:\s*).*$/i;
const COOKIE = /^(\s*cookie\s*:\s*)(.*)$/i;
const SET_COOKIE = /^(\s*set-cookie\s*:\s*)([^=;]*)=([^;]*)(.*)$/i;

/**
 * Masks credentials in one HTTP header line; other lines pass unchanged.
 * @example maskHeader('Set-Cookie: sid=abc; Path=/; HttpOnly') // 'Set-Cookie: sid=****; Path=/; HttpOnly'
 */
export function maskHeader(line: string): string {
  let m = AUTH_HEADERS.exec(line);
  if (m) {
    // keep the scheme (Basic, Bearer, Digest …) — it tells which auth was used, not the secret
    const scheme = /^([A-Za-z][\w-]*)\s+\S/.exec(m[2]);
    return `${m[1]}${scheme ? `${scheme[1]} ` : ''}${MASK}`;
  }
  if (TOKEN_HEADERS.test(line)) return line.replace(TOKEN_HEADERS, `$1${MASK}`);
  m = COOKIE.exec(line);
  if (m) {
    const pairs = m[2].split(';').map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? p : `${p.slice(0, eq)}=${MASK}`;
    });
    return m[1] + pairs.join(';');
  }
  m = SET_COOKIE.exec(line);
  if (m) return `${m[1]}${m[2]}=${MASK}${m[4]}`;
  return line;
}

/**
 * Masks the password in a URL's user info (and nothing else).
 * @example maskUrl('ftp://bob:pw@host/x') // 'ftp://bob:****@host/x'
 */
export function maskUrl(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):[^\s/@]*@/gi, `$1:${MASK}@`);
}

/** All of the above: safe on any line, in either direction. */
export function maskSecrets(line: string): string {
  return maskUrl(maskHeader(maskCommand(line)));
}

/**
 * SASL exchanges without an initial response send the secrets on *following* lines
 * (`AUTH LOGIN` → `334 VXNlcm5hbWU6` → `YWxpY2U=` → `334 …` → `c2VjcmV0`). This masker sees both
 * directions and masks every client line while such an exchange is open.
 * @example const m = new AuthExchangeMasker(); wire.out(m.out(cmd)); … m.in(reply)
 */
export class AuthExchangeMasker {
  private open = false;

  /** mask a line we are about to send */
  out(line: string): string {
    if (this.open) return MASK;
    const masked = maskSecrets(line);
    // AUTH <mech> alone (SMTP/POP3), AUTH LOGIN <user> (password comes next),
    // tag AUTHENTICATE <mech> (IMAP), or an IMAP LOGIN sending its user as a literal
    if (
      /^\s*AUTH\s+[\w-]+\s*$/i.test(line) ||
      /^\s*AUTH\s+LOGIN\s+\S+\s*$/i.test(line) ||
      /^\s*\S+\s+AUTHENTICATE\s+[\w-]+\s*$/i.test(line) ||
      /^\s*\S+\s+LOGIN\s+.*\{\d+\+?\}\s*$/i.test(line)
    ) {
      this.open = true;
    }
    return masked;
  }

  /** tell it what the server answered: anything but a continuation ends the exchange */
  in(line: string): void {
    if (!this.open) return;
    // SMTP 334 and IMAP/POP3 "+" ask for more; everything else (235, 535, tagged OK/NO, +OK …) ends it
    if (/^334[ -]/.test(line) || /^\+(\s|$)/.test(line)) return;
    this.open = false;
  }

  get inExchange(): boolean {
    return this.open;
  }
}
