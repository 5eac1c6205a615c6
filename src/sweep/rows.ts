/**
 * Row formats of sweep output: CSV (RFC 4180, one physical line per row) and JSON Lines. Every
 * row starts with the point index and ends with an `error` field (empty/null when the point
 * succeeded), so a file can be resumed, merged and checked without its manifest's help.
 */
import type { Point } from "./spec.ts";
import type { PointResult } from "./worker-task.ts";

/** Output file format. */
export type RowFormat = "csv" | "jsonl";

/** The columns of a sweep's output: index, inputs, outcomes, error. */
export function outputColumns(variableNames: readonly string[], outcomes: readonly string[]): string[] {
  return ["index", ...variableNames, ...outcomes, "error"];
}

function csvField(v: string): string {
  const oneLine = v.replace(/[\r\n]+/g, " ");
  return /[",]/.test(oneLine) ? `"${oneLine.replace(/"/g, '""')}"` : oneLine;
}

function numberText(v: number): string {
  return String(v); // shortest round-trip representation: identical bits give identical text
}

/** Formats rows of one output file. */
export interface RowFormatter {
  readonly format: RowFormat;
  /** Text written once at the top of a new file ("" for JSON Lines). */
  header(): string;
  /** One row, newline-terminated. */
  row(point: Point, result: PointResult): string;
}

/** Creates the formatter for a format and column list (from `outputColumns`). */
export function rowFormatter(format: RowFormat, columns: readonly string[]): RowFormatter {
  const inputs = columns.slice(1, -1);
  if (format === "csv") {
    return {
      format,
      header: () => columns.map(csvField).join(",") + "\n",
      row(point, result) {
        const cells = [String(result.index)];
        for (const name of inputs) {
          const v = name in point ? point[name] : result.values?.[name];
          cells.push(v === undefined ? "" : typeof v === "number" ? numberText(v) : csvField(v));
        }
        cells.push(result.error === undefined ? "" : csvField(result.error || "error"));
        return cells.join(",") + "\n";
      },
    };
  }
  return {
    format,
    header: () => "",
    row(point, result) {
      const o: Record<string, unknown> = { index: result.index };
      for (const name of inputs) {
        const v = name in point ? point[name] : result.values?.[name];
        o[name] = v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? null : v;
      }
      o.error = result.error ?? null;
      return JSON.stringify(o) + "\n";
    },
  };
}

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines) into fields. */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in CSV line: ${line.slice(0, 60)}`);
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(v);
    } else {
      const c = line.indexOf(",", i);
      fields.push(line.slice(i, c < 0 ? line.length : c));
      i = c < 0 ? line.length : c;
    }
    if (i >= line.length) return fields;
    i++; // skip the comma
    if (i === line.length) {
      fields.push("");
      return fields;
    }
  }
}

/** The point index and error message (if any) of one written row. */
export function parseRowKey(format: RowFormat, line: string): { index: number; error?: string } {
  if (format === "jsonl") {
    const o = JSON.parse(line) as { index: unknown; error?: unknown };
    if (typeof o.index !== "number") throw new Error("row without an index");
    return { index: o.index, error: o.error == null ? undefined : String(o.error) };
  }
  const comma = line.indexOf(",");
  const index = Number(line.slice(0, comma));
  if (comma < 1 || !Number.isInteger(index)) throw new Error(`row without an index: ${line.slice(0, 60)}`);
  if (line.endsWith(",")) return { index };
  const fields = parseCsvLine(line);
  return { index, error: fields[fields.length - 1] };
}
