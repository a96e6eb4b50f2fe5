/** Small helpers for readable, aligned human output (the --json path never uses them). */

/** Left-aligns columns: every row padded to the widest cell of each column but the last. */
export function table(rows: string[][], indent = ''): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows
    .map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length))).join('  ').trimEnd())
    .join('\n');
}

/** A component for people: absent and empty look different, as they mean different things. */
export function shown(v: string | null | undefined): string {
  if (v === null || v === undefined) return '(absent)';
  if (v === '') return '""  (empty)';
  return JSON.stringify(v).slice(1, -1) === v ? v : JSON.stringify(v);
}
