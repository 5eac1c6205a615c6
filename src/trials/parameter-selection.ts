/**
 * Model parameters as the trials commands take them: names to fit (`--fit a,b`), checked against
 * the model with "did you mean" suggestions and bounded by their declared ranges; and parameter
 * values to compare or validate with (`--params FILE`), read from a parameter file written by
 * `bfrsim fit` or a plain `name: value` mapping.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { InputError } from "../errors.ts";
import type { CompiledModel, ParameterInfo } from "../model/types.ts";
import { editDistance } from "../suggest.ts";
import type { FitParameter, ParameterValues } from "./fit/types.ts";

/** The model's parameter `name`, or an InputError naming the closest names. */
export function modelParameter(model: CompiledModel, name: string, field: string): ParameterInfo {
  const found = model.parameters.find((p) => p.name === name);
  if (found) return found;
  throw new InputError(field, name, `a parameter of model ${model.name}${suggestion(name, model)}`);
}

/** "; closest: a, b, c": the three names nearest by edit distance (on the full name or after the module prefix). */
function suggestion(name: string, model: CompiledModel): string {
  const bare = (n: string) => n.slice(n.lastIndexOf(".") + 1).toLowerCase();
  const ranked = model.parameters
    .map((p) => ({ name: p.name, d: Math.min(editDistance(name.toLowerCase(), p.name.toLowerCase()), editDistance(bare(name), bare(p.name))) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
  return `; closest: ${ranked.slice(0, 3).map((r) => r.name).join(", ")}`;
}

/** Parameters to fit, from comma-separated names: start at the model default, bounded by the declared range. */
export function fitParametersFromModel(model: CompiledModel, names: readonly string[], field = "--fit"): FitParameter[] {
  if (names.length === 0) throw new InputError(field, "", "one or more model parameter names, comma-separated");
  const seen = new Set<string>();
  return names.map((name) => {
    if (seen.has(name)) throw new InputError(field, name, "each parameter once");
    seen.add(name);
    const p = modelParameter(model, name, field);
    return { name: p.name, initial: p.value, range: [p.range[0], p.range[1]], unit: p.unit };
  });
}

/** Checks parameter values against the model: known names, finite, inside the declared range. */
export function checkParameterValues(model: CompiledModel, values: ParameterValues, field: string): ParameterValues {
  for (const [name, value] of Object.entries(values)) {
    const p = modelParameter(model, name, `${field}: ${name}`);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new InputError(`${field}: ${name}`, value, `a finite number in ${p.unit}`);
    }
    if (value < p.range[0] || value > p.range[1]) {
      throw new InputError(`${field}: ${name}`, value, `a value in its declared range [${p.range[0]}, ${p.range[1]}] ${p.unit}`);
    }
  }
  return values;
}

/**
 * Reads parameter values from a YAML/JSON file: a `bfrsim fit` parameter file (`parameters:
 * { name: { value } }`), `parameters: { name: number }`, or a top-level `name: number` mapping.
 */
export function readParameterValues(file: string, model: CompiledModel, field = "--params"): ParameterValues {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(field, file, `a readable parameter file (${(err as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new InputError(field, file, `YAML or JSON (${(err as Error).message.split("\n")[0]})`);
  }
  const table = isRecord(doc) && isRecord(doc.parameters) ? doc.parameters : doc;
  if (!isRecord(table)) throw new InputError(field, file, "a mapping of parameter names to values (or to { value: … })");
  const values: ParameterValues = {};
  for (const [name, entry] of Object.entries(table)) {
    const value = isRecord(entry) ? entry.value : entry;
    if (typeof value !== "number") throw new InputError(`${file}: ${name}`, value, "a number (or { value: number })");
    values[name] = value;
  }
  return checkParameterValues(model, values, file);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
