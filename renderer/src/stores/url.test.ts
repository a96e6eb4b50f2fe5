import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors';
import type { JobState } from '../../../shared/ipc/jobs';
import { setBridge } from '../api';
import { fakeBridge } from '../testing/fakeBridge';
import { fakeAnatomy, sendResult, verdict } from '../features/url/fixtures';
import { ANALYZE_DEBOUNCE_MS, ROBOTS_DEBOUNCE_MS, robotsTarget, useUrl } from './url';
import { useJobs } from './jobs';
import { useUrlLists } from './urlLists';
import { draftToRequest, emptyDraft, kvRow, requestToDraft } from './urlDraft';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const job = (over: Partial<JobState>): JobState => ({ job: 'job-1', kind: 'url.send', label: 'GET x', state: 'running', startedAt: 1, ...over });

beforeEach(() => {
  useUrl.setState(useUrl.getInitialState(), true);
  useJobs.setState(useJobs.getInitialState(), true);
  useUrlLists.setState(useUrlLists.getInitialState(), true);
});
afterEach(() => setBridge(null));

describe('draft ⇄ request', () => {
  it('sends only enabled, named headers and the chosen body and auth kinds', () => {
    const d = {
      ...emptyDraft(),
      url: ' http://h/x ',
      method: 'PROPFIND',
      headers: [kvRow('Accept', 'text/plain'), kvRow('X-Off', '1', false), kvRow('  ', 'no name')],
      bodyKind: 'json' as const,
      jsonText: '{"a":1}',
      rawText: 'kept but not sent',
      authKind: 'bearer' as const,
      bearerToken: 't0k',
      basicUser: 'u',
      timeoutS: '2.5',
      maxRedirects: 0,
      caPem: '-----BEGIN CERTIFICATE-----',
      proxyUrl: 'http://proxy:3128',
    };
    expect(draftToRequest(d, '*')).toEqual({
      url: 'http://h/x',
      method: 'PROPFIND',
      headers: [['Accept', 'text/plain']],
      body: { kind: 'json', text: '{"a":1}' },
      auth: { kind: 'bearer', token: 't0k' },
      maxRedirects: 0,
      timeoutMs: 2500,
      ca: '-----BEGIN CERTIFICATE-----',
      proxy: { url: 'http://proxy:3128' },
      robotsAgent: '*',
    });
  });

  it('loads a request into the editor without wiping the text of other kinds', () => {
    const prev = { ...emptyDraft(), jsonText: '{"typed":true}' };
    const d = requestToDraft(
      {
        url: 'http://h/',
        method: 'POST',
        headers: [['X-A', '1']],
        body: { kind: 'form', fields: [['a', '1']] },
        auth: { kind: 'basic', user: 'user', password: 'pass' },
        maxRedirects: 5,
        timeoutMs: 1500,
      },
      prev,
    );
    expect(d).toMatchObject({ url: 'http://h/', method: 'POST', bodyKind: 'form', authKind: 'basic', basicUser: 'user', basicPassword: 'pass', maxRedirects: 5, timeoutS: '1.5', jsonText: '{"typed":true}' });
    expect(d.headers.map((h) => [h.name, h.value, h.enabled])).toEqual([['X-A', '1', true]]);
    expect(d.formFields.map((h) => [h.name, h.value])).toEqual([['a', '1']]);
    // and back: the same request
    expect(draftToRequest(d)).toMatchObject({ body: { kind: 'form', fields: [['a', '1']] }, auth: { kind: 'basic', user: 'user', password: 'pass' } });
  });
});

