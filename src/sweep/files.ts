/**
 * The files of one sweep output and the rules that protect them: an existing output or partial
 * file is never overwritten without `force`, and is only continued with `resume` when its
 * manifest says it came from the same spec, shard and format.
 */
import { existsSync, rmSync } from "node:fs";
import { InputError } from "../errors.ts";
import { manifestPath, readManifest, type SweepManifest } from "./manifest.ts";
import { isTableFormat, type OutputFormat } from "./formats.ts";
import type { Shard } from "./shard.ts";

/** Paths of an output: the final file, the partial file rows stream into, and the manifest. */
export interface OutputPaths {
  out: string;
  partial: string;
  manifest: string;
}

/** The paths belonging to output `out`. */
export function outputPaths(out: string): OutputPaths {
  return { out, partial: `${out}.partial`, manifest: manifestPath(out) };
}

/** What to do with the files found: start fresh, continue a partial file, or nothing (already complete). */
export type OutputState =
  | { kind: "fresh" }
  | { kind: "resume"; manifest: SweepManifest }
  | { kind: "complete"; manifest: SweepManifest };

function checkSameRun(m: SweepManifest, path: string, hash: string, shard: Required<Shard>, format: OutputFormat): void {
  const sameShard = (m.shard?.index ?? 0) === shard.index && (m.shard?.count ?? 1) === shard.count
    && (m.shard?.mode ?? "stride") === shard.mode;
  if (m.specHash !== hash) throw new InputError("resume", path, "output of the same spec (its manifest's spec hash differs); use --force to start over");
  if (!sameShard) throw new InputError("shard", `${shard.index}/${shard.count}`, `the shard of the run being resumed (${m.shard?.index ?? 0}/${m.shard?.count ?? 1})`);
  if (m.format !== format) throw new InputError("format", format, `the format of the run being resumed (${m.format})`);
}

/** Decides, from what exists on disk and the resume/force flags, how a run starts. */
export function inspectOutput(
  paths: OutputPaths,
  flags: { resume: boolean; force: boolean },
  run: { hash: string; shard: Required<Shard>; format: OutputFormat },
): OutputState {
  const outExists = existsSync(paths.out);
  const partialExists = existsSync(paths.partial);
  if (flags.force) {
    for (const p of [paths.out, paths.partial, paths.manifest]) rmSync(p, { force: true });
    return { kind: "fresh" };
  }
  if (!flags.resume) {
    if (outExists) throw new InputError("out", paths.out, "a file that does not exist yet (use --resume to continue or --force to overwrite)");
    if (partialExists) throw new InputError("out", paths.partial, "no interrupted run here (one exists: use --resume to continue it or --force to start over)");
    return { kind: "fresh" };
  }
  if (outExists && !(partialExists && isTableFormat(run.format))) {
    const m = readManifest(paths.manifest);
    checkSameRun(m, paths.out, run.hash, run.shard, run.format);
    return { kind: "complete", manifest: m };
  }
  // a table format's partial beside its table: stopped between writing the table and removing
  // the partial, so the table is written again from the partial (nothing is recomputed)
  if (partialExists) {
    const m = readManifest(paths.manifest);
    checkSameRun(m, paths.partial, run.hash, run.shard, run.format);
    return { kind: "resume", manifest: m };
  }
  return { kind: "fresh" };
}
