/** Progress of a long sweep: done/total, rate and ETA, drawn as a bar on a terminal or as plain lines. */

/** A progress snapshot. */
export interface SweepProgress {
  /** Points written, including those found already written when resuming. */
  done: number;
  /** Points of this run (this shard). */
  total: number;
  /** Points whose evaluation threw. */
  errors: number;
  /** Points per second computed in this run. */
  ratePerS: number;
  /** Estimated seconds remaining (NaN before the rate is known). */
  etaS: number;
  elapsedS: number;
}

/** Options of `progressPrinter`. */
export interface ProgressPrinterOptions {
  /** Draw a redrawn bar (true) or print plain lines (false). Default: whether the stream is a TTY. */
  tty?: boolean;
  /** Minimum time between plain lines, ms. Default 5000 (a bar redraws at most every 100 ms). */
  intervalMs?: number;
  /** Bar width in characters. Default 30. */
  width?: number;
}

/** Formats seconds as h:mm:ss or m:ss. */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return "--:--";
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** One-line text of a snapshot: "1200/5000 (24.0%)  85.2 pts/s  ETA 0:45  3 errors". */
export function formatProgress(p: SweepProgress): string {
  const pct = p.total > 0 ? ((100 * p.done) / p.total).toFixed(1) : "100.0";
  const errs = p.errors > 0 ? `  ${p.errors} error${p.errors === 1 ? "" : "s"}` : "";
  return `${p.done}/${p.total} (${pct}%)  ${p.ratePerS.toFixed(1)} pts/s  ETA ${formatDuration(p.etaS)}${errs}`;
}

/** Returns a progress callback that writes to `stream`; call it with `final = true` at the end. */
export function progressPrinter(
  stream: { write(s: string): unknown; isTTY?: boolean },
  options: ProgressPrinterOptions = {},
): (p: SweepProgress, final?: boolean) => void {
  const tty = options.tty ?? Boolean(stream.isTTY);
  const interval = tty ? 100 : (options.intervalMs ?? 5000);
  const width = options.width ?? 30;
  let last = -Infinity;
  return (p, final = false) => {
    const now = performance.now();
    if (!final && now - last < interval) return;
    last = now;
    if (tty) {
      const filled = p.total > 0 ? Math.round((width * p.done) / p.total) : width;
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      stream.write(`\r${bar} ${formatProgress(p)}\u001b[K${final ? "\n" : ""}`);
    } else {
      stream.write(`${formatProgress(p)}\n`);
    }
  };
}
