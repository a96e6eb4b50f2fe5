import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadServersInfo } from './servers-info';
import { serversStatus, startServers, stopServers } from './servers/index';

declare module 'vitest' {
  export interface ProvidedContext {
    /** path of the servers.json the int tests use (same as PORTHOLE_SERVERS in the workers) */
    portholeServers: string;
  }
}

/**
 * Global setup of the `int` project. With PORTHOLE_SERVERS set (testkit/run-all, or a developer
 * who started a set by hand with `testkit/servers/cli.ts start`), the tests use that set, after
 * checking it really runs. Otherwise it starts a fresh set (port base from PORTHOLE_PORT_BASE),
 * points the workers at it and stops exactly that set when the run ends.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const given = process.env.PORTHOLE_SERVERS;
  if (given) {
    if (!existsSync(given)) throw new Error(`PORTHOLE_SERVERS names ${given}, which does not exist`);
    const down = serversStatus(loadServersInfo().dir).filter((s) => s.state !== 'running');
    if (down.length) throw new Error(`PORTHOLE_SERVERS names ${given}, but these of its servers are not running: ${down.map((s) => s.name).join(', ')}`);
    project.provide('portholeServers', given);
    return;
  }
  const info = await startServers();
  const json = join(info.dir, 'servers.json');
  // Workers are forked after global setup and inherit process.env; `provide` is the typed
  // alternative for code that prefers inject('portholeServers').
  process.env.PORTHOLE_SERVERS = json;
  project.provide('portholeServers', json);
  return async () => {
    delete process.env.PORTHOLE_SERVERS;
    // keep the directory (logs, mail) when asked, e.g. to look into a failure
    await stopServers(info.dir, { purge: process.env.PORTHOLE_KEEP_SERVERS !== '1' });
  };
}
