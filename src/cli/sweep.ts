/**
 * `bfrsim sweep`: run a parameter sweep in parallel, streaming rows to disk, resumable and
 * shardable. All logic lives in src/sweep; this file parses flags, wires Ctrl-C and prints.
 */
import { InputError } from "../errors.ts";
import { applySpecFlags, normaliseSweepSpec, parseShard, progressPrinter, readSpecFile, runSweep, type SpecFlags } from "../sweep/index.ts";
import type { Command } from "./main.ts";

const USAGE = `bfrsim sweep [SPEC] [options]

  SPEC                   YAML/JSON sweep spec (optional when --set/--sample give the variables)
  --out FILE             output file (default sweep.csv, or sweep.jsonl with --format jsonl)
  --format csv|jsonl     row format (default csv)
  --workers N            worker threads (default: one per core)
  --resume               continue an interrupted run from FILE.partial
  --force                overwrite an existing output
  --shard i/N            run slice i (0-based) of N: points with index % N == i
  --evaluator MODULE     module exporting createEvaluator(config) (required until simulate is wired in)
  --order index|completion   row order (default index: sorted by point index)
  --batch N              points per worker task (default automatic)
  --set NAME=VALUES      factorial variable: 40:80:10 (inclusive range), F,M (list) or 70
  --sample lhs:N|sobol:N --sample-var NAME=MIN..MAX[:log]   sampled variables
  --outcomes A,B         outcomes to record (default: all the evaluator returns)
  --seed N               sampling seed (default 0)
  --quiet                no progress output

Exit codes: 0 complete (even with failed points, listed at the end), 1 interrupted or failed, 2 bad input.`;

interface Parsed extends SpecFlags {
  specFile?: string;
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
}

function intFlag(name: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < 1) throw new InputError(name, v ?? null, "a positive integer");
  return n;
}

function parse(args: string[]): Parsed {
  const p: Parsed = { resume: false, force: false, quiet: false, set: [], sampleVars: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new InputError(a, null, "a value after the flag");
      return v;
    };
    switch (a) {
      case "--out": p.out = value(); break;
      case "--format": p.format = value(); break;
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
      default:
        if (a.startsWith("-")) throw new InputError("option", a, "one of the options in bfrsim sweep --help");
        if (p.specFile !== undefined) throw new InputError("SPEC", a, "a single spec file");
        p.specFile = a;
    }
  }
  return p;
}

export const command: Command = {
  name: "sweep",
  summary: "run a parallel, resumable, shardable parameter sweep",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const p = parse(args);
    const base = p.specFile ? readSpecFile(p.specFile) : {};
    const spec = normaliseSweepSpec(applySpecFlags(base, p));
    const format = (p.format ?? "csv") as "csv" | "jsonl";
    const controller = new AbortController();
    let interrupts = 0;
    const onSigint = (): void => {
      interrupts++;
      if (interrupts > 1) process.exit(130);
      process.stderr.write("\nbfrsim sweep: stopping after the points in flight (Ctrl-C again to quit now); rerun with --resume to continue\n");
      controller.abort();
    };
    process.on("SIGINT", onSigint);
    process.on("SIGTERM", onSigint);
    const printer = p.quiet ? undefined : progressPrinter(process.stderr);
    try {
      const result = await runSweep(spec, {
        out: p.out ?? `sweep.${format}`, format, workers: p.workers, resume: p.resume, force: p.force,
        shard: p.shard ? parseShard(p.shard) : undefined, evaluator: p.evaluator,
        order: p.order as "index" | "completion" | undefined, batchSize: p.batch, signal: controller.signal,
        onProgress: printer,
      });
      const lines = [`bfrsim sweep: ${result.status}: ${result.rows} rows in ${result.file} (${result.computed} computed, ${result.resumed} already written) in ${result.elapsedS.toFixed(1)} s`];
      if (result.errorCount > 0) {
        lines.push(`${result.errorCount} point(s) failed; their rows carry the error:`);
        for (const e of result.errors.slice(0, 10)) lines.push(`  point ${e.index}: ${e.message}`);
        if (result.errorCount > 10) lines.push(`  … (${result.errorCount - 10} more; see the error column and ${result.manifest})`);
      }
      process.stderr.write(lines.join("\n") + "\n");
      return result.status === "complete" ? 0 : 1;
    } finally {
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigint);
    }
  },
};
