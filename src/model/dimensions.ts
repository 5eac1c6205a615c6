/**
 * Dimensional analysis: infers the dimension of every expression bottom-up and checks that each
 * rate has its state's dimension per time, each assignment/output/initial value its declared
 * unit, and that `+ - min max clamp`, comparisons and branches combine like with like.
 */
import type { Diagnostics } from "./errors.ts";
import { constValue, exprToString, type Expr } from "./expr.ts";
import type { FlatModel } from "./flatten.ts";
import type { ExprSource } from "./source.ts";
import {
  parseUnit, dimEquals, dimMul, dimDiv, dimPow, isDimensionless, formatDim, DIMENSIONLESS, TIME, type Dim,
} from "./units.ts";

/** `null` is the dimension of a bare literal 0, which fits any unit. */
type Inferred = Dim | null;
/** Thrown to abandon an expression: a mismatch (already reported) or an unknown dimension. */
class Mismatch extends Error {}

interface Ctx { dims: Map<string, Dim>; where: string; source: ExprSource; diag: Diagnostics }

/** Dimension of a declared unit; undefined when the unit is bad (already reported). */
function unitDim(text: string): Dim | undefined {
  const u = parseUnit(text);
  return typeof u === "string" ? undefined : u.dim;
}

function setDim(dims: Map<string, Dim>, name: string, d: Dim | undefined): void {
  if (d) dims.set(name, d);
}

/** Checks the whole model; returns the dimension of every symbol (for exporters and docs). */
export function checkDimensions(flat: FlatModel, order: readonly string[], diag: Diagnostics): Map<string, Dim> {
  const dims = new Map<string, Dim>([["t", TIME]]);
  for (const p of flat.parameters.values()) setDim(dims, p.name, unitDim(p.unit));
  for (const i of flat.inputs.values()) setDim(dims, i.name, unitDim(i.unit));
  for (const s of flat.states.values()) setDim(dims, s.name, unitDim(s.unit));
  const usable = (e: Expr) => !flat.broken.has(e);
  for (const name of order) {
    const d = flat.defs.get(name)!;
    const got = usable(d.expr) ? infer(d.expr, { dims, where: `${d.output ? "outputs" : "assignments"}.${name}`, source: d.source, diag }) : undefined;
    if (d.unit !== undefined) {
      const want = unitDim(d.unit);
      setDim(dims, name, want);
      if (got && want && !dimEquals(got, want)) mismatch(diag, d.source, `${d.output ? "output" : "assignment"} "${name}"`, got, `its declared unit ${d.unit}`, want);
    } else if (got !== undefined) {
      dims.set(name, got ?? DIMENSIONLESS);
    }
  }
  for (const s of flat.states.values()) {
    const sd = dims.get(s.name);
    if (!sd) continue;
    if (s.rate && usable(s.rate.expr)) {
      const got = infer(s.rate.expr, { dims, where: `rates.${s.name}`, source: s.rate.source, diag });
      const want = dimDiv(sd, TIME);
      if (got && !dimEquals(got, want)) mismatch(diag, s.rate.source, `rate of state "${s.name}"`, got, `${s.unit} per time`, want);
    }
    if (typeof s.initial !== "number" && usable(s.initial.expr)) {
      const got = infer(s.initial.expr, { dims, where: `states.${s.name}.initial`, source: s.initial.source, diag });
      if (got && !dimEquals(got, sd)) mismatch(diag, s.initial.source, `initial value of "${s.name}"`, got, s.unit, sd);
    }
  }
  for (const b of flat.bindings) {
    const want = unitDim(b.targetUnit);
    const got = dims.get(b.source);
    if (got && want && !dimEquals(got, want)) {
      diag.error("E_MODEL_UNIT_MISMATCH", `connect ${b.target} (${b.targetUnit} = ${formatDim(want)}) ← ${b.source} (${formatDim(got)}): units differ`, b.position);
    }
  }
  return dims;
}

function mismatch(diag: Diagnostics, src: ExprSource, what: string, got: Dim, wantText: string, want: Dim): void {
  diag.error("E_MODEL_UNIT_MISMATCH", `${what}: "${src.text}" has unit ${formatDim(got)} but ${wantText} is ${formatDim(want)}`, src.position);
}

/** Infers the dimension of `e`; a mismatch inside is reported and yields undefined. */
function infer(e: Expr, ctx: Ctx): Inferred | undefined {
  try {
    return dimOf(e, ctx);
  } catch (err) {
    if (err instanceof Mismatch) return undefined;
    throw err;
  }
}

function fail(ctx: Ctx, sub: Expr, detail: string, needle?: string): never {
  const text = exprToString(sub, undefined, true);
  ctx.diag.error("E_MODEL_UNIT_MISMATCH", `${ctx.where} "${ctx.source.text}": in "${text}", ${detail}`, needle ? ctx.source.locate(needle) : ctx.source.position);
  throw new Mismatch();
}

