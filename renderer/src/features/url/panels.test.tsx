// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../../shared/errors';
import type { Cookie } from '../../../../shared/ipc/urlFetch';
import { fakeBridge, type FakeHandlers } from '../../testing/fakeBridge';
import { settle, useRendererTestEnv } from '../../testing/harness';
import { useUrl } from '../../stores/url';
import { useUrlLists } from '../../stores/urlLists';
import { fakeAnatomy, sendResult, verdict } from './fixtures';
import { hexDump } from './BodyView';

// The request editors and response tabs beyond the main flow (UrlSection.test.tsx): cookies,
// the robots draft, multipart files, save body, binary bodies.
const env = useRendererTestEnv();

beforeEach(() => {
  useUrl.setState(useUrl.getInitialState(), true);
  useUrlLists.setState(useUrlLists.getInitialState(), true);
});
afterEach(() => vi.restoreAllMocks());

const cookie: Cookie = { name: 'session', value: 'abc123', domain: '127.0.0.1', path: '/', hostOnly: true, secure: false, httpOnly: true, sameSite: null, expires: null, created: 1 };

async function openUrl(handlers: FakeHandlers = {}) {
  const b = fakeBridge({
    'url.defaults': () => ok({ url: null, caPem: null }),
    'url.analyze': ({ input }) => ok(fakeAnatomy(input)),
    'url.robots': () => ok(verdict()),
    'url.history.list': () => ok([]),
    'url.cookies.list': () => ok([cookie]),
    ...handlers,
  });
  await env.renderApp(b);
  fireEvent.click(screen.getByRole('button', { name: 'URL' }));
  await settle();
  return b;
}
const resTab = (name: RegExp) => within(screen.getByRole('tablist', { name: 'Response parts' })).getByRole('tab', { name });
const stripRule = () => within(screen.getByTestId('robots-verdict')).getByTestId('robots-rule').textContent;
const reqTab = (name: RegExp) => within(screen.getByRole('tablist', { name: 'Request parts' })).getByRole('tab', { name });

describe('URL panels', () => {
  it('cookies: lists the jar, edits a value on Enter, deletes one', async () => {
    const b = await openUrl({
      'url.cookies.set': ({ cookie: c }) => ok([{ ...cookie, ...c, created: c.created ?? 1 }]),
      'url.cookies.delete': () => ok(null),
    });
    fireEvent.click(resTab(/Cookies/));
    const table = await screen.findByTestId('cookies-table');
    const value = within(table).getByLabelText<HTMLInputElement>('Value of cookie session');
    expect(value.value).toBe('abc123');
    fireEvent.change(value, { target: { value: 'changed' } });
    fireEvent.keyDown(value, { key: 'Enter' });
    await settle();
    expect(b.callsTo('url.cookies.set')).toEqual([{ cookie: { ...cookie, value: 'changed' } }]);
    fireEvent.click(within(table).getByRole('button', { name: 'Delete cookie session' }));
    await settle();
    expect(b.callsTo('url.cookies.delete')).toEqual([{ domain: '127.0.0.1', path: '/', name: 'session' }]);
    expect(screen.queryByTestId('cookies-table')).toBeNull();
  });

  it('robots: a draft is judged instead of fetching, for the agent typed', async () => {
    const b = await openUrl({ 'url.robots': (req) => {
        const rule = { line: 2, text: 'Allow: /private/', directive: 'allow' as const, pattern: '/private/' };
        return ok(verdict(req.draft ? { allowed: true, rule, candidates: [{ ...rule, matched: true }], source: { url: '', status: 'draft', httpStatus: null, redirects: [], truncated: false, error: null } } : {}));
      } });
    fireEvent.change(screen.getByRole('textbox', { name: 'URL' }), { target: { value: 'http://127.0.0.1:10080/private/x.html' } });
    await waitFor(() => expect(stripRule()).toBe('line 4: Disallow: /private/'));
    fireEvent.click(resTab(/Robots/));
    fireEvent.click(screen.getByRole('checkbox', { name: /Judge a draft/ }));
    fireEvent.change(screen.getByLabelText('Draft robots.txt'), { target: { value: 'User-agent: *\nAllow: /private/\n' } });
    fireEvent.change(screen.getAllByLabelText('Robots user agent')[1], { target: { value: 'MyBot/1.0' } });
    await waitFor(() => expect(stripRule()).toBe('line 2: Allow: /private/'), { timeout: 2000 });
    expect(b.callsTo('url.robots').at(-1)).toMatchObject({ agent: 'MyBot/1.0', draft: 'User-agent: *\nAllow: /private/\n' });
    expect(screen.getByRole('table', { name: 'Candidate rules' }).textContent).toContain('yes — longest match, decides');
    expect(screen.getByText(/^the draft above/)).toBeTruthy();
  });

  it('multipart: chosen files travel as base64 with their name and type', async () => {
    const b = await openUrl({ 'url.send': () => ok({ job: 'job-3' }) });
    fireEvent.change(screen.getByRole('textbox', { name: 'URL' }), { target: { value: 'http://h/upload' } });
    fireEvent.click(reqTab(/Body/));
    fireEvent.click(screen.getByRole('radio', { name: 'Multipart' }));
    const file = new File(['hello'], 'hello.txt', { type: 'text/plain' });
    fireEvent.change(screen.getByLabelText('Add files'), { target: { files: [file] } });
    await waitFor(() => expect(screen.getByRole('table', { name: 'Files' }).textContent).toContain('hello.txt'));
    fireEvent.click(screen.getByRole('button', { name: /^Send/ }));
    await settle();
    expect(b.callsTo('url.send')[0]).toMatchObject({
      body: { kind: 'multipart', fields: [], files: [{ name: 'file', filename: 'hello.txt', contentType: 'text/plain', dataBase64: btoa('hello') }] },
    });
  });

  it('save body as… downloads the bytes url.body returns; binary shows as hex', async () => {
    const b = await openUrl({
      'url.send': () => ok({ job: 'job-4' }),
      'url.body': () => ok({ base64: btoa('\x00\x01PNG'), contentType: 'application/octet-stream', size: 5, filename: 'blob.bin' }),
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'URL' }), { target: { value: 'http://h/blob' } });
    fireEvent.click(screen.getByRole('button', { name: /^Send/ }));
    await settle();
    const result = sendResult({ text: null, preview: { kind: 'binary', mime: 'application/octet-stream', base64: btoa('\x00\x01PNG'), truncated: false } });
    act(() => b.emit('job.state', { job: 'job-4', kind: 'url.send', label: 'GET', state: 'done', startedAt: 1, result }));
    expect(screen.getByTestId('body-text').textContent).toBe(`00000000  ${'00 01 50 4e 47'.padEnd(47)}  ..PNG`);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:fake';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    let name = '';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      name = this.download;
    });
    fireEvent.click(screen.getByRole('button', { name: /Save body as/ }));
    await settle();
    expect(b.callsTo('url.body')).toEqual([{ responseId: 'resp-1' }]);
    expect(name).toBe('blob.bin');
    expect(new Uint8Array(await blobs[0].arrayBuffer())).toEqual(new Uint8Array([0, 1, 0x50, 0x4e, 0x47]));
  });

  it('hexDump: offset, 16 bytes a line, printable ASCII', () => {
    const bytes = new Uint8Array(Array.from({ length: 18 }, (_, i) => 0x41 + i));
    expect(hexDump(bytes).split('\n')).toEqual([
      '00000000  41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP',
      '00000010  51 52                                            QR',
    ]);
  });
});
