// Timing, percentiles and the results table of the bench: every figure is paired with a baseline from the same run.
//
// The bench machine is shared and noisy (2 cores), so absolute times drift between runs; a ratio against a
// baseline measured seconds earlier on the same data does not. Latency samples alternate engine and baseline so a
// burst of noise lands on both.

export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

/** Milliseconds taken by fn, and its result. */
export function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** Nearest-rank percentile (p in 0..100) of a list of milliseconds. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function latency(values: readonly number[]): Latency {
  return {
    samples: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: Math.max(...values),
  };
}

/**
 * Runs every runner on each input, rotating which goes first so that noise and cache warmth fall evenly, and
 * returns each runner's milliseconds. `check` sees all results for an input, so a baseline that answers a
 * different question than the engine fails loudly instead of flattering it.
 */
export function interleave<I, K extends string>(
  inputs: readonly I[],
  runners: Record<K, (input: I) => unknown>,
  check?: (results: Record<K, unknown>, input: I) => void,
): Record<K, number[]> {
  const names = Object.keys(runners) as K[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  inputs.forEach((input, index) => {
    const results = {} as Record<K, unknown>;
    for (let i = 0; i < names.length; i += 1) {
      const name = names[(index + i) % names.length]!;
      const { ms, value } = timed(() => runners[name](input));
      times[name].push(ms);
      results[name] = value;
    }
    check?.(results, input);
  });
  return times;
}

/** Median of a few repeated timings (for measures too slow to sample hundreds of times). */
export const median = (values: readonly number[]): number => percentile(values, 50);

export type Verdict = 'PASS' | 'FAIL' | '';

export interface ResultRow {
  section: string;
  measure: string;
  engine: string;
  baseline: string;
  /** Engine time ÷ baseline time: 1.0 is as fast as the baseline. */
  ratio: number;
  goal: string;
  verdict: Verdict;
}

export const formatMs = (ms: number): string =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;

export const formatRate = (rowsPerSecond: number): string =>
  `${Math.round(rowsPerSecond).toLocaleString('en-US')} rows/s`;

export const formatRatio = (ratio: number): string => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : '—');

/** A plain-text table with aligned columns: readable in a terminal and in a CI log. */
export function renderTable(rows: readonly ResultRow[]): string {
  const header = ['', 'measure', 'engine', 'baseline', 'engine/base', 'goal', ''];
  const cells = rows.map((r) => [
    r.section,
    r.measure,
    r.engine,
    r.baseline,
    formatRatio(r.ratio),
    r.goal,
    r.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  let previous = '';
  const body = cells.map((row) => {
    const shown = row[0] === previous ? ['', ...row.slice(1)] : row;
    previous = row[0]!;
    return line(shown);
  });
  return [line(header), rule, ...body].join('\n');
}
