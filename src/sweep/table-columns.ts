/**
 * Column types of a sweep table: the point index as Int32, numbers as Float64 (null where a point
 * failed or a value was not finite), strings (error messages, categorical inputs) as Utf8. A column
 * is Utf8 when any of its cells is a string, so the types follow from the values alone — the same
 * whatever the worker count, shard split or row order.
 */
import { BfrsimError } from "../errors.ts";
import type { RecordBatch, Schema } from "apache-arrow";
import type { SweepRow } from "./read.ts";
import { arrowModule } from "./table-libs.ts";

/** Arrow type of one column. */
export type ColumnKind = "int32" | "float64" | "utf8";

/** How CSV spells non-finite numbers (read back as strings); in a numeric column they become null. */
const NON_FINITE_TEXT = new Set(["NaN", "Infinity", "-Infinity"]);

/** Infers each column's kind from every row (one pass, flat memory). */
export function inferColumnKinds(columns: readonly string[], rows: Iterable<SweepRow>): ColumnKind[] {
  const kinds: ColumnKind[] = columns.map((name, k) => (k === 0 ? "int32" : name === "error" && k === columns.length - 1 ? "utf8" : "float64"));
  for (const row of rows) {
    for (let k = 1; k < columns.length; k++) {
      const v = row[columns[k]];
      if (typeof v === "string" && !NON_FINITE_TEXT.has(v)) kinds[k] = "utf8";
    }
  }
  return kinds;
}

/** The Arrow schema of a sweep table; `metadata` (provenance) goes into the schema's key-value metadata. */
export function sweepSchema(columns: readonly string[], kinds: readonly ColumnKind[], metadata: Record<string, string>): Schema {
  const A = arrowModule();
  const fields = columns.map((name, k) => {
    const type = kinds[k] === "int32" ? new A.Int32() : kinds[k] === "utf8" ? new A.Utf8() : new A.Float64();
    return new A.Field(name, type, kinds[k] !== "int32");
  });
  return new A.Schema(fields, new Map(Object.entries(metadata)));
}

function cellOf(kind: ColumnKind, v: number | string | null | undefined, name: string): number | string | null {
  if (v === null || v === undefined) return null;
  if (kind === "utf8") return typeof v === "string" ? v : String(v);
  const n = typeof v === "number" ? v : Number(v);
  if (kind === "int32") {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new BfrsimError("E_TABLE", `${name} = ${v} is not a point index (an integer 0..2^31-1)`);
    return n;
  }
  return Number.isFinite(n) ? n : null;
}

/** One record batch holding `rows` (all of them: the caller bounds the count). */
export function recordBatchOf(schema: Schema, kinds: readonly ColumnKind[], rows: readonly SweepRow[]): RecordBatch {
  const A = arrowModule();
  const children = schema.fields.map((field, k) => {
    const builder = A.makeBuilder({ type: field.type, nullValues: [null] });
    for (let r = 0; r < rows.length; r++) builder.append(cellOf(kinds[k], rows[r][field.name], field.name));
    return builder.finish().flush();
  });
  const data = A.makeData({ type: new A.Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new A.RecordBatch(schema, data);
}

/** Splits a row stream into record batches of at most `batchRows` rows (at least one batch, maybe empty). */
export function* recordBatches(schema: Schema, kinds: readonly ColumnKind[], rows: Iterable<SweepRow>, batchRows: number): Generator<RecordBatch> {
  let chunk: SweepRow[] = [];
  let emitted = false;
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === batchRows) {
      yield recordBatchOf(schema, kinds, chunk);
      emitted = true;
      chunk = [];
    }
  }
  if (chunk.length > 0 || !emitted) yield recordBatchOf(schema, kinds, chunk);
}
