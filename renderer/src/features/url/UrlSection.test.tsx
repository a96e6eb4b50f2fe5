// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../../shared/errors';
import type { JobState } from '../../../../shared/ipc/jobs';
import type { UrlHistorySummary } from '../../../../shared/ipc/url';
import { fakeBridge, type FakeHandlers } from '../../testing/fakeBridge';
import { settle, useRendererTestEnv } from '../../testing/harness';
import { useUrl } from '../../stores/url';
import { useUrlLists } from '../../stores/urlLists';
import { fakeAnatomy, hop, sendResult, verdict } from './fixtures';

const env = useRendererTestEnv();

beforeEach(() => {
  useUrl.setState(useUrl.getInitialState(), true);
  useUrlLists.setState(useUrlLists.getInitialState(), true);
});

const base: FakeHandlers = {
  'url.defaults': () => ok({ url: null, caPem: null }),
  'url.analyze': ({ input }) => ok(fakeAnatomy(input)),
  'url.robots': () => ok(verdict()),
  'url.history.list': () => ok([]),
  'url.cookies.list': () => ok([]),
};

async function openUrl(handlers: FakeHandlers = {}) {
  const b = fakeBridge({ ...base, ...handlers });
  await env.renderApp(b);
  fireEvent.click(screen.getByRole('button', { name: 'URL' }));
  await settle();
  return b;
}

const urlInput = () => screen.getByRole<HTMLInputElement>('textbox', { name: 'URL' });
const reqTab = (name: RegExp) => within(screen.getByRole('tablist', { name: 'Request parts' })).getByRole('tab', { name });
const typeUrl = (v: string) => fireEvent.change(urlInput(), { target: { value: v } });
const state = (over: Partial<JobState>): JobState => ({ job: 'job-7', kind: 'url.send', label: 'GET', state: 'running', startedAt: 1, ...over });

