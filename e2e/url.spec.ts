import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadServersInfo, type ServersInfo } from '../testkit/servers-info';
import { launchBrowser, screenshot, watchErrors } from './support/browser';
import { startHost, type RunningHost } from './support/host';

// The URL inspector in Chromium through the browser host, against the test kit's real nginx:
// live anatomy, the robots.txt verdict with its deciding line before sending, a redirect chain
// with a timing bar per hop, TLS with the demo CA, and an untrusted certificate pinned from the UI.

let servers: ServersInfo;
let host: RunningHost;
let browser: Browser;
let page: Page;
let errors: string[];
let http: string;

beforeAll(async () => {
  servers = loadServersInfo();
  http = `http://127.0.0.1:${servers.http.port}`;
  host = await startHost({ PORTHOLE_DEMO_URL: `${http}/index.html`, PORTHOLE_DEMO_CA: servers.caCert });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchErrors(page);
  await page.goto(host.url);
  await page.getByTestId('connection-state').filter({ hasText: /connected|ready/i }).waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'URL', exact: true }).click();
  await section().waitFor({ state: 'visible' });
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const section = () => page.getByTestId('section-url');
const urlField = () => section().getByRole('textbox', { name: 'URL', exact: true });
const strip = () => section().getByTestId('anatomy-strip');
const part = (field: string) => strip().locator(`[data-field="${field}"] .part-value`);
const robots = () => section().getByTestId('robots-verdict');
const resTab = (name: string | RegExp) => section().getByRole('tablist', { name: 'Response parts' }).getByRole('tab', { name, exact: typeof name === 'string' || undefined });
const reqTab = (name: string) => section().getByRole('tablist', { name: 'Request parts' }).getByRole('tab', { name, exact: true });

/** Types like a user, then waits for the anatomy and the robots verdict of that URL to settle. */
async function typeUrl(url: string) {
  await urlField().fill('');
  await urlField().pressSequentially(url, { delay: 2 });
  await expect.poll(() => part('path').textContent()).toBe(new URL(url).pathname);
  await expect.poll(() => robots().getAttribute('aria-busy'), { timeout: 10_000 }).toBe('false');
}

