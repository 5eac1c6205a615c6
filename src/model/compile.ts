/**
 * The compiler pipeline: load (with imports) → flatten (connect, merge) → check (symbols,
 * completeness, cycles) → dimensions → generate rhs, jacobian, outputs and initial values.
 */
import { createHash } from "node:crypto";
import { dirname, relative } from "node:path";
import { InputError } from "../errors.ts";
import { Diagnostics, ModelCompileError, type ModelError } from "./errors.ts";
import { symbolsOf, type Expr } from "./expr.ts";
import { loadModule, type RawModule } from "./load.ts";
import { flattenModule, type FlatModel } from "./flatten.ts";
import { checkCompleteness, orderDefinitions } from "./check.ts";
import { checkDimensions } from "./dimensions.ts";
import { rhsSource, outputsSource, initialSource, instantiate, type Layout } from "./codegen.ts";
import { jacobianSource } from "./jacobian.ts";
import { parseUnit, formatDim, DIMENSIONLESS, type Dim } from "./units.ts";
import type {
  CompiledModel, StateInfo, ParameterInfo, InputInfo, OutputInfo, DefinitionInfo, ModelRhs, ModelJacobian, ModelOutputs,
} from "./types.ts";

/** Result of checking a model file: every problem, and the compiled model when there is no error. */
export interface CheckResult {
  problems: ModelError[];
  model?: CompiledModel;
}

/** Checks and compiles `path`, collecting every problem instead of throwing. */
export function checkModelFile(path: string): CheckResult {
  const diag = new Diagnostics();
  const raw = loadModule(path, diag);
  if (!raw) return { problems: diag.sorted() };
  const flat = flattenModule(raw, diag);
  checkCompleteness(flat, diag);
  checkInitials(flat, diag);
  const order = orderDefinitions(flat, diag);
  const dims = checkDimensions(flat, order, diag);
  if (diag.hasErrors) return { problems: diag.sorted() };
  const model = build(raw, flat, order, dims, diag.sorted());
  return { problems: diag.sorted(), model };
}

/** Compiles `path`; throws ModelCompileError listing every error. */
export function compileModelFile(path: string): CompiledModel {
  const { problems, model } = checkModelFile(path);
  if (!model) throw new ModelCompileError(problems);
  return model;
}

function checkInitials(flat: FlatModel, diag: Diagnostics): void {
  for (const s of flat.states.values()) {
    if (typeof s.initial === "number") continue;
    const bad = [...symbolsOf(s.initial.expr)].filter((n) => !flat.parameters.has(n));
    if (bad.length) diag.error("E_MODEL_SCHEMA", `initial value of "${s.name}" may use parameters only, not ${bad.join(", ")}`, s.initial.source.locate(bad[0]));
  }
}

function scaleOf(unit: string): number {
  const u = parseUnit(unit);
  return typeof u === "string" ? 1 : u.factor;
}

