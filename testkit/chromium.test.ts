import { describe, expect, it } from 'vitest';
import { ensureChromium } from './chromium';

describe('ensureChromium', () => {
  it('returns the launcher path at once when it exists (no apt involved)', async () => {
    // /bin/sh stands in for an installed launcher: the function only checks presence first
    await expect(ensureChromium('/bin/sh')).resolves.toBe('/bin/sh');
  });
});
