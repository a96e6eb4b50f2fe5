import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadServersInfo } from '../servers-info';

// inetutils-telnetd with the real /bin/login, spoken to over raw bytes: the app has its own
// telnet implementation, so this checks the server's behaviour, not a library's.
const s = loadServersInfo();

const IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240;
const TTYPE = 24, ECHO = 1, SGA = 3;

/**
 * A minimal telnet peer: answers DO TTYPE with WILL and SB TTYPE SEND with "VT100" (telnetd waits
 * for that before `login:`), accepts the server's ECHO and SGA, refuses everything else.
 */
class TelnetPeer {
  text = '';
  readonly offers: string[] = [];
  private sock: net.Socket;
  private pending = Buffer.alloc(0);
  private waiters: (() => void)[] = [];

  constructor(host: string, port: number) {
    this.sock = net.connect({ host, port });
    this.sock.on('data', (d: Buffer) => this.onData(d));
  }

  private onData(d: Buffer): void {
    const b = Buffer.concat([this.pending, d]);
    const out: number[] = [];
    let i = 0;
    for (; i < b.length; i++) {
      if (b[i] !== IAC) { out.push(b[i]); continue; }
      if (i + 1 >= b.length) break; // incomplete command: keep for the next chunk
      const cmd = b[i + 1];
      if (cmd === IAC) { out.push(IAC); i++; continue; }
      if (cmd >= WILL && cmd <= DONT) {
        if (i + 2 >= b.length) break;
        const opt = b[i + 2];
        this.offers.push(`${{ [WILL]: 'WILL', [WONT]: 'WONT', [DO]: 'DO', [DONT]: 'DONT' }[cmd]} ${opt}`);
        if (cmd === DO) this.send([IAC, opt === TTYPE ? WILL : WONT, opt]);
        if (cmd === WILL) this.send([IAC, opt === ECHO || opt === SGA ? DO : DONT, opt]);
        i += 2;
        continue;
      }
      if (cmd === SB) {
        const end = b.indexOf(Buffer.from([IAC, SE]), i + 2);
        if (end < 0) break;
        if (b[i + 2] === TTYPE && b[i + 3] === 1 /* SEND */) this.send([IAC, SB, TTYPE, 0 /* IS */, ...Buffer.from('VT100'), IAC, SE]);
        i = end + 1;
        continue;
      }
      i++; // two-byte commands (NOP, GA, …)
    }
    this.pending = b.subarray(i);
    this.text += Buffer.from(out).toString('utf8');
    for (const w of this.waiters.splice(0)) w();
  }

  private send(bytes: number[]): void {
    this.sock.write(Buffer.from(bytes));
  }

  write(line: string): void {
    this.sock.write(`${line}\r\n`);
  }

  /** Waits (bounded) until the text seen after `from` matches. Returns the index after the match. */
  async waitFor(re: RegExp, from = 0, timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = re.exec(this.text.slice(from));
      if (m) return from + m.index + m[0].length;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${re} within ${timeoutMs} ms; got: ${JSON.stringify(this.text.slice(-300))}`);
      await new Promise<void>((r) => { const t = setTimeout(r, left); this.waiters.push(() => { clearTimeout(t); r(); }); });
    }
  }

  close(): void {
    this.sock.destroy();
  }
}

describe('inetutils telnetd', () => {
  it('negotiates options, prompts login: after TTYPE, and a real login runs a command', async () => {
    const t = new TelnetPeer(s.host4, s.telnet.port);
    try {
      let at = await t.waitFor(/login: ?$/);
      expect(t.offers).toContain(`DO ${TTYPE}`);
      expect(t.offers.some((o) => o.startsWith('WILL ') || o.startsWith('DO '))).toBe(true);
      // login discards type-ahead: answer each prompt only once it is there
      t.write(s.telnet.user);
      at = await t.waitFor(/Password: ?$/, at);
      t.write(s.telnet.pass);
      at = await t.waitFor(/[$#] ?$/, at);
      t.write('echo porthole-$((6*7))');
      // the shell computes 42: the echo of our own typing shows only the expression
      await t.waitFor(/porthole-42/, at);
      t.write('exit');
    } finally {
      t.close();
    }
  });
});
