// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { ok, fail } from '../../../../shared/errors';
import { fakeBridge } from '../../testing/fakeBridge';
import { settle, useRendererTestEnv } from '../../testing/harness';

const env = useRendererTestEnv();
const FP = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');

async function openSettings(b: ReturnType<typeof fakeBridge>) {
  await env.renderApp(b);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  await settle();
}

describe('settings section', () => {
  it('lists pinned certificates and revokes one', async () => {
    const entry = { host: 'ftp.example.com', port: 990, sha256: FP, subject: 'CN=ftp.example.com', addedAt: Date.UTC(2025, 0, 2) };
    const b = fakeBridge({ 'trust.list': () => ok([entry]), 'trust.revoke': () => ok(null) });
    await openSettings(b);
    const table = screen.getByTestId('trust-table');
    expect(table.textContent).toContain('ftp.example.com:990');
    expect(table.textContent).toContain(FP);
    expect(table.textContent).toContain('CN=ftp.example.com');
    fireEvent.click(within(table).getByRole('button', { name: 'Revoke ftp.example.com:990' }));
    await settle();
    expect(b.callsTo('trust.revoke')).toEqual([{ host: 'ftp.example.com', port: 990, sha256: FP }]);
    expect(screen.queryByTestId('trust-table')).toBeNull();
    expect(screen.getByText(/No certificates pinned/)).toBeTruthy();
  });

  it('warns when passwords would be stored without a keyring, and lets the user agree', async () => {
    let allowed = false;
    const status = () => ({ kind: 'keychain' as const, backend: 'basic_text', persistent: true, insecure: true, insecureAllowed: allowed });
    const b = fakeBridge({
      'secrets.status': () => ok(status()),
      'secrets.allowInsecure': () => {
        allowed = true;
        return ok(status());
      },
    });
    await openSettings(b);
    const box = screen.getByTestId('secrets-status');
    expect(box.textContent).toContain('operating system keychain');
    expect(within(box).getByRole('alert').textContent).toMatch(/No keyring/);
    fireEvent.click(within(box).getByRole('button', { name: 'Store them anyway' }));
    await settle();
    expect(b.callsTo('secrets.allowInsecure')).toHaveLength(1);
    expect(within(box).queryByRole('alert')).toBeNull();
  });

  it('shows app info and the log folder path when the transport cannot open it', async () => {
    const b = fakeBridge();
    await openSettings(b);
    expect(screen.getByText('/tmp/porthole/porthole.log')).toBeTruthy();
    expect(screen.getByText('Browser host')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open log folder' }));
    await settle();
    expect(b.callsTo('app.openLogFolder')).toHaveLength(1);
    expect(screen.getByTestId('log-folder-path').textContent).toContain('/tmp/porthole');
  });

  it('saves the proxy in one go and shows a refusal in words', async () => {
    let refuse = true;
    const b = fakeBridge({
      'settings.set': (patch) =>
        refuse
          ? fail('EINVALID', 'proxy URL must be http(s)')
          : ok({ theme: 'system', lastSection: 'settings', proxy: { mode: 'none', url: '', noProxy: '' }, wireBufferLines: 10_000, ...patch }),
    });
    await openSettings(b);
    const url = screen.getByLabelText('Proxy URL') as HTMLInputElement;
    expect(url.disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /Manual/ }));
    expect(url.disabled).toBe(false);
    fireEvent.change(url, { target: { value: 'socks://x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save proxy' }));
    await settle();
    expect(b.callsTo('settings.set').at(-1)).toEqual({ proxy: { mode: 'manual', url: 'socks://x', noProxy: '' } });
    const proxyStatus = () => url.closest('form')!.querySelector('[role=status]')!.textContent;
    expect(proxyStatus()).toBe('Invalid input: proxy URL must be http(s)');
    refuse = false;
    fireEvent.change(url, { target: { value: 'http://proxy:3128' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save proxy' }));
    await settle();
    expect(proxyStatus()).toBe('Saved.');
  });

  it('validates the wire buffer size before saving', async () => {
    const b = fakeBridge();
    await openSettings(b);
    const input = screen.getByLabelText('Lines kept') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '10' } });
    expect(screen.getByText('Between 1,000 and 1,000,000.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(input, { target: { value: '50000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(b.callsTo('settings.set')).toContainEqual({ wireBufferLines: 50000 });
  });
});
