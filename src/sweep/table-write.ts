/**
 * Writing a sweep table (Arrow IPC file or Parquet) from a stream of rows, in bounded memory: rows
 * are gathered into record batches of `batchRows` (Parquet: one row group each) and each batch is
 * on disk before the next is built. The file appears under its name only when complete (written
 * to `<path>.converting`, fsynced, renamed), so a crash mid-way leaves no truncated table behind.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import type { RecordBatch } from "apache-arrow";
import type { TableFormat } from "./formats.ts";
import type { SweepManifest } from "./manifest.ts";
import type { SweepRow } from "./read.ts";
import { inferColumnKinds, recordBatches, sweepSchema } from "./table-columns.ts";
import { arrowModule, parquetModule } from "./table-libs.ts";

/** Options of `writeSweepTable`. */
export interface SweepTableOptions {
  format: TableFormat;
  /** Column names in order: index, inputs, outcomes, error. */
  columns: readonly string[];
  /** Provenance stored in the file's key-value metadata (bfrsim version, spec hash, seed …). */
  metadata?: Record<string, string>;
  /** Rows per record batch / Parquet row group. Default `SWEEP_TABLE_DEFAULTS.batchRows`. */
  batchRows?: number;
}

/** Defaults of `SweepTableOptions`. */
export const SWEEP_TABLE_DEFAULTS = {
  /** 65,536 rows × 8 bytes ≈ 0.5 MB per numeric column in memory at a time. */
  batchRows: 65_536,
};

/**
 * Writes the rows that `rows()` yields to `path` as an Arrow IPC file or Parquet file. `rows` is
 * called twice (once to learn the column types, once to write), so it must give the same rows each time.
 */
export async function writeSweepTable(rows: () => Iterable<SweepRow>, path: string, options: SweepTableOptions): Promise<{ rows: number }> {
  const batchRows = options.batchRows ?? SWEEP_TABLE_DEFAULTS.batchRows;
  const kinds = inferColumnKinds(options.columns, rows());
  const schema = sweepSchema(options.columns, kinds, options.metadata ?? {});
  const batches = recordBatches(schema, kinds, rows(), batchRows);
  const tmp = `${path}.converting`;
  const fd = openSync(tmp, "w");
  let count = 0;
  const counted = function* (): Generator<RecordBatch> {
    for (const b of batches) {
      count += b.numRows;
      yield b;
    }
  };
  try {
    if (options.format === "arrow") await writeArrowFile(fd, counted());
    else await writeParquetFile(fd, counted(), batchRows, options.metadata ?? {});
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  return { rows: count };
}

function writeAll(fd: number, chunk: Uint8Array): void {
  for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off, chunk.length - off);
}

/** Arrow IPC file format (Feather v2): the writer's byte queue is drained to disk after each batch. */
async function writeArrowFile(fd: number, batches: Iterable<RecordBatch>): Promise<void> {
  const A = arrowModule();
  const writer = new A.RecordBatchFileWriter();
  const drained = (async () => {
    for await (const chunk of writer) writeAll(fd, chunk);
  })();
  try {
    for (const batch of batches) {
      writer.write(batch);
      // the consumer above runs in microtasks; by the next macrotask the queue is empty again
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    writer.close(); // also on a failed batch, so the consumer ends (the caller deletes the file)
    await drained;
  }
}

/**
 * Parquet through parquet-wasm (the Rust `parquet` crate): record batches are pulled one at a time
 * into its streaming writer, which emits one row group per batch.
 */
async function writeParquetFile(fd: number, batches: Iterator<RecordBatch>, batchRows: number, metadata: Record<string, string>): Promise<void> {
  const A = arrowModule();
  const P = parquetModule();
  let failure: unknown; // parquet-wasm reports a failing source as "Dyn casting error": keep ours
  const source = new ReadableStream({
    pull(controller) {
      try {
        const next = batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        const table = P.Table.fromIPCStream(A.tableToIPC(new A.Table(next.value), "stream"));
        controller.enqueue(table.recordBatch(0));
        table.free();
      } catch (err) {
        failure = err;
        controller.error(err);
      }
    },
  }, { highWaterMark: 0 });
  const props = new P.WriterPropertiesBuilder()
    .setCompression(P.Compression.SNAPPY)
    .setMaxRowGroupSize(batchRows)
    .setCreatedBy("bfrsim (parquet-wasm)")
    .setKeyValueMetadata(new Map(Object.entries(metadata)))
    .build();
  try {
    const bytes = await P.transformParquetStream(source, props);
    for await (const chunk of bytes as unknown as AsyncIterable<Uint8Array>) writeAll(fd, chunk);
  } catch (err) {
    throw failure ?? err;
  }
}

/**
 * Provenance stored in a table's key-value metadata under the one key "bfrsim", as JSON (bfrsim
 * version, spec hash, seed, points in the whole sweep, shard); the manifest beside the file has
 * the rest. One key, because parquet-wasm orders several keys differently from run to run.
 */
export function tableMetadata(m: SweepManifest): Record<string, string> {
  const info = { version: m.bfrsimVersion, specHash: m.specHash, seed: m.seed, pointsTotal: m.total, shard: m.shard };
  return { bfrsim: JSON.stringify(info) };
}
