/** Options of `runSweep`, resolved once against one defaults object (conventions rule 2). */
import { availableParallelism } from "node:os";
import { InputError } from "../errors.ts";
import type { SweepProgress } from "./progress.ts";
import { resolveOutputFormat, type OutputFormat } from "./formats.ts";
import { SWEEP_TABLE_DEFAULTS } from "./table-write.ts";
import { validateShard, type Shard } from "./shard.ts";

/** Options of a sweep run. */
export interface SweepRunOptions {
  /** Output file (required). Rows go to `<out>.partial` until the run completes. */
  out: string;
  /**
   * "csv", "jsonl", "arrow" (Arrow IPC file) or "parquet". Default: from the extension of `out`
   * (.jsonl, .arrow, .parquet), else "csv". Table formats stream JSON Lines to `<out>.partial` and
   * are written from it when every point has a row.
   */
  format?: OutputFormat;
  /** Rows per Arrow record batch / Parquet row group when writing a table format. Default 65,536. */
  tableBatchRows?: number;
  /** Worker threads. Default: available parallelism (one per core). */
  workers?: number;
  /** Points per task sent to a worker. Default: automatic (1..256, ~50 tasks per worker). */
  batchSize?: number;
  /** "index" (default): rows in point order via a small reorder buffer; "completion": as they finish. */
  order?: "index" | "completion";
  /** Continue an interrupted run from `<out>.partial`. Default false. */
  resume?: boolean;
  /** Delete an existing output, partial file and manifest first. Default false. */
  force?: boolean;
  /** Run only this slice of the sweep. Default: all points. */
  shard?: Shard | null;
  /** Evaluator module path. Default: the spec's `evaluator.module`. */
  evaluator?: string;
  /** Config passed to `createEvaluator`. Default: the spec's `evaluator.config`. */
  evaluatorConfig?: unknown;
  /** Stops dispatching new points; what is written stays and the run can be resumed. */
  signal?: AbortSignal;
  /** Called with progress snapshots (at most ~10 per second) and once at the end with final = true. */
  onProgress?: (p: SweepProgress, final: boolean) => void;
  /** Minimum time between fsyncs of the partial file, ms. Default 1000. */
  fsyncIntervalMs?: number;
}

/** Defaults of every optional option. */
export const SWEEP_RUN_DEFAULTS = {
  tableBatchRows: SWEEP_TABLE_DEFAULTS.batchRows,
  order: "index" as "index" | "completion",
  resume: false,
  force: false,
  fsyncIntervalMs: 1000,
  maxBatchSize: 256,
  tasksPerWorker: 50,
};

const KNOWN = new Set(["out", "format", "workers", "batchSize", "order", "resume", "force", "shard", "evaluator",
  "evaluatorConfig", "signal", "onProgress", "fsyncIntervalMs", "tableBatchRows"]);

/** Resolved options. */
export type ResolvedSweepOptions = Required<Omit<SweepRunOptions, "shard" | "evaluator" | "evaluatorConfig" | "signal" | "onProgress" | "batchSize">> & {
  shard: Required<Shard>;
  batchSize: number | null;
  evaluator?: string;
  evaluatorConfig?: unknown;
  signal?: AbortSignal;
  onProgress?: (p: SweepProgress, final: boolean) => void;
};

function positiveInt(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new InputError(field, v, "a positive integer");
  return v;
}

/** Validates options and fills in defaults; unknown keys warn. */
export function resolveSweepOptions(o: SweepRunOptions): ResolvedSweepOptions {
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) process.emitWarning(`runSweep: unknown option "${key}" ignored`);
  }
  if (typeof o.out !== "string" || o.out === "") throw new InputError("out", o.out, "an output file path");
  const format = resolveOutputFormat(o.format, o.out);
  const order = o.order ?? SWEEP_RUN_DEFAULTS.order;
  if (order !== "index" && order !== "completion") throw new InputError("order", order, '"index" or "completion"');
  if (o.resume && o.force) throw new InputError("resume", true, "either resume or force, not both");
  return {
    out: o.out,
    format,
    order,
    workers: o.workers === undefined ? availableParallelism() : positiveInt(o.workers, "workers"),
    batchSize: o.batchSize === undefined ? null : positiveInt(o.batchSize, "batchSize"),
    resume: o.resume ?? SWEEP_RUN_DEFAULTS.resume,
    force: o.force ?? SWEEP_RUN_DEFAULTS.force,
    shard: validateShard(o.shard ?? { index: 0, count: 1 }),
    fsyncIntervalMs: o.fsyncIntervalMs ?? SWEEP_RUN_DEFAULTS.fsyncIntervalMs,
    tableBatchRows: o.tableBatchRows === undefined ? SWEEP_RUN_DEFAULTS.tableBatchRows : positiveInt(o.tableBatchRows, "tableBatchRows"),
    evaluator: o.evaluator,
    evaluatorConfig: o.evaluatorConfig,
    signal: o.signal,
    onProgress: o.onProgress,
  };
}
