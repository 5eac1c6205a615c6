/**
 * `bfrsim sweep`: run a parameter sweep in parallel, streaming rows to disk, resumable and
 * shardable. All logic lives in src/sweep; this file parses flags, wires Ctrl-C and prints.
 * It also exports the flag parsing and run wrapper the other sweep-backed commands
 * (optimise, sensitivity, cohort, power) share.
 */
import { InputError } from "../errors.ts";
import {
  applySpecFlags, normaliseSweepSpec, parseShard, parseOutputFormat, progressPrinter, readSpecFile, resolveOutputFormat, runSweep,
  type SpecFlags, type SweepRunOptions, type SweepRunResult, type SweepSpec,
} from "../sweep/index.ts";
import { loadModel } from "../simulate/default-model.ts";
import { possibleOutcomeNames } from "../sweep/simulate-evaluator.ts";
import { closestName, didYouMean } from "../suggest.ts";
import type { Command } from "./main.ts";
import { checkPlotFile, planSweepPlot, plotUsage, writeSweepPlot } from "./sweep-plot.ts";

const EVALUATOR_FLAGS_USAGE = "  --protocol P --subject S --model M   base protocol / subject (preset or file) and model file of the BFR evaluator";

/** Usage lines of the run flags every sweep-backed command accepts. */
export const RUN_FLAGS_USAGE = `  --out FILE             output rows (FILE.partial until complete; FILE.manifest.json beside it)
  --format csv|jsonl|arrow|parquet   output format (default: from FILE's extension, else csv); arrow
                         (Arrow IPC file) and parquet are written from the JSON Lines in FILE.partial
                         when every point has a row
  --workers N            worker threads (default: one per core)
  --resume               continue an interrupted run from FILE.partial (recomputes nothing written)
  --force                overwrite an existing output
  --shard i/N            run slice i (0-based) of N: points with index % N == i
  --order index|completion   row order (default index: sorted by point index)
  --batch N              points per worker task (default automatic)
${EVALUATOR_FLAGS_USAGE}
  --quiet                no progress output`;

/** RUN_FLAGS_USAGE for the cohort commands (cohort, power): members come from the population, not --subject. */
export const COHORT_RUN_FLAGS_USAGE = RUN_FLAGS_USAGE.replace(EVALUATOR_FLAGS_USAGE, "  --protocol P --model M base protocol (preset or file) and model file; the subjects are the cohort's members");

const USAGE = `bfrsim sweep [SPEC] [options]

  SPEC                   YAML/JSON sweep spec (optional when --set/--sample give the variables)
  --evaluator MODULE     module exporting createEvaluator(config) (default: the BFR model via simulate)
  --set NAME=VALUES      factorial variable: 40:80:10 (inclusive range), F,M (list) or 70
  --sample lhs:N|sobol:N|saltelli:N|morris:N --sample-var NAME=MIN..MAX[:log]   sampled variables
                         (saltelli: N base rows, N(k+2) points; morris: N trajectories, N(k+1) points)
  --outcomes A,B         outcomes to record (default: all the evaluator returns)
  --seed N               sampling seed (default 0)
${plotUsage("the first recorded outcome", "against the first numeric swept variable (curves) or the first two (heatmap)")}
  --plot-outcome NAME    the outcome to plot (default: the first recorded)
${RUN_FLAGS_USAGE}

Exit codes: 0 complete (even with failed points, listed at the end), 1 interrupted or failed, 2 bad input.`;

/** Flags a sweep-backed command parsed: run options, spec-shaping flags, and the command's own. */
export interface SweepCliFlags extends SpecFlags {
  positional: string[];
  out?: string;
  format?: string;
  workers?: number;
  resume: boolean;
  force: boolean;
  shard?: string;
  evaluator?: string;
  order?: string;
  batch?: number;
  quiet: boolean;
  protocol?: string;
  subject?: string;
  model?: string;
  /** The command's own flags: name → values given (in order). */
  own: Record<string, string[]>;
}

