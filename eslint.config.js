import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util',
  'worker_threads', 'zlib',
];
const NODE_MSG = 'No Node builtins here: this layer runs in the sandboxed renderer.';
// Builtins by exact name (paths), so our own folders called `url` or `events` are not mistaken
// for them; `node:*` by pattern.
const nodePaths = NODE_BUILTINS.map((name) => ({ name, message: NODE_MSG }));
const nodeImports = [{ group: ['node:*'], message: NODE_MSG }];
const electronImport = { name: 'electron', message: "Only main/shell and preload import 'electron'." };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'e2e/artifacts/**', 'bench/results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  // Layers (ARCHITECTURE.md). Each block says what a folder may not import.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronImport, ...nodePaths],
        patterns: [...nodeImports, { group: ['**/main/**', '../../main/*', '../../../main/*'], message: 'The renderer talks to main only through the IPC contract.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!zod$|\\.{1,2}/).*', message: 'shared/ imports only zod (and itself).' }],
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/shell/**', 'main/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport] }] },
  },
  {
    files: ['main/protocols/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronImport],
        // main's own services/ipc/shell/host (relative climbs that land in main/), not shared/ipc
        patterns: [{ regex: '^(\\.\\./)+(main/)?(services|ipc|shell|host|app)(/|$)', message: 'Protocols know nothing of services, IPC, the shell or the host.' }],
      }],
    },
  },
  {
    files: ['testkit/**', 'e2e/**', 'bench/**', 'scripts/**', 'bin/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport] }] },
  },
  {
    files: ['e2e/electron.spec.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
