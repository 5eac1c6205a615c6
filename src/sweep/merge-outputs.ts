/**
 * Joining shard outputs into any format: CSV or JSON Lines shards into one Arrow or Parquet file,
 * Arrow/Parquet shards into one table or line file. The same checks as `mergeShards` (one sweep,
 * every point exactly once, nothing written otherwise); rows come out sorted by point index.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";
import { InputError } from "../errors.ts";
import { formatFromPath, isTableFormat, parseOutputFormat, type OutputFormat } from "./formats.ts";
import { manifestPath, writeManifest } from "./manifest.ts";
import { checkCoverage, loadManifests, mergedManifest, mergeShards, type MergeResult } from "./merge.ts";
import { readSweepRows, type SweepRow } from "./read.ts";
import { rowFormatter, type RowFormat } from "./rows.ts";
import type { Point } from "./spec.ts";
import { SWEEP_TABLE_DEFAULTS, tableMetadata, writeSweepTable } from "./table-write.ts";

/** Options of `mergeSweepOutputs`. */
export interface MergeOutputsOptions {
  /** Overwrite an existing output. Default false. */
  force?: boolean;
  /** Format of the merged file. Default: from its extension, else the shards' format. */
  format?: OutputFormat;
  /** Rows per record batch / row group of a table output. Default 65,536. */
  tableBatchRows?: number;
}

/** Merges shard outputs `files` (any one format) into `out` in `options.format`, plus its manifest. */
export async function mergeSweepOutputs(files: string[], out: string, options: MergeOutputsOptions = {}): Promise<MergeResult> {
  if (existsSync(out) && !options.force) throw new InputError("out", out, "a file that does not exist yet (use --force to overwrite)");
  const ms = loadManifests(files);
  const from = ms[0].format;
  const format = options.format !== undefined ? parseOutputFormat(options.format) : (formatFromPath(out) ?? from);
  if (format === from && !isTableFormat(format)) return mergeShards(files, out, { force: options.force });
  const sorted = checkCoverage(files, ms[0]).every(Boolean);
  const manifest = { ...mergedManifest(ms, files), format };
  const rows = (): Iterable<SweepRow> => mergedRows(files, from, sorted);
  if (isTableFormat(format)) {
    await writeSweepTable(rows, out, { format, columns: manifest.columns, metadata: tableMetadata(manifest),
      batchRows: options.tableBatchRows ?? SWEEP_TABLE_DEFAULTS.batchRows });
  } else {
    writeLineFile(rows(), out, format, manifest.columns);
  }
  writeManifest(manifestPath(out), manifest);
  return { out, rows: manifest.rows, errorCount: manifest.errorCount };
}

/**
 * Rows of every file in point-index order: a k-way merge (flat memory) when each file is sorted,
 * else all rows are sorted in memory (files written with `order: "completion"`).
 */
export function* mergedRows(files: string[], format: OutputFormat, sorted: boolean): Generator<SweepRow> {
  if (!sorted) {
    const all: SweepRow[] = [];
    for (const f of files) for (const row of readSweepRows(f, format)) all.push(row);
    yield* all.sort((a, b) => (a.index as number) - (b.index as number));
    return;
  }
  const sources = files.map((f) => readSweepRows(f, format));
  const heads = sources.map((s) => s.next());
  for (;;) {
    let best = -1;
    for (let k = 0; k < heads.length; k++) {
      if (!heads[k].done && (best < 0 || (heads[k].value as SweepRow).index! < (heads[best].value as SweepRow).index!)) best = k;
    }
    if (best < 0) return;
    yield heads[best].value as SweepRow;
    heads[best] = sources[best].next();
  }
}

/** Writes rows as CSV or JSON Lines (to `<out>.partial`, then renamed). */
function writeLineFile(rows: Iterable<SweepRow>, out: string, format: RowFormat, columns: readonly string[]): void {
  const formatter = rowFormatter(format, columns);
  const tmp = `${out}.partial`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, formatter.header());
    for (const row of rows) {
      const point: Point = {};
      for (const name of columns.slice(1, -1)) if (row[name] !== null && row[name] !== undefined) point[name] = row[name];
      const error = row.error === null || row.error === undefined ? undefined : String(row.error);
      writeSync(fd, formatter.row(point, { index: row.index as number, error }));
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, out);
}
