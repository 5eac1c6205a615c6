/**
 * The manifest written beside every sweep output (conventions rule 5): what produced the rows
 * (bfrsim version, spec and its hash, seed, evaluator, options) and how far the run got.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { InputError } from "../errors.ts";
import type { OutputFormat } from "./formats.ts";
import type { Shard } from "./shard.ts";
import type { SweepSpec } from "./spec.ts";

/** Contents of `<out>.manifest.json`. */
export interface SweepManifest {
  tool: "bfrsim sweep" | "bfrsim merge";
  bfrsimVersion: string;
  specHash: string;
  spec: SweepSpec;
  seed: number;
  /** Points in the whole sweep (all shards). */
  total: number;
  shard: Required<Shard> | null;
  /** Points in this file when complete. */
  expectedRows: number;
  /** The output's format; rows of a table format stream as JSON Lines in `<out>.partial`. */
  format: OutputFormat;
  order: "index" | "completion";
  columns: string[];
  evaluator: { module: string; config: unknown };
  options: Record<string, unknown>;
  status: "running" | "complete" | "aborted" | "incomplete";
  rows: number;
  errorCount: number;
  /** The first errors (index and message); `errorCount` has the total. */
  errors: Array<{ index: number; message: string }>;
  startedAt: string;
  finishedAt?: string;
  /** For merged files: the shard files joined. */
  sources?: string[];
}

/** Where the manifest of an output file lives (a `.partial` suffix is ignored). */
export function manifestPath(out: string): string {
  return `${out.replace(/\.partial$/, "")}.manifest.json`;
}

/** Reads a manifest, or throws an InputError naming the file. */
export function readManifest(path: string): SweepManifest {
  if (!existsSync(path)) throw new InputError("manifest", path, "the manifest written beside the sweep output");
  try {
    return JSON.parse(readFileSync(path, "utf8")) as SweepManifest;
  } catch (err) {
    throw new InputError("manifest", path, `valid JSON (${(err as Error).message})`);
  }
}

/** Writes a manifest atomically (temporary file, then rename). */
export function writeManifest(path: string, manifest: SweepManifest): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(manifest, null, 2) + "\n");
  renameSync(`${path}.tmp`, path);
}
