import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runOk } from './exec';

/** Debian packages that are not in state "install ok installed". */
export async function missingPackages(pkgs: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const p of pkgs) {
    const r = await run('dpkg-query', ['-W', '-f=${Status}', p]).catch(() => ({ code: 1, output: '' }));
    if (r.code !== 0 || !r.output.includes('install ok installed')) missing.push(p);
  }
  return missing;
}

export interface EnsureOptions {
  /** what the packages are for, for the error message */
  purpose: string;
  /** debconf-set-selections lines, e.g. "postfix postfix/main_mailer_type select No configuration" */
  preseed?: string[];
}

const POLICY_RC = '/usr/sbin/policy-rc.d';

/**
 * Installs whichever of `pkgs` are missing, with apt-get, as root. Where that is impossible it
 * throws naming the packages, so a run never skips silently for want of a server.
 */
export async function ensureDebPackages(pkgs: readonly string[], opts: EnsureOptions): Promise<{ installed: string[]; ms: number }> {
  const t0 = Date.now();
  const missing = await missingPackages(pkgs);
  if (missing.length === 0) return { installed: [], ms: Date.now() - t0 };
  const howTo = `as root: apt-get install --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages for ${opts.purpose}: ${missing.join(', ')}. Not running as root, so they cannot be installed from here; install them ${howTo}`);
  if (!existsSync('/usr/bin/apt-get')) throw new Error(`missing packages for ${opts.purpose}: ${missing.join(', ')}, and there is no apt-get here; install them ${howTo} (or your system's equivalent)`);

  const log = join(tmpdir(), `porthole-apt-${process.pid}-${Date.now()}.log`);
  // Maintainer scripts would start each daemon with its stock config on 0.0.0.0; exit 101 from
  // policy-rc.d forbids that. Only remove the file if we made it (someone else may rely on theirs).
  let madePolicy = false;
  if (!existsSync(POLICY_RC)) {
    writeFileSync(POLICY_RC, '#!/bin/sh\n# written by porthole testkit during apt-get install\nexit 101\n', { mode: 0o755 });
    madePolicy = true;
  }
  try {
    if (opts.preseed?.length) await runOk('debconf-set-selections', [], { input: `${opts.preseed.join('\n')}\n` });
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // other sessions may hold the dpkg lock (unattended upgrades, a parallel install): wait for it
    const lock = ['-o', 'DPkg::Lock::Timeout=600'];
    await runOk('apt-get', ['update', '-q', ...lock], { env, logFile: log });
    await runOk('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...lock,
      '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold', ...missing], { env, logFile: log });
  } catch (e) {
    let tail = '';
    try { tail = readFileSync(log, 'utf8').split('\n').slice(-30).join('\n'); } catch { /* no log yet */ }
    throw new Error(`apt-get could not install ${missing.join(' ')} for ${opts.purpose}: ${(e as Error).message}\n${tail}`, { cause: e });
  } finally {
    if (madePolicy) try { unlinkSync(POLICY_RC); } catch { /* already gone */ }
  }
  const still = await missingPackages(missing);
  if (still.length) throw new Error(`apt-get finished but ${still.join(', ')} still not installed (log: ${log})`);
  return { installed: missing, ms: Date.now() - t0 };
}
