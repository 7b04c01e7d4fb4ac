/** Latency and throughput of a request loop at a fixed concurrency. */
export interface LoadResult {
  requests: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  medianMs: number;
  p95Ms: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export async function load(requests: number, concurrency: number, once: () => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let started = 0;
  const begin = performance.now();
  const worker = async () => {
    while (started < requests) {
      started++;
      const t = performance.now();
      await once();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests,
    concurrency,
    seconds,
    perSecond: requests / seconds,
    medianMs: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
  };
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));
