/**
 * Error classes shared by every layer. Each carries a stable `code` and enough context to act on
 * it; the CLI prints `message` without a stack trace and exits 2 for bad input, 1 for a failed run.
 */

/** Base class of all bfrsim errors. */
export class BfrsimError extends Error {
  /** Stable machine-readable code, e.g. `E_INPUT`, `E_STEP_UNDERFLOW`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Where in a file something was found (1-based line and column). */
export interface SourcePosition {
  file?: string;
  line?: number;
  column?: number;
}

/** Formats a position as `file:line:col` (parts that are unknown are left out). */
export function formatPosition(pos: SourcePosition | undefined): string {
  if (!pos) return "";
  const parts = [pos.file, pos.line, pos.column].filter((p) => p !== undefined && p !== "");
  return parts.join(":");
}

/**
 * Bad input: names the field, the value given and what was expected.
 * `field` is a dotted path such as `protocol.cuff.pressurePctAop` or `options.rtol`.
 */
export class InputError extends BfrsimError {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;
  readonly position?: SourcePosition;
  constructor(field: string, value: unknown, expected: string, position?: SourcePosition) {
    const where = formatPosition(position);
    super(
      "E_INPUT",
      `${where ? where + ": " : ""}${field} = ${describeValue(value)}: expected ${expected}`,
    );
    this.field = field;
    this.value = value;
    this.expected = expected;
    this.position = position;
  }
}

/** A short, printable rendering of any value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") {
    // a whole file read where a mapping was expected must not flood the one-line message
    return value.length > 120 ? `${JSON.stringify(value.slice(0, 80) + "…")} (${value.length} characters)` : JSON.stringify(value);
  }
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? s.slice(0, 77) + "..." : s;
  } catch {
    return String(value);
  }
}

/** True when an error is the user's input (CLI exit code 2) rather than a failed run (1). */
export function isInputError(err: unknown): boolean {
  return err instanceof InputError || (err instanceof BfrsimError && err.code.startsWith("E_INPUT"));
}
