// Timing helpers and the plain-text tables every section prints.

/** The q-quantile (0..1) of numbers, nearest-rank on a sorted copy. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const sum = (values) => values.reduce((a, b) => a + b, 0);

/**
 * Summary of one system's per-page times (ms, one median per page), with
 * its total compared against a reference system's total over the same pages
 * (the pages both ran).
 * @param {number[]} times per-page ms (NaN where the system did not run)
 * @param {number[]} [reference] the reference system's per-page ms
 */
export function summarize(times, reference) {
  const ran = times.map((t, i) => i)
    .filter((i) => Number.isFinite(times[i]) && (!reference || Number.isFinite(reference[i])));
  const own = ran.map((i) => times[i]);
  const total = sum(own);
  const refTotal = reference ? sum(ran.map((i) => reference[i])) : NaN;
  return {
    pages: ran.length,
    median: median(own),
    p90: quantile(own, 0.9),
    totalMs: total,
    ratio: reference ? total / refTotal : NaN,
  };
}

const fmt = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** Formats rows of { label, ...summarize() } as an aligned text table. */
export function timingTable(rows, { ratioLabel = 'ratio' } = {}) {
  return table(
    ['system', 'pages', 'median ms/page', 'p90 ms', 'total s', ratioLabel],
    rows.map((r) => [r.label, String(r.pages), fmt(r.median, 2), fmt(r.p90, 2), fmt(r.totalMs / 1000, 2),
      Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}x` : '-']),
  );
}

/** An aligned text table: first column left-aligned, the others right-aligned. */
export function table(header, rows) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A progress line on stderr (overwritten in place on a terminal). */
export function progress(text) {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
}
export function progressDone() {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}
