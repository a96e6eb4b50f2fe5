import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { loadServersInfo, type ServersInfo } from '../testkit/servers-info';
import { launchBrowser, screenshot, watchErrors } from './support/browser';
import { startHost, type RunningHost } from './support/host';

// The Wire section fed by a real send: the URL inspector (its first writer) fetches a page behind
// basic auth from the test nginx; the transcript shows request and response lines with the
// credentials masked, filters, pauses while main keeps recording, and exports to a text file.

let servers: ServersInfo;
let host: RunningHost;
let browser: Browser;
let page: Page;
let errors: string[];
let target: string;

const BASIC = () => Buffer.from(`${servers.http.basicUser}:${servers.http.basicPass}`).toString('base64');
const rail = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true });
const urlSection = () => page.getByTestId('section-url');
const wire = () => page.getByTestId('section-wire');
const rows = () => wire().getByTestId('wire-row');

async function send(url: string) {
  await rail('URL').click();
  const field = urlSection().getByRole('textbox', { name: 'URL', exact: true });
  await field.fill(url);
  await urlSection().getByRole('button', { name: /^Send/ }).click();
  await urlSection().getByTestId('response-status').filter({ hasText: /^200\b/ }).waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
  servers = loadServersInfo();
  target = `http://127.0.0.1:${servers.http.port}/private/secret.html`;
  host = await startHost();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  errors = watchErrors(page);
  await page.goto(host.url);
  await page.getByTestId('connection-state').filter({ hasText: /connected|ready/i }).waitFor();
  await rail('URL').click();
  await urlSection().getByRole('tablist', { name: 'Request parts' }).getByRole('tab', { name: 'Auth', exact: true }).click();
  await urlSection().getByRole('radiogroup', { name: 'Authentication' }).getByLabel('Basic').check();
  await urlSection().getByLabel('User').fill(servers.http.basicUser);
  await urlSection().getByLabel('Password').fill(servers.http.basicPass);
  await send(target);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('Wire section with a real HTTP exchange', () => {
  it('shows the request and response lines with the credentials masked', async () => {
    await rail('Wire').click();
    await expect.poll(() => rows().count()).toBeGreaterThan(4);
    const text = await wire().innerText();
    expect(text).toContain('GET /private/secret.html HTTP/1.1');
    expect(text).toMatch(/Authorization: Basic \*{4}/);
    expect(text).toMatch(/HTTP\/1\.1 200 OK/);
    expect(text).not.toContain(BASIC());
    expect(text).not.toContain(servers.http.basicPass);
    await screenshot(page, 'wire-live');
  });

  it('filters by text and by protocol', async () => {
    await wire().getByLabel('Filter text').fill('Authorization');
    await expect.poll(() => rows().count()).toBe(1);
    await wire().getByLabel('Filter text').fill('');
    await wire().getByLabel('Protocol').selectOption('imap');
    await expect.poll(() => rows().count()).toBe(0);
    await wire().getByLabel('Protocol').selectOption('');
    await expect.poll(() => rows().count()).toBeGreaterThan(4);
  });

  it('pauses the view while main keeps recording, then catches up', async () => {
    const before = await rows().count();
    await wire().getByRole('button', { name: 'Pause' }).click();
    await send(target);
    await rail('Wire').click();
    await expect.poll(() => wire().getByTestId('wire-paused').innerText()).toMatch(/new lines? waiting/);
    expect(await rows().count()).toBe(before);
    await wire().getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => rows().count()).toBeGreaterThan(before);
  });

  it('exports the transcript as a text file, still masked', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), wire().getByRole('button', { name: 'Export' }).click()]);
    const path = await download.path();
    const text = readFileSync(path!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.txt$/);
    expect(text).toContain('GET /private/secret.html HTTP/1.1');
    expect(text).toMatch(/Authorization: Basic \*{4}/);
    expect(text).not.toContain(BASIC());
  });

  it('ran without page errors', () => {
    expect(errors).toEqual([]);
  });
});
