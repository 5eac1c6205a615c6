/**
 * Sensitivity-analysis factors from a model file: each selected parameter's declared plausible
 * `range` (docs/model-format.md), sampled on a log scale when it spans a factor ≥ 4 with a positive
 * lower end (so a range like [0.05, 2] is explored evenly per decade), linearly otherwise.
 */
import { InputError } from "../errors.ts";
import type { EvidenceGrade } from "../model/load.ts";
import type { CompiledModel, ParameterInfo } from "../model/types.ts";
import type { VariableRange } from "../sweep/scale.ts";
import { didYouMean } from "../suggest.ts";

/** Which parameters to vary. Criteria combine (a parameter must meet all given); none → all but `exclude`. */
export interface ParameterSelection {
  /** Exact names, e.g. "cuff.arterialShape". */
  names?: readonly string[];
  /** Module prefixes, e.g. "cuff" selects cuff.*. */
  modules?: readonly string[];
  /** Evidence grades, e.g. ["limited", "speculative"]. */
  evidence?: readonly EvidenceGrade[];
  /** Names never selected (e.g. the subject parameters). */
  exclude?: readonly string[];
  /** "auto" (default), "linear" or "log". */
  scale?: "auto" | "linear" | "log";
}

/** Span ratio max/min from which "auto" samples on a log scale. */
export const LOG_SCALE_MIN_RATIO = 4;

const GRADES: readonly EvidenceGrade[] = ["strong", "moderate", "limited", "speculative"];

/** The module of a parameter name ("cuff.aop" → "cuff"; top-level names → ""). */
function moduleOf(name: string): string {
  const dot = name.indexOf(".");
  return dot < 0 ? "" : name.slice(0, dot);
}

/** The selected parameters of `model` with their sampling ranges (declared units). */
export function modelParameterRanges(model: CompiledModel, sel: ParameterSelection = {}): { ranges: Record<string, Required<VariableRange>>; parameters: ParameterInfo[] } {
  const all = model.parameters;
  const known = all.map((p) => p.name);
  for (const n of sel.names ?? []) {
    if (!known.includes(n)) throw new InputError("params", n, `a parameter of model ${model.name}${didYouMean(n, known)}`);
  }
  const modules = [...new Set(known.map(moduleOf))];
  for (const m of sel.modules ?? []) {
    if (!modules.includes(m)) throw new InputError("module", m, `a module of model ${model.name} (${modules.filter(Boolean).join(", ")})${didYouMean(m, modules)}`);
  }
  for (const g of sel.evidence ?? []) {
    if (!GRADES.includes(g)) throw new InputError("evidence", g, GRADES.join(", "));
  }
  const scale = sel.scale ?? "auto";
  if (!["auto", "linear", "log"].includes(scale)) throw new InputError("scale", scale, '"auto", "linear" or "log"');
  const chosen = all.filter((p) =>
    !(sel.exclude ?? []).includes(p.name) &&
    (!sel.names?.length || sel.names.includes(p.name)) &&
    (!sel.modules?.length || sel.modules.includes(moduleOf(p.name))) &&
    (!sel.evidence?.length || sel.evidence.includes(p.evidence)));
  const ranges: Record<string, Required<VariableRange>> = {};
  const parameters: ParameterInfo[] = [];
  for (const p of chosen) {
    const [min, max] = [Math.min(...p.range), Math.max(...p.range)];
    if (!(max > min)) continue; // a fixed constant: nothing to vary
    const log = scale === "log" || (scale === "auto" && min > 0 && max / min >= LOG_SCALE_MIN_RATIO);
    if (log && min <= 0) throw new InputError("scale", "log", `linear for ${p.name}, whose range [${min}, ${max}] reaches 0`);
    ranges[p.name] = { min, max, scale: log ? "log" : "linear" };
    parameters.push(p);
  }
  if (parameters.length === 0) throw new InputError("params", sel, "a selection matching at least one parameter with a non-empty range");
  return { ranges, parameters };
}
