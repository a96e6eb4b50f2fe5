import { join } from 'node:path';
import type { Ports } from './ports';

/** Fixed test accounts: tests know them from servers.json, never by hard-coding. */
export const ACCOUNTS = {
  mailDomain: 'example.test',
  mailUsers: [
    { user: 'alice', pass: 'alicepass' },
    { user: 'bob', pass: 'bobpass' },
  ],
  ftp: { user: 'ftpuser', pass: 'ftppass' },
  // a real system account: /bin/login under telnetd accepts nothing else
  telnet: { user: 'teluser', pass: 'telpass' },
  http: { user: 'user', pass: 'pass' },
} as const;

/** Everything a config generator needs: where to write and which ports to use. */
export interface Ctx {
  dir: string;
  ports: Ports;
  /** the one uid/gid owning virtual mail and FTP files (no passwd entry needed) */
  vuid: number;
}

/** Paths inside the servers directory, in one place so start, stop and status agree. */
export function paths(dir: string) {
  return {
    tls: join(dir, 'tls'),
    caCert: join(dir, 'tls', 'ca.crt'),
    serverCert: join(dir, 'tls', 'server.crt'),
    serverKey: join(dir, 'tls', 'server.key'),
    log: join(dir, 'log'),
    run: join(dir, 'run'),
    json: join(dir, 'servers.json'),
    env: join(dir, 'servers.env'),
  };
}
