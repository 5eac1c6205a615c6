/**
 * Composition: a RawModule tree → one FlatModel with qualified names (`prefix.name`), imports
 * merged, `connect` bindings applied, unconnected module inputs lifted to (and merged into)
 * the importing module's inputs, and every expression parsed into a tree.
 */
import type { SourcePosition } from "../errors.ts";
import type { Diagnostics } from "./errors.ts";
import { parseExpr, renameSymbols, type Expr } from "./expr.ts";
import type { ExprSource } from "./source.ts";
import type { RawModule, RawParameter, RawReference } from "./load.ts";

export interface FlatParameter extends RawParameter { file: string }
export interface FlatInput { name: string; unit: string; description?: string; position: SourcePosition }
export interface FlatState {
  name: string; unit: string; description?: string; position: SourcePosition;
  initial: number | { expr: Expr; source: ExprSource };
  rate?: { expr: Expr; source: ExprSource };
}
/** An assignment or an output (outputs may be used in expressions like assignments). */
export interface FlatDef {
  name: string; expr: Expr; source: ExprSource; unit?: string; description?: string;
  position: SourcePosition; output: boolean;
}
/** A binding whose two ends must agree in units (checked once dimensions are known). */
export interface Binding { target: string; targetUnit: string; source: string; position: SourcePosition }

export interface FlatModel {
  name: string;
  description?: string;
  file: string;
  parameters: Map<string, FlatParameter>;
  inputs: Map<string, FlatInput>;
  states: Map<string, FlatState>;
  defs: Map<string, FlatDef>;
  bindings: Binding[];
  /** Trees that failed to parse: kept so their symbols count as used, skipped by unit checks. */
  broken: Set<Expr>;
  /** Citations by qualified reference id (`prefix.id`). */
  references: Map<string, RawReference>;
}

type Kind = "parameter" | "input" | "state" | "assignment" | "output";

/** Flattens a module and its imports into one model. */
export function flattenModule(raw: RawModule, diag: Diagnostics): FlatModel {
  const flat: FlatModel = {
    name: raw.name, description: raw.description, file: raw.file, parameters: new Map(), inputs: new Map(),
    states: new Map(), defs: new Map(), bindings: [], references: new Map(), broken: new Set(),
  };
  for (const [id, r] of raw.references) flat.references.set(id, r);
  const kinds = new Map<string, Kind>();
  for (const i of raw.inputs) kinds.set(i.name, "input");
  for (const p of raw.parameters) kinds.set(p.name, "parameter");
  for (const s of raw.states) kinds.set(s.name, "state");
  for (const a of raw.assignments) kinds.set(a.name, "assignment");
  for (const o of raw.outputs) kinds.set(o.name, "output");

  const children = raw.imports.map((imp) => ({ imp, child: flattenModule(imp.module, diag) }));
  const childInputs = new Map<string, string>();
  for (const { imp, child } of children) mergeChild(flat, kinds, imp.as, child, childInputs);

  const isSymbol = (n: string) => n === "t" || kinds.has(n);
  const parse = (src: ExprSource, where: string): Expr | undefined => {
    const { expr, issues } = parseExpr(src.text, isSymbol);
    for (const is of issues) {
      diag.error(is.code, `${where} "${src.text}": ${is.message}`, is.needle ? src.locate(is.needle) : src.position);
    }
    if (issues.length && expr) flat.broken.add(expr);
    return expr;
  };
  for (const i of raw.inputs) flat.inputs.set(i.name, { ...i });
  for (const p of raw.parameters) flat.parameters.set(p.name, { ...p, file: raw.file });
  for (const s of raw.states) {
    let initial: FlatState["initial"] = 0;
    if (typeof s.initial === "number") initial = s.initial;
    else {
      const e = parse(s.initial, `states.${s.name}.initial`);
      if (e) initial = { expr: e, source: s.initial };
    }
    flat.states.set(s.name, { name: s.name, unit: s.unit, description: s.description, position: s.position, initial });
  }
  for (const [list, output] of [[raw.assignments, false], [raw.outputs, true]] as const) {
    for (const d of list) {
      const e = parse(d.expr, `${output ? "outputs" : "assignments"}.${d.name}`);
      if (e) flat.defs.set(d.name, { name: d.name, expr: e, source: d.expr, unit: d.unit, description: d.description, position: d.position, output });
    }
  }
  for (const r of raw.rates) {
    const state = flat.states.get(r.state);
    if (!state || kinds.get(r.state) !== "state") {
      const what = kinds.get(r.state);
      diag.error("E_MODEL_RATE_UNKNOWN_STATE", `rates.${r.state}: "${r.state}" is ${what ? `a ${what}, not a state of this module` : "not a declared state"}`, r.position);
      continue;
    }
    const e = parse(r.expr, `rates.${r.state}`);
    if (e) state.rate = { expr: e, source: r.expr };
  }

  const alias = new Map<string, string>();
  applyConnect(raw, flat, kinds, childInputs, alias, diag);
  for (const { imp, child } of children) liftInputs(flat, kinds, imp.as, child, alias, diag);
  applyAliases(flat, alias);
  return flat;
}

