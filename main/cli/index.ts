/**
 * The CLI entry: `npx porthole …` (bin/porthole.cjs imports the built out/main/cli.js) and, for
 * development, `npx tsx main/cli/index.ts …`. Plain Node, no Electron. The logic lives in run.ts
 * so tests can call it without this file's side effects.
 */
import { runCli } from './run';

// `porthole … | head` closes stdout early: that is not an error worth a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => {
    // exitCode, not exit(): let stdout drain (large --json documents into a pipe)
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`porthole: EINTERNAL: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
