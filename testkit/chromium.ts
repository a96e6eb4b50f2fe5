import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureDebPackages } from './servers/apt';

/** Where Debian's chromium puts its launcher; the e2e runner passes it to playwright-core. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Makes sure Debian's `chromium` is installed for the e2e step and returns its path. Installs it
 * with apt-get when missing (root only); otherwise throws naming the package, never skips.
 * Example: `const executablePath = await ensureChromium(); chromium.launch({ executablePath, … })`.
 */
export async function ensureChromium(path = CHROMIUM_PATH): Promise<string> {
  if (existsSync(path)) return path;
  await ensureDebPackages(['chromium'], { purpose: 'the e2e tests (Playwright drives Debian chromium)' });
  if (!existsSync(path)) throw new Error(`package chromium is installed but ${path} is missing: reinstall it (apt-get install --reinstall chromium)`);
  return path;
}

// `npx tsx testkit/chromium.ts` (testkit/run-all.mjs does this): print the path, or fail with the reason.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  ensureChromium().then(
    (p) => process.stdout.write(`${p}\n`),
    (e: unknown) => {
      process.stderr.write(`[chromium] ERROR: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