/** A positive integer flag value, or an InputError naming the flag. */
export function intFlag(name: string, v: string | undefined, min = 1): number {
  const n = Number(v);
  if (v === undefined || v.trim() === "" || !Number.isInteger(n) || n < min) throw new InputError(name, v ?? null, `an integer ≥ ${min}`);
  return n;
}

/** A finite number flag value, or an InputError naming the flag. */
export function numberFlag(name: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || v.trim() === "" || !Number.isFinite(n)) throw new InputError(name, v ?? null, "a number");
  return n;
}

/** The flags parseSweepFlags knows besides a command's own (for "did you mean"). */
const RUN_FLAGS = [
  "--out", "--format", "--workers", "--batch", "--resume", "--force", "--quiet", "--shard", "--evaluator", "--order",
  "--set", "--sample", "--sample-var", "--outcomes", "--seed", "--protocol", "--subject", "--model",
];

/**
 * Parses sweep flags plus the command's `own` flags (name → whether it takes a value);
 * anything else starting with "-" is an InputError pointing at `--help`.
 */
export function parseSweepFlags(args: string[], command: string, own: Record<string, boolean> = {}): SweepCliFlags {
  const p: SweepCliFlags = { positional: [], resume: false, force: false, quiet: false, set: [], sampleVars: [], own: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new InputError(a, v ?? null, `a value after the flag (bfrsim ${command} --help)`);
      return v;
    };
    if (a in own) {
      (p.own[a] ??= []).push(own[a] ? value() : "true");
      continue;
    }
    switch (a) {
      case "--out": p.out = value(); break;
      case "--format": p.format = parseOutputFormat(value(), a); break;
      case "--workers": p.workers = intFlag(a, value()); break;
      case "--batch": p.batch = intFlag(a, value()); break;
      case "--resume": p.resume = true; break;
      case "--force": p.force = true; break;
      case "--quiet": p.quiet = true; break;
      case "--shard": p.shard = value(); break;
      case "--evaluator": p.evaluator = value(); break;
      case "--order": p.order = value(); break;
      case "--set": p.set!.push(value()); break;
      case "--sample": p.sample = value(); break;
      case "--sample-var": p.sampleVars!.push(value()); break;
      case "--outcomes": p.outcomes = value(); break;
      case "--seed": p.seed = value(); break;
      case "--protocol": p.protocol = value(); break;
      case "--subject": p.subject = value(); break;
      case "--model": p.model = value(); break;
      default:
        if (a.startsWith("-")) {
          const near = closestName(a, [...RUN_FLAGS, ...Object.keys(own)]);
          throw new InputError("option", a, `one of the options of bfrsim ${command}${near ? `; did you mean ${near}?` : ""} (bfrsim ${command} --help)`);
        }
        p.positional.push(a);
    }
  }
  return p;
}

/** The last value of an own flag, or undefined. */
export function ownFlag(p: SweepCliFlags, name: string): string | undefined {
  const v = p.own[name];
  return v ? v[v.length - 1] : undefined;
}

/** The BFR evaluator config from --protocol/--subject/--model (only the ones given). */
export function simulateConfig(p: SweepCliFlags): Record<string, string> {
  const cfg: Record<string, string> = {};
  if (p.protocol) cfg.protocol = p.protocol;
  if (p.subject) cfg.subject = p.subject;
  if (p.model) cfg.model = p.model;
  return cfg;
}

/**
 * A raw spec with evaluator config entries added (so they are part of the spec hash: a resume
 * with a different protocol, subject or cohort is refused).
 */
export function withEvaluatorConfig(raw: Record<string, unknown>, config: Record<string, unknown>): Record<string, unknown> {
  if (Object.keys(config).length === 0) return raw;
  const ev = (raw.evaluator ?? {}) as Record<string, unknown>;
  return { ...raw, evaluator: { ...ev, config: { ...((ev.config as Record<string, unknown>) ?? {}), ...config } } };
}

/**
 * Refuses outcome names the BFR evaluator cannot return (closest name suggested), before anything
 * runs. Skipped with a custom --evaluator (its outcomes are known only once it runs).
 */
