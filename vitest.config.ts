import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Three projects: `unit` (pure logic, colocated *.test.ts[x]; renderer tests in jsdom),
// `int` (*.int.test.ts against the real servers the test kit provisions; see testkit/) and
// `e2e` (e2e/*.spec.ts: Playwright + Debian Chromium through the browser host, real servers).
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{main,shared,preload,renderer,testkit}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['{main,testkit}/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['testkit/vitest-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // the servers are shared; tests make their own users/mailboxes/dirs
          fileParallelism: true,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['testkit/vitest-global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // one browser at a time: the machine has two cores
          fileParallelism: false,
        },
      },
    ],
  },
});
