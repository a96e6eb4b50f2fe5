import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { loadServersInfo } from '../servers-info';

// Postfix submission → SASL via Dovecot → LMTP into Dovecot → visible over IMAP.
const s = loadServersInfo();
const ca = readFileSync(s.caCert);
const [alice, bob] = s.mailUsers;

/** Polls bob's INBOX (bounded) for a message whose subject contains `token`; returns its envelope. */
async function waitForSubject(token: string, timeoutMs = 20_000) {
  const c = new ImapFlow({ host: 'localhost', port: s.imap.tlsPort, secure: true, auth: { user: bob.user, pass: bob.pass }, tls: { ca }, logger: false });
  await c.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lock = await c.getMailboxLock('INBOX');
      try {
        const uids = await c.search({ subject: token }, { uid: true });
        if (uids && uids.length) {
          const msg = await c.fetchOne(String(uids[0]), { envelope: true }, { uid: true });
          if (msg) return msg.envelope!;
        }
      } finally {
        lock.release();
      }
      if (Date.now() > deadline) throw new Error(`message "${token}" did not arrive in bob's INBOX within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await c.logout();
  }
}

describe('Postfix submission', () => {
  it('sends via submission with STARTTLS + AUTH and the message appears in the recipient INBOX over IMAP', async () => {
    const token = `smoke-${randomUUID()}`;
    const t = nodemailer.createTransport({
      host: 'localhost', port: s.smtp.submissionPort, secure: false, requireTLS: true,
      auth: { user: alice.user, pass: alice.pass }, tls: { ca },
    });
    try {
      // non-ASCII subject: Postfix does not offer SMTPUTF8 (Dovecot LMTP lacks it), nodemailer encodes it
      const info = await t.sendMail({ from: alice.address, to: bob.address, subject: `Grüße ${token}`, text: 'hello from the smoke test\n' });
      expect(info.accepted).toEqual([bob.address]);
      expect(info.response).toMatch(/^250 /);
    } finally {
      t.close();
    }
    const env = await waitForSubject(token);
    expect(env.subject).toBe(`Grüße ${token}`);
    expect(env.from?.[0]?.address).toBe(alice.address);
    expect(env.to?.[0]?.address).toBe(bob.address);
  });

  it('submissions (implicit TLS) authenticates; AUTH without TLS on submission is refused', async () => {
    const tlsT = nodemailer.createTransport({ host: 'localhost', port: s.smtp.submissionsPort, secure: true, auth: { user: alice.user, pass: alice.pass }, tls: { ca } });
    try {
      await expect(tlsT.verify()).resolves.toBe(true);
    } finally {
      tlsT.close();
    }
    const plain = nodemailer.createTransport({ host: 'localhost', port: s.smtp.submissionPort, secure: false, ignoreTLS: true, auth: { user: alice.user, pass: alice.pass } });
    try {
      // smtpd_tls_security_level=encrypt: nothing is accepted before STARTTLS (AUTH is not even offered)
      await expect(plain.sendMail({ from: alice.address, to: bob.address, subject: 'never', text: 'x' }))
        .rejects.toMatchObject({ responseCode: 530, response: expect.stringMatching(/STARTTLS/) });
    } finally {
      plain.close();
    }
  });
});
