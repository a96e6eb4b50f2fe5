import { api } from '../api';
import { useApp } from './app';
import { useErrors } from './errors';
import { useJobs } from './jobs';
import { useSettings } from './settings';
import { useWire } from './wire';
import { useUrl } from './url';
import { useUrlLists } from './urlLists';

/**
 * The one module that feeds the stores from main: events in, initial loads, and reloads after the
 * browser host's WebSocket comes back (events sent while it was down are gone). Stores never
 * subscribe on their own, so there is one place to read to know what updates what.
 */
export function startSubscriptions(): () => void {
  const offs = [
    api.on('job.state', (s) => {
      useJobs.getState().apply(s);
      useUrl.getState().onJobState(s);
      if (s.state === 'failed' && s.error) {
        useErrors.getState().report({ ...s.error, channel: s.kind, t: s.endedAt ?? Date.now(), source: 'job' });
      }
    }),
    api.on('wire.lines', ({ lines }) => useWire.getState().append(lines)),
    api.on('url.history.changed', () => {
      // only a list someone has opened is kept fresh
      if (useUrlLists.getState().historyLoaded) void useUrlLists.getState().loadHistory();
    }),
    api.on('settings.changed', (s) => {
      useSettings.setState({ settings: s });
      useApp.setState({ theme: s.theme });
    }),
    api.on('app.error', (e) => useErrors.getState().report({ ...e, source: 'main' })),
    api.onFailure((f) => useErrors.getState().report({ ...f, source: 'call' })),
    api.onConnection((c) => {
      useApp.setState({ conn: c });
      if (c.state === 'open' && c.opens > 1) void loadAll(false);
    }),
  ];
  useApp.setState({ conn: api.connection() });
  void loadAll(true);
  return () => offs.forEach((off) => off());
}

/** Loads what the shell shows; on the first load also restores the last section. */
async function loadAll(first: boolean): Promise<void> {
  const [info, settings, jobs] = await Promise.all([
    api.invoke('app.info', {}),
    api.invoke('settings.get', {}),
    api.invoke('job.list', {}),
  ]);
  if (info.ok) useApp.setState({ info: info.value });
  if (settings.ok) {
    useSettings.setState({ settings: settings.value });
    const restore = first && !useApp.getState().navigated;
    useApp.setState(restore ? { theme: settings.value.theme, section: settings.value.lastSection } : { theme: settings.value.theme });
  }
  if (jobs.ok) useJobs.getState().replaceAll(jobs.value);
  await useWire.getState().catchUp();
}
