/**
 * Code generation: expression trees → JavaScript source over typed arrays. Each generated
 * function loads the symbols it uses into locals, computes the assignments it needs as `const`s
 * in dependency order, and writes its results; no mathjs and no allocation at run time.
 */
import { constValue, symbolsOf, type Expr } from "./expr.ts";
import type { DerivedSlots } from "./invariants.ts";

/** Where every symbol lives in the generated functions' arguments. */
export interface Layout {
  states: readonly string[];
  parameters: readonly string[];
  inputs: readonly string[];
  /** Assignment/output expressions (SI), by name. */
  defs: ReadonlyMap<string, Expr>;
  /** All assignments/outputs in dependency order. */
  order: readonly string[];
}

/** Small helpers the generated code calls (V8 inlines them). */
export const HELPERS_SOURCE = `
function hill(x, k, n) { if (x <= 0) return 0; const xn = Math.pow(x, n); return xn / (Math.pow(k, n) + xn); }
function hillInh(x, k, n) { if (x <= 0) return 1; const kn = Math.pow(k, n); return kn / (kn + Math.pow(x, n)); }
function sigmoid(x, x50, w) { return 1 / (1 + Math.exp(-(x - x50) / w)); }
function clamp(x, lo, hi) { return x < lo ? lo : x > hi ? hi : x; }
function pos(x) { return x > 0 ? x : 0; }
`;

const nameCache = new WeakMap<Layout, Map<string, string>>();

/** JavaScript identifier of a model symbol (kind prefix + name with dots as $). */
export function jsName(layout: Layout, name: string): string {
  if (name === "t") return "t";
  let names = nameCache.get(layout);
  if (!names) {
    names = new Map<string, string>();
    const add = (list: Iterable<string>, prefix: string) => { for (const s of list) names!.set(s, prefix + s.replace(/\./g, "$")); };
    add(layout.inputs, "U_");
    add(layout.parameters, "P_");
    add(layout.states, "S_");
    add(layout.defs.keys(), "A_");
    nameCache.set(layout, names);
  }
  return names.get(name) ?? "U_" + name.replace(/\./g, "$");
}

const MATH: Record<string, string> = {
  exp: "Math.exp", log: "Math.log", log10: "Math.log10", tanh: "Math.tanh", sqrt: "Math.sqrt", abs: "Math.abs",
  min: "Math.min", max: "Math.max",
};
const JS_OPS: Record<string, string> = { "==": "===", "!=": "!==", and: "&&", or: "||" };

/**
 * Hoists a subexpression into a `const` emitted before the current statement and returns its
 * name, so an argument used several times by an inlined helper is computed once. Expressions
 * are pure, so computing one early (even for a branch not taken) changes nothing.
 */
export type Hoist = (code: string) => string;

/** A statement collector whose `hoist` emits temporaries into the same list. */
export function emitter(prefix = "h"): { lines: string[]; hoist: Hoist } {
  const lines: string[] = [];
  let n = 0;
  return { lines, hoist: (code) => { const id = `${prefix}${n++}`; lines.push(`const ${id} = ${code};`); return id; } };
}

const SIMPLE = /^(?:[A-Za-z_$][\w$]*|\d[\d.e+-]*|\(-[\d.e+-]+\))$/;

/**
 * A JavaScript expression computing `e` (symbols named by `name`). The format's helpers are
 * inlined (V8 stops inlining calls once a large function's budget is spent), using `hoist` for
 * arguments needed twice; without `hoist` such calls go to the helper functions.
 */
export function jsExpr(e: Expr, name: (s: string) => string, hoist?: Hoist): string {
  // one closure per expression, not per node (tsx's keepNames makes each closure costly)
  const js = (x: Expr): string => {
    switch (x.kind) {
      case "num": return num(x.value);
      case "sym": return name(x.name);
      case "neg": return `(-${js(x.arg)})`;
      case "not": return `(!${js(x.arg)})`;
      case "cond": return `(${js(x.cond)} ? ${js(x.then)} : ${js(x.else)})`;
      case "call": return callJs(x, js, hoist);
      case "op": {
        const folded = constValue(x);
        if (folded !== undefined) return num(folded);
        if (x.op === "^") return pow(js(x.a), x.b, js, hoist, constValue(x.a));
        return `(${js(x.a)} ${JS_OPS[x.op] ?? x.op} ${js(x.b)})`;
      }
    }
  };
  return js(e);
}

/** Code of `x` usable several times: itself when simple, else a hoisted temporary (or undefined). */
function reusable(code: string, hoist?: Hoist): string | undefined {
  if (SIMPLE.test(code)) return code;
  return hoist ? hoist(code) : undefined;
}

/** A call of the helper or Math function itself (no inlining). */
function helperCall(fn: string, args: readonly string[]): string {
  return `${MATH[fn] ?? fn}(${args.join(", ")})`;
}

