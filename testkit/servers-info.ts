import { readFileSync } from 'node:fs';

/** What the test kit writes to servers.json for the tests (same shape as the reference recipe). */
export interface ServersInfo {
  dir: string;
  caCert: string;
  host4: string;
  host6: string;
  imap: { port: number; tlsPort: number };
  pop3: { port: number; tlsPort: number };
  smtp: { mtaPort: number; submissionPort: number; submissionsPort: number; domain: string };
  mailUsers: { user: string; pass: string; address: string }[];
  ftp: { port: number; strictPort: number; implicitTlsPort: number; pasv: [number, number]; user: string; pass: string };
  telnet: { port: number; user: string; pass: string };
  http: { port: number; tlsPort: number; basicUser: string; basicPass: string };
}

/** Reads the servers.json named by PORTHOLE_SERVERS (set by the global setup or testkit/run-all). */
export function loadServersInfo(): ServersInfo {
  const p = process.env.PORTHOLE_SERVERS;
  if (!p) throw new Error('PORTHOLE_SERVERS is not set: run the integration tests through `npm test` or vitest --project int (its global setup starts the servers)');
  return JSON.parse(readFileSync(p, 'utf8')) as ServersInfo;
}
