/**
 * Reading sweep tables (Arrow IPC file, Parquet) back as rows, synchronously so every reader of
 * sweep outputs (analysis, plots, merge) takes any format. The file's bytes are read once; rows are
 * decoded one record batch (Arrow) or one page of `pageRows` rows (Parquet) at a time.
 */
import { readFileSync } from "node:fs";
import type { RecordBatch, Table } from "apache-arrow";
import type { TableFormat } from "./formats.ts";
import type { SweepRow } from "./read.ts";
import { arrowModule, parquetModule } from "./table-libs.ts";

const PAGE_ROWS = 65_536;

function* rowsOfBatch(batch: RecordBatch | Table): Generator<SweepRow> {
  const names = batch.schema.fields.map((f) => f.name);
  const vectors = names.map((_, k) => batch.getChildAt(k)!);
  for (let r = 0; r < batch.numRows; r++) {
    const row: SweepRow = {};
    for (let k = 0; k < names.length; k++) {
      const v: unknown = vectors[k].get(r);
      row[names[k]] = v === null || v === undefined ? null : typeof v === "bigint" ? Number(v) : (v as number | string);
    }
    yield row;
  }
}

/** The rows of an Arrow IPC file (or stream) or Parquet file, in file order. */
export function* readTableRows(path: string, format: TableFormat): Generator<SweepRow> {
  const bytes = new Uint8Array(readFileSync(path));
  const A = arrowModule();
  if (format === "arrow") {
    for (const batch of A.RecordBatchReader.from(bytes)) yield* rowsOfBatch(batch);
    return;
  }
  const P = parquetModule();
  for (let offset = 0; ; offset += PAGE_ROWS) {
    const page = A.tableFromIPC(P.readParquet(bytes, { offset, limit: PAGE_ROWS }).intoIPCStream());
    if (page.numRows === 0) return;
    yield* rowsOfBatch(page);
    if (page.numRows < PAGE_ROWS) return;
  }
}
