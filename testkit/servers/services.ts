import { join } from 'node:path';
import type { Ports } from './ports';

export type ServiceName = 'dovecot' | 'postfix' | 'proftpd' | 'inetd' | 'nginx';

export interface ServiceDef {
  name: ServiceName;
  /** the binary the pid file's pid must run: guards against pid reuse before we signal anything */
  exe: string;
  pidFile(dir: string): string;
  /** ports it must listen on, per address family (LMTP is IPv4-only: only Postfix uses it) */
  listens(p: Ports): { port: number; families: (4 | 6)[] }[];
  /** argv that starts it; every one of these daemonizes and writes its pid file */
  command(dir: string): [string, string[]];
}

const both: (4 | 6)[] = [4, 6];
/** single-quote for `sh -c` (postfix's command line goes through `script -c`) */
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Start order; stop goes in reverse (front ends first, Dovecot last since Postfix talks to it). */
export const SERVICES: ServiceDef[] = [
  {
    name: 'dovecot',
    exe: '/usr/sbin/dovecot',
    pidFile: (d) => join(d, 'dovecot', 'run', 'master.pid'),
    listens: (p) => [
      ...[p.imap, p.imaps, p.pop3, p.pop3s].map((port) => ({ port, families: both })),
      { port: p.lmtp, families: [4] },
    ],
    command: (d) => ['/usr/sbin/dovecot', ['-c', join(d, 'dovecot', 'dovecot.conf')]],
  },
  {
    name: 'postfix',
    exe: '/usr/lib/postfix/sbin/master',
    pidFile: (d) => join(d, 'postfix', 'spool', 'pid', 'master.pid'),
    listens: (p) => [p.smtp, p.submission, p.submissions].map((port) => ({ port, families: both })),
    // postfix(1) reports early config errors only to syslog (absent) or a tty: give it a pty
    command: (d) => ['/usr/bin/script', ['-qefc', `/usr/sbin/postfix -c ${sq(join(d, 'postfix', 'etc'))} start`, '/dev/null']],
  },
  {
    name: 'proftpd',
    exe: '/usr/sbin/proftpd',
    pidFile: (d) => join(d, 'run', 'proftpd.pid'),
    listens: (p) => [p.ftp, p.ftpStrict, p.ftpsImplicit].map((port) => ({ port, families: both })),
    command: (d) => ['/usr/sbin/proftpd', ['-c', join(d, 'ftp', 'proftpd.conf')]],
  },
  {
    name: 'inetd',
    exe: '/usr/sbin/inetutils-inetd',
    pidFile: (d) => join(d, 'run', 'inetd.pid'),
    listens: (p) => [{ port: p.telnet, families: both }],
    // --pidfile=FILE; -p is something else in inetutils
    command: (d) => ['/usr/sbin/inetutils-inetd', [`--pidfile=${join(d, 'run', 'inetd.pid')}`, join(d, 'telnet', 'inetd.conf')]],
  },
  {
    name: 'nginx',
    exe: '/usr/sbin/nginx',
    pidFile: (d) => join(d, 'run', 'nginx.pid'),
    listens: (p) => [p.http, p.https].map((port) => ({ port, families: both })),
    command: (d) => ['/usr/sbin/nginx', ['-c', join(d, 'www', 'nginx.conf'), '-e', join(d, 'log', 'nginx-error.log')]],
  },
];

/** Debian packages the servers come from (procps not needed: /proc is read directly). */
export const SERVER_PACKAGES = [
  'dovecot-core', 'dovecot-imapd', 'dovecot-pop3d', 'dovecot-lmtpd', 'postfix', 'proftpd-core',
  'proftpd-mod-crypto', 'inetutils-inetd', 'inetutils-telnetd', 'nginx', 'openssl',
] as const;

/** Without this, postfix's maintainer script asks how to configure the machine's mail. */
export const SERVER_PRESEED = ['postfix postfix/main_mailer_type select No configuration'];