function mergeChild(flat: FlatModel, kinds: Map<string, Kind>, as: string, child: FlatModel, childInputs: Map<string, string>): void {
  const q = (n: string) => `${as}.${n}`;
  const rename = (e: Expr) => carry(flat, child.broken.has(e), renameSymbols(e, (n) => (n === "t" ? undefined : q(n))));
  for (const [id, r] of child.references) flat.references.set(q(id), r);
  for (const p of child.parameters.values()) { flat.parameters.set(q(p.name), { ...p, name: q(p.name) }); kinds.set(q(p.name), "parameter"); }
  for (const i of child.inputs.values()) { kinds.set(q(i.name), "input"); childInputs.set(q(i.name), i.unit); }
  for (const s of child.states.values()) {
    flat.states.set(q(s.name), {
      ...s, name: q(s.name),
      initial: typeof s.initial === "number" ? s.initial : { expr: rename(s.initial.expr), source: s.initial.source },
      rate: s.rate && { expr: rename(s.rate.expr), source: s.rate.source },
    });
    kinds.set(q(s.name), "state");
  }
  for (const d of child.defs.values()) {
    flat.defs.set(q(d.name), { ...d, name: q(d.name), expr: rename(d.expr) });
    kinds.set(q(d.name), d.output ? "output" : "assignment");
  }
  for (const b of child.bindings) flat.bindings.push({ ...b, target: q(b.target), source: q(b.source) });
}

function applyConnect(
  raw: RawModule, flat: FlatModel, kinds: Map<string, Kind>, childInputs: Map<string, string>,
  alias: Map<string, string>, diag: Diagnostics,
): void {
  for (const c of raw.connect) {
    const tk = kinds.get(c.target);
    const prefixed = c.target.includes(".");
    if (!prefixed || (tk !== "parameter" && tk !== "input")) {
      diag.error("E_MODEL_CONNECT", `connect target "${c.target}": expected an imported module's input or parameter (prefix.name)${tk ? `, but it is a ${tk}` : ", but it does not exist"}`, c.position);
      continue;
    }
    if (!kinds.has(c.source) || c.source === c.target) {
      diag.error("E_MODEL_CONNECT", `connect source "${c.source}" for ${c.target}: expected an output, assignment, state, parameter or input of this model`, c.sourcePosition);
      continue;
    }
    const targetUnit = tk === "parameter" ? flat.parameters.get(c.target)!.unit : (childInputs.get(c.target) ?? "1");
    alias.set(c.target, c.source);
    flat.bindings.push({ target: c.target, targetUnit, source: c.source, position: c.position });
    if (tk === "parameter") flat.parameters.delete(c.target);
    kinds.delete(c.target);
  }
}

/** Unconnected inputs of an imported module become inputs of this one, merged by local name. */
function liftInputs(flat: FlatModel, kinds: Map<string, Kind>, as: string, child: FlatModel, alias: Map<string, string>, diag: Diagnostics): void {
  for (const i of child.inputs.values()) {
    const q = `${as}.${i.name}`;
    if (alias.has(q)) continue;
    const existing = kinds.get(i.name);
    if (existing && existing !== "input") {
      diag.error("E_MODEL_CONNECT", `input "${q}" is not connected and its local name "${i.name}" is a ${existing} here: connect it explicitly (connect: { ${q}: ... })`, i.position);
      continue;
    }
    if (!existing) {
      flat.inputs.set(i.name, { ...i });
      kinds.set(i.name, "input");
    } else {
      flat.bindings.push({ target: q, targetUnit: i.unit, source: i.name, position: i.position });
    }
    alias.set(q, i.name);
    kinds.delete(q);
  }
}

function applyAliases(flat: FlatModel, alias: Map<string, string>): void {
  if (alias.size === 0) return;
  const resolveName = (n: string): string | undefined => {
    let cur = n;
    for (let k = 0; k < 100 && alias.has(cur); k++) cur = alias.get(cur)!;
    return cur === n ? undefined : cur;
  };
  const r = (e: Expr) => carry(flat, flat.broken.has(e), renameSymbols(e, resolveName));
  for (const s of flat.states.values()) {
    if (typeof s.initial !== "number") s.initial = { expr: r(s.initial.expr), source: s.initial.source };
    if (s.rate) s.rate = { expr: r(s.rate.expr), source: s.rate.source };
  }
  for (const d of flat.defs.values()) d.expr = r(d.expr);
  for (const b of flat.bindings) b.source = resolveName(b.source) ?? b.source;
}

function carry(flat: FlatModel, broken: boolean, e: Expr): Expr {
  if (broken) flat.broken.add(e);
  return e;
}
