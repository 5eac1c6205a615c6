/**
 * Typed reading of one CSV record's cells by column name. Every reader returns a value (null
 * when the cell is empty or bad) and, when the cell is bad, appends an issue with the cell's
 * file:line:column, so one pass over a file collects every problem.
 */
import type { CsvField, CsvRecord } from "./csv.ts";
import type { TrialDataIssue } from "./errors.ts";

/** Reads the cells of one record; bad cells become issues in `issues`. */
export class RowCells {
  constructor(
    private readonly file: string,
    private readonly columnIndex: ReadonlyMap<string, number>,
    private readonly record: CsvRecord,
    private readonly issues: TrialDataIssue[],
  ) {}

  /** The positioned field of a column (the record's last field position if it is missing). */
  field(column: string): CsvField {
    const idx = this.columnIndex.get(column);
    const f = idx === undefined ? undefined : this.record.fields[idx];
    if (f) return f;
    const last = this.record.fields[this.record.fields.length - 1];
    return { value: "", line: last?.line ?? this.record.line, column: last?.column ?? 1 };
  }

  /** Where each named column's cell starts. */
  positions(): Record<string, { line: number; column: number }> {
    const out: Record<string, { line: number; column: number }> = {};
    for (const name of this.columnIndex.keys()) {
      const f = this.field(name);
      out[name] = { line: f.line, column: f.column };
    }
    return out;
  }

  /** Reports an issue at a column's cell. */
  report(column: string, value: unknown, expected: string): void {
    const f = this.field(column);
    this.issues.push({ file: this.file, line: f.line, column: f.column, field: column, value, expected });
  }

  /** The cell's text, trimmed; null when empty. */
  text(column: string): string | null {
    const v = this.field(column).value.trim();
    return v === "" ? null : v;
  }

  /** A text cell that must not be empty. */
  requiredText(column: string, expected = "a non-empty value"): string {
    const v = this.text(column);
    if (v === null) this.report(column, "", expected);
    return v ?? "";
  }

  /** A number (finite decimal); null when empty. `min`/`integer` constrain it. */
  number(column: string, opts: { min?: number; max?: number; integer?: boolean; required?: boolean } = {}): number | null {
    const raw = this.text(column);
    if (raw === null) {
      if (opts.required) this.report(column, "", "a number");
      return null;
    }
    // Number("") and Number(" ") are 0 and Number("0x10") is 16: accept plain decimals only.
    const ok = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw);
    const v = ok ? Number(raw) : NaN;
    const range = describeRange(opts);
    if (!Number.isFinite(v)) {
      this.report(column, raw, `a number${range}`);
      return null;
    }
    if (opts.integer && !Number.isInteger(v)) {
      this.report(column, raw, `a whole number${range}`);
      return null;
    }
    if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      this.report(column, raw, `a number${range}`);
      return null;
    }
    return v;
  }

  /** One of `allowed`; null when empty (reported when `required`). Lists the allowed values on error. */
  enumeration<T extends string>(column: string, allowed: readonly T[], required = false): T | null {
    const raw = this.text(column);
    const expected = `one of: ${allowed.join(", ")}`;
    if (raw === null) {
      if (required) this.report(column, "", expected);
      return null;
    }
    if (!(allowed as readonly string[]).includes(raw)) {
      this.report(column, raw, expected);
      return null;
    }
    return raw as T;
  }

  /** `true` or `false` (required). */
  boolean(column: string): boolean {
    const raw = this.text(column);
    if (raw === "true") return true;
    if (raw === "false") return false;
    this.report(column, raw ?? "", "true or false");
    return false;
  }
}

function describeRange(opts: { min?: number; max?: number; integer?: boolean }): string {
  if (opts.min !== undefined && opts.max !== undefined) return ` in [${opts.min}, ${opts.max}]`;
  if (opts.min !== undefined) return ` ≥ ${opts.min}`;
  if (opts.max !== undefined) return ` ≤ ${opts.max}`;
  return "";
}