export function checkOutcomeNames(names: readonly string[], field: string, p: SweepCliFlags, extra: readonly string[] = []): void {
  if (p.evaluator || names.length === 0) return;
  const known = [...possibleOutcomeNames(loadModel(p.model)), ...extra];
  for (const name of names) {
    if (!known.includes(name)) throw new InputError(field, name, `an outcome of the BFR model${didYouMean(name, known)} (bfrsim sweep --help; docs/sweeps.md)`);
  }
}

/**
 * Runs a sweep for a CLI command: Ctrl-C/SIGTERM stop after the points in flight (twice: at once),
 * progress on stderr unless --quiet, and a closing summary (failed points listed) on stderr.
 */
export async function runSweepCli(
  command: string, spec: SweepSpec, p: SweepCliFlags, defaults: { out: string; evaluator?: string },
): Promise<SweepRunResult> {
  const format = resolveOutputFormat(p.format, p.out);
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(`\nbfrsim ${command}: stopping after the points in flight (Ctrl-C again to quit now); rerun with --resume to continue\n`);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const options: SweepRunOptions = {
    out: p.out ?? defaults.out, format, workers: p.workers, resume: p.resume, force: p.force,
    shard: p.shard ? parseShard(p.shard) : undefined, evaluator: p.evaluator ?? defaults.evaluator,
    order: p.order as "index" | "completion" | undefined, batchSize: p.batch, signal: controller.signal,
    onProgress: p.quiet ? undefined : progressPrinter(process.stderr),
  };
  try {
    const result = await runSweep(spec, options);
    const lines = [`bfrsim ${command}: ${result.status}: ${result.rows} rows in ${result.file} (${result.computed} computed, ${result.resumed} already written) in ${result.elapsedS.toFixed(1)} s`];
    if (result.errorCount > 0) {
      lines.push(`${result.errorCount} point(s) failed; their rows carry the error:`);
      for (const e of result.errors.slice(0, 10)) lines.push(`  point ${e.index}: ${e.message}`);
      if (result.errorCount > 10) lines.push(`  … (${result.errorCount - 10} more; see the error column and ${result.manifest})`);
    }
    if (result.status !== "complete") lines.push(`rerun the same command with --resume to continue`);
    process.stderr.write(lines.join("\n") + "\n");
    return result;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

export const command: Command = {
  name: "sweep",
  summary: "run a parallel, resumable, shardable parameter sweep",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const p = parseSweepFlags(args, "sweep", { "--plot": true, "--plot-outcome": true });
    const plotFile = ownFlag(p, "--plot");
    const plotOutcome = ownFlag(p, "--plot-outcome");
    checkPlotFile(plotFile);
    if (plotOutcome !== undefined && plotFile === undefined) throw new InputError("--plot-outcome", plotOutcome, "--plot FILE.svg|FILE.png as well");
    if (plotFile !== undefined && p.shard) throw new InputError("--plot", plotFile, "no --shard (a shard holds a slice of the points): after bfrsim merge, rerun without --shard, with --out MERGED --resume --plot FILE (computes nothing)");
    if (p.positional.length > 1) throw new InputError("SPEC", p.positional[1], "a single spec file");
    const base = p.positional[0] ? readSpecFile(p.positional[0]) : {};
    const spec = normaliseSweepSpec(withEvaluatorConfig(applySpecFlags(base, p), simulateConfig(p)));
    const plan = plotFile === undefined ? undefined : planSweepPlot(spec, plotFile, plotOutcome);
    if (!spec.evaluator.module) {
      checkOutcomeNames(spec.outcomes ?? [], "outcomes", p);
      if (plotOutcome !== undefined) checkOutcomeNames([plotOutcome], "--plot-outcome", p);
    }
    const format = resolveOutputFormat(p.format, p.out);
    const result = await runSweepCli("sweep", spec, p, { out: `sweep.${format}` });
    if (result.status !== "complete") return 1;
    if (plan) {
      const outcome = writeSweepPlot(plan, spec, result.file, p);
      if (!p.quiet) process.stderr.write(`bfrsim sweep: figure of ${outcome} in ${plan.file}\n`);
    }
    return 0;
  },
};
