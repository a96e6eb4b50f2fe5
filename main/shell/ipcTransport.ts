import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { fail, type Result } from '../../shared/errors';
import { ELECTRON_EVENT, ELECTRON_INVOKE } from '../../shared/ipc/bridge';
import type { TransportLog, TransportRouter } from '../host/wsTransport';
import type { Caller, EventSink } from '../ipc/types';

export interface IpcTransportOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  router: TransportRouter;
  /** is this URL our renderer page? (renderer.ts isRendererUrl) */
  isOurUrl(url: string): boolean;
  log?: TransportLog;
}

export interface IpcTransport {
  /** Trusts this webContents (one we created) and connects it to the router as `electron-<id>`. */
  register(wc: WebContents): void;
  dispose(): void;
}

/**
 * The Electron transport: one `ipcMain.handle` for every contract channel. Like VS Code's IPC
 * layer it checks the sender before anything else: the message must come from the main frame of a
 * webContents we registered, currently showing our renderer page. Anything else — a subframe
 * (mail HTML iframe), another window, a page that navigated elsewhere — gets EINVALID and a log
 * line, and the router never sees it.
 */
export function createIpcTransport(opts: IpcTransportOptions): IpcTransport {
  const { router, log } = opts;
  const known = new Map<number, { caller: Caller; detach: () => void }>();

  const refuse = (reason: string, e: IpcMainInvokeEvent, channel: unknown): Result<never> => {
    log?.warn('shell: IPC refused', { reason, sender: e.sender?.id ?? null, channel: typeof channel === 'string' ? channel.slice(0, 64) : typeof channel });
    return fail('EINVALID', 'IPC refused: the sender is not the Porthole window', { reason });
  };

  opts.ipcMain.handle(ELECTRON_INVOKE, async (e, channel: unknown, payload: unknown): Promise<Result<unknown>> => {
    const entry = known.get(e.sender.id);
    if (!entry) return refuse('unknown webContents', e, channel);
    const frame = e.senderFrame;
    const main = e.sender.mainFrame;
    if (!frame || frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
      return refuse('not the main frame', e, channel);
    }
    if (!opts.isOurUrl(frame.url)) return refuse('foreign page', e, channel);
    if (typeof channel !== 'string') return refuse('channel is not a string', e, channel);
    try {
      return await router.invoke(entry.caller, channel, payload);
    } catch (err) {
      // the router promises never to throw; if it does, the renderer still gets an answer
      log?.warn('shell: router threw', { channel, err });
      return fail('EINTERNAL', 'internal error');
    }
  });

  const connect = (wc: WebContents) => {
    const caller: Caller = { id: `electron-${wc.id}`, transport: 'electron' };
    const sink: EventSink = (event, payload) => {
      if (!wc.isDestroyed()) wc.send(ELECTRON_EVENT, event, payload);
    };
    known.set(wc.id, { caller, detach: router.connect(caller, sink) });
  };
  const detach = (id: number) => {
    const entry = known.get(id);
    known.delete(id);
    entry?.detach();
  };

  return {
    register(wc) {
      if (known.has(wc.id)) return;
      connect(wc);
      const id = wc.id;
      // The page is gone (window closed, renderer crashed): cancel the jobs it owned.
      wc.once('destroyed', () => detach(id));
      wc.on('render-process-gone', () => {
        if (!known.has(id)) return;
        detach(id);
        if (!wc.isDestroyed()) connect(wc);
      });
      // A reload starts a new page that knows nothing of the old one's jobs: cancel them too.
      wc.on('did-start-navigation', (details) => {
        if (!details.isMainFrame || details.isSameDocument || !known.has(id)) return;
        detach(id);
        connect(wc);
      });
    },
    dispose() {
      opts.ipcMain.removeHandler(ELECTRON_INVOKE);
      for (const id of [...known.keys()]) detach(id);
    },
  };
}
