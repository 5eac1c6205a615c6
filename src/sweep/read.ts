/** Reading sweep outputs back for analysis: one column as numbers in point-index order. */
import { existsSync } from "node:fs";
import { InputError } from "../errors.ts";
import { LineReader } from "./lines.ts";
import { manifestPath, readManifest } from "./manifest.ts";
import { parseCsvLine, type RowFormat } from "./rows.ts";

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
  const reader = new LineReader(path);
  const format: RowFormat = m.format;
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
