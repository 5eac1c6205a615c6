/** Parameter vectors ↔ named values. */
import type { ParameterValues } from "./types.ts";

/** Parameter values keyed by name from a vector in the parameters' order. */
export function toValues(names: readonly string[], values: readonly number[]): ParameterValues {
  const out: ParameterValues = {};
  names.forEach((n, i) => (out[n] = values[i]));
  return out;
}
