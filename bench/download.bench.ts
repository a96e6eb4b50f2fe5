/**
 * A 1 GiB download with its SHA-256 (issue 3, "Tests and measures"): Porthole's HttpClient
 * streaming the body into a discarding sink (the engine hashes what it streams, as for "save
 * body as…") against `curl -s URL | sha256sum` — the same work — over plain HTTP and over HTTPS
 * with the test CA (`--cacert`; both negotiate by ALPN as they do by default, h2 with this nginx).
 * Target: ≥ 0.8× curl's GB/s. For context: `curl -s URL | openssl dgst -sha256` (coreutils'
 * sha256sum is the slow half of the reference pipeline here; OpenSSL's is the one Node uses),
 * `curl -s -o /dev/null` (transfer alone, no hash), and Porthole's peak RSS while downloading
 * next to curl's (memory must stay bounded: it streams).
 *
 * The file is created in the test nginx's htdocs for the run (sparse, `truncate`, zeros; a `.bin`
 * name so nginx's gzip never applies) and deleted afterwards, also on SIGINT/SIGTERM.
 *
 *   PORTHOLE_SERVERS=…/servers.json npx tsx bench/download.bench.ts [--json]
 */
import { chmodSync, closeSync, ftruncateSync, openSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { HttpClient } from '../main/protocols/http/client';
import { emit, have, pause, run, servers, stat, type Row } from './lib/common';

const SIZE = 1024 ** 3;
const RUNS = 3;
const s = servers();
const name = `porthole-bench-${process.pid}.bin`;
const file = join(s.dir, 'www', 'htdocs', name);
const ca = readFileSync(s.caCert, 'utf8');
const work = await mkdtemp(join(tmpdir(), 'porthole-bench-dl-'));

const cleanup = () => {
  rmSync(file, { force: true });
  rmSync(work, { recursive: true, force: true });
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    cleanup();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

/** The expected digest: SHA-256 of 1 GiB of zeros, computed once here (not by either side). */
async function zerosDigest(): Promise<string> {
  const { createHash } = await import('node:crypto');
  const h = createHash('sha256');
  const block = Buffer.alloc(16 * 1024 * 1024);
  for (let n = 0; n < SIZE; n += block.length) h.update(block);
  return h.digest('hex');
}

const mib = (bytes: number) => bytes / 1024 / 1024;

async function porthole(url: string) {
  const client = new HttpClient();
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const t0 = performance.now();
    // the engine caps decoded bodies at 100 MiB by default, also when streaming: lift it for 1 GiB
    const r = await client.request({ url, ca, sink, maxBodyBytes: 2 * SIZE });
    const ms = performance.now() - t0;
    if (r.status !== 200 || r.body.bytes !== SIZE) throw new Error(`Porthole: ${url} → ${r.status}, ${r.body.bytes} bytes`);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { ms, sha256: r.body.sha256, version: r.hops[0].httpVersion, peakRssMiB: mib(peak) };
  } finally {
    clearInterval(sampler);
    client.close();
  }
}

const withTime = await have('/usr/bin/time');

/** `curl -s URL | sha256sum` in one shell pipeline, wall clock; curl's max RSS via /usr/bin/time. */
async function curlSha(url: string) {
  const rssFile = join(work, 'curl-rss');
  const tls = url.startsWith('https:') ? `--cacert '${s.caCert}' ` : '';
  const timeCmd = withTime ? `/usr/bin/time -f %M -o '${rssFile}' ` : '';
  const out = await run('bash', ['-c', `set -o pipefail; ${timeCmd}curl -s ${tls}-w '%{stderr}%{http_version} %{size_download}' '${url}' | sha256sum`]);
  const [version, size] = out.stderr.trim().split(/\s+/).slice(-2);
  if (Number(size) !== SIZE) throw new Error(`curl: ${url} → ${size} bytes`);
  const rssKiB = withTime ? Number((await readFile(rssFile, 'utf8')).trim().split('\n').pop()) : NaN;
  return { ms: out.ms, sha256: out.stdout.split(' ')[0], version: `HTTP/${version}`, maxRssMiB: rssKiB / 1024 };
}

const withOpenssl = await have('openssl');

/** Context: the same pipeline with OpenSSL's SHA-256 (what Node's crypto uses) instead of coreutils'. */
async function curlOpenssl(url: string) {
  const tls = url.startsWith('https:') ? `--cacert '${s.caCert}' ` : '';
  const out = await run('bash', ['-c', `set -o pipefail; curl -s ${tls}'${url}' | openssl dgst -sha256`]);
  return { ms: out.ms, sha256: out.stdout.trim().split(/\s+/).pop() ?? '' };
}

async function curlAlone(url: string): Promise<number> {
  return (await run('curl', ['-s', ...(url.startsWith('https:') ? ['--cacert', s.caCert] : []), '-o', '/dev/null', url])).ms;
}

const rows: Row[] = [];
const details: Record<string, unknown> = { bytes: SIZE, runs: RUNS, file: name };
const gbps = (ms: number) => SIZE / 1e9 / (ms / 1000);
try {
  // sparse: no 1 GiB write to disk; nginx reads zeros (sendfile on plain http)
  const fd = openSync(file, 'w');
  ftruncateSync(fd, SIZE);
  closeSync(fd);
  chmodSync(file, 0o644); // nginx workers run as www-data
  const expected = await zerosDigest();
  details.sha256 = expected;
  // what the process holds before any download (node + tsx + the engine): the growth is the download's
  details.portholeBaselineRssMiB = mib(process.memoryUsage.rss());
  const targets = [
    ['http', `http://127.0.0.1:${s.http.port}/${name}`],
    ['https', `https://localhost:${s.http.tlsPort}/${name}`],
  ] as const;
  const rss: number[] = [];
  const curlRss: number[] = [];
  // warm-up: page cache for the file, JIT for the engine's read loop
  await curlAlone(targets[0][1]);
  for (const [scheme, url] of targets) {
    const p: number[] = [];
    const k: number[] = [];
    const a: number[] = [];
    const o: number[] = [];
    let pv = '';
    let kv = '';
    for (let r = 0; r < RUNS; r++) {
      const pr = await porthole(url);
      await pause(200);
      const kr = await curlSha(url);
      await pause(200);
      a.push(gbps(await curlAlone(url)));
      await pause(200);
      if (withOpenssl) {
        const or = await curlOpenssl(url);
        if (or.sha256 !== expected) throw new Error(`digest mismatch on ${url}: curl | openssl ${or.sha256}, expected ${expected}`);
        o.push(gbps(or.ms));
        await pause(200);
      }
      if (pr.sha256 !== expected || kr.sha256 !== expected) throw new Error(`digest mismatch on ${url}: Porthole ${pr.sha256}, curl|sha256sum ${kr.sha256}, expected ${expected}`);
      p.push(gbps(pr.ms));
      k.push(gbps(kr.ms));
      rss.push(pr.peakRssMiB);
      if (Number.isFinite(kr.maxRssMiB)) curlRss.push(kr.maxRssMiB);
      pv = pr.version;
      kv = kr.version;
    }
    rows.push({ label: `1 GiB + sha256, ${scheme} (Porthole ${pv}, curl ${kv})`, unit: 'GB/s', porthole: stat(p), peer: { name: 'curl | sha256sum', stat: stat(k) }, target: { kind: 'ratioMin', value: 0.8, text: '≥ 0.8× curl' } });
    rows.push({ label: `1 GiB + sha256, ${scheme}: vs OpenSSL's hash`, unit: 'GB/s', porthole: stat(p), peer: { name: 'curl | openssl dgst', stat: o.length ? stat(o) : null, note: withOpenssl ? undefined : 'openssl not found' }, target: null });
    rows.push({ label: `1 GiB, ${scheme}: Porthole with hash vs curl without`, unit: 'GB/s', porthole: stat(p), peer: { name: 'curl -o /dev/null', stat: stat(a) }, target: null });
    details[scheme] = { url, porthole: { version: pv, gbps: p }, curlSha256sum: { version: kv, gbps: k }, curlAlone: { gbps: a }, curlOpenssl: { gbps: o } };
  }
  rows.push({
    label: 'peak RSS during the 1 GiB downloads',
    unit: 'MiB',
    porthole: stat(rss),
    peer: { name: 'curl (max RSS)', stat: curlRss.length ? stat(curlRss) : null, note: withTime ? undefined : '/usr/bin/time not found' },
    target: { kind: 'absMax', value: 256, text: '< 256 MiB (streams)' },
  });
  details.portholeMaxRssMiB = mib(process.resourceUsage().maxRSS * 1024);
} finally {
  cleanup();
  await rm(work, { recursive: true, force: true });
}

emit({ bench: 'download', command: 'PORTHOLE_SERVERS=…/servers.json npx tsx bench/download.bench.ts --json', rows, details });
