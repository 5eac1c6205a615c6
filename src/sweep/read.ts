/** Reading sweep outputs back for analysis: one column as numbers in point-index order. */
import { existsSync } from "node:fs";
import { InputError } from "../errors.ts";
import { LineReader } from "./lines.ts";
import { manifestPath, readManifest } from "./manifest.ts";
import { formatFromPath, isTableFormat, streamFormatOf, type OutputFormat } from "./formats.ts";
import { parseCsvLine, type RowFormat } from "./rows.ts";
import { readTableRows } from "./table-read.ts";

/**
 * Values of `column` in a complete sweep output, indexed by point index (NaN where the point failed
 * or the cell is empty). The format and size come from the manifest beside the file.
 */
export function readSweepColumn(path: string, column: string): Float64Array {
  if (!existsSync(path)) throw new InputError("file", path, "an existing sweep output");
  const m = readManifest(manifestPath(path));
  const col = m.columns.indexOf(column);
  if (col < 0) throw new InputError("column", column, `a column of ${path} (${m.columns.join(", ")})`);
  const values = new Float64Array(m.total).fill(NaN);
  if (isTableFormat(m.format) && !path.endsWith(".partial")) {
    for (const row of readTableRows(path, m.format)) {
      const cell = row[column];
      values[row.index as number] = cell === null ? NaN : Number(cell);
    }
    return values;
  }
  const reader = new LineReader(path);
  const format = streamFormatOf(m.format);
  try {
    if (format === "csv") reader.next();
    for (let line = reader.next(); line !== null; line = reader.next()) {
      let index: number;
      let cell: unknown;
      if (format === "csv") {
        const fields = parseCsvLine(line);
        index = Number(fields[0]);
        cell = fields[col] === "" ? NaN : Number(fields[col]);
      } else {
        const o = JSON.parse(line) as Record<string, unknown>;
        index = o.index as number;
        cell = o[column] ?? NaN;
      }
      values[index] = typeof cell === "number" ? cell : Number(cell);
    }
  } finally {
    reader.close();
  }
  return values;
}

/** A row of a sweep output: numbers where the cell is numeric, strings otherwise, null when empty. */
export type SweepRow = Record<string, number | string | null>;

/** The format of a sweep output: its manifest's, else from the file name, else CSV. */
function formatOf(path: string): OutputFormat {
  const m = manifestPath(path);
  if (existsSync(m)) return readManifest(m).format;
  return formatFromPath(path) ?? "csv";
}

/**
 * The rows of a sweep output (complete or `.partial`) in file order: line formats read lazily line
 * by line, Arrow and Parquet one record batch at a time. A `.partial` file of a table format holds
 * the JSON Lines it is written from.
 */
export function* readSweepRows(path: string, format?: OutputFormat): Generator<SweepRow> {
  if (!existsSync(path)) throw new InputError("file", path, "an existing sweep output");
  const given = format ?? formatOf(path);
  if (isTableFormat(given) && !path.endsWith(".partial")) {
    yield* readTableRows(path, given);
    return;
  }
  yield* readLineRows(path, streamFormatOf(given));
}

function* readLineRows(path: string, format: RowFormat): Generator<SweepRow> {
  const reader = new LineReader(path);
  try {
    let header: string[] | null = null;
    for (let line = reader.next(); line !== null; line = reader.next()) {
      if (line === "") continue;
      if (format === "jsonl") {
        yield JSON.parse(line) as SweepRow;
        continue;
      }
      const fields = parseCsvLine(line);
      if (!header) {
        header = fields;
        continue;
      }
      const row: SweepRow = {};
      header.forEach((name, k) => {
        const cell = fields[k] ?? "";
        const n = Number(cell);
        row[name] = cell === "" ? null : name !== "error" && Number.isFinite(n) ? n : cell;
      });
      yield row;
    }
  } finally {
    reader.close();
  }
}
