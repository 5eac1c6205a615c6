/**
 * The dispatch loop of a sweep: keeps a window of at most `4 × workers` batches between dispatch
 * and disk, writes finished batches (in dispatch order for `order: "index"`, so rows come out
 * sorted by point index, or as they finish), and stops dispatching when the signal aborts.
 */
import { fsyncSync, writeSync } from "node:fs";
import type Tinypool from "tinypool";
import type { SweepManifest } from "./manifest.ts";
import type { ResolvedSweepOptions } from "./options.ts";
import { SWEEP_RUN_DEFAULTS } from "./options.ts";
import type { SweepPlan } from "./plan.ts";
import type { SweepProgress } from "./progress.ts";
import type { RowFormatter } from "./rows.ts";
import type { Point } from "./spec.ts";
import { EVALUATOR_CREATE_FAILED, type BatchTask, type PointResult } from "./worker-task.ts";

/** Where finished rows go: the open partial file, and the manifest counts it keeps up to date. */
export interface RowSink {
  write(points: Array<[number, Point]>, results: PointResult[]): void;
}

/** A sink appending to file descriptor `fd`, fsyncing at most every `fsyncIntervalMs`. */
export function createRowSink(fd: number, formatter: RowFormatter, manifest: SweepManifest, fsyncIntervalMs: number): RowSink {
  let lastSync = performance.now();
  return {
    write(points, results) {
      let text = "";
      for (let k = 0; k < results.length; k++) {
        const r = results[k];
        text += formatter.row(points[k][1], r);
        if (r.error !== undefined) {
          manifest.errorCount++;
          if (manifest.errors.length < 20) manifest.errors.push({ index: r.index, message: r.error });
        }
      }
      const buf = Buffer.from(text, "utf8");
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
      manifest.rows += results.length;
      const now = performance.now();
      if (now - lastSync >= fsyncIntervalMs) {
        fsyncSync(fd);
        lastSync = now;
      }
    },
  };
}

interface Slot {
  points: Array<[number, Point]>;
  results?: PointResult[];
}

/** Everything the loop needs. */
export interface DispatchContext {
  pool: Tinypool;
  plan: SweepPlan;
  todo: Iterator<number>;
  sink: RowSink;
  opts: ResolvedSweepOptions;
  moduleUrl: string;
  config: unknown;
  outcomes: readonly string[];
  progress: { expected: number; resumed: number; t0: number; onProgress?: (p: SweepProgress, final: boolean) => void };
  /** Results already computed (by the outcome probe), written without evaluating again. */
  probed?: ReadonlyMap<number, PointResult>;
}

/**
 * Runs every pending point. `aborted`: stopped by the signal before the end; `fatal`: stopped
 * because the evaluator could not be created (every point would fail the same way).
 */
export async function dispatchAll(ctx: DispatchContext): Promise<{ aborted: boolean; fatal?: string }> {
  const { pool, plan, todo, sink, opts, progress } = ctx;
  const remaining = progress.expected - progress.resumed;
  const batchSize = opts.batchSize
    ?? Math.max(1, Math.min(SWEEP_RUN_DEFAULTS.maxBatchSize, Math.ceil(remaining / (opts.workers * SWEEP_RUN_DEFAULTS.tasksPerWorker))));
  const maxWindow = 4 * opts.workers;
  const window: Slot[] = [];
  let exhausted = false;
  let fatal: string | undefined;
  const stopped = (): boolean => Boolean(opts.signal?.aborted) || fatal !== undefined;
  let wake: () => void = () => {};
  let woken = false;
  const notify = (): void => {
    woken = true;
    wake();
  };
  opts.signal?.addEventListener("abort", notify, { once: true });
  let written = 0;
  let errors = 0;
  let lastReport = 0;
  const report = (final: boolean): void => {
    const now = performance.now();
    if (!progress.onProgress || (!final && now - lastReport < 100)) return;
    lastReport = now;
    const elapsedS = (now - progress.t0) / 1000;
    const rate = elapsedS > 0 ? written / elapsedS : 0;
    const left = progress.expected - progress.resumed - written;
    progress.onProgress({ done: progress.resumed + written, total: progress.expected, errors, ratePerS: rate,
      etaS: rate > 0 ? left / rate : NaN, elapsedS }, final);
  };
  const flush = (slot: Slot): void => {
    sink.write(slot.points, slot.results!);
    written += slot.results!.length;
    for (const r of slot.results!) if (r.error !== undefined) errors++;
  };
  const dispatch = (batch: Array<[number, Point]>): void => {
    const points = batch.slice();
    const slot: Slot = { points };
    window.push(slot);
    const task: BatchTask = { moduleUrl: ctx.moduleUrl, config: ctx.config, outcomes: ctx.outcomes, points };
    (pool.run(task) as Promise<PointResult[]>).then(
      (results) => { slot.results = results; },
      (err: unknown) => {
        const text = err instanceof Error ? err.message : String(err);
        if (text.startsWith(EVALUATOR_CREATE_FAILED)) {
          fatal ??= text.slice(EVALUATOR_CREATE_FAILED.length + 2);
          slot.results = []; // nothing evaluated: these points stay pending for a resume
          slot.points = [];
          return;
        }
        slot.results = points.map(([index]) => ({ index, error: `worker failed: ${text}` }));
      },
    ).finally(notify);
  };
  const ticker = setInterval(() => report(false), 500); // keeps the ETA moving between slow points
  for (;;) {
    while (!exhausted && !stopped() && window.length < maxWindow) {
      const points: Array<[number, Point]> = [];
      for (let k = 0; k < batchSize; k++) {
        const next = todo.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const known = ctx.probed?.get(next.value);
        if (known) {
          // a finished slot of its own, after the points before it, keeps index order
          if (points.length > 0) dispatch(points);
          window.push({ points: [[next.value, plan.pointAt(next.value)]], results: [known] });
          points.length = 0;
          continue;
        }
        points.push([next.value, plan.pointAt(next.value)]);
      }
      if (points.length === 0) {
        if (exhausted) break;
        continue;
      }
      dispatch(points);
    }
    const flushed = flushFinished(window, opts.order, flush);
    report(false);
    if (window.length === 0 && (exhausted || stopped())) break;
    if (flushed > 0) continue; // room in the window again: dispatch before waiting
    if (!woken) await new Promise<void>((resolve) => { wake = resolve; if (woken) resolve(); });
    woken = false;
  }
  clearInterval(ticker);
  opts.signal?.removeEventListener("abort", notify);
  report(true);
  return { aborted: !exhausted && Boolean(opts.signal?.aborted), fatal };
}

/** Writes the batches that may be written now; returns how many. */
function flushFinished(window: Slot[], order: "index" | "completion", flush: (slot: Slot) => void): number {
  let n = 0;
  if (order === "index") {
    for (; window.length > 0 && window[0].results; n++) flush(window.shift()!);
    return n;
  }
  for (const slot of window.filter((s) => s.results)) {
    flush(slot);
    window.splice(window.indexOf(slot), 1);
    n++;
  }
  return n;
}
