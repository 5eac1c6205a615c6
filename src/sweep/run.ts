/**
 * Running a sweep: points are enumerated lazily, sent in batches to a pool of worker threads
 * (tinypool), and their rows streamed to `<out>.partial` as they finish — in point order through a
 * reorder buffer of at most a few batches, or in completion order. The partial file is fsynced at
 * intervals and renamed to `<out>` when every point has a row; a failed point gets its error in
 * its row. Killing the process loses at most the rows in flight; `resume` continues from the file.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import Tinypool from "tinypool";
import { BfrsimError, InputError } from "../errors.ts";
import { VERSION } from "../version.ts";
import { evaluatorModuleUrl, importEvaluatorModule } from "./evaluator.ts";
import { inspectOutput, outputPaths, type OutputPaths } from "./files.ts";
import { isTableFormat, streamFormatOf } from "./formats.ts";
import { writeManifest, type SweepManifest } from "./manifest.ts";
import { resolveSweepOptions, type ResolvedSweepOptions, type SweepRunOptions } from "./options.ts";
import { scanPartial, truncateTo } from "./partial.ts";
import { checkAgainstEvaluator, planSweep, preflightPoints, type SweepPlan } from "./plan.ts";
import { outputColumns, rowFormatter } from "./rows.ts";
import { shardIndices, shardSize } from "./shard.ts";
import type { SweepSpec } from "./spec.ts";
import { EVALUATOR_CREATE_FAILED, type BatchTask, type PointResult } from "./worker-task.ts";
import { createRowSink, dispatchAll } from "./dispatch.ts";
import { mergedRows } from "./merge-outputs.ts";
import { readSweepRows } from "./read.ts";
import { tableMetadata, writeSweepTable } from "./table-write.ts";

/** What a sweep run did. */
export interface SweepRunResult {
  status: "complete" | "aborted";
  /** The file holding the rows: `out` when complete, `<out>.partial` when aborted. */
  file: string;
  manifest: string;
  /** Rows in the file (written now or before a resume). */
  rows: number;
  /** Points evaluated by this run. */
  computed: number;
  /** Points skipped because a previous run had written them. */
  resumed: number;
  errorCount: number;
  errors: Array<{ index: number; message: string }>;
  elapsedS: number;
}

const WORKER_URL = new URL("./worker.mjs", import.meta.url).href;
/** The evaluator used when neither the options nor the spec name one: the BFR model via simulate(). */
export const DEFAULT_EVALUATOR = new URL("./simulate-evaluator.ts", import.meta.url).href;
const PROBE_POINTS = 8;

/** Runs (or resumes) a sweep of `spec`, writing rows to `options.out`. */
export async function runSweep(spec: SweepSpec, options: SweepRunOptions): Promise<SweepRunResult> {
  const t0 = performance.now();
  const opts = resolveSweepOptions(options);
  const plan = planSweep(spec);
  if (isTableFormat(opts.format) && plan.size > 0x7fffffff) {
    throw new InputError("format", opts.format, `csv or jsonl for a sweep of ${plan.size} points (a table's index column is Int32: at most 2^31 − 1 points)`);
  }
  const paths = outputPaths(opts.out);
  const modulePath = opts.evaluator ?? spec.evaluator.module ?? DEFAULT_EVALUATOR;
  const moduleUrl = evaluatorModuleUrl(modulePath);
  const config = opts.evaluatorConfig ?? spec.evaluator.config ?? null;
  const state = inspectOutput(paths, opts, { hash: plan.hash, shard: opts.shard, format: opts.format });
  if (state.kind === "complete") {
    const m = state.manifest;
    return { status: "complete", file: paths.out, manifest: paths.manifest, rows: m.rows, computed: 0, resumed: m.rows,
      errorCount: m.errorCount, errors: m.errors, elapsedS: 0 };
  }
  const mod = await importEvaluatorModule(moduleUrl);
  checkAgainstEvaluator(plan, mod);
  if (mod.checkPoint) for (const point of preflightPoints(plan)) mod.checkPoint(point, config);
  const pool = new Tinypool({ filename: WORKER_URL, minThreads: opts.workers, maxThreads: opts.workers, idleTimeout: 1000 });
  // tinypool unrefs starting and idle workers; with tasks still queued nothing else would keep the
  // event loop (and so this promise) alive, so a ref'd timer does until the pool is destroyed.
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    const probed = new Map<number, PointResult>();
    const outcomes = state.kind === "resume"
      ? state.manifest.columns.slice(1 + plan.variableNames.length, -1)
      : (spec.outcomes ?? mod.outcomes ?? (await probeOutcomes(pool, plan, moduleUrl, config, probed)));
    const columns = outputColumns(plan.variableNames, outcomes);
    const formatter = rowFormatter(streamFormatOf(opts.format), columns);
    const expected = shardSize(plan.size, opts.shard);
    const manifest: SweepManifest = {
      tool: "bfrsim sweep", bfrsimVersion: VERSION, specHash: plan.hash, spec, seed: spec.seed, total: plan.size,
      shard: opts.shard.count > 1 ? opts.shard : null, expectedRows: expected, format: opts.format, order: opts.order,
      columns, evaluator: { module: modulePath, config },
      options: { workers: opts.workers, batchSize: opts.batchSize, fsyncIntervalMs: opts.fsyncIntervalMs },
      status: "running", rows: 0, errorCount: 0, errors: [], startedAt: new Date().toISOString(),
    };
    let done: Uint8Array = new Uint8Array(0);
    let needHeader = true;
    if (state.kind === "resume") {
      const scan = scanPartial(paths.partial, formatter.format, plan.size, formatter.header());
      truncateTo(paths.partial, scan.hasHeader ? scan.validBytes : 0);
      done = scan.done;
      needHeader = !scan.hasHeader;
      Object.assign(manifest, { rows: scan.rows, errorCount: scan.errorCount, errors: scan.errors, startedAt: state.manifest.startedAt });
    }
    mkdirSync(dirname(paths.out), { recursive: true });
    writeManifest(paths.manifest, manifest);
    const fd = openSync(paths.partial, state.kind === "resume" ? "a" : "w");
    const resumed = manifest.rows;
    let outcome: { aborted: boolean; fatal?: string } = { aborted: false };
    try {
      if (needHeader) writeSync(fd, formatter.header());
      const sink = createRowSink(fd, formatter, manifest, opts.fsyncIntervalMs);
      const todo = pendingIndices(plan.size, opts, done);
      const progress = { expected, resumed, t0, onProgress: opts.onProgress };
      outcome = await dispatchAll({ pool, plan, todo, sink, opts, moduleUrl, config, outcomes, progress, probed });
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const complete = !outcome.aborted && !outcome.fatal && manifest.rows === expected;
    if (complete && isTableFormat(opts.format)) await writeTableFromPartial(paths, manifest, opts.tableBatchRows);
    else if (complete) renameSync(paths.partial, paths.out);
    manifest.status = complete ? "complete" : "aborted";
    manifest.finishedAt = new Date().toISOString();
    writeManifest(paths.manifest, manifest);
    if (complete && isTableFormat(opts.format)) rmSync(paths.partial); // only now: the manifest says complete
    if (outcome.fatal) {
      throw new BfrsimError("E_EVALUATOR", `${outcome.fatal}; ${manifest.rows} rows kept in ${paths.partial} (fix the evaluator config, then --resume)`);
    }
    return {
      status: complete ? "complete" : "aborted", file: complete ? paths.out : paths.partial, manifest: paths.manifest,
      rows: manifest.rows, computed: manifest.rows - resumed, resumed, errorCount: manifest.errorCount,
      errors: manifest.errors, elapsedS: (performance.now() - t0) / 1000,
    };
  } finally {
    await pool.destroy();
    clearInterval(keepAlive);
  }
}

