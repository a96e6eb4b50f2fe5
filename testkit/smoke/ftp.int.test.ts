import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { Client } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { loadServersInfo } from '../servers-info';

// ProFTPD through basic-ftp, the library the app uses, trusting only the kit's private CA.
const s = loadServersInfo();
const ca = readFileSync(s.caCert);

async function connect(port: number, secure: boolean | 'implicit'): Promise<Client> {
  const c = new Client(15_000);
  await c.access({ host: 'localhost', port, user: s.ftp.user, password: s.ftp.pass, secure, secureOptions: { ca } });
  return c;
}

describe('ProFTPD', () => {
  it('lists /pub over explicit FTPS (UTF-8 names, sizes) with MLSD advertised', async () => {
    const c = await connect(s.ftp.port, true);
    try {
      expect(c.ftp.socket).toBeInstanceOf(TLSSocket);
      expect((await c.features()).has('MLST')).toBe(true);
      const list = await c.list('/pub');
      const byName = Object.fromEntries(list.map((e) => [e.name, e]));
      expect(Object.keys(byName).sort()).toEqual(['1MiB.bin', 'empty dir', 'héllo wörld.txt', '日本語.txt']);
      expect(byName['1MiB.bin'].size).toBe(1024 * 1024);
      expect(byName['empty dir'].isDirectory).toBe(true);
    } finally {
      c.close();
    }
  });

  it('strict vhost: TLS session reuse on data connections works (LIST + a 1 MiB download), no MLST', async () => {
    const c = await connect(s.ftp.strictPort, true);
    try {
      expect((await c.features()).has('MLST')).toBe(false);
      const names = (await c.list('/')).map((e) => e.name).sort();
      expect(names).toEqual(['README.txt', 'pub', 'upload']);
      let bytes = 0;
      await c.downloadTo(new Writable({ write(chunk: Buffer, _enc, cb) { bytes += chunk.length; cb(); } }), '/pub/1MiB.bin');
      expect(bytes).toBe(1024 * 1024);
    } finally {
      c.close();
    }
  });

  it('strict vhost refuses a plain login; implicit FTPS lists the root', async () => {
    const plain = new Client(15_000);
    try {
      await expect(plain.access({ host: 'localhost', port: s.ftp.strictPort, user: s.ftp.user, password: s.ftp.pass, secure: false }))
        .rejects.toThrow(/TLS required/i);
    } finally {
      plain.close();
    }
    const c = await connect(s.ftp.implicitTlsPort, 'implicit');
    try {
      expect((await c.list('/')).map((e) => e.name)).toContain('README.txt');
    } finally {
      c.close();
    }
  });
});
