import { createServer, type Server, type Socket } from 'node:net';

/**
 * Small scripted TCP servers on 127.0.0.1:0 for fault cases no real server will produce on
 * demand (decompression bombs, header floods, stalls …). Each script gets the raw socket once the
 * client's request head has arrived, and writes whatever bytes it wants.
 */

export interface Scripted {
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** how many connections were accepted (to prove reuse or retries) */
  connections: () => number;
  close(): Promise<void>;
}

/** The request head as text (up to the blank line), for scripts that look at it. */
export type Script = (socket: Socket, head: string) => void;

export async function startScripted(script: Script): Promise<Scripted> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buf = '';
    const onData = (c: Buffer) => {
      buf += c.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > 65536) socket.destroy();
        return;
      }
      socket.off('data', onData);
      script(socket, buf.slice(0, end));
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes until the peer stops reading or goes away, honouring backpressure. */
export function writeForever(socket: Socket, next: () => Buffer, limit = Infinity): void {
  let sent = 0;
  const pump = () => {
    while (!socket.destroyed && sent < limit) {
      const b = next();
      sent += b.length;
      if (!socket.write(b)) return void socket.once('drain', pump);
    }
    if (!socket.destroyed) socket.end();
  };
  pump();
}
