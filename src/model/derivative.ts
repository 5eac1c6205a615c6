/**
 * Symbolic partial derivatives of expression trees. The format's helpers are first rewritten into
 * elementary form; non-differentiable points (min, max, abs, clamp, pos, conditionals) take the
 * derivative of the active branch. Constructors fold zeros and ones so results stay small.
 */
import type { Expr } from "./expr.ts";

const ZERO: Expr = { kind: "num", value: 0 };
const ONE: Expr = { kind: "num", value: 1 };
const isNum = (e: Expr, v?: number) => e.kind === "num" && (v === undefined || e.value === v);

export const n = (value: number): Expr => ({ kind: "num", value });
export function add(a: Expr, b: Expr): Expr {
  if (isNum(a, 0)) return b;
  if (isNum(b, 0)) return a;
  if (a.kind === "num" && b.kind === "num") return n(a.value + b.value);
  return { kind: "op", op: "+", a, b };
}
export function sub(a: Expr, b: Expr): Expr {
  if (isNum(b, 0)) return a;
  if (isNum(a, 0)) return neg(b);
  return { kind: "op", op: "-", a, b };
}
export function mul(a: Expr, b: Expr): Expr {
  if (isNum(a, 0) || isNum(b, 0)) return ZERO;
  if (isNum(a, 1)) return b;
  if (isNum(b, 1)) return a;
  if (a.kind === "num" && b.kind === "num") return n(a.value * b.value);
  return { kind: "op", op: "*", a, b };
}
export function div(a: Expr, b: Expr): Expr {
  if (isNum(a, 0)) return ZERO;
  if (isNum(b, 1)) return a;
  return { kind: "op", op: "/", a, b };
}
export function neg(a: Expr): Expr {
  if (a.kind === "num") return n(-a.value);
  if (a.kind === "neg") return a.arg;
  return { kind: "neg", arg: a };
}
export function pow(a: Expr, b: Expr): Expr {
  if (isNum(b, 1)) return a;
  if (isNum(b, 0)) return ONE;
  return { kind: "op", op: "^", a, b };
}
const call = (fn: string, ...args: Expr[]): Expr => ({ kind: "call", fn, args });
const cond = (c: Expr, a: Expr, b: Expr): Expr => (isNum(a) && isNum(b) && (a as { value: number }).value === (b as { value: number }).value ? a : { kind: "cond", cond: c, then: a, else: b });
const cmp = (op: "<" | ">" | "<=" | ">=", a: Expr, b: Expr): Expr => ({ kind: "op", op, a, b });

/** Rewrites hill, hillInh, sigmoid, clamp, pos and n-ary min/max into elementary trees. */
export function expandHelpers(e: Expr): Expr {
  switch (e.kind) {
    case "num": case "sym": return e;
    case "neg": case "not": return { kind: e.kind, arg: expandHelpers(e.arg) };
    case "op": return { kind: "op", op: e.op, a: expandHelpers(e.a), b: expandHelpers(e.b) };
    case "cond": return { kind: "cond", cond: expandHelpers(e.cond), then: expandHelpers(e.then), else: expandHelpers(e.else) };
    case "call": {
      const a = e.args.map(expandHelpers);
      switch (e.fn) {
        case "hill": { // x^n / (k^n + x^n), 0 for x <= 0
          const xn = pow(a[0], a[2]);
          return cond(cmp(">", a[0], ZERO), div(xn, add(pow(a[1], a[2]), xn)), ZERO);
        }
        case "hillInh": {
          const kn = pow(a[1], a[2]);
          return cond(cmp(">", a[0], ZERO), div(kn, add(kn, pow(a[0], a[2]))), ONE);
        }
        case "sigmoid":
          return div(ONE, add(ONE, call("exp", neg(div(sub(a[0], a[1]), a[2])))));
        case "clamp":
          return call("min", call("max", a[0], a[1]), a[2]);
        case "pos":
          return call("max", a[0], ZERO);
        case "min": case "max":
          return a.slice(1).reduce((acc, x) => call(e.fn, acc, x), a[0]);
        default:
          return call(e.fn, ...a);
      }
    }
  }
}

/** ∂e/∂x for an elementary tree (run expandHelpers first). */
export function differentiate(e: Expr, x: string): Expr {
  switch (e.kind) {
    case "num": return ZERO;
    case "sym": return e.name === x ? ONE : ZERO;
    case "neg": return neg(differentiate(e.arg, x));
    case "not": return ZERO;
    case "cond": return cond(e.cond, differentiate(e.then, x), differentiate(e.else, x));
    case "op": return opDerivative(e, x);
    case "call": return callDerivative(e, x);
  }
}

function opDerivative(e: Extract<Expr, { kind: "op" }>, x: string): Expr {
  const da = differentiate(e.a, x);
  const db = differentiate(e.b, x);
  switch (e.op) {
    case "+": return add(da, db);
    case "-": return sub(da, db);
    case "*": return add(mul(da, e.b), mul(e.a, db));
    case "/":
      if (isNum(db, 0)) return div(da, e.b);
      return div(sub(mul(da, e.b), mul(e.a, db)), pow(e.b, n(2)));
    case "^": {
      // power rule when the exponent is constant in x; the general rule otherwise
      const powerRule = mul(mul(e.b, pow(e.a, sub(e.b, ONE))), da);
      if (isNum(db, 0)) return e.b.kind === "num" ? mul(mul(e.b, pow(e.a, n(e.b.value - 1))), da) : powerRule;
      return add(powerRule, mul(mul(e, call("log", e.a)), db));
    }
    default: return ZERO; // comparisons and logic are piecewise constant
  }
}

function callDerivative(e: Extract<Expr, { kind: "call" }>, x: string): Expr {
  const [a, b] = e.args;
  const da = differentiate(a, x);
  switch (e.fn) {
    case "exp": return mul(e, da);
    case "log": return div(da, a);
    case "log10": return div(da, mul(a, n(Math.LN10)));
    case "tanh": return mul(sub(ONE, pow(e, n(2))), da);
    case "sqrt": return div(da, mul(n(2), e));
    case "abs": return cond(cmp(">=", a, ZERO), da, neg(da));
    case "min": return cond(cmp("<=", a, b), da, differentiate(b, x));
    case "max": return cond(cmp(">=", a, b), da, differentiate(b, x));
    default: throw new Error(`no derivative rule for ${e.fn} (expand helpers first)`);
  }
}

/** True when a tree is the literal 0. */
export function isZero(e: Expr): boolean {
  return isNum(e, 0);
}
