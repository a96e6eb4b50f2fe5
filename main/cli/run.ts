import { isAppError } from '../../shared/errors';
import { robotsCheckVerb } from './verbs/robotsCheck';
import { urlFetchVerb } from './verbs/urlFetch';
import { urlParseVerb } from './verbs/urlParse';
import { table } from './text';
import { EXIT_FAIL, EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type Verb } from './verb';

/**
 * `porthole <noun> <verb> …`: finds the verb, runs it, and turns whatever it throws into one line
 * on stderr and an exit code (2 for a wrong command line, 1 for a failure). Verbs print their
 * own output; with --json that is exactly one JSON document on stdout.
 */

// ---- the verbs, in help order. Add new ones here. ----
export const VERBS: Verb[] = [
  urlParseVerb,
  // `url fetch` is the HTTP engine's verb (main/cli/verbs/urlFetch.ts, its owner's file)
  urlFetchVerb,
  robotsCheckVerb,
];

const TOP_USAGE = () => `usage: porthole <noun> <verb> [options]   (porthole <noun> <verb> --help for each)

${table(VERBS.map((v) => [v.name, v.summary]), '  ')}

Exit status: 0 success, 1 failure, 2 bad command line. --json prints exactly one JSON document.`;

const nounUsage = (noun: string) =>
  `usage: porthole ${noun} <verb> [options]\n\n${table(VERBS.filter((v) => v.name.startsWith(noun + ' ')).map((v) => [v.name, v.summary]), '  ')}`;

const isHelp = (a: string | undefined) => a === '--help' || a === '-h' || a === 'help';

/** Runs one command line (without `node` and the script) and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [noun, verb, ...rest] = argv;
  if (noun === undefined) {
    io.stderr.write('porthole: a command is required (porthole --help lists them)\n');
    return EXIT_USAGE;
  }
  if (isHelp(noun)) {
    io.stdout.write(TOP_USAGE() + '\n');
    return EXIT_OK;
  }
  const nouns = new Set(VERBS.map((v) => v.name.split(' ')[0]));
  if (!nouns.has(noun)) {
    io.stderr.write(`porthole: unknown command "${noun}" (porthole --help lists them)\n`);
    return EXIT_USAGE;
  }
  if (verb === undefined) {
    io.stderr.write(`porthole: "${noun}" needs a verb (porthole ${noun} --help lists them)\n`);
    return EXIT_USAGE;
  }
  if (isHelp(verb)) {
    io.stdout.write(nounUsage(noun) + '\n');
    return EXIT_OK;
  }
  const found = VERBS.find((v) => v.name === `${noun} ${verb}`);
  if (!found) {
    io.stderr.write(`porthole: unknown command "${noun} ${verb}" (porthole ${noun} --help lists them)\n`);
    return EXIT_USAGE;
  }
  try {
    return await found.run(rest, io);
  } catch (e) {
    // node:util parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown/malformed options
    const code = (e as { code?: unknown }).code;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr.write(`porthole ${found.name}: ${oneLine((e as Error).message)} (see porthole ${found.name} --help)\n`);
      return EXIT_USAGE;
    }
    if (isAppError(e)) io.stderr.write(`porthole ${found.name}: ${e.code}: ${oneLine(e.message)}\n`);
    else io.stderr.write(`porthole ${found.name}: EINTERNAL: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return EXIT_FAIL;
  }
}

/** Errors are reported on exactly one line. */
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