describe('URL inspector in Chromium against the real nginx', () => {
  it('opens with the demo URL and the demo CA from url.defaults', async () => {
    await expect.poll(() => urlField().inputValue()).toBe(`${http}/index.html`);
    await expect.poll(() => part('path').textContent()).toBe('/index.html');
  });

  it('shows the anatomy and the robots verdict as the URL is typed', async () => {
    await typeUrl(`${http}/redirect/chain1`);
    await expect.poll(() => part('host').textContent()).toBe('127.0.0.1');
    await expect.poll(() => part('port').textContent()).toBe(String(servers.http.port));
    await expect.poll(() => part('path').textContent()).toBe('/redirect/chain1');
    await expect.poll(() => robots().getByTestId('robots-badge').textContent()).toBe('Allowed');
    // the details table: RFC 3986 next to WHATWG
    await expect.poll(() => section().getByTestId('anatomy-table').locator('tr[data-view="rfc3986"] td[data-field="port"]').textContent()).toBe(String(servers.http.port));
  });

  it('sends: status 200 after 4 hops, each with its timing bar', async () => {
    await page.keyboard.press('Control+Enter');
    const status = section().getByTestId('response-status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('200 OK');
    await expect.poll(() => section().getByTestId('hop-row').count()).toBe(4);
    const bars = section().getByTestId('waterfall').getByTestId('timing-bar');
    expect(await bars.count()).toBe(4);
    // every hop waits for its answer; connect/DNS only show on a fresh connection (the robots.txt
    // check may already have opened the kept-alive one)
    for (let i = 0; i < 4; i++) expect(await bars.nth(i).locator('[data-phase="ttfb"]').count()).toBe(1);
    expect(await section().getByTestId('hop-row').nth(0).textContent()).toContain('302');
    await screenshot(page, 'url-chain');
    await resTab(/Redirects/).click();
    await expect.poll(() => section().getByTestId('hop').count()).toBe(4);
    await section().getByTestId('hop').first().locator('summary').click();
    await expect.poll(() => section().getByRole('table', { name: 'Hop 1 request headers' }).textContent()).toContain('Host');
    await screenshot(page, 'url-hops');
    await resTab('Body').click();
  });

  it('shows the deciding robots.txt line for a /private/ page before sending', async () => {
    await typeUrl(`${http}/private/secret.html`);
    await expect.poll(() => robots().getByTestId('robots-badge').textContent(), { timeout: 10_000 }).toBe('Disallowed');
    await expect.poll(() => robots().getByTestId('robots-rule').textContent()).toBe('line 4: Disallow: /private/');
    await resTab(/Robots/).click();
    await expect.poll(() => section().getByRole('table', { name: 'Candidate rules' }).textContent()).toContain('Disallow: /private/');
    // a user agent with its own group: BadBot is disallowed everywhere by line 9
    await section().getByRole('textbox', { name: 'Robots user agent' }).first().fill('BadBot');
    await expect.poll(() => robots().getByTestId('robots-rule').textContent(), { timeout: 10_000 }).toBe('line 9: Disallow: /');
    await screenshot(page, 'url-robots');
    await section().getByRole('textbox', { name: 'Robots user agent' }).first().fill('*');
  });

  it('fetches over HTTPS with the demo CA and shows the TLS details', async () => {
    await typeUrl(`https://localhost:${servers.http.tlsPort}/data.json`);
    await section().getByRole('button', { name: /^Send/ }).click();
    await expect.poll(() => section().getByTestId('response-status').textContent(), { timeout: 15_000 }).toMatch(/^200\b/);
    await resTab('Body').click();
    await section().getByRole('radio', { name: 'Pretty' }).click();
    await expect.poll(() => section().getByTestId('body-text').textContent()).toMatch(/^[[{]\n {2}/);
    await screenshot(page, 'url-json');
    await resTab(/TLS/).click();
    await expect.poll(() => section().getByTestId('chain-table').textContent()).toContain('DNS:localhost');
    await screenshot(page, 'url-tls');
  });

  it('without the CA: ECERT with the chain, and trusting the certificate sends again', async () => {
    await reqTab('Options').click();
    await section().getByRole('button', { name: 'Remove the CA certificate' }).click();
    await typeUrl(`https://127.0.0.1:${servers.http.tlsPort}/page1.html`);
    await section().getByRole('button', { name: /^Send/ }).click();
    const err = section().getByTestId('send-error');
    await err.waitFor({ timeout: 15_000 });
    expect(await err.getAttribute('data-code')).toBe('ECERT');
    await expect.poll(() => section().getByTestId('trust-offer').textContent()).toMatch(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    await screenshot(page, 'url-ecert');
    await section().getByRole('button', { name: `Trust this certificate for 127.0.0.1:${servers.http.tlsPort}` }).click();
    await expect.poll(() => section().getByTestId('response-status').textContent(), { timeout: 15_000 }).toMatch(/^200\b/);
    await resTab('Body').click();
    await section().getByRole('radio', { name: 'Preview' }).click();
    await section().getByTestId('html-preview').waitFor();
    await screenshot(page, 'url-preview');
  });

  it('shows the progress of a slow download and cancels it', async () => {
    await typeUrl(`${http}/slow.bin`);
    await section().getByRole('button', { name: /^Send/ }).click();
    const progress = section().getByTestId('send-progress');
    await progress.waitFor();
    await expect.poll(() => progress.textContent(), { timeout: 10_000 }).toMatch(/KiB of/);
    await screenshot(page, 'url-progress');
    await section().getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => section().getByTestId('response').textContent(), { timeout: 10_000 }).toContain('Cancelled');
  });

  it('lists the sends in history, newest first', async () => {
    const items = section().getByTestId('history-item');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(4);
    // the cancelled send is recorded just after its job ended; the list follows url.history.changed
    await expect.poll(() => items.first().textContent()).toMatch(/ECANCELLED.*\/slow\.bin/);
  });

  it('reads well in the dark theme too', async () => {
    const rail = page.getByRole('navigation', { name: 'Sections' });
    await rail.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radio', { name: 'Dark' }).check();
    await rail.getByRole('button', { name: 'URL', exact: true }).click();
    await resTab(/Redirects/).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'url-dark');
    await rail.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radio', { name: 'Follow the system' }).check();
  });

  it('ran without page errors', () => {
    // the failed ECERT send is reported as an app error, not a page error
    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
