import { readFileSync } from 'node:fs';

/** Daemons the kit runs; each has one pid file. */
export type ServerDaemon = 'dovecot' | 'postfix' | 'proftpd' | 'inetd' | 'nginx';

/**
 * What the test kit writes to servers.json for the tests: the reference recipe's shape plus
 * `portBase` and `pidFiles` (what `stop` reads; tests should not need them).
 */
export interface ServersInfo {
  dir: string;
  /** PEM file of the private CA: trust it explicitly (`ca:`), never disable verification */
  caCert: string;
  host4: string;
  host6: string;
  portBase: number;
  imap: { port: number; tlsPort: number };
  pop3: { port: number; tlsPort: number };
  smtp: { mtaPort: number; submissionPort: number; submissionsPort: number; domain: string };
  mailUsers: { user: string; pass: string; address: string }[];
  ftp: { port: number; strictPort: number; implicitTlsPort: number; pasv: [number, number]; user: string; pass: string };
  telnet: { port: number; user: string; pass: string };
  http: { port: number; tlsPort: number; basicUser: string; basicPass: string };
  pidFiles: Record<ServerDaemon, string>;
}

/** Reads the servers.json named by PORTHOLE_SERVERS (set by the int project's global setup or testkit/run-all). */
export function loadServersInfo(): ServersInfo {
  const p = process.env.PORTHOLE_SERVERS;
  if (!p) throw new Error('PORTHOLE_SERVERS is not set: run the integration tests through `npm test` or `vitest --project int` (its global setup starts the servers), or start them with `npx tsx testkit/servers/cli.ts start`');
  return JSON.parse(readFileSync(p, 'utf8')) as ServersInfo;
}
