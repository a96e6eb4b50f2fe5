import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './exec';

/**
 * A private CA and one server certificate for localhost, 127.0.0.1 and ::1, made with openssl.
 * Tests trust ca.crt explicitly (`ca:` option); without it verification must fail, and a smoke
 * test checks that it does.
 */
export async function generateTls(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const o = { cwd: dir };
  await runOk('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-sha256',
    '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Porthole Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], o);
  await runOk('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'], o);
  writeFileSync(join(dir, 'server.ext'), [
    'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
    'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    '',
  ].join('\n'));
  await runOk('openssl', ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
    '-days', '3650', '-sha256', '-extfile', 'server.ext', '-out', 'server.crt'], o);
  for (const f of ['ca.crt', 'server.crt']) chmodSync(join(dir, f), 0o644);
  for (const f of ['ca.key', 'server.key']) chmodSync(join(dir, f), 0o600);
}
