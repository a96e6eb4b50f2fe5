import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { loadServersInfo } from '../servers-info';

// Dovecot through imapflow, the library the app uses, trusting only the kit's private CA.
const s = loadServersInfo();
const ca = readFileSync(s.caCert);
const [alice] = s.mailUsers;

function client(opts: { host: string; port: number; secure: boolean; doSTARTTLS?: boolean }) {
  return new ImapFlow({ ...opts, auth: { user: alice.user, pass: alice.pass }, tls: { ca }, logger: false });
}

describe('Dovecot IMAP', () => {
  it('logs in over IMAPS and LIST reports the five special-use folders from the server', async () => {
    const c = client({ host: 'localhost', port: s.imap.tlsPort, secure: true });
    await c.connect();
    try {
      const list = await c.list();
      expect(list.map((m) => m.path)).toContain('INBOX');
      const fromServer = Object.fromEntries(list.filter((m) => m.specialUseSource === 'extension').map((m) => [m.specialUse, m.path]));
      expect(fromServer).toEqual({ '\\Drafts': 'Drafts', '\\Sent': 'Sent', '\\Trash': 'Trash', '\\Junk': 'Junk', '\\Archive': 'Archive' });
      expect([...c.capabilities.keys()]).toEqual(expect.arrayContaining(['IDLE', 'MOVE', 'UIDPLUS', 'CONDSTORE', 'SPECIAL-USE']));
    } finally {
      await c.logout();
    }
  });

  it('upgrades the plain port with STARTTLS before logging in (IPv6 literal, cert has IP:::1)', async () => {
    const c = client({ host: s.host6, port: s.imap.port, secure: false, doSTARTTLS: true });
    await c.connect();
    try {
      expect(c.secureConnection).toBe(true);
      const inbox = await c.status('INBOX', { messages: true, uidValidity: true });
      if (!inbox) throw new Error('STATUS INBOX failed');
      expect(inbox.path).toBe('INBOX');
      expect(typeof inbox.messages).toBe('number');
      expect(inbox.uidValidity).toBeGreaterThan(0n);
    } finally {
      await c.logout();
    }
  });

  it('refuses a wrong password with an authentication failure', async () => {
    const c = new ImapFlow({ host: 'localhost', port: s.imap.tlsPort, secure: true, auth: { user: alice.user, pass: 'wrong' }, tls: { ca }, logger: false });
    await expect(c.connect()).rejects.toMatchObject({ authenticationFailed: true });
    c.close();
  });
});
