import { describe, expect, it } from 'vitest';
import { AuthExchangeMasker, maskCommand, maskHeader, maskSecrets, maskUrl } from './mask';

describe('maskCommand', () => {
  it.each([
    ['PASS s3cret', 'PASS ****'],
    ['pass with spaces in it', 'pass ****'],
    ['ACCT money', 'ACCT ****'],
    ['APOP alice c4c9334bac560ecc979e58001b3e22fb', 'APOP alice ****'],
    ['AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'AUTH PLAIN ****'],
    ['AUTH XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==', 'AUTH XOAUTH2 ****'],
    ['a1 LOGIN alice s3cret', 'a1 LOGIN alice ****'],
    ['a1 LOGIN "alice" "pa ss \\" word"', 'a1 LOGIN "alice" ****'],
    ['A7 login "al ice" x', 'A7 login "al ice" ****'],
    ['a1 LOGIN {5}', 'a1 LOGIN ****'],
    ['a2 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==', 'a2 AUTHENTICATE PLAIN ****'],
  ])('%s → %s', (input, want) => {
    expect(maskCommand(input)).toBe(want);
  });

  it('leaves ordinary commands and replies alone', () => {
    for (const line of ['USER alice', 'LIST', '331 Password required for alice', 'a3 SELECT INBOX', 'EHLO client', 'AUTH']) {
      expect(maskCommand(line)).toBe(line);
    }
  });
});

describe('maskHeader', () => {
  it.each([
    ['Authorization: Basic YWxpY2U6c2VjcmV0', 'Authorization: Basic ****'],
    ['authorization: Bearer eyJhbGciOi.x.y', 'authorization: Bearer ****'],
    ['Proxy-Authorization: Basic abc', 'Proxy-Authorization: Basic ****'],
    ['Authorization: rawtoken', 'Authorization: ****'],
    ['Cookie: sid=abc; theme=dark', 'Cookie: sid=****; theme=****'],
    ['Set-Cookie: sid=abc123; Path=/; HttpOnly; Secure', 'Set-Cookie: sid=****; Path=/; HttpOnly; Secure'],
    ['set-cookie: a=b', 'set-cookie: a=****'],
    ['X-Api-Key: k-123', 'X-Api-Key: ****'],
  ])('%s → %s', (input, want) => {
    expect(maskHeader(input)).toBe(want);
  });

  it('leaves other headers alone', () => {
    for (const line of ['Content-Type: text/html', 'WWW-Authenticate: Basic realm="x"', 'GET / HTTP/1.1']) {
      expect(maskHeader(line)).toBe(line);
    }
  });
});

describe('maskUrl / maskSecrets', () => {
  it('masks only the password of URL user info', () => {
    expect(maskUrl('GET ftp://bob:pw@host/x and https://h/a:b@c')).toBe('GET ftp://bob:****@host/x and https://h/a:b@c');
    expect(maskUrl('https://example.org/')).toBe('https://example.org/');
  });
  it('combines the rules', () => {
    expect(maskSecrets('PASS x')).toBe('PASS ****');
    expect(maskSecrets('Cookie: a=1')).toBe('Cookie: a=****');
    expect(maskSecrets('Location: http://u:p@h/')).toBe('Location: http://u:****@h/');
  });
});

describe('AuthExchangeMasker', () => {
  it('masks the continuation lines of SMTP AUTH LOGIN until the final reply', () => {
    const m = new AuthExchangeMasker();
    expect(m.out('AUTH LOGIN')).toBe('AUTH LOGIN');
    m.in('334 VXNlcm5hbWU6');
    expect(m.out('YWxpY2U=')).toBe('****');
    m.in('334 UGFzc3dvcmQ6');
    expect(m.out('c2VjcmV0')).toBe('****');
    m.in('235 2.7.0 Authentication successful');
    expect(m.inExchange).toBe(false);
    expect(m.out('MAIL FROM:<a@b>')).toBe('MAIL FROM:<a@b>');
  });

  it('masks an IMAP LOGIN sent with literals', () => {
    const m = new AuthExchangeMasker();
    expect(m.out('a1 LOGIN alice {6}')).toBe('a1 LOGIN alice ****');
    m.in('+ Ready for literal data');
    expect(m.out('secret')).toBe('****');
    m.in('a1 OK Logged in');
    expect(m.out('a2 LIST "" "*"')).toBe('a2 LIST "" "*"');
  });

  it('is closed by a POP3 +OK / -ERR and not opened by ordinary commands', () => {
    const m = new AuthExchangeMasker();
    m.out('AUTH PLAIN');
    m.in('+ ');
    expect(m.out('AGFsaWNlAHNlY3JldA==')).toBe('****');
    m.in('+OK logged in');
    expect(m.inExchange).toBe(false);
    m.out('STAT');
    expect(m.inExchange).toBe(false);
  });
});
