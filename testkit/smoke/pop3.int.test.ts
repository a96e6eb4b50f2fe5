import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadServersInfo } from '../servers-info';
import { LineConn } from './lines';

// Dovecot POP3 over a raw socket (the app writes its own POP3 client): STLS, POP3S, STAT.
const s = loadServersInfo();
const ca = readFileSync(s.caCert);
const [alice] = s.mailUsers;

async function loginAndStat(c: LineConn): Promise<{ count: number; size: number }> {
  expect(await c.cmd(`USER ${alice.user}`)).toMatch(/^\+OK/);
  expect(await c.cmd(`PASS ${alice.pass}`)).toMatch(/^\+OK Logged in/);
  const stat = /^\+OK (\d+) (\d+)$/.exec(await c.cmd('STAT'));
  expect(stat).not.toBeNull();
  return { count: Number(stat![1]), size: Number(stat![2]) };
}

describe('Dovecot POP3', () => {
  it('greets, advertises STLS, upgrades with STLS trusting the CA, then STAT', async () => {
    const c = await LineConn.connect({ host: s.host4, port: s.pop3.port });
    try {
      expect(await c.read()).toMatch(/^\+OK .*ready/i);
      expect(await c.cmd('CAPA')).toMatch(/^\+OK/);
      expect(await c.readMulti()).toEqual(expect.arrayContaining(['STLS', 'TOP', 'UIDL', 'USER']));
      expect(await c.cmd('STLS')).toMatch(/^\+OK/);
      await c.startTls({ ca, servername: 'localhost' });
      expect(c.encrypted).toBe(true);
      const { count, size } = await loginAndStat(c);
      expect(count).toBeGreaterThanOrEqual(0);
      expect(size >= 0 && (count > 0) === (size > 0)).toBe(true);
      // LIST agrees with STAT: same number of messages, same total size
      expect(await c.cmd('LIST')).toMatch(/^\+OK/);
      const sizes = (await c.readMulti()).map((l) => Number(l.split(' ')[1]));
      expect(sizes.length).toBe(count);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(size);
      expect(await c.cmd('QUIT')).toMatch(/^\+OK/);
    } finally {
      c.close();
    }
  });

  it('POP3S (implicit TLS) on IPv6 answers STAT; a wrong password gets -ERR', async () => {
    const c = await LineConn.connect({ host: s.host6, port: s.pop3.tlsPort, tls: { ca } });
    try {
      expect(await c.read()).toMatch(/^\+OK/);
      await loginAndStat(c);
    } finally {
      c.close();
    }
    const bad = await LineConn.connect({ host: s.host4, port: s.pop3.tlsPort, tls: { ca, servername: 'localhost' } });
    try {
      await bad.read();
      await bad.cmd(`USER ${alice.user}`);
      expect(await bad.cmd('PASS wrong')).toMatch(/^-ERR/);
    } finally {
      bad.close();
    }
  });
});
