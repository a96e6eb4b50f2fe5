/**
 * What every CLI verb is: `porthole <noun> <verb> …`. A verb parses its own arguments (so each
 * can have its own options and --help) and returns its exit code; it writes through `io` so tests
 * capture output without spawning a process. main/cli/verbs/urlFetch.ts has the same shape.
 */
export interface CliIo {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string): unknown };
  /** for `--robots -`; defaults to process.stdin */
  stdin?: AsyncIterable<Buffer | string>;
}

export interface Verb {
  /** "noun verb", e.g. "url parse" */
  name: string;
  /** one line for the top-level --help */
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 success, 1 the operation failed, 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;

/** A mistake in the command line: reported on one line, with a pointer to --help, exit 2. */
export class UsageError extends Error {}
