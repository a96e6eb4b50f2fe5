import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ServersInfo } from '../servers-info';
import { ensureDebPackages } from './apt';
import { assertPortsFree } from './conflicts';
import { generateDovecot } from './dovecot';
import { run } from './exec';
import { buildInfo, writeInfo } from './info';
import { paths, type Ctx } from './layout';
import { generateNginx } from './nginx';
import { checkPidFile, ownPids, statusAll, stopAll, type ServiceStatus } from './lifecycle';
import { generatePostfix } from './postfix';
import { portBaseFromEnv, portsFromBase, pasvPorts, type Ports } from './ports';
import { listeningPorts, portHolders } from './proc';
import { generateProftpd } from './proftpd';
import { SERVER_PACKAGES, SERVER_PRESEED, SERVICES } from './services';
import { generateTelnet } from './telnet';
import { generateTls } from './tls';

export type { ServersInfo } from '../servers-info';
export { portsFromBase, portBaseFromEnv } from './ports';

export interface StartOptions {
  /** servers directory; must not exist or be empty. Default: a new mkdtemp dir under the OS temp dir */
  dir?: string;
  /** default: PORTHOLE_PORT_BASE or 10000 */
  portBase?: number;
  /** how long to wait for every port (default 30 s) */
  timeoutMs?: number;
  /** owner of virtual mail and FTP files (default 5000; needs no passwd entry) */
  vmailUid?: number;
  log?: (line: string) => void;
}