describe('URL section', () => {
  it('starts with the demo URL from url.defaults and shows its anatomy and robots verdict', async () => {
    await openUrl({ 'url.defaults': () => ok({ url: 'http://127.0.0.1:10080/private/x.html', caPem: '-----BEGIN CERTIFICATE-----' }) });
    expect(urlInput().value).toBe('http://127.0.0.1:10080/private/x.html');
    const strip = await screen.findByTestId('anatomy-strip');
    expect(within(strip).getByText('127.0.0.1')).toBeTruthy();
    expect(within(strip).getByText('10080')).toBeTruthy();
    const robots = await screen.findByTestId('robots-rule', {}, { timeout: 2000 });
    expect(robots.textContent).toBe('line 4: Disallow: /private/');
    expect(screen.getByTestId('robots-badge').textContent).toBe('Disallowed');
  });

  it('highlights the fields where RFC 3986 and WHATWG differ, absent vs empty kept apart', async () => {
    await openUrl({ 'url.analyze': ({ input }) => ok(fakeAnatomy(input, { differences: ['host', 'path'] })) });
    typeUrl('HTTP://EXAMPLE.com/a/../b?');
    await waitFor(() => expect(screen.getByTestId('anatomy-table')).toBeTruthy());
    const table = screen.getByTestId('anatomy-table');
    const head = (f: string) => table.querySelector(`thead th[data-field="${f}"]`)!;
    const cell = (view: string, f: string) => table.querySelector<HTMLElement>(`tr[data-view="${view}"] td[data-field="${f}"]`)!;
    expect(head('host').className).toBe('diff');
    expect(head('path').getAttribute('data-diff')).toBe('true');
    expect(head('scheme').className).toBe('');
    expect(within(head('host') as HTMLElement).getByText('differs')).toBeTruthy();
    expect(cell('rfc3986', 'host').className).toBe('diff');
    expect(cell('whatwg', 'host').className).toBe('diff');
    expect(cell('rfc3986', 'port').className).toBe('');
    expect(screen.getByTestId('anatomy-strip').querySelector('[data-field="host"]')!.hasAttribute('data-diff')).toBe(true);
    // query present but empty ("?") vs fragment absent (RFC 3986 §5.3 keeps them apart)
    expect(cell('rfc3986', 'query').textContent).toBe('empty');
    expect(cell('rfc3986', 'fragment').textContent).toBe('absent');
  });

  it('edits in the query table round-trip to the URL through url.setQuery', async () => {
    const b = await openUrl({ 'url.setQuery': ({ pairs }) => ok({ url: 'http://h/p?' + pairs.map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('&') }) });
    typeUrl('http://h/p?a=1&b=x%20y');
    const table = await screen.findByTestId('query-table');
    await waitFor(() => expect(within(table).getByLabelText<HTMLInputElement>('Query parameter 2 value').value).toBe('x y'));
    fireEvent.change(within(table).getByLabelText('Query parameter 1 value'), { target: { value: '2' } });
    await settle();
    expect(b.callsTo('url.setQuery').at(-1)).toEqual({
      url: 'http://h/p?a=1&b=x%20y',
      pairs: [
        ['a', '2'],
        ['b', 'x y'],
      ],
    });
    expect(urlInput().value).toBe('http://h/p?a=2&b=x%20y');
    // the blank last row becomes a parameter on its first keystroke
    fireEvent.change(within(table).getByLabelText('Query parameter 3 name'), { target: { value: 'c' } });
    await settle();
    expect(urlInput().value).toBe('http://h/p?a=2&b=x%20y&c=');
  });

  it('imports a curl command into the form', async () => {
    const b = await openUrl({
      'url.curl.import': () =>
        ok({
          request: {
            url: 'http://h/api',
            method: 'PUT',
            headers: [['X-Trace', '1']],
            body: { kind: 'json', text: '{"a":1}' },
            auth: { kind: 'basic', user: 'user', password: 'pass' },
            maxRedirects: 20,
          },
          warnings: ['--cacert ca.pem: choose the file in Options'],
        }),
    });
    fireEvent.click(screen.getByRole('button', { name: /Import curl/ }));
    const dialog = screen.getByTestId('curl-import');
    fireEvent.change(within(dialog).getByLabelText('curl command'), { target: { value: "curl -X PUT http://h/api -H 'X-Trace: 1' --json '{\"a\":1}' -u user:pass" } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await settle();
    expect(b.callsTo('url.curl.import')).toHaveLength(1);
    expect(screen.queryByTestId('curl-import')).toBeNull();
    expect(urlInput().value).toBe('http://h/api');
    expect(screen.getByLabelText<HTMLSelectElement>('Method').value).toBe('PUT');
    expect(screen.getByRole('status').textContent).toContain('--cacert ca.pem');
    fireEvent.click(reqTab(/Headers/));
    expect(screen.getByLabelText<HTMLInputElement>('Header 1 name').value).toBe('X-Trace');
    fireEvent.click(reqTab(/Body/));
    expect(screen.getByLabelText<HTMLTextAreaElement>('JSON body').value).toBe('{"a":1}');
    fireEvent.click(reqTab(/Auth/));
    expect(screen.getByDisplayValue('user')).toBeTruthy();
  });

  it('Ctrl+Enter sends; the response shows status, every hop and a timing bar per hop', async () => {
    const b = await openUrl({ 'url.send': () => ok({ job: 'job-7' }) });
    typeUrl('http://127.0.0.1:10080/redirect/chain1');
    fireEvent.keyDown(screen.getByLabelText('Method'), { key: 'Enter', ctrlKey: true });
    await settle();
    expect(b.callsTo('url.send')[0]).toMatchObject({ url: 'http://127.0.0.1:10080/redirect/chain1', method: 'GET', maxRedirects: 20 });
    act(() => b.emit('job.state', state({ done: 0, total: null })));
    expect(screen.getByTestId('send-progress')).toBeTruthy();
    const hops = [
      hop({ status: 302, reason: 'Found', url: 'http://127.0.0.1:10080/redirect/chain1' }),
      hop({ status: 301, reason: 'Moved Permanently', url: 'http://127.0.0.1:10080/redirect/chain2', reused: true, timing: { dns: null, connect: null, tls: null, ttfb: 3, download: 1, total: 4 } }),
      hop({ status: 307, reason: 'Temporary Redirect', url: 'http://127.0.0.1:10080/redirect/chain3', reused: true, timing: { dns: null, connect: null, tls: null, ttfb: 3, download: 1, total: 4 } }),
      hop({ url: 'http://127.0.0.1:10080/page1.html', timing: { dns: 1, connect: 2, tls: 4, ttfb: 5, download: 8, total: 20 } }),
    ];
    act(() => b.emit('job.state', state({ state: 'done', result: sendResult({ hops }), endedAt: 9 })));
    expect(screen.getByTestId('response-status').textContent).toBe('200 OK');
    expect(screen.getAllByTestId('hop-row')).toHaveLength(4);
    const bars = screen.getAllByTestId('timing-bar');
    expect(bars).toHaveLength(4);
    const phases = (bar: HTMLElement) => within(bar).queryAllByTestId('timing-seg').map((s) => s.getAttribute('data-phase'));
    expect(phases(bars[0])).toEqual(['dns', 'connect', 'ttfb', 'download']);
    expect(phases(bars[1])).toEqual(['ttfb', 'download']);
    expect(phases(bars[3])).toEqual(['dns', 'connect', 'tls', 'ttfb', 'download']);
    // on one time axis: hop 4 starts after the 18 ms of hops 1–3 and its download takes 8 of 38 ms
    const seg = within(bars[3]).getAllByTestId('timing-seg').at(-1)!;
    expect(parseFloat(seg.style.width)).toBeCloseTo((8 / 38) * 100, 5);
    expect(seg.getAttribute('title')).toBe('Download: 8.0 ms');
    // the Redirects tab: each hop with its headers as sent
    fireEvent.click(screen.getByRole('tab', { name: /Redirects/ }));
    expect(screen.getAllByTestId('hop')).toHaveLength(4);
    expect(screen.getAllByRole('table', { name: 'Hop 1 request headers' })[0].textContent).toContain('Porthole/0.1');
  });

  it('ECERT: shows the chain and pins the fingerprint with trust.add, then sends again', async () => {
    let sends = 0;
    const b = await openUrl({
      'url.send': () => ok({ job: `job-${++sends}` }),
      'trust.add': (req) => ok({ ...req, addedAt: 1 }),
    });
    typeUrl('https://127.0.0.1:10443/');
    fireEvent.click(screen.getByRole('button', { name: /^Send/ }));
    await settle();
    const fp = Array.from({ length: 32 }, () => 'AB').join(':');
    const chain = [{ subject: 'CN=localhost', issuer: 'CN=Porthole Test CA', sans: ['DNS:localhost', 'IP:127.0.0.1'], validFrom: '2025-01-01T00:00:00Z', validTo: '2035-01-01T00:00:00Z', sha256: 'ab'.repeat(32) }];
    act(() =>
      b.emit(
        'job.state',
        state({ job: 'job-1', state: 'failed', error: { code: 'ECERT', message: 'self-signed certificate in chain', detail: { hops: [], chain, fingerprint: fp, host: '127.0.0.1', port: 10443 } } }),
      ),
    );
    expect(screen.getByTestId('send-error').textContent).toContain('Certificate not trusted');
    expect(within(screen.getByTestId('chain-table')).getByText('CN=localhost')).toBeTruthy();
    expect(screen.getByTestId('trust-offer').textContent).toContain(fp);
    fireEvent.click(screen.getByRole('button', { name: 'Trust this certificate for 127.0.0.1:10443' }));
    await settle();
    expect(b.callsTo('trust.add')).toEqual([{ host: '127.0.0.1', port: 10443, sha256: fp, subject: 'CN=localhost' }]);
    expect(b.callsTo('url.send')).toHaveLength(2);
  });

  it('previews HTML in a sandboxed iframe whose CSP blocks scripts and remote loads', async () => {
    const b = await openUrl({ 'url.send': () => ok({ job: 'job-7' }) });
    typeUrl('http://h/');
    fireEvent.click(screen.getByRole('button', { name: /^Send/ }));
    await settle();
    act(() => b.emit('job.state', state({ state: 'done', result: sendResult({ text: '<!DOCTYPE html><html><head><script src="http://evil/x.js"></script></head><body><p>Hi</p></body></html>' }) })));
    expect(screen.getByTestId('body-text').textContent).toContain('  <head>');
    fireEvent.click(screen.getByRole('radio', { name: 'Preview' }));
    const frame = screen.getByTestId('html-preview');
    expect(frame.getAttribute('sandbox')).toBe('');
    const doc = frame.getAttribute('srcdoc')!;
    expect(doc.startsWith(`<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`)).toBe(true);
  });

  it('lists history, loads an entry into the editor and re-sends it', async () => {
    const entries: UrlHistorySummary[] = [{ id: 'h1', time: Date.now(), method: 'POST', url: 'http://h/form', status: 201, error: null, durationMs: 12 }];
    const b = await openUrl({
      'url.history.list': () => ok(entries),
      'url.history.get': () => ok({ request: { url: 'http://h/form', method: 'POST', headers: [], body: { kind: 'raw', text: 'x=1' }, auth: { kind: 'none' }, maxRedirects: 20 }, secretsMissing: false, bodyOmitted: false }),
      'url.send': () => ok({ job: 'job-9' }),
    });
    const item = await screen.findByTestId('history-item');
    fireEvent.click(within(item).getByRole('button', { name: /POST.*201/ }));
    await settle();
    expect(urlInput().value).toBe('http://h/form');
    expect(b.callsTo('url.send')).toHaveLength(0);
    fireEvent.click(within(item).getByRole('button', { name: 'Send again POST http://h/form' }));
    await settle();
    expect(b.callsTo('url.send')[0]).toMatchObject({ url: 'http://h/form', method: 'POST', body: { kind: 'raw', text: 'x=1' } });
    fireEvent.change(screen.getByLabelText('Search history'), { target: { value: 'form' } });
    await waitFor(() => expect(b.callsTo('url.history.list').at(-1)).toEqual({ query: 'form', limit: 200 }));
  });

  it('copies the request as curl, secrets only when ticked; a custom method is any token', async () => {
    const b = await openUrl({ 'url.curl.export': ({ includeSecrets }) => ok({ command: includeSecrets ? "curl -u 'u:p' http://h/" : "curl -u 'u:<secret>' http://h/", warnings: [] }) });
    typeUrl('http://h/');
    fireEvent.change(screen.getByLabelText('Method'), { target: { value: '__custom' } });
    fireEvent.change(screen.getByLabelText('Custom method'), { target: { value: 'PROPFIND' } });
    fireEvent.click(screen.getByRole('button', { name: /Copy as curl/ }));
    await settle();
    const dialog = screen.getByTestId('curl-export');
    expect(within(dialog).getByTestId('curl-command').textContent).toBe("curl -u 'u:<secret>' http://h/");
    expect(b.callsTo('url.curl.export')[0]).toMatchObject({ request: { url: 'http://h/', method: 'PROPFIND' }, includeSecrets: false });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Include secrets/ }));
    await settle();
    expect(within(dialog).getByTestId('curl-command').textContent).toBe("curl -u 'u:p' http://h/");
    expect(b.callsTo('url.curl.export').at(-1)).toMatchObject({ includeSecrets: true });
    // not a token: marked, and Send waits until it is one
    fireEvent.change(screen.getByLabelText('Custom method'), { target: { value: 'BAD(METHOD)' } });
    expect(screen.getByLabelText('Custom method').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: /^Send/ }).disabled).toBe(true);
  });

  it('keeps its state when the user leaves the section and comes back', async () => {
    await openUrl();
    typeUrl('http://kept/');
    fireEvent.click(screen.getByRole('button', { name: 'Wire' }));
    fireEvent.click(screen.getByRole('button', { name: 'URL' }));
    expect(urlInput().value).toBe('http://kept/');
  });
});
