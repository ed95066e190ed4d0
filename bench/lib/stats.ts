/** Percentiles by nearest rank on a sorted copy; empty input gives NaN. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export type Summary = { n: number; p50: number; p95: number; p99: number; min: number; max: number; mean: number };

export function summarize(values: readonly number[]): Summary {
  const mean = values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : Number.NaN;
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
    mean,
  };
}

/** Rounds for display and JSON: enough digits to compare, not so many that diffs are noise. */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const ms = (value: number) =>
  Number.isFinite(value) ? `${round(value, value < 0.1 ? 3 : value < 10 ? 2 : 1)} ms` : "n/a";
export const mb = (bytes: number) => `${round(bytes / 1024 / 1024, 1)} MB`;
export const kb = (bytes: number) => `${round(bytes / 1024, 1)} KB`;
