/**
 * Code generation: expression trees → JavaScript source over typed arrays. Each generated
 * function loads the symbols it uses into locals, computes the assignments it needs as `const`s
 * in dependency order, and writes its results; no mathjs and no allocation at run time.
 */
import { constValue, symbolsOf, type Expr } from "./expr.ts";

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

/** JavaScript identifier of a model symbol. */
export function jsName(layout: Layout, name: string): string {
  if (name === "t") return "t";
  const safe = name.replace(/\./g, "$");
  if (layout.defs.has(name)) return `A_${safe}`;
  if (layout.states.includes(name)) return `S_${safe}`;
  if (layout.parameters.includes(name)) return `P_${safe}`;
  return `U_${safe}`;
}

const MATH: Record<string, string> = {
  exp: "Math.exp", log: "Math.log", log10: "Math.log10", tanh: "Math.tanh", sqrt: "Math.sqrt", abs: "Math.abs",
  min: "Math.min", max: "Math.max",
};
const JS_OPS: Record<string, string> = { "==": "===", "!=": "!==", and: "&&", or: "||" };

/** A JavaScript expression computing `e` (symbols named by `name`). */
export function jsExpr(e: Expr, name: (s: string) => string): string {
  switch (e.kind) {
    case "num": return num(e.value);
    case "sym": return name(e.name);
    case "neg": return `(-${jsExpr(e.arg, name)})`;
    case "not": return `(!${jsExpr(e.arg, name)})`;
    case "cond": return `(${jsExpr(e.cond, name)} ? ${jsExpr(e.then, name)} : ${jsExpr(e.else, name)})`;
    case "call": return `${MATH[e.fn] ?? e.fn}(${e.args.map((a) => jsExpr(a, name)).join(", ")})`;
    case "op": {
      const folded = constValue(e);
      if (folded !== undefined) return num(folded);
      if (e.op === "^") return pow(e.a, e.b, name);
      return `(${jsExpr(e.a, name)} ${JS_OPS[e.op] ?? e.op} ${jsExpr(e.b, name)})`;
    }
  }
}

function num(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "(-Infinity)";
  return v < 0 || Object.is(v, -0) ? `(${String(v)})` : String(v);
}

/** Powers with small literal exponents become products (Math.pow is slower). */
function pow(a: Expr, b: Expr, name: (s: string) => string): string {
  const k = constValue(b);
  const base = jsExpr(a, name);
  const simple = a.kind === "sym" || a.kind === "num";
  if (k === 1) return base;
  if (k === 0.5) return `Math.sqrt(${base})`;
  if (k === -1) return `(1 / ${base})`;
  if (simple && (k === 2 || k === 3 || k === 4)) return `(${Array(k).fill(base).join(" * ")})`;
  return `Math.pow(${base}, ${jsExpr(b, name)})`;
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

/** Loads of every state/parameter/input the expressions use, then the needed assignments. */
export function prologue(layout: Layout, exprs: readonly Expr[], defs: readonly string[]): string[] {
  const used = new Set<string>();
  for (const e of exprs) symbolsOf(e, used);
  for (const d of defs) symbolsOf(layout.defs.get(d)!, used);
  const lines: string[] = [];
  const nm = (s: string) => jsName(layout, s);
  layout.states.forEach((s, i) => used.has(s) && lines.push(`const ${nm(s)} = y[${i}];`));
  layout.parameters.forEach((s, i) => used.has(s) && lines.push(`const ${nm(s)} = p[${i}];`));
  layout.inputs.forEach((s, i) => used.has(s) && lines.push(`const ${nm(s)} = u[${i}];`));
  for (const d of defs) lines.push(`const ${nm(d)} = ${jsExpr(layout.defs.get(d)!, nm)};`);
  return lines;
}

/** Source of `rhs(t, y, dydt, p, u)`: dydt[i] = rate of state i (all SI). */
export function rhsSource(layout: Layout, rates: readonly Expr[]): string {
  const defs = neededDefs(layout, rates);
  const nm = (s: string) => jsName(layout, s);
  const lines = prologue(layout, rates, defs);
  rates.forEach((r, i) => lines.push(`dydt[${i}] = ${jsExpr(r, nm)};`));
  return `function rhs(t, y, dydt, p, u) {\n  ${lines.join("\n  ")}\n}`;
}

/** Source of `outputs(t, y, p, u, out)`: out[k] = output k divided by its unit's SI factor. */
export function outputsSource(layout: Layout, outputs: readonly string[], scale: readonly number[]): string {
  const roots = outputs.map((o) => ({ kind: "sym", name: o }) as Expr);
  const defs = neededDefs(layout, roots);
  const nm = (s: string) => jsName(layout, s);
  const lines = prologue(layout, roots, defs);
  outputs.forEach((o, k) => lines.push(`out[${k}] = ${nm(o)}${scale[k] === 1 ? "" : ` / ${num(scale[k])}`};`));
  return `function outputs(t, y, p, u, out) {\n  ${lines.join("\n  ")}\n}`;
}

/** Source of `initial(p, y0)`: y0[i] = initial value of state i (SI) from the parameters. */
export function initialSource(layout: Layout, initials: readonly Expr[]): string {
  const nm = (s: string) => jsName(layout, s);
  const lines = prologue(layout, initials, []);
  initials.forEach((e, i) => lines.push(`y0[${i}] = ${jsExpr(e, nm)};`));
  return `function initial(p, y0) {\n  const t = 0;\n  ${lines.join("\n  ")}\n}`;
}

/** Turns generated sources into functions sharing the helpers. */
export function instantiate<T>(sources: readonly string[], names: readonly string[]): T {
  const body = `"use strict";\n${HELPERS_SOURCE}\n${sources.join("\n")}\nreturn { ${names.join(", ")} };`;
  return new Function(body)() as T;
}
