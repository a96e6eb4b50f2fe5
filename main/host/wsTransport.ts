import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { fail, type Result } from '../../shared/errors';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX, type WsServerMessage } from '../../shared/ipc/bridge';
import type { Caller, EventSink } from '../ipc/types';
import type { Router } from '../ipc/router';

/** The part of the router a transport needs (lets tests hand in a small fake). */
export type TransportRouter = Pick<Router, 'invoke' | 'connect'>;

export interface TransportLog {
  warn(message: string, detail?: Record<string, unknown>): void;
}

/** A frame larger than this closes the socket (ws answers 1009); big bodies travel in jobs/files. */
export const MAX_PAYLOAD = 8 * 1024 * 1024;
/** Requests one socket may have in flight; more answer ELIMIT instead of queueing without bound. */
export const MAX_IN_FLIGHT = 256;
/** A client that stops reading is dropped rather than buffered in our memory. */
const MAX_BUFFERED = 32 * 1024 * 1024;

/** Close codes (RFC 6455 §7.4.1). */
export const CLOSE_POLICY = 1008;
export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_GOING_AWAY = 1001;

/** Equal-time comparison of secrets of any length: hash first so lengths leak nothing. */
export function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(h(a), h(b));
}

/** Reads the subprotocol list of an upgrade request (`Sec-WebSocket-Protocol: a, b`). */
function offeredProtocols(req: IncomingMessage): string[] {
  const raw = req.headers['sec-websocket-protocol'];
  if (typeof raw !== 'string') return [];
  return raw.split(',').map((p) => p.trim()).filter(Boolean);
}

/**
 * Decides whether an upgrade may proceed; answers the reason for the log when it may not.
 * Host is checked by the caller for every request; here: path, Origin and token.
 */
export function checkUpgrade(req: IncomingMessage, expect: { origin: string; token: string }): string | null {
  const path = (req.url ?? '').split('?', 1)[0];
  if (path !== WS_PATH) return 'wrong path';
  // A browser always sends Origin on a WebSocket handshake; a missing one is not a browser tab of ours.
  if (req.headers.origin !== expect.origin) return 'foreign or missing Origin';
  const offered = offeredProtocols(req);
  if (!offered.includes(WS_PROTOCOL)) return 'missing protocol';
  const tokens = offered.filter((p) => p.startsWith(WS_TOKEN_PREFIX));
  if (tokens.length !== 1) return 'missing token';
  if (!sameSecret(tokens[0]!.slice(WS_TOKEN_PREFIX.length), expect.token)) return 'wrong token';
  return null;
}

/** Parses one client frame; null when it is not a well-formed invoke message. */
export function parseClientMessage(data: string): { id: number; channel: string; payload: unknown } | null {
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return null;
  const m = msg as Record<string, unknown>;
  if (m.t !== 'invoke') return null;
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id) || m.id < 0) return null;
  if (typeof m.channel !== 'string' || m.channel.length === 0 || m.channel.length > 128) return null;
  return { id: m.id, channel: m.channel, payload: m.payload };
}

/**
 * The browser host's WebSocket transport: authenticates each upgrade, makes each socket a Caller
 * (`web-<n>`) connected to the router, and detaches it on close so its jobs are cancelled.
 */
export class WsTransport {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD,
    // Answer our protocol name only: echoing the token back would be harmless but pointless.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
    perMessageDeflate: false,
  });
  private next = 0;

  constructor(
    private readonly router: TransportRouter,
    private readonly expect: { origin: string; token: string },
    private readonly log?: TransportLog,
  ) {}

  /** Handles `server.on('upgrade')` once the Host header has been checked. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refusal = checkUpgrade(req, this.expect);
    if (refusal) {
      this.log?.warn('host: WebSocket refused', { reason: refusal, origin: req.headers.origin ?? null });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    const caller: Caller = { id: `web-${++this.next}`, transport: 'web' };
    let inFlight = 0;
    const send = (msg: WsServerMessage): void => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED) {
        this.log?.warn('host: client not reading, closing', { caller: caller.id });
        ws.close(CLOSE_POLICY, 'client too slow');
        return;
      }
      let text: string;
      try {
        text = JSON.stringify(msg);
      } catch {
        // a value JSON cannot carry (BigInt, cycle) is a bug in a handler; say so instead of hanging
        if (msg.t !== 'result') return;
        text = JSON.stringify({ t: 'result', id: msg.id, result: fail('EINTERNAL', 'result not serialisable') });
      }
      ws.send(text);
    };
    const sink: EventSink = (event, payload) => send({ t: 'event', event, payload });
    const detach = this.router.connect(caller, sink);
    ws.once('close', () => detach());
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(CLOSE_UNSUPPORTED, 'text frames only');
      const msg = parseClientMessage(data.toString());
      if (!msg) {
        this.log?.warn('host: malformed message, closing', { caller: caller.id });
        return ws.close(CLOSE_POLICY, 'malformed message');
      }
      if (inFlight >= MAX_IN_FLIGHT) {
        return send({ t: 'result', id: msg.id, result: fail('ELIMIT', 'too many requests in flight') });
      }
      inFlight++;
      void this.router
        .invoke(caller, msg.channel, msg.payload)
        .catch((e: unknown): Result<unknown> => fail('EINTERNAL', e instanceof Error ? e.message : String(e)))
        .then((result) => {
          inFlight--;
          send({ t: 'result', id: msg.id, result });
        });
    });
  }

  /**
   * Closes every socket (each close detaches its caller, cancelling its jobs) and stops accepting.
   * A peer that does not answer the close handshake within `graceMs` is cut off.
   */
  async close(graceMs = 1000): Promise<void> {
    const open = [...this.wss.clients];
    await Promise.all(
      open.map(
        (ws) =>
          new Promise<void>((done) => {
            if (ws.readyState === WebSocket.CLOSED) return done();
            const timer = setTimeout(() => ws.terminate(), graceMs);
            ws.once('close', () => {
              clearTimeout(timer);
              done();
            });
            ws.close(CLOSE_GOING_AWAY, 'host shutting down');
          }),
      ),
    );
    await new Promise<void>((done) => this.wss.close(() => done()));
  }
}