function callJs(e: Extract<Expr, { kind: "call" }>, js: (x: Expr) => string, hoist?: Hoist): string {
  const args = e.args.map(js);
  const [a, b, c] = args;
  switch (e.fn) {
    case "sigmoid": return `(1 / (1 + Math.exp((${b} - ${a}) / ${c})))`;
    case "pos": { const x = reusable(a, hoist); return x ? `(${x} > 0 ? ${x} : 0)` : helperCall(e.fn, args); }
    case "clamp": {
      const x = reusable(a, hoist), lo = reusable(b, hoist), hi = reusable(c, hoist);
      return x && lo && hi ? `(${x} < ${lo} ? ${lo} : ${x} > ${hi} ? ${hi} : ${x})` : helperCall(e.fn, args);
    }
    case "hill": case "hillInh": {
      // x^n/(k^n + x^n) = 1/(1 + (k/x)^n) and k^n/(k^n + x^n) = 1/(1 + (x/k)^n) for x > 0
      const x = reusable(a, hoist), k = reusable(b, hoist);
      if (!x || !k) return helperCall(e.fn, args);
      const ratio = e.fn === "hill" ? `(${k} / ${x})` : `(${x} / ${k})`;
      const n = constValue(e.args[2]);
      const r = n === 2 || n === 3 || n === 4 ? reusable(ratio, hoist) : undefined;
      const powered = r ? `(${Array(n).fill(r).join(" * ")})` : n === 1 ? ratio : `Math.pow(${ratio}, ${c})`;
      return `(${x} <= 0 ? ${e.fn === "hill" ? 0 : 1} : 1 / (1 + ${powered}))`;
    }
    default: return helperCall(e.fn, args);
  }
}

function num(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "(-Infinity)";
  return v < 0 || Object.is(v, -0) ? `(${String(v)})` : String(v);
}

/** Powers with small literal exponents become products (Math.pow is slower). */
function pow(base: string, b: Expr, js: (x: Expr) => string, hoist?: Hoist, constantBase?: number): string {
  const k = constValue(b);
  // c^x with a constant c > 0 (10^-pH, 10^(pK - pH)): exp(x ln c) is ~2x cheaper than Math.pow
  // in V8 and differs by a few ulp (docs/perf-codegen.md)
  if (k === undefined && constantBase !== undefined && constantBase > 0) {
    return `Math.exp(${js(b)} * ${num(Math.log(constantBase))})`;
  }
  if (k === 1) return base;
  if (k === 0.5) return `Math.sqrt(${base})`;
  if (k === -1) return `(1 / ${base})`;
  if (k === 2 || k === 3 || k === 4) {
    const x = reusable(base, hoist);
    if (x) return `(${Array(k).fill(x).join(" * ")})`;
  }
  return `Math.pow(${base}, ${js(b)})`;
}

/** Definitions needed (transitively) by `roots`, in dependency order. */
export function neededDefs(layout: Layout, roots: readonly Expr[]): string[] {
  const need = new Set<string>();
  const visit = (e: Expr) => {
    for (const s of symbolsOf(e)) {
      if (layout.defs.has(s) && !need.has(s)) { need.add(s); visit(layout.defs.get(s)!); }
    }
  };
  roots.forEach(visit);
  return layout.order.filter((n) => need.has(n));
}

/** Where a generated function's statements go, and how it names symbols. */
export interface Scope {
  lines: string[];
  hoist: Hoist;
  /** JavaScript name of a model symbol (or derived-constant slot, loaded on first use). */
  name: (s: string) => string;
  /** Code of a tree in this scope (temporaries and loads it needs emitted first). */
  expr: (e: Expr) => string;
}

/**
 * A function scope. With `slots`, every state, parameter, input and slot symbol (invariants.ts)
 * names a local loaded on first use (from y, p, u or c), the load emitted before the statement
 * being built (like a hoisted temporary), so a function loads exactly what its code reads.
 */
export function scope(layout: Layout, slots?: DerivedSlots): Scope {
  const { lines, hoist } = emitter("h");
  if (!slots) {
    const name = (s: string) => jsName(layout, s);
    return { lines, hoist, name, expr: (e) => jsExpr(e, name, hoist) };
  }
  const loads = loadTable(layout);
  const loaded = new Set<string>();
  const name = (s: string): string => {
    const k = slots.slotIndex(s);
    const local = k === undefined ? jsName(layout, s) : `C${k}`;
    const from = k === undefined ? loads.get(s) : `c[${k}]`;
    if (from !== undefined && !loaded.has(local)) {
      loaded.add(local);
      lines.push(`const ${local} = ${from};`);
    }
    return local;
  };
  return { lines, hoist, name, expr: (e) => jsExpr(e, name, hoist) };
}

