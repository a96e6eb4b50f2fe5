/**
 * Every port the kit uses is derived from one base, so two sets of servers (a developer's and a
 * CI run's, or two engineers') can live on one machine side by side: `PORTHOLE_PORT_BASE=20000`
 * puts IMAP on 20143. The offsets keep the well-known port visible in the number.
 */
export interface Ports {
  base: number;
  imap: number;
  imaps: number;
  pop3: number;
  pop3s: number;
  lmtp: number;
  smtp: number;
  submission: number;
  submissions: number;
  ftp: number;
  ftpStrict: number;
  ftpsImplicit: number;
  telnet: number;
  http: number;
  https: number;
  pasvMin: number;
  pasvMax: number;
}

export const DEFAULT_PORT_BASE = 10000;
const PASV_OFFSET = 20000;
const PASV_COUNT = 50;

/** portsFromBase(20000).imap === 20143 */
export function portsFromBase(base: number): Ports {
  // the highest derived port is the end of the passive range: it must still be a TCP port
  if (!Number.isInteger(base) || base < 1024 || base + PASV_OFFSET + PASV_COUNT - 1 > 65535) {
    throw new Error(`port base ${base} is out of range: it must be an integer from 1024 to ${65535 - PASV_OFFSET - PASV_COUNT + 1}`);
  }
  return {
    base,
    imap: base + 143,
    imaps: base + 993,
    pop3: base + 110,
    pop3s: base + 995,
    lmtp: base + 24,
    smtp: base + 25,
    submission: base + 587,
    submissions: base + 465,
    ftp: base + 21,
    ftpStrict: base + 22,
    ftpsImplicit: base + 990,
    telnet: base + 23,
    http: base + 80,
    https: base + 443,
    pasvMin: base + PASV_OFFSET,
    pasvMax: base + PASV_OFFSET + PASV_COUNT - 1,
  };
}

/** Reads PORTHOLE_PORT_BASE (default 10000); a malformed value is an error, not a silent default. */
export function portBaseFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PORTHOLE_PORT_BASE?.trim();
  if (!raw) return DEFAULT_PORT_BASE;
  if (!/^\d+$/.test(raw)) throw new Error(`PORTHOLE_PORT_BASE must be a number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** The listening service ports (not the passive range), in a stable order. */
export function servicePorts(p: Ports): number[] {
  return [p.imap, p.imaps, p.pop3, p.pop3s, p.lmtp, p.smtp, p.submission, p.submissions, p.ftp, p.ftpStrict, p.ftpsImplicit, p.telnet, p.http, p.https];
}

/** The passive data range as a list (checked for squatters before start). */
export function pasvPorts(p: Ports): number[] {
  return Array.from({ length: p.pasvMax - p.pasvMin + 1 }, (_, i) => p.pasvMin + i);
}
