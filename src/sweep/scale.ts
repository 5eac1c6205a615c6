/** Mapping unit-cube coordinates onto a variable's range, linearly or on a log scale. */
import { InputError } from "../errors.ts";

/** A continuous range a sampled variable spans; `scale: "log"` samples log(value) uniformly. */
export interface VariableRange {
  min: number;
  max: number;
  /** Default "linear". */
  scale?: "linear" | "log";
}

/** Checks a range object; `field` names it in errors. */
export function validateRange(range: unknown, field: string): Required<VariableRange> {
  if (typeof range !== "object" || range === null || Array.isArray(range)) {
    throw new InputError(field, range, "a range object { min, max, scale? }");
  }
  const r = range as Record<string, unknown>;
  const { min, max } = r;
  const scale = r.scale ?? "linear";
  if (typeof min !== "number" || !Number.isFinite(min)) throw new InputError(`${field}.min`, min, "a finite number");
  if (typeof max !== "number" || !Number.isFinite(max)) throw new InputError(`${field}.max`, max, "a finite number");
  if (!(max > min)) throw new InputError(`${field}.max`, max, `a number greater than min (${min}); the range is empty`);
  if (scale !== "linear" && scale !== "log") throw new InputError(`${field}.scale`, scale, '"linear" or "log"');
  if (scale === "log" && min <= 0) throw new InputError(`${field}.min`, min, "a positive number for a log-scale range");
  for (const key of Object.keys(r)) {
    if (key !== "min" && key !== "max" && key !== "scale") {
      throw new InputError(`${field}.${key}`, r[key], "one of the keys min, max, scale");
    }
  }
  return { min, max, scale };
}

/** Maps u in [0, 1) to the range (linear, or geometric for log scale). */
export function scaleToRange(u: number, range: VariableRange): number {
  if (range.scale === "log") {
    const lo = Math.log(range.min);
    return Math.exp(lo + u * (Math.log(range.max) - lo));
  }
  return range.min + u * (range.max - range.min);
}