function firstSymbol(e: Expr): string | undefined {
  if (e.kind === "sym") return e.name;
  if (e.kind === "neg" || e.kind === "not") return firstSymbol(e.arg);
  if (e.kind === "op") return firstSymbol(e.a) ?? firstSymbol(e.b);
  if (e.kind === "call") return e.fn;
  if (e.kind === "cond") return firstSymbol(e.cond);
  return undefined;
}

/** All of `args` must share one dimension (a bare 0 fits any); returns it. */
function same(ctx: Ctx, whole: Expr, args: Expr[], what: string): Inferred {
  let common: Inferred = null;
  let commonArg: Expr | undefined;
  for (const a of args) {
    const d = dimOf(a, ctx);
    if (d === null) continue;
    if (common === null) { common = d; commonArg = a; continue; }
    if (!dimEquals(common, d)) {
      fail(ctx, whole, `${what} "${exprToString(commonArg!, undefined, true)}" (${formatDim(common)}) and "${exprToString(a, undefined, true)}" (${formatDim(d)})`, firstSymbol(whole));
    }
  }
  return common;
}

function dimensionless(ctx: Ctx, whole: Expr, arg: Expr, what: string): void {
  const d = dimOf(arg, ctx);
  if (d !== null && !isDimensionless(d)) fail(ctx, whole, `${what} must be dimensionless, got ${formatDim(d)}`, firstSymbol(whole));
}

function dimOf(e: Expr, ctx: Ctx): Inferred {
  switch (e.kind) {
    case "num": return e.unit ? e.unit.dim : e.value === 0 ? null : DIMENSIONLESS;
    case "sym": {
      const d = ctx.dims.get(e.name);
      if (!d) throw new Mismatch(); // a broken declaration, reported where it is
      return d;
    }
    case "neg": return dimOf(e.arg, ctx);
    case "not": dimensionless(ctx, e, e.arg, "the argument of not"); return DIMENSIONLESS;
    case "cond":
      dimOf(e.cond, ctx);
      return same(ctx, e, [e.then, e.else], "the branches differ:");
    case "op": return opDim(e, ctx);
    case "call": return callDim(e, ctx);
  }
}

function opDim(e: Extract<Expr, { kind: "op" }>, ctx: Ctx): Inferred {
  switch (e.op) {
    case "+": case "-": return same(ctx, e, [e.a, e.b], e.op === "+" ? "adds" : "subtracts");
    case "*": case "/": {
      const a = dimOf(e.a, ctx), b = dimOf(e.b, ctx);
      if (a === null || b === null) return null;
      return e.op === "*" ? dimMul(a, b) : dimDiv(a, b);
    }
    case "^": {
      const k = constValue(e.b);
      const a = dimOf(e.a, ctx);
      if (k !== undefined && !e.b.kind.startsWith("sym")) {
        if (e.b.kind === "num" && e.b.unit) fail(ctx, e, "an exponent must be dimensionless");
        return a === null ? null : dimPow(a, k);
      }
      dimensionless(ctx, e, e.b, "the exponent");
      if (a !== null && !isDimensionless(a)) fail(ctx, e, `a base raised to a non-literal power must be dimensionless, got ${formatDim(a)}`, firstSymbol(e));
      return DIMENSIONLESS;
    }
    case "and": case "or":
      dimensionless(ctx, e, e.a, `the operands of ${e.op}`);
      dimensionless(ctx, e, e.b, `the operands of ${e.op}`);
      return DIMENSIONLESS;
    default:
      same(ctx, e, [e.a, e.b], "compares");
      return DIMENSIONLESS;
  }
}

function callDim(e: Extract<Expr, { kind: "call" }>, ctx: Ctx): Inferred {
  const [x, y, z] = e.args;
  switch (e.fn) {
    case "exp": case "log": case "log10": case "tanh":
      dimensionless(ctx, e, x, `the argument of ${e.fn}`);
      return DIMENSIONLESS;
    case "sqrt": { const d = dimOf(x, ctx); return d === null ? null : dimPow(d, 0.5); }
    case "abs": case "pos": return dimOf(x, ctx);
    case "min": case "max": return same(ctx, e, e.args, `${e.fn} mixes`);
    case "clamp": return same(ctx, e, e.args, "clamp mixes");
    case "hill": case "hillInh":
      same(ctx, e, [x, y], `${e.fn} mixes x and k:`);
      dimensionless(ctx, e, z, `the Hill coefficient of ${e.fn}`);
      return DIMENSIONLESS;
    case "sigmoid":
      same(ctx, e, [x, y, z], "sigmoid mixes");
      return DIMENSIONLESS;
    default:
      return DIMENSIONLESS;
  }
}
