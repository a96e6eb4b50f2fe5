/**
 * Verdicts and the side-by-side table of `npm run bench`. Rows come from each bench's --json
 * document (shape: bench/lib/common.ts `Row`). A verdict reports; it never fails the run.
 */

/** meets / misses against the row's target; "—" without one; "no peer" when the peer is missing */
export function verdict(row) {
  const t = row.target;
  const p = row.porthole.median;
  const q = row.peer.stat?.median;
  const ratio = q ? p / q : null;
  if (!t) return { ratio, verdict: '—' };
  if (t.kind === 'absMax') return { ratio, verdict: p < t.value ? 'meets' : 'misses' };
  if (ratio === null) return { ratio, verdict: 'no peer' };
  const ok = t.kind === 'ratioMax' ? ratio <= t.value : ratio >= t.value;
  return { ratio, verdict: ok ? 'meets' : 'misses' };
}

const num = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3));

/** "0.233 s (0.201–0.341)"; min–max only when there was more than one run */
function value(stat, unit) {
  if (!stat) return 'n/a';
  const range = stat.runs.length > 1 ? ` (${num(stat.min)}–${num(stat.max)})` : '';
  return `${num(stat.median)} ${unit}${range}`;
}

export function table(results) {
  const head = ['bench', 'measure', 'Porthole', 'peer', 'peer value', 'ratio', 'target', 'verdict'];
  const lines = [];
  for (const r of results) {
    if (r.error) {
      // a stack trace starts with the source line; the "XxxError: message" line says what happened
      const said = r.error.split('\n').map((l) => l.trim());
      const why = said.find((l) => /^[A-Za-z]*Error\b.*:/.test(l)) ?? said.find(Boolean) ?? '';
      lines.push([r.name, 'CRASHED', why.slice(0, 80), '', '', '', '', 'crash']);
      continue;
    }
    for (const row of r.doc.rows) {
      const v = verdict(row);
      lines.push([
        r.name,
        row.label,
        value(row.porthole, row.unit),
        row.peer.name,
        row.peer.stat ? value(row.peer.stat, row.unit) : `n/a: ${row.peer.note ?? 'missing'}`,
        v.ratio === null ? '—' : `${v.ratio >= 0.1 ? v.ratio.toFixed(2) : v.ratio.toPrecision(2)}×`,
        row.target?.text ?? '—',
        v.verdict,
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}
