/**
 * Model-file problems. Each is a ModelError with a stable code and a file:line:column position;
 * the compiler collects all of them (it does not stop at the first) and throws one
 * ModelCompileError holding the list when any is an error.
 */
import { BfrsimError, formatPosition, type SourcePosition } from "../errors.ts";

export type Severity = "error" | "warning";

/** Stable codes of model-file problems. */
export type ModelErrorCode =
  | "E_MODEL_YAML"
  | "E_MODEL_SYNTAX"
  | "E_MODEL_SCHEMA"
  | "E_MODEL_IMPORT"
  | "E_MODEL_DUPLICATE"
  | "E_MODEL_UNDEFINED_SYMBOL"
  | "E_MODEL_UNKNOWN_FUNCTION"
  | "W_MODEL_UNUSED_PARAMETER"
  | "E_MODEL_STATE_NO_RATE"
  | "E_MODEL_RATE_UNKNOWN_STATE"
  | "E_MODEL_CYCLE"
  | "E_MODEL_PARAMETER_FIELD"
  | "E_MODEL_OUT_OF_RANGE"
  | "E_MODEL_RANGE_TOO_NARROW"
  | "E_MODEL_EVIDENCE"
  | "E_MODEL_SOURCE"
  | "E_MODEL_UNIT"
  | "E_MODEL_UNIT_MISMATCH"
  | "E_MODEL_CONNECT";

/** One problem in a model file, with where it is. */
export class ModelError extends BfrsimError {
  readonly position: SourcePosition;
  readonly severity: Severity;
  /** The message without the position prefix. */
  readonly detail: string;
  constructor(code: ModelErrorCode, detail: string, position: SourcePosition, severity: Severity = "error") {
    const where = formatPosition(position);
    super(code, `${where ? where + ": " : ""}${severity === "warning" ? "warning: " : ""}${detail}`);
    this.position = position;
    this.severity = severity;
    this.detail = detail;
  }
}

/** A model that does not compile: every problem found, errors first. */
export class ModelCompileError extends BfrsimError {
  readonly problems: readonly ModelError[];
  constructor(problems: readonly ModelError[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(
      "E_INPUT_MODEL",
      `model has ${errors.length} error(s):\n` + errors.map((p) => "  " + p.message).join("\n"),
    );
    this.problems = problems;
  }
}

/** Collects problems while compiling. */
export class Diagnostics {
  readonly list: ModelError[] = [];
  error(code: ModelErrorCode, detail: string, position: SourcePosition): void {
    this.list.push(new ModelError(code, detail, position, "error"));
  }
  warn(code: ModelErrorCode, detail: string, position: SourcePosition): void {
    this.list.push(new ModelError(code, detail, position, "warning"));
  }
  get hasErrors(): boolean {
    return this.list.some((p) => p.severity === "error");
  }
  /** Errors first, then warnings; each group in file/line order. */
  sorted(): ModelError[] {
    const key = (p: ModelError) =>
      [p.severity === "error" ? 0 : 1, p.position.file ?? "", p.position.line ?? 0, p.position.column ?? 0] as const;
    return [...this.list].sort((a, b) => {
      const ka = key(a), kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
      return 0;
    });
  }
}
