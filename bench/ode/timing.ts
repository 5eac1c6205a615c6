/**
 * Timing for benchmarks: median process CPU time per call (user + system, all threads) after
 * warm-up, measured in batches long enough for the microsecond clock. CPU time rather than wall
 * time because the benchmark machine is shared; SciPy is measured the same way
 * (time.process_time) in the same run.
 */

/** Median CPU milliseconds per call of `fn`. */
export function cpuMedianMs(fn: () => void, opts: { samples: number; minBatchMs: number }): number {
  // Warm up until the JIT has settled: at least 5 calls and 50 ms.
  const w0 = performance.now();
  for (let i = 0; i < 5 || performance.now() - w0 < 50; i++) fn();
  // Size a batch so one sample lasts at least minBatchMs.
  let batch = 1;
  for (;;) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < batch; i++) fn();
    const c = process.cpuUsage(c0);
    const ms = (c.user + c.system) / 1000;
    if (ms >= opts.minBatchMs || batch >= 1 << 16) break;
    batch *= ms > 0 ? Math.min(16, Math.max(2, Math.ceil(opts.minBatchMs / ms))) : 16;
  }
  const per: number[] = [];
  for (let s = 0; s < opts.samples; s++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < batch; i++) fn();
    const c = process.cpuUsage(c0);
    per.push((c.user + c.system) / 1000 / batch);
  }
  per.sort((a, b) => a - b);
  return per[per.length >> 1];
}