describe('url store', () => {
  it('analyzes the typed URL after a pause, then asks robots.txt for its verdict', async () => {
    const b = fakeBridge({
      'url.analyze': ({ input }) => ok(fakeAnatomy(input)),
      'url.robots': () => ok(verdict()),
    });
    setBridge(b);
    const s = useUrl.getState();
    s.setUrl('http://127.0.0.1:10080/pri');
    s.setUrl('http://127.0.0.1:10080/private/x.html');
    await wait(ANALYZE_DEBOUNCE_MS + 30);
    // typing fast costs one analysis, not one per keystroke
    expect(b.callsTo('url.analyze')).toEqual([{ input: 'http://127.0.0.1:10080/private/x.html' }]);
    expect(useUrl.getState().anatomy?.rfc3986.host).toBe('127.0.0.1');
    expect(robotsTarget(useUrl.getState().anatomy)).toBe('http://127.0.0.1:10080/private/x.html');
    await wait(ROBOTS_DEBOUNCE_MS + 30);
    expect(b.callsTo('url.robots')).toEqual([{ url: 'http://127.0.0.1:10080/private/x.html', agent: '*', explain: true }]);
    expect(useUrl.getState().robots.verdict?.rule?.line).toBe(4);
  });

  it('query table edits go through url.setQuery; a stale answer never lands', async () => {
    const answers: ((v: unknown) => void)[] = [];
    const b = fakeBridge({
      'url.analyze': ({ input }) => ok(fakeAnatomy(input)),
      'url.setQuery': ({ pairs }) =>
        new Promise((res) => answers.push(() => res(ok({ url: 'http://h/?' + pairs.map(([n, v]) => `${n}=${v}`).join('&') })))),
    });
    setBridge(b);
    useUrl.getState().setUrl('http://h/');
    useUrl.getState().setQueryRows([{ id: 'a', name: 'q', value: 'a' }]);
    useUrl.getState().setQueryRows([{ id: 'a', name: 'q', value: 'ab' }]);
    answers[1](null);
    await wait(0);
    answers[0](null);
    await wait(0);
    expect(useUrl.getState().draft.url).toBe('http://h/?q=ab');
    expect(b.callsTo('url.setQuery')).toEqual([
      { url: 'http://h/', pairs: [['q', 'a']] },
      { url: 'http://h/', pairs: [['q', 'ab']] },
    ]);
    // the anatomy of the rewritten URL does not overwrite the rows being typed in
    await wait(ANALYZE_DEBOUNCE_MS + 30);
    expect(useUrl.getState().queryRows).toEqual([{ id: 'a', name: 'q', value: 'ab' }]);
  });

  it('send: job id, progress, done result — also when job.state beat the answer', async () => {
    const b = fakeBridge({
      'url.send': () => {
        // main may emit the first states before the invoke answer arrives
        useJobs.getState().apply(job({ state: 'running', done: 10, total: 100 }));
        return ok({ job: 'job-1' });
      },
      'url.history.list': () => ok([]),
      'url.cookies.list': () => ok([]),
    });
    setBridge(b);
    useUrl.getState().patchDraft({ url: 'http://h/' });
    await useUrl.getState().sendNow();
    expect(useUrl.getState().send).toMatchObject({ phase: 'running', job: 'job-1', done: 10, total: 100, label: 'GET http://h/' });
    expect(b.callsTo('url.send')[0]).toMatchObject({ url: 'http://h/', method: 'GET', robotsAgent: '*' });
    useUrl.getState().onJobState(job({ job: 'job-other', state: 'done', result: {} }));
    expect(useUrl.getState().send.phase).toBe('running');
    const result = sendResult();
    useUrl.getState().onJobState(job({ state: 'done', result, endedAt: 5 }));
    expect(useUrl.getState().send).toMatchObject({ phase: 'done', result });
    await wait(0);
    // a send adds a history entry and may set cookies: both lists reload
    expect(b.callsTo('url.history.list')).toHaveLength(1);
    expect(b.callsTo('url.cookies.list')).toHaveLength(1);
  });

  it('cancel calls job.cancel; a failed job keeps its hops so far', async () => {
    const b = fakeBridge({ 'url.send': () => ok({ job: 'job-2' }), 'url.history.list': () => ok([]), 'url.cookies.list': () => ok([]) });
    setBridge(b);
    useUrl.getState().patchDraft({ url: 'http://h/loop' });
    await useUrl.getState().sendNow();
    await useUrl.getState().cancel();
    expect(b.callsTo('job.cancel')).toEqual([{ job: 'job-2' }]);
    const hops = sendResult().hops;
    useUrl.getState().onJobState(job({ job: 'job-2', state: 'failed', error: { code: 'ELIMIT', message: 'redirect loop', detail: { hops } } }));
    expect(useUrl.getState().send).toMatchObject({ phase: 'failed', error: { code: 'ELIMIT' }, failure: { hops } });
  });
});
