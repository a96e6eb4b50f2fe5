import { writeFileSync } from 'node:fs';
import type { ServerDaemon, ServersInfo } from '../servers-info';
import { ACCOUNTS, paths } from './layout';
import type { Ports } from './ports';
import { SERVICES } from './services';

/** The ServersInfo for a directory and port set (pure: what gets written to servers.json). */
export function buildInfo(dir: string, ports: Ports): ServersInfo {
  const domain = ACCOUNTS.mailDomain;
  return {
    dir,
    caCert: paths(dir).caCert,
    host4: '127.0.0.1',
    host6: '::1',
    portBase: ports.base,
    imap: { port: ports.imap, tlsPort: ports.imaps },
    pop3: { port: ports.pop3, tlsPort: ports.pop3s },
    smtp: { mtaPort: ports.smtp, submissionPort: ports.submission, submissionsPort: ports.submissions, domain },
    mailUsers: ACCOUNTS.mailUsers.map((u) => ({ user: u.user, pass: u.pass, address: `${u.user}@${domain}` })),
    ftp: { port: ports.ftp, strictPort: ports.ftpStrict, implicitTlsPort: ports.ftpsImplicit, pasv: [ports.pasvMin, ports.pasvMax], user: ACCOUNTS.ftp.user, pass: ACCOUNTS.ftp.pass },
    telnet: { port: ports.telnet, user: ACCOUNTS.telnet.user, pass: ACCOUNTS.telnet.pass },
    http: { port: ports.http, tlsPort: ports.https, basicUser: ACCOUNTS.http.user, basicPass: ACCOUNTS.http.pass },
    pidFiles: Object.fromEntries(SERVICES.map((s) => [s.name, s.pidFile(dir)])) as Record<ServerDaemon, string>,
  };
}

/** servers.json for programs, servers.env (KEY=value, the recipe's names) for shells. */
export function writeInfo(info: ServersInfo, ports: Ports): void {
  const p = paths(info.dir);
  writeFileSync(p.json, `${JSON.stringify(info, null, 2)}\n`);
  const env: Record<string, string | number> = {
    SERVERS_DIR: info.dir, CA_CERT: info.caCert, HOST4: info.host4, HOST6: info.host6, PORT_BASE: ports.base,
    IMAP_PORT: ports.imap, IMAPS_PORT: ports.imaps, POP3_PORT: ports.pop3, POP3S_PORT: ports.pop3s, LMTP_PORT: ports.lmtp,
    SMTP_PORT: ports.smtp, SUBMISSION_PORT: ports.submission, SUBMISSIONS_PORT: ports.submissions,
    FTP_PORT: ports.ftp, FTP_STRICT_PORT: ports.ftpStrict, FTPS_IMPLICIT_PORT: ports.ftpsImplicit,
    FTP_PASV_MIN: ports.pasvMin, FTP_PASV_MAX: ports.pasvMax, TELNET_PORT: ports.telnet, HTTP_PORT: ports.http, HTTPS_PORT: ports.https,
    MAIL_DOMAIN: info.smtp.domain, MAIL_USERS: `"${info.mailUsers.map((u) => `${u.user}:${u.pass}`).join(' ')}"`,
    FTP_USER: info.ftp.user, FTP_PASS: info.ftp.pass, TELNET_USER: info.telnet.user, TELNET_PASS: info.telnet.pass,
    HTTP_USER: info.http.basicUser, HTTP_PASS: info.http.basicPass,
  };
  writeFileSync(p.env, Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''));
}
