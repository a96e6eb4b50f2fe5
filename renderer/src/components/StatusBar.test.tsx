// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { fail } from '../../../shared/errors';
import type { JobState } from '../../../shared/ipc/jobs';
import { fakeBridge } from '../testing/fakeBridge';
import { settle, useRendererTestEnv } from '../testing/harness';
import { api } from '../api';

const env = useRendererTestEnv();
const bar = () => screen.getByTestId('status-bar');

const job = (over: Partial<JobState>): JobState => ({
  job: 'job-7',
  kind: 'app.selfTest',
  label: 'Self-test',
  state: 'running',
  done: 250,
  total: 1000,
  startedAt: Date.now(),
  ...over,
});

describe('status bar jobs', () => {
  it('shows a running job with its progress, and Cancel calls job.cancel', async () => {
    const b = fakeBridge();
    await env.renderApp(b);
    act(() => b.emit('job.state', job({})));
    const item = within(bar()).getByTestId('job');
    expect(item.textContent).toContain('Self-test');
    expect(item.textContent).toContain('25%');
    expect((within(item).getByLabelText('Self-test progress') as HTMLProgressElement).value).toBe(25);
    fireEvent.click(within(item).getByRole('button', { name: 'Cancel Self-test' }));
    await settle();
    expect(b.callsTo('job.cancel')).toEqual([{ job: 'job-7' }]);
    act(() => b.emit('job.state', job({ state: 'cancelled', endedAt: Date.now() })));
    expect(within(bar()).queryByTestId('job')).toBeNull();
  });

  it('picks up jobs already running when the window opens', async () => {
    await env.renderApp(fakeBridge({ 'job.list': () => ({ ok: true, value: [job({ job: 'job-1', label: 'Mirror site', total: null })] }) }));
    expect(within(bar()).getByTestId('job').textContent).toContain('Mirror site');
  });

  it('reports a failed job as the last error', async () => {
    const b = fakeBridge();
    await env.renderApp(b);
    act(() => b.emit('job.state', job({ state: 'failed', error: { code: 'ETIMEDOUT', message: 'no answer from ftp.example.com' }, endedAt: 5 })));
    expect(screen.getByTestId('last-error').textContent).toContain('no answer from ftp.example.com');
  });
});

describe('status bar last error', () => {
  it('shows the last failed call and opens a detail dialog with code, message, detail and time', async () => {
    const b = fakeBridge({ 'wire.clear': () => fail('EIO', 'Could not write the log', { path: '/tmp/x.log', errno: -28 }) });
    await env.renderApp(b);
    expect(screen.queryByTestId('last-error')).toBeNull();
    await act(() => api.invoke('wire.clear', {}));
    const last = screen.getByTestId('last-error');
    expect(last.textContent).toBe('File system error: Could not write the log');
    fireEvent.click(last);
    const dialog = screen.getByRole('dialog', { name: 'File system error' });
    expect(dialog.textContent).toContain('EIO');
    expect(dialog.textContent).toContain('Could not write the log');
    expect(dialog.textContent).toContain('"errno": -28');
    expect(dialog.textContent).toContain('wire.clear');
    expect(dialog.querySelector('time')).not.toBeNull();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    // dismiss clears it from the bar
    fireEvent.click(screen.getByTestId('last-error'));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss error' }));
    expect(screen.queryByTestId('last-error')).toBeNull();
  });

  it('shows app.error from main and ignores cancels the user asked for', async () => {
    const b = fakeBridge({ 'job.cancel': () => fail('ECANCELLED', 'cancelled') });
    await env.renderApp(b);
    await act(() => api.invoke('job.cancel', { job: 'job-1' }));
    expect(screen.queryByTestId('last-error')).toBeNull();
    act(() => b.emit('app.error', { code: 'ECERT', message: 'ftp.example.com:21 sent an untrusted certificate', t: Date.now() }));
    expect(screen.getByTestId('last-error').textContent).toBe('Certificate not trusted: ftp.example.com:21 sent an untrusted certificate');
  });
});
