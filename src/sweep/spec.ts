/**
 * Sweep specifications: which variables take which values, which are sampled over ranges, which
 * outcomes to record. A spec comes from a YAML/JSON file or CLI flags and is validated once into a
 * frozen `SweepSpec`; `src/sweep/plan.ts` turns it into an enumerable list of points.
 *
 * ```yaml
 * variables:                     # full factorial, last variable varies fastest
 *   pressurePctAop: 40:80:10     # inclusive range from:to:step
 *   sex: [F, M]                  # list
 * sample:                        # crossed with the factorial: every combination gets n samples
 *   method: sobol                # or lhs; saltelli / morris for sensitivity designs
 *   n: 64
 *   variables:
 *     aopMmHg: { min: 110, max: 220 }
 *     kIl6PerS: { min: 0.001, max: 0.1, scale: log }
 * fixed: { ageYears: 70 }        # constants passed with every point
 * outcomes: [csaGainPct]         # default: everything the evaluator returns
 * seed: 42
 * evaluator: { module: ./my-evaluator.ts, config: {} }
 * ```
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { InputError } from "../errors.ts";
import { validateSeed } from "./prng.ts";
import { validateRange, type VariableRange } from "./scale.ts";
import { SOBOL_MAX_DIMENSION } from "./sobol.ts";

/** A value a variable takes at a point. */
export type VariableValue = number | string;
/** One point of a sweep: variable name → value. */
export type Point = Record<string, VariableValue>;

/** Sampling of continuous variables over ranges. */
export interface SampleSpec {
  /**
   * lhs, sobol: n points. saltelli: a Sobol'-index design of n base rows, n(k+2) points.
   * morris: n trajectories of an elementary-effects design, n(k+1) points (k sampled variables).
   */
  method: "lhs" | "sobol" | "saltelli" | "morris";
  /** Sample size (points, base rows or trajectories, by method) per factorial combination. */
  n: number;
  /** Grid levels of a Morris design (even, ≥ 2). Default 4. */
  levels?: number;
  variables: Record<string, Required<VariableRange>>;
}

const SAMPLE_METHODS = ["lhs", "sobol", "saltelli", "morris"];

/** A validated, frozen sweep specification. */
export interface SweepSpec {
  /** Factorial variables: name → the values it takes, in spec order. */
  readonly variables: Readonly<Record<string, readonly VariableValue[]>>;
  readonly sample: Readonly<SampleSpec> | null;
  readonly fixed: Readonly<Record<string, VariableValue>>;
  /** Outcomes to record; null means everything the evaluator returns. */
  readonly outcomes: readonly string[] | null;
  readonly seed: number;
  readonly evaluator: { readonly module?: string; readonly config?: unknown };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
const RESERVED = new Set(["index", "error"]);
const TOP_KEYS = ["variables", "sample", "fixed", "outcomes", "seed", "evaluator"];

/** Rounds away binary noise from from + k*step (0.1:0.3:0.1 gives 0.3, not 0.30000000000000004). */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** Parses an inclusive range "from:to:step" (e.g. "40:80:10") into its values. */
export function parseRangeString(text: string, field: string): number[] {
  const parts = text.split(":").map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.length !== 3 || parts.some((p) => p === "") || nums.some((x) => !Number.isFinite(x))) {
    throw new InputError(field, text, 'an inclusive range "from:to:step" of three finite numbers, e.g. "40:80:10"');
  }
  return rangeValues(nums[0], nums[1], nums[2], field);
}

/** Values from `from` to `to` inclusive in steps of `step`; the step must be non-zero and point towards `to`. */
export function rangeValues(from: number, to: number, step: number, field: string): number[] {
  if (step === 0) throw new InputError(`${field}.step`, step, "a non-zero step");
  const spans = (to - from) / step;
  if (spans < -1e-9) {
    throw new InputError(`${field}.step`, step, `a step with the sign of to - from (${to} - ${from}); this range is empty`);
  }
  const count = Math.floor(spans + 1e-9) + 1;
  if (count > 1e7) throw new InputError(field, `${from}:${to}:${step}`, "at most 10,000,000 values");
  const values: number[] = [];
  for (let k = 0; k < count; k++) values.push(tidy(from + k * step));
  return values;
}

function checkName(name: string, field: string, seen: Set<string>): void {
  if (!NAME.test(name)) throw new InputError(field, name, "a variable name (letters, digits, _ and ., not starting with a digit)");
  if (RESERVED.has(name)) throw new InputError(field, name, `a name other than the reserved column names ${[...RESERVED].join(", ")}`);
  if (seen.has(name)) throw new InputError(field, name, "a name used only once across variables, sample.variables and fixed");
  seen.add(name);
}

function checkValue(v: unknown, field: string): VariableValue {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.length > 0) return v;
  throw new InputError(field, v, "a finite number or a non-empty string");
}

/** Normalises one factorial variable: a list, a range string, a single value or { from, to, step } / { values }. */
function variableValues(raw: unknown, field: string): VariableValue[] {
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw new InputError(field, raw, "a non-empty list of values");
    return raw.map((v, k) => checkValue(v, `${field}[${k}]`));
  }
  if (typeof raw === "string" && raw.includes(":")) return parseRangeString(raw, field);
  if (typeof raw === "number" || typeof raw === "string") return [checkValue(raw, field)];
  if (raw && typeof raw === "object") {
    const o = raw as Record<string, unknown>;
    if ("values" in o) return variableValues(o.values, `${field}.values`);
    const { from, to, step } = o;
    for (const [k, v] of Object.entries({ from, to, step })) {
      if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(`${field}.${k}`, v, "a finite number");
    }
    return rangeValues(from as number, to as number, step as number, field);
  }
  throw new InputError(field, raw, 'a list, a range "from:to:step", a value, or { from, to, step }');
}

