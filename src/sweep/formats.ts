/**
 * Output formats of a sweep. Rows always stream, resumably, to a line file (`<out>.partial`): CSV
 * or JSON Lines. The table formats (Apache Arrow IPC file, Parquet) are written from that stream
 * once every point has a row — JSON Lines underneath them, because it keeps numbers and strings
 * apart, so the table's column types never depend on how a cell was spelt.
 */
import { InputError } from "../errors.ts";
import type { RowFormat } from "./rows.ts";

/** A columnar output written when the sweep completes. */
export type TableFormat = "arrow" | "parquet";

/** What `--format` accepts: a line format, or a table format. */
export type OutputFormat = RowFormat | TableFormat;

/** Every output format, in the order the help lists them. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["csv", "jsonl", "arrow", "parquet"];

/** File extensions that name a format when `--format` is not given. */
const EXTENSIONS: Record<string, OutputFormat> = {
  ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".arrow": "arrow", ".feather": "arrow", ".parquet": "parquet",
};

/** True for the columnar formats written at completion. */
export function isTableFormat(format: OutputFormat): format is TableFormat {
  return format === "arrow" || format === "parquet";
}

/** The line format rows stream into while a sweep of `format` runs (and that resume reads). */
export function streamFormatOf(format: OutputFormat): RowFormat {
  return isTableFormat(format) ? "jsonl" : format;
}

/** The format an output file name implies (by extension, `.partial` ignored), or undefined. */
export function formatFromPath(path: string): OutputFormat | undefined {
  const m = /(\.[A-Za-z]+)(\.partial)?$/.exec(path);
  return m ? EXTENSIONS[m[1].toLowerCase()] : undefined;
}

/** Checks a format value (from a flag, option or manifest); InputError naming `field` otherwise. */
export function parseOutputFormat(value: unknown, field = "format"): OutputFormat {
  if (typeof value === "string" && (OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new InputError(field, value, `one of ${OUTPUT_FORMATS.join(", ")}`);
}

/**
 * The format of a run: the one given, else the output file's extension (.arrow, .parquet, .jsonl),
 * else CSV.
 */
export function resolveOutputFormat(given: unknown, out: string | undefined): OutputFormat {
  if (given !== undefined) return parseOutputFormat(given);
  return (out !== undefined ? formatFromPath(out) : undefined) ?? "csv";
}
