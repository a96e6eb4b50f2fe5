/**
 * Electron entry (out/main/index.js). Everything that imports 'electron' lives in main/shell; the
 * core it drives (createApp) is the same one the browser host and the tests use.
 */
import { createApp } from '../app/createApp';
import { runShell } from './lifecycle';

void runShell({ createApp }).catch((e: unknown) => {
  console.error('[porthole] failed to start:', e);
  process.exit(1);
});