function normaliseSample(raw: unknown, seen: Set<string>): SampleSpec {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InputError("sample", raw, "an object { method, n, variables }");
  }
  const s = raw as Record<string, unknown>;
  const method = (s.method ?? "lhs") as SampleSpec["method"];
  if (!SAMPLE_METHODS.includes(method)) throw new InputError("sample.method", method, SAMPLE_METHODS.map((m) => `"${m}"`).join(", ").replace(/, ([^,]*)$/, " or $1"));
  if (typeof s.n !== "number" || !Number.isInteger(s.n) || s.n < 1) {
    throw new InputError("sample.n", s.n, "a positive integer sample size");
  }
  const vars = s.variables;
  if (typeof vars !== "object" || vars === null || Array.isArray(vars) || Object.keys(vars).length === 0) {
    throw new InputError("sample.variables", vars, "an object of at least one name → { min, max, scale? }");
  }
  const variables: Record<string, Required<VariableRange>> = {};
  for (const [name, r] of Object.entries(vars as Record<string, unknown>)) {
    checkName(name, `sample.variables.${name}`, seen);
    variables[name] = validateRange(r, `sample.variables.${name}`);
  }
  const k = Object.keys(variables).length;
  if (method === "sobol" && k > SOBOL_MAX_DIMENSION) {
    throw new InputError("sample.variables", k, `at most ${SOBOL_MAX_DIMENSION} Sobol dimensions`);
  }
  if (method === "saltelli" && 2 * k > SOBOL_MAX_DIMENSION) {
    throw new InputError("sample.variables", k, `at most ${SOBOL_MAX_DIMENSION / 2} variables for a Saltelli design`);
  }
  if (method === "morris" && s.n < 2) throw new InputError("sample.n", s.n, "at least 2 Morris trajectories");
  if (s.seed !== undefined) validateSeed(s.seed, "sample.seed");
  if (method !== "morris") {
    if (s.levels !== undefined) throw new InputError("sample.levels", s.levels, "levels only with method morris");
    return { method, n: s.n, variables };
  }
  const levels = s.levels ?? 4;
  if (typeof levels !== "number" || !Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) {
    throw new InputError("sample.levels", levels, "an even integer ≥ 2");
  }
  return { method, n: s.n, levels, variables };
}

/** Validates a parsed spec object (from YAML, JSON or flags) into a frozen SweepSpec. */
export function normaliseSweepSpec(raw: unknown): SweepSpec {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InputError("spec", raw, "an object with variables, sample, fixed, outcomes, seed, evaluator");
  }
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!TOP_KEYS.includes(key)) throw new InputError(key, r[key], `one of the keys ${TOP_KEYS.join(", ")}`);
  }
  const seen = new Set<string>();
  const variables: Record<string, VariableValue[]> = {};
  const rawVars = (r.variables ?? {}) as Record<string, unknown>;
  if (typeof rawVars !== "object" || Array.isArray(rawVars)) throw new InputError("variables", rawVars, "an object name → values");
  for (const [name, v] of Object.entries(rawVars)) {
    checkName(name, `variables.${name}`, seen);
    variables[name] = variableValues(v, `variables.${name}`);
  }
  const sample = r.sample == null ? null : normaliseSample(r.sample, seen);
  const fixed: Record<string, VariableValue> = {};
  for (const [name, v] of Object.entries((r.fixed ?? {}) as Record<string, unknown>)) {
    checkName(name, `fixed.${name}`, seen);
    fixed[name] = checkValue(v, `fixed.${name}`);
  }
  if (seen.size === 0) throw new InputError("variables", r.variables, "at least one variable to sweep");
  let outcomes: string[] | null = null;
  if (r.outcomes != null) {
    if (!Array.isArray(r.outcomes) || r.outcomes.length === 0 || r.outcomes.some((o) => typeof o !== "string" || !NAME.test(o))) {
      throw new InputError("outcomes", r.outcomes, "a non-empty list of outcome names");
    }
    outcomes = r.outcomes as string[];
    if (new Set(outcomes).size !== outcomes.length) throw new InputError("outcomes", outcomes, "names listed once each");
    for (const o of outcomes) if (seen.has(o) || RESERVED.has(o)) throw new InputError("outcomes", o, "a name that is not a variable or reserved column");
  }
  const sampleSeed = (r.sample as Record<string, unknown> | undefined)?.seed;
  const seed = validateSeed(sampleSeed ?? r.seed ?? 0, sampleSeed !== undefined ? "sample.seed" : "seed");
  const ev = (r.evaluator ?? {}) as Record<string, unknown>;
  if (typeof ev !== "object" || Array.isArray(ev)) throw new InputError("evaluator", ev, "an object { module, config }");
  if (ev.module !== undefined && typeof ev.module !== "string") throw new InputError("evaluator.module", ev.module, "a module path");
  return deepFreeze({ variables, sample, fixed, outcomes, seed, evaluator: { module: ev.module as string | undefined, config: ev.config } });
}

/** Reads and validates a YAML or JSON spec file. */
export function loadSweepSpec(path: string): SweepSpec {
  return normaliseSweepSpec(readSpecFile(path));
}

/** Reads a YAML or JSON spec file into a plain object, unvalidated (to combine with flags). */
export function readSpecFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError("spec", path, "a readable YAML or JSON file");
  }
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new InputError("spec", path, `valid YAML/JSON (${e.message.split("\n")[0]})`, {
      file: path, line: e.linePos?.[0]?.line, column: e.linePos?.[0]?.col,
    });
  }
  const raw = doc.toJS() as unknown;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new InputError("spec", path, "a YAML/JSON mapping at the top level");
  return raw as Record<string, unknown>;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
