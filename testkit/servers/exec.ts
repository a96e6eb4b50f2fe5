import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface RunOptions {
  /** append stdout+stderr to this file instead of capturing them */
  logFile?: string;
  /** written to stdin, then stdin is closed */
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface RunResult {
  code: number;
  output: string;
}

/**
 * Runs a command to completion. Daemons started through this must get their stdio as files
 * (`logFile`), never pipes: Dovecot keeps fd 2 open for good, so a pipe would never reach EOF.
 */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const fd = opts.logFile ? openSync(opts.logFile, 'a') : null;
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', fd ?? 'pipe', fd ?? 'pipe'],
      // own session: a daemon that forgets to setsid() must not share our terminal or process group
      detached: fd !== null,
    });
    let output = '';
    child.stdout?.on('data', (b: Buffer) => { output += b.toString(); });
    child.stderr?.on('data', (b: Buffer) => { output += b.toString(); });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    child.on('error', (e) => { if (fd !== null) closeSync(fd); reject(e); });
    child.on('close', (code, signal) => {
      if (fd !== null) closeSync(fd);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** Like run(), but a non-zero exit is an error carrying the command and its output. */
export async function runOk(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}${r.output ? `:\n${r.output.trim()}` : ''}${opts.logFile ? ` (log: ${opts.logFile})` : ''}`);
  return r.output;
}
