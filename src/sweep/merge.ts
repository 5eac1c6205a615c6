/**
 * Joining shard outputs into one file. Every shard's manifest must come from the same spec
 * (hash), total, format and columns; every point index 0..total-1 must appear exactly once. If
 * anything is missing or duplicated nothing is written and the error says which indices.
 * Shards written in index order are merged streaming (flat memory); others are sorted in memory.
 * Joining into another format (e.g. CSV shards into one Parquet file) is `mergeSweepOutputs`.
 */
import { closeSync, existsSync, openSync, renameSync, writeSync } from "node:fs";
import { BfrsimError, InputError } from "../errors.ts";
import { VERSION } from "../version.ts";
import { LineReader } from "./lines.ts";
import { manifestPath, readManifest, writeManifest, type SweepManifest } from "./manifest.ts";
import { isTableFormat, streamFormatOf } from "./formats.ts";
import { parseRowKey } from "./rows.ts";
import { readTableRows } from "./table-read.ts";

/** Options of `mergeShards`. */
export interface MergeOptions {
  /** Overwrite an existing output. Default false. */
  force?: boolean;
}

/** What a merge wrote. */
export interface MergeResult {
  out: string;
  rows: number;
  errorCount: number;
}

/** Compresses sorted indices into "a-b" ranges for messages: [1,2,3,7] → "1-3, 7". */
export function describeIndices(indices: number[], limit = 20): string {
  const parts: string[] = [];
  for (let k = 0; k < indices.length && parts.length < limit; ) {
    let j = k;
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++;
    parts.push(j > k ? `${indices[k]}-${indices[j]}` : String(indices[k]));
    k = j + 1;
  }
  return parts.join(", ") + (parts.length >= limit ? ", …" : "");
}

/** The manifests of shard outputs `files`, checked to come from one sweep. */
export function loadManifests(files: string[]): SweepManifest[] {
  if (files.length === 0) throw new InputError("shards", files, "at least one shard output file");
  const ms = files.map((f) => {
    if (!existsSync(f)) throw new InputError("shard", f, "an existing shard output file");
    return readManifest(manifestPath(f));
  });
  const first = ms[0];
  ms.forEach((m, k) => {
    const same = m.specHash === first.specHash && m.total === first.total && m.format === first.format
      && JSON.stringify(m.columns) === JSON.stringify(first.columns);
    if (!same) throw new InputError(`shard ${files[k]}`, m.specHash.slice(0, 12), `output of the same sweep as ${files[0]} (spec hash ${first.specHash.slice(0, 12)}, ${first.total} points, ${first.format})`);
  });
  return ms;
}

/** The point indices of a sweep output's rows, in file order. */
function* rowIndices(file: string, m: SweepManifest): Generator<number> {
  if (isTableFormat(m.format)) {
    for (const row of readTableRows(file, m.format)) yield row.index as number;
    return;
  }
  const format = streamFormatOf(m.format);
  const reader = new LineReader(file);
  try {
    if (format === "csv") reader.next();
    for (let line = reader.next(); line !== null; line = reader.next()) yield parseRowKey(format, line).index;
  } finally {
    reader.close();
  }
}

/** Checks every index appears once across the files; returns whether each file is in index order. */
export function checkCoverage(files: string[], m: SweepManifest): boolean[] {
  const seen = new Uint8Array(m.total);
  const duplicates: number[] = [];
  const sorted = files.map((f) => {
    let last = -1;
    let inOrder = true;
    for (const index of rowIndices(f, m)) {
      if (!Number.isInteger(index) || index < 0 || index >= m.total) throw new BfrsimError("E_MERGE", `${f}: point index ${index} outside 0..${m.total - 1}`);
      if (seen[index]) duplicates.push(index);
      seen[index] = 1;
      if (index < last) inOrder = false;
      last = index;
    }
    return inOrder;
  });
  const missing: number[] = [];
  for (let i = 0; i < m.total; i++) if (!seen[i]) missing.push(i);
  if (missing.length > 0 || duplicates.length > 0) {
    const msg = [
      missing.length > 0 ? `${missing.length} of ${m.total} points missing (indices ${describeIndices(missing)})` : "",
      duplicates.length > 0 ? `${duplicates.length} duplicated (indices ${describeIndices(duplicates.sort((a, b) => a - b))})` : "",
    ].filter(Boolean).join("; ");
    throw new BfrsimError("E_MERGE_INCOMPLETE", `cannot merge: ${msg}; nothing written`);
  }
  return sorted;
}

/** Merges shard outputs `files` into `out` (plus `<out>.manifest.json`). */
export function mergeShards(files: string[], out: string, options: MergeOptions = {}): MergeResult {
  if (existsSync(out) && !options.force) throw new InputError("out", out, "a file that does not exist yet (use --force to overwrite)");
  const ms = loadManifests(files);
  const m = ms[0];
  if (m.format !== "csv" && m.format !== "jsonl") throw new InputError("shards", m.format, "CSV or JSON Lines shards (mergeSweepOutputs joins Arrow and Parquet)");
  const sorted = checkCoverage(files, m);
  const tmp = `${out}.partial`;
  const fd = openSync(tmp, "w");
  try {
    const readers = files.map((f) => new LineReader(f));
    let header = "";
    for (const r of readers) if (m.format === "csv") header = r.next() ?? "";
    if (m.format === "csv") writeSync(fd, header + "\n");
    const rows = sorted.every(Boolean) ? mergeSorted(readers, m.format) : sortInMemory(readers, m.format);
    for (const line of rows) writeSync(fd, line + "\n");
    readers.forEach((r) => r.close());
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, out);
  const merged = mergedManifest(ms, files);
  writeManifest(manifestPath(out), merged);
  return { out, rows: m.total, errorCount: merged.errorCount };
}

/** The manifest of the file joining shard outputs `files` (whose manifests are `ms`). */
export function mergedManifest(ms: SweepManifest[], files: string[]): SweepManifest {
  const m = ms[0];
  return {
    ...m, tool: "bfrsim merge", bfrsimVersion: VERSION, shard: null, expectedRows: m.total, status: "complete",
    rows: m.total, errorCount: ms.reduce((s, x) => s + x.errorCount, 0),
    errors: ms.flatMap((x) => x.errors).sort((a, b) => a.index - b.index).slice(0, 20),
    startedAt: ms.map((x) => x.startedAt).sort()[0], finishedAt: new Date().toISOString(), sources: files,
  };
}

/** k-way merge of readers whose rows are each in ascending index order. */
function* mergeSorted(readers: LineReader[], format: "csv" | "jsonl"): Generator<string> {
  const heads = readers.map((r) => r.next());
  const keys = heads.map((h) => (h === null ? Infinity : parseRowKey(format, h).index));
  for (;;) {
    let best = -1;
    for (let k = 0; k < keys.length; k++) if (keys[k] !== Infinity && (best < 0 || keys[k] < keys[best])) best = k;
    if (best < 0) return;
    yield heads[best]!;
    heads[best] = readers[best].next();
    keys[best] = heads[best] === null ? Infinity : parseRowKey(format, heads[best]!).index;
  }
}

/** Fallback for shards written in completion order: holds every row in memory to sort it. */
function sortInMemory(readers: LineReader[], format: "csv" | "jsonl"): string[] {
  const rows: Array<[number, string]> = [];
  for (const r of readers) for (let l = r.next(); l !== null; l = r.next()) rows.push([parseRowKey(format, l).index, l]);
  return rows.sort((a, b) => a[0] - b[0]).map(([, l]) => l);
}
