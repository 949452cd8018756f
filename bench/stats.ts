export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(at(1)) };
}