/**
 * Writes the Arrow/Parquet table of a completed run from its JSON Lines partial file. If this
 * fails the partial file keeps every row and `--resume` writes the table again without evaluating.
 */
async function writeTableFromPartial(paths: OutputPaths, manifest: SweepManifest, batchRows: number): Promise<void> {
  const format = manifest.format;
  if (!isTableFormat(format)) return;
  try {
    const sorted = isSorted(paths.partial);
    const rows = () => mergedRows([paths.partial], "jsonl", sorted);
    await writeSweepTable(rows, paths.out, { format, columns: manifest.columns, metadata: tableMetadata(manifest), batchRows });
  } catch (err) {
    // every row is computed, only the table is missing
    writeManifest(paths.manifest, { ...manifest, status: "incomplete", finishedAt: new Date().toISOString() });
    throw new BfrsimError("E_TABLE", `writing ${paths.out} failed (${(err as Error).message}); all ${manifest.rows} rows are kept in ${paths.partial}: rerun with --resume to write the table again`);
  }
}

/** True when the rows of a JSON Lines file are in ascending point order (always, unless `order: "completion"`). */
function isSorted(path: string): boolean {
  let last = -1;
  for (const row of readSweepRows(path, "jsonl")) {
    if ((row.index as number) < last) return false;
    last = row.index as number;
  }
  return true;
}

/** Indices of this shard not yet written, ascending, generated lazily. */
function* pendingIndices(total: number, opts: ResolvedSweepOptions, done: Uint8Array): Generator<number> {
  for (const i of shardIndices(total, opts.shard)) if (done.length === 0 || !done[i]) yield i;
}

/**
 * Evaluates the first points of the whole sweep (not just this shard) to learn the outcome names;
 * their results go into `probed` so points of this shard are not computed twice.
 */
async function probeOutcomes(
  pool: Tinypool, plan: SweepPlan, moduleUrl: string, config: unknown, probed: Map<number, PointResult>,
): Promise<string[]> {
  const inputs = new Set(plan.variableNames);
  let firstError = "";
  for (let i = 0; i < Math.min(PROBE_POINTS, plan.size); i++) {
    const task: BatchTask = { moduleUrl, config, outcomes: null, points: [[i, plan.pointAt(i)]] };
    let r: PointResult;
    try {
      [r] = (await pool.run(task)) as PointResult[];
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      throw new BfrsimError("E_EVALUATOR", text.replace(`${EVALUATOR_CREATE_FAILED}: `, ""));
    }
    probed.set(i, r);
    if (r.values) return Object.keys(r.values).filter((k) => !inputs.has(k) && k !== "index" && k !== "error");
    firstError ||= r.error ?? "";
  }
  throw new BfrsimError("E_SWEEP_PROBE", `the first ${Math.min(PROBE_POINTS, plan.size)} points all failed (point 0: ${firstError}), so the outcome names are unknown; fix the spec, or name the outcomes in it to record the failures`);
}