function build(raw: RawModule, flat: FlatModel, order: string[], dims: Map<string, Dim>, problems: ModelError[]): CompiledModel {
  const states: StateInfo[] = [...flat.states.values()].map((s, index) => ({
    name: s.name, index, unit: s.unit, scale: scaleOf(s.unit),
    initial: typeof s.initial === "number" ? s.initial : s.initial.source.text, description: s.description,
  }));
  const parameters: ParameterInfo[] = [...flat.parameters.values()].map((p, index) => {
    const scale = scaleOf(p.unit);
    const ref = p.reference;
    const citation = ref ? [ref.citation, ref.doi && `doi:${ref.doi}`, ref.pmid && `PMID:${ref.pmid}`].filter(Boolean).join(", ") : undefined;
    return {
      name: p.name, index, value: p.value, unit: p.unit, range: p.range, source: p.source, citation, evidence: p.evidence,
      description: p.description, scale, internalValue: p.value * scale, file: p.file,
    };
  });
  const inputs: InputInfo[] = [...flat.inputs.values()].map((i, index) => ({ name: i.name, index, unit: i.unit, scale: scaleOf(i.unit), description: i.description }));
  const outputDefs = order.filter((n) => flat.defs.get(n)!.output);
  const observables: OutputInfo[] = outputDefs.map((name, index) => {
    const d = flat.defs.get(name)!;
    const unit = d.unit ?? "1";
    return { name, index, unit: d.unit ?? formatDim(dims.get(name) ?? DIMENSIONLESS), scale: d.unit ? scaleOf(unit) : 1, description: d.description };
  });
  const layout: Layout = {
    states: states.map((s) => s.name), parameters: parameters.map((p) => p.name), inputs: inputs.map((i) => i.name),
    defs: new Map([...flat.defs].map(([k, d]) => [k, d.expr])), order,
  };
  const rates = [...flat.states.values()].map((s) => s.rate!.expr);
  const initials: Expr[] = [...flat.states.values()].map((s, i) =>
    typeof s.initial === "number" ? { kind: "num", value: s.initial * states[i].scale } : s.initial.expr);
  const rhs = rhsSource(layout, rates);
  const jac = jacobianSource(layout, rates);
  const outs = outputsSource(layout, outputDefs, observables.map((o) => o.scale));
  const init = initialSource(layout, initials);
  const fns = instantiate<{ rhs: ModelRhs; jacobian: ModelJacobian; outputs: ModelOutputs; initial: (p: Float64Array, y0: Float64Array) => void }>(
    [rhs, jac.source, outs, init], ["rhs", "jacobian", "outputs", "initial"]);
  const definitions: DefinitionInfo[] = order.map((name) => {
    const d = flat.defs.get(name)!;
    return { name, text: d.source.text, expr: d.expr, unit: d.unit, dim: dims.get(name) ?? DIMENSIONLESS, output: d.output, description: d.description };
  });
  const index = {
    states: indexOf(states), parameters: indexOf(parameters), inputs: indexOf(inputs), outputs: indexOf(observables),
  };
  const defaults = Float64Array.from(parameters, (p) => p.internalValue);
  const stateScale = Float64Array.from(states, (s) => s.scale);
  const inputScale = Float64Array.from(inputs, (i) => i.scale);
  return Object.freeze({
    name: flat.name, description: flat.description, file: raw.file, contentHash: contentHash(raw),
    states, parameters, inputs, observables, index,
    parameterVector(overrides?: Readonly<Record<string, number>>): Float64Array {
      const p = defaults.slice();
      for (const [name, value] of Object.entries(overrides ?? {})) {
        const k = lookup(index.parameters, name, "parameter", flat.name);
        if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(`parameters.${name}`, value, `a finite number in ${parameters[k].unit}`);
        p[k] = value * parameters[k].scale;
      }
      return p;
    },
    initialState(p: Float64Array, overrides?: Readonly<Record<string, number>>): Float64Array {
      if (p.length !== parameters.length) throw new InputError("p", p, `a parameter vector of length ${parameters.length} (from parameterVector())`);
      const y0 = new Float64Array(states.length);
      fns.initial(p, y0);
      for (const [name, value] of Object.entries(overrides ?? {})) {
        const k = lookup(index.states, name, "state", flat.name);
        if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(`initial.${name}`, value, `a finite number in ${states[k].unit}`);
        y0[k] = value * states[k].scale;
      }
      return y0;
    },
    toDeclaredStates(y: ArrayLike<number>, out = new Float64Array(states.length)): Float64Array {
      for (let i = 0; i < stateScale.length; i++) out[i] = y[i] / stateScale[i];
      return out;
    },
    inputsToInternal(declared: ArrayLike<number>, out: Float64Array): Float64Array {
      for (let i = 0; i < inputScale.length; i++) out[i] = declared[i] * inputScale[i];
      return out;
    },
    rhs: fns.rhs, jacobian: fns.jacobian, jacobianSparsity: jac.sparsity, outputs: fns.outputs,
    generated: { rhs, jacobian: jac.source, outputs: outs, initial: init },
    equations: { rates, rateText: [...flat.states.values()].map((s) => s.rate!.source.text), initials, definitions, dims },
    warnings: problems.filter((p) => p.severity === "warning"),
  });
}

function indexOf(list: ReadonlyArray<{ name: string; index: number }>): Record<string, number> {
  const r: Record<string, number> = Object.create(null);
  for (const x of list) r[x.name] = x.index;
  return r;
}

/** The index of `name`, or an InputError suggesting the closest known name. */
function lookup(table: Readonly<Record<string, number>>, name: string, kind: string, model: string): number {
  const k = table[name];
  if (k !== undefined) return k;
  const names = Object.keys(table);
  const best = closest(name, names);
  throw new InputError(`${kind}s.${name}`, name, `a ${kind} of model ${model}${best ? ` (did you mean "${best}"?)` : names.length ? "" : ` (it has no ${kind}s)`}`);
}

/** The candidate with the smallest edit distance (case-insensitive), if reasonably close. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 2)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

function contentHash(raw: RawModule): string {
  const h = createHash("sha256");
  const root = dirname(raw.file);
  for (const [path, text] of [...raw.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    h.update(relative(root, path).split("\\").join("/"));
    h.update("\0");
    h.update(text);
    h.update("\0");
  }
  return h.digest("hex");
}