const loadTables = new WeakMap<Layout, Map<string, string>>();

/** Where each state, parameter and input is read from: `y[i]`, `p[i]`, `u[i]`. */
function loadTable(layout: Layout): Map<string, string> {
  let m = loadTables.get(layout);
  if (!m) {
    m = new Map<string, string>();
    layout.states.forEach((s, i) => m!.set(s, `y[${i}]`));
    layout.parameters.forEach((s, i) => m!.set(s, `p[${i}]`));
    layout.inputs.forEach((s, i) => m!.set(s, `u[${i}]`));
    loadTables.set(layout, m);
  }
  return m;
}

/**
 * Loads of every state/parameter/input the expressions use, then the needed assignments. With
 * `slots`, `exprs` are lifted trees, parameter-only assignments are left out of `defs` (the
 * slots hold them) and the others are computed from their lifted trees.
 */
export function prologue(layout: Layout, exprs: readonly Expr[], defs: readonly string[], slots?: DerivedSlots): Scope {
  if (slots) {
    // loads are emitted on first use; assignments from their lifted trees
    const sc = scope(layout, slots);
    for (const d of defs) {
      if (slots.isInvariantDef(d)) continue;
      const code = sc.expr(slots.liftDef(d));
      sc.lines.push(`const ${sc.name(d)} = ${code};`);
    }
    return sc;
  }
  const sc = scope(layout);
  const { lines, hoist, name: nm } = sc;
  const used = new Set<string>();
  for (const e of exprs) symbolsOf(e, used);
  for (const d of defs) symbolsOf(layout.defs.get(d)!, used);
  layout.states.forEach((s, i) => used.has(s) && lines.push(`const ${nm(s)} = y[${i}];`));
  layout.parameters.forEach((s, i) => used.has(s) && lines.push(`const ${nm(s)} = p[${i}];`));
  layout.inputs.forEach((s, i) => used.has(s) && lines.push(`const ${nm(s)} = u[${i}];`));
  for (const d of defs) {
    const code = jsExpr(layout.defs.get(d)!, nm, hoist);
    lines.push(`const ${nm(d)} = ${code};`);
  }
  return sc;
}

/**
 * Source of `rhs(t, y, dydt, p, u)`: dydt[i] = rate of state i (all SI). With `slots`, the
 * source of `rhsDerived(t, y, dydt, p, u, c)`, reading parameter-only values from `c`.
 */
export function rhsSource(layout: Layout, rates: readonly Expr[], slots?: DerivedSlots): string {
  const defs = neededDefs(layout, rates);
  const roots = slots ? rates.map(slots.lift) : rates;
  const { lines, expr } = prologue(layout, roots, defs, slots);
  roots.forEach((r, i) => { const code = expr(r); lines.push(`dydt[${i}] = ${code};`); });
  const head = slots ? "rhsDerived(t, y, dydt, p, u, c)" : "rhs(t, y, dydt, p, u)";
  return `function ${head} {\n  ${lines.join("\n  ")}\n}`;
}

/**
 * Source of `outputs(t, y, p, u, out)`: out[k] = output k divided by its unit's SI factor. With
 * `slots`, of `outputsDerived(t, y, p, u, out, c)`.
 */
export function outputsSource(layout: Layout, outputs: readonly string[], scale: readonly number[], slots?: DerivedSlots): string {
  const syms = outputs.map((o) => ({ kind: "sym", name: o }) as Expr);
  const defs = neededDefs(layout, syms);
  const roots = slots ? syms.map(slots.lift) : syms;
  const { lines, expr } = prologue(layout, roots, defs, slots);
  roots.forEach((r, k) => {
    const code = expr(r);
    lines.push(`out[${k}] = ${code}${scale[k] === 1 ? "" : ` / ${num(scale[k])}`};`);
  });
  const head = slots ? "outputsDerived(t, y, p, u, out, c)" : "outputs(t, y, p, u, out)";
  return `function ${head} {\n  ${lines.join("\n  ")}\n}`;
}

/** Source of `initial(p, y0)`: y0[i] = initial value of state i (SI) from the parameters. */
export function initialSource(layout: Layout, initials: readonly Expr[]): string {
  const { lines, hoist, name: nm } = prologue(layout, initials, []);
  initials.forEach((e, i) => { const code = jsExpr(e, nm, hoist); lines.push(`y0[${i}] = ${code};`); });
  return `function initial(p, y0) {\n  const t = 0;\n  ${lines.join("\n  ")}\n}`;
}

/** Turns generated sources into functions sharing the helpers. */
export function instantiate<T>(sources: readonly string[], names: readonly string[]): T {
  const body = `"use strict";\n${HELPERS_SOURCE}\n${sources.join("\n")}\nreturn { ${names.join(", ")} };`;
  return new Function(body)() as T;
}