export interface StartTimings {
  installMs: number;
  generateMs: number;
  startMs: number;
  totalMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const defaultLog = (s: string) => process.stderr.write(`[servers] ${s}\n`);

/** Daemon workers run as other users (dovecot, www-data, postfix, nobody): every parent dir must be searchable by them. */
function assertReachable(d: string): void {
  for (let p = dirname(d); ; p = dirname(p)) {
    if (existsSync(p) && (statSync(p).mode & 0o001) === 0) throw new Error(`${p} is not searchable by other users, so the daemons' unprivileged workers could not reach ${d}: choose a directory under /tmp (or TMPDIR)`);
    if (p === dirname(p)) return;
  }
}

function freshDir(dir: string | undefined): string {
  if (!dir) {
    const d = join(tmpdir(), 'porthole-servers-');
    assertReachable(d);
    return mkdtempSync(d);
  }
  const d = resolve(dir);
  assertReachable(d);
  // a fresh directory means nothing of an earlier set (pid files, mail, queues) can leak in
  if (existsSync(d) && readdirSync(d).length) throw new Error(`${d} is not empty: the servers start in a fresh directory (stop and remove the old set, or pass another --dir)`);
  mkdirSync(d, { recursive: true });
  return d;
}

function portName(p: Ports): (port: number) => string {
  const names = new Map<number, string>();
  for (const s of SERVICES) for (const l of s.listens(p)) names.set(l.port, s.name);
  return (port) => names.get(port) ?? 'FTP passive range';
}

async function generateAll(ctx: Ctx): Promise<void> {
  const p = paths(ctx.dir);
  mkdirSync(p.log, { recursive: true });
  mkdirSync(p.run, { recursive: true });
  // mkdtemp makes 0700; the daemons' unprivileged users must traverse it
  for (const d of [ctx.dir, p.run, p.log]) chmodSync(d, 0o755);
  await generateTls(p.tls);
  generateDovecot(ctx);
  generatePostfix(ctx);
  await Promise.all([generateProftpd(ctx), generateTelnet(ctx), generateNginx(ctx)]);
}

function logTail(dir: string, name: string): string {
  try {
    return readFileSync(join(paths(dir).log, name), 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

async function startService(name: string, dir: string): Promise<void> {
  const svc = SERVICES.find((s) => s.name === name)!;
  const out = join(paths(dir).log, `${name}-start.out`);
  const [cmd, args] = svc.command(dir);
  // stdio to a file, never to us: Dovecot keeps fd 2 open for good (a pipe would never close)
  const r = await run(cmd, args, { logFile: out, cwd: dir });
  if (r.code !== 0) throw new Error(`${name} failed to start (exit ${r.code}):\n${logTail(dir, `${name}-start.out`)}\nlogs in ${paths(dir).log}`);
}

/** Waits until every service port listens on each family it should. */
async function waitForPorts(ports: Ports, timeoutMs: number): Promise<void> {
  const need = SERVICES.flatMap((s) => s.listens(ports).flatMap((l) => l.families.map((f) => `${f}:${l.port}`)));
  const t0 = Date.now();
  for (;;) {
    const have = listeningPorts();
    const missing = need.filter((k) => !have.has(k));
    if (!missing.length) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`not listening after ${timeoutMs} ms: ${missing.map((k) => k.replace(/^4:/, '127.0.0.1:').replace(/^6:/, '[::1]:')).join(', ')}`);
    await sleep(50);
  }
}

/** After start: every port must be held by one of OUR processes (not by a racer that grabbed it). */
function assertPortsOurs(dir: string, ports: Ports): void {
  const ours = ownPids(dir);
  const wrong: string[] = [];
  for (const [port, pids] of portHolders(SERVICES.flatMap((s) => s.listens(ports).map((l) => l.port)))) {
    if (!pids.some((p) => ours.has(p))) wrong.push(`${port} (held by pids ${pids.join(',') || '?'})`);
  }
  if (wrong.length) throw new Error(`ports not held by the servers just started: ${wrong.join(', ')}`);
}

/**
 * Installs what is missing, generates every config in a fresh directory, starts the daemons,
 * waits for every port and writes servers.json. On any failure it stops what it started.
 * Example: `const info = await startServers({ portBase: 20000 }); … await stopServers(info.dir)`.
 */
export async function startServers(opts: StartOptions = {}): Promise<ServersInfo & { timings: StartTimings }> {
  const log = opts.log ?? defaultLog;
  const t0 = Date.now();
  const ports = portsFromBase(opts.portBase ?? portBaseFromEnv());
  const { installed } = await ensureDebPackages(SERVER_PACKAGES, { purpose: 'the test servers', preseed: SERVER_PRESEED });
  if (installed.length) log(`installed ${installed.join(' ')}`);
  if (process.getuid?.() !== 0) throw new Error('starting the test servers needs root: the daemons bind, chroot and switch users (dovecot → uid 5000, nginx → www-data, telnet login → teluser)');
  const t1 = Date.now();

  const all = [...SERVICES.flatMap((s) => s.listens(ports).map((l) => l.port)), ...pasvPorts(ports)];
  assertPortsFree([...new Set(all)], portName(ports), ports.base);

  const dir = freshDir(opts.dir);
  try {
    const ctx: Ctx = { dir, ports, vuid: opts.vmailUid ?? 5000 };
    await generateAll(ctx);
    const info = buildInfo(dir, ports);
    // written before starting so that `stop --dir` finds the pid files even after a failed start
    writeInfo(info, ports);
    const t2 = Date.now();
    await Promise.all(SERVICES.map((s) => startService(s.name, dir)));
    await waitForPorts(ports, opts.timeoutMs ?? 30_000);
    assertPortsOurs(dir, ports);
    const t3 = Date.now();
    const timings = { installMs: t1 - t0, generateMs: t2 - t1, startMs: t3 - t2, totalMs: t3 - t0 };
    log(`ready in ${dir} (port base ${ports.base}): install/check ${timings.installMs} ms, generate ${timings.generateMs} ms, start+wait ${timings.startMs} ms, total ${timings.totalMs} ms`);
    return { ...info, timings };
  } catch (e) {
    log(`start failed, stopping what was started in ${dir}`);
    await stopAll(dir, log);
    throw e;
  }
}

/** Stops exactly the daemons whose pid files are in `dir` (checked against their binaries). */
export async function stopServers(dir: string, opts: { log?: (line: string) => void; purge?: boolean } = {}): Promise<void> {
  const log = opts.log ?? defaultLog;
  await stopAll(dir, log);
  const left = SERVICES.filter((s) => checkPidFile(s, dir).state === 'running');
  if (left.length) throw new Error(`still running after stop: ${left.map((s) => s.name).join(', ')}`);
  if (opts.purge) rmSync(dir, { recursive: true, force: true });
}

/** Per-daemon state of a servers directory. */
export function serversStatus(dir: string): ServiceStatus[] {
  return statusAll(dir);
}
