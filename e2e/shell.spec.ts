import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchErrors } from './support/browser';
import { startHost, type RunningHost } from './support/host';

// The app shell through the browser host in Debian Chromium: every section, the palette, the theme,
// a background job with progress and cancel, and the refusals a page without the token meets.
const SECTIONS = ['Mail', 'Files', 'Terminal', 'URL', 'Wire', 'Settings'] as const;

let host: RunningHost;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  host = await startHost();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors = watchErrors(page);
  await page.goto(host.url);
  await page.getByTestId('connection-state').filter({ hasText: /connected|ready/i }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const rail = () => page.getByRole('navigation', { name: 'Sections' });

/** Opens the palette with the shortcut and waits until its input has the focus, as a user would. */
async function openPalette() {
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette').waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
}

describe('app shell in Chromium through the browser host', () => {
  it('keeps the token out of the address bar', async () => {
    expect(page.url()).not.toContain('token=');
  });

  it('opens every section from the rail and screenshots it', async () => {
    for (const name of SECTIONS) {
      await rail().getByRole('button', { name, exact: true }).click();
      const id = name.toLowerCase() === 'files' ? 'files' : name.toLowerCase();
      await expect.poll(() => rail().getByRole('button', { name, exact: true }).getAttribute('aria-current')).toBe('page');
      await page.getByTestId(`section-${id}`).waitFor({ state: 'visible' });
      await screenshot(page, `shell-${id}`);
    }
    // sections not built yet say so plainly
    await rail().getByRole('button', { name: 'Mail', exact: true }).click();
    await expect.poll(() => page.getByTestId('section-mail').innerText()).toMatch(/not (built|available) yet/i);
  });

  it('moves through the rail with the keyboard', async () => {
    await rail().getByRole('button', { name: 'Wire', exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => rail().getByRole('button', { name: 'Settings', exact: true }).getAttribute('aria-current')).toBe('page');
  });

  it('opens the command palette with Ctrl+K and goes to a section', async () => {
    await openPalette();
    await screenshot(page, 'shell-palette');
    await page.keyboard.type('Go to Wire');
    await page.keyboard.press('Enter');
    await expect.poll(() => rail().getByRole('button', { name: 'Wire', exact: true }).getAttribute('aria-current')).toBe('page');
  });

  it('applies and persists a theme override from Settings', async () => {
    await rail().getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'shell-settings-dark');
    await page.reload();
    await page.getByTestId('connection-state').filter({ hasText: /connected|ready/i }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('radio', { name: 'Follow the system' }).check();
  });

  it('follows the OS colour scheme when no theme is forced', async () => {
    const bg = (p: Page) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    for (const colorScheme of ['dark', 'light'] as const) {
      const ctx = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 800 } });
      const p = await ctx.newPage();
      await p.goto(host.url);
      await p.getByTestId('connection-state').filter({ hasText: /connected|ready/i }).waitFor();
      expect(await p.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
      expect(await bg(p)).toBe(colorScheme === 'dark' ? 'rgb(27, 29, 33)' : 'rgb(255, 255, 255)');
      if (colorScheme === 'dark') await screenshot(p, 'shell-os-dark');
      await ctx.close();
    }
    // a forced theme wins over the OS
    await page.emulateMedia({ colorScheme: 'dark' });
    await rail().getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radio', { name: 'Light' }).check();
    await expect.poll(() => bg(page)).toBe('rgb(255, 255, 255)');
    await page.getByRole('radio', { name: 'Follow the system' }).check();
    await expect.poll(() => bg(page)).toBe('rgb(27, 29, 33)');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows a background job with progress in the status bar and cancels it', async () => {
    await openPalette();
    await page.keyboard.type('self-test');
    await page.keyboard.press('Enter');
    const job = page.getByTestId('job').first();
    await job.waitFor();
    await screenshot(page, 'shell-job-running');
    await job.getByRole('button', { name: /^Cancel/ }).click();
    await job.waitFor({ state: 'detached' });
  });

  it('refuses a page that has no token', async () => {
    const other = await browser.newPage();
    await other.goto(host.origin + '/');
    await expect.poll(() => other.locator('body').innerText()).toMatch(/start:web|token/i);
    await other.close();
  });

  it('ran without page errors', () => {
    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
