import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingPackages } from './apt';

const here = resolve(__dirname);

describe('apt', () => {
  it('reports installed and missing packages from dpkg', async () => {
    expect(await missingPackages(['dpkg', 'porthole-no-such-package'])).toEqual(['porthole-no-such-package']);
  });

  it('without root, fails naming the packages to install (never skips)', () => {
    const d = mkdtempSync(join(tmpdir(), 'porthole-apt-test-'));
    chmodSync(d, 0o777); // the unprivileged child reads the probe and keeps tsx's cache here
    try {
      const script = join(d, 'probe.ts');
      writeFileSync(script, `import { ensureDebPackages } from ${JSON.stringify(join(here, 'apt'))};
ensureDebPackages(['dpkg', 'porthole-no-such-package'], { purpose: 'a probe' }).then(() => console.log('RESOLVED'), (e) => console.log(e.message));\n`);
      // as root, drop to nobody for the child; as a normal user the call is already unprivileged
      const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const r = spawnSync(process.execPath, [resolve(here, '../../node_modules/tsx/dist/cli.mjs'), script], {
        ...asNobody, env: { ...process.env, HOME: d }, encoding: 'utf8', timeout: 30_000,
      });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^missing Debian packages for a probe: porthole-no-such-package\. Not running as root/);
      expect(r.stdout).toContain('apt-get install --no-install-recommends porthole-no-such-package');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
