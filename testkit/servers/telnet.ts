import { chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './exec';
import { ACCOUNTS, type Ctx } from './layout';
import { homeOf, uidOf, userExists } from './sysusers';

/**
 * inetutils-telnetd under inetutils-inetd with the real /bin/login, so the account must be a
 * system user. The user is shared by every servers directory on the machine: if it exists we only
 * reset its password, and point its home here only when the old home is gone.
 */
export async function generateTelnet({ dir, ports }: Ctx): Promise<void> {
  const T = join(dir, 'telnet');
  const home = join(T, 'home');
  mkdirSync(home, { recursive: true });
  const { user, pass } = ACCOUNTS.telnet;
  if (!userExists(user)) {
    await runOk('useradd', ['-M', '-d', home, '-s', '/bin/bash', '-c', 'porthole test telnet user', user]);
  } else {
    const old = homeOf(user);
    if (!old || !existsSync(old)) await runOk('usermod', ['-d', home, user]);
  }
  await runOk('chpasswd', [], { input: `${user}:${pass}\n` });
  chownSync(home, uidOf(user), -1);
  // inetutils-inetd syntax: IPv4 "addr:port … tcp"; IPv6 "::1:port … tcp6" (no brackets)
  writeFileSync(join(T, 'inetd.conf'), [
    `127.0.0.1:${ports.telnet} stream tcp nowait root /usr/sbin/telnetd telnetd -h`,
    `::1:${ports.telnet} stream tcp6 nowait root /usr/sbin/telnetd telnetd -h`,
    '',
  ].join('\n'));
}
