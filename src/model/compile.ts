/**
 * The compiler pipeline: load (with imports) → flatten (connect, merge) → check (symbols,
 * completeness, cycles) → dimensions → generate rhs, jacobian, outputs and initial values →
 * assemble (assemble.ts). A model unchanged since its last compile is read from the on-disk
 * compile cache (cache.ts) instead, skipping every step but the last.
 */
import { createHash } from "node:crypto";
import { dirname, relative } from "node:path";
import { Diagnostics, ModelCompileError, type ModelError, type ModelErrorCode } from "./errors.ts";
import { symbolsOf, type Expr } from "./expr.ts";
import { loadModule, type RawModule } from "./load.ts";
import { flattenModule, type FlatModel } from "./flatten.ts";
import { checkCompleteness, orderDefinitions } from "./check.ts";
import { checkDimensions } from "./dimensions.ts";
import { rhsSource, outputsSource, initialSource, type Layout } from "./codegen.ts";
import { assembleModel, type ModelData } from "./assemble.ts";
import { cacheDirectory, readCachedModel, writeCachedModel, type CacheSetting } from "./cache.ts";
import { jacobianSource } from "./jacobian.ts";
import { derivedSlots } from "./invariants.ts";
import { parseUnit, formatDim, DIMENSIONLESS, type Dim } from "./units.ts";
import type { CompiledModel, StateInfo, ParameterInfo, InputInfo, OutputInfo, DefinitionInfo } from "./types.ts";

/** Result of checking a model file: every problem, and the compiled model when there is no error. */
export interface CheckResult {
  problems: ModelError[];
  model?: CompiledModel;
}

/** Options of compileModelFile / checkModelFile. */
export interface CompileOptions {
  /**
   * On-disk compile cache (cache.ts): a directory, `true` for the default location
   * ($BFRSIM_MODEL_CACHE, else node_modules/.cache/bfrsim/models), `false` to always compile.
   * Default true.
   */
  cache?: CacheSetting;
}

/** Checks and compiles `path`, collecting every problem instead of throwing. */
export function checkModelFile(path: string, options: CompileOptions = {}): CheckResult {
  const cacheDir = cacheDirectory(options.cache ?? true);
  const cached = cacheDir ? readCachedModel(cacheDir, path) : undefined;
  if (cached) {
    const model = assembleModel(cached);
    return { problems: [...model.warnings], model };
  }
  const diag = new Diagnostics();
  const raw = loadModule(path, diag);
  if (!raw) return { problems: diag.sorted() };
  const flat = flattenModule(raw, diag);
  checkCompleteness(flat, diag);
  checkInitials(flat, diag);
  const order = orderDefinitions(flat, diag);
  const dims = checkDimensions(flat, order, diag);
  if (diag.hasErrors) return { problems: diag.sorted() };
  const data = build(raw, flat, order, dims, diag.sorted());
  const model = assembleModel(data);
  if (cacheDir) writeCachedModel(cacheDir, raw.file, raw.files, data);
  return { problems: diag.sorted(), model };
}

/** Compiles `path`; throws ModelCompileError listing every error. */
export function compileModelFile(path: string, options: CompileOptions = {}): CompiledModel {
  const { problems, model } = checkModelFile(path, options);
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

function build(raw: RawModule, flat: FlatModel, order: string[], dims: Map<string, Dim>, problems: ModelError[]): ModelData {
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
  // every function also in a form reading parameter-only values from derived(p, c), filled once per p
  const slots = derivedSlots(layout);
  const jac = jacobianSource(layout, rates, slots);
  const outputScales = observables.map((o) => o.scale);
  const hot = {
    rhs: rhsSource(layout, rates, slots),
    jacobian: jac.derivedSource!,
    outputs: outputsSource(layout, outputDefs, outputScales, slots),
  };
  const definitions: DefinitionInfo[] = order.map((name) => {
    const d = flat.defs.get(name)!;
    return { name, text: d.source.text, expr: d.expr, unit: d.unit, dim: dims.get(name) ?? DIMENSIONLESS, output: d.output, description: d.description };
  });
  return {
    name: flat.name, description: flat.description, file: raw.file, contentHash: contentHash(raw),
    states, parameters, inputs, observables,
    generated: {
      rhs: rhsSource(layout, rates), jacobian: jac.source,
      outputs: outputsSource(layout, outputDefs, outputScales), initial: initialSource(layout, initials),
      derived: slots.source(), rhsDerived: hot.rhs, jacobianDerived: hot.jacobian, outputsDerived: hot.outputs,
    },
    derivedSize: slots.size,
    sparsity: jac.sparsity,
    equations: {
      rates, rateText: [...flat.states.values()].map((s) => s.rate!.source.text), initials, definitions, dims: [...dims],
    },
    warnings: problems.filter((p) => p.severity === "warning")
      .map((p) => ({ code: p.code as ModelErrorCode, detail: p.detail, position: p.position, severity: p.severity })),
  };
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
