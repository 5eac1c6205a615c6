import { describe, it, expect } from "vitest";
import { parseExpr } from "../../src/model/expr.ts";
import { jsExpr } from "../../src/model/codegen.ts";

/** The JavaScript the code generator emits for `expr` over the symbols x and a. */
function js(expr: string): string {
  const { expr: e, issues } = parseExpr(expr, (s) => s === "x" || s === "a");
  if (!e) throw new Error(`${expr}: ${issues.map((i) => i.message).join("; ")}`);
  return jsExpr(e, (s) => s);
}

/** Compiles `expr` into a JavaScript function of x and a. */
function compiled(expr: string): (x: number, a: number) => number {
  const body = js(expr);
  return new Function("x", "a", `return ${body};`) as (x: number, a: number) => number;
}

describe("generated powers", () => {
  it("a constant base to a variable power (10^-pH, 10^(pK - pH)) is exp(x ln c) and agrees with Math.pow to a few ulp", () => {
    const cases: Array<[string, (x: number, a: number) => number]> = [
      ["10 ^ (-x)", (x) => Math.pow(10, -x)],
      ["10 ^ (a - x)", (x, a) => Math.pow(10, a - x)],
      ["2 ^ x", (x) => Math.pow(2, x)],
      ["0.5 ^ (x / a)", (x, a) => Math.pow(0.5, x / a)],
    ];
    for (const [expr, reference] of cases) {
      const f = compiled(expr);
      expect(js(expr)).toContain("Math.exp(");
      for (let k = 0; k <= 200; k++) {
        const x = -12 + 0.13 * k, a = 6.8 - 0.01 * k;
        const want = reference(x, a);
        // |x ln c| <= ~30 here: the exp form's relative error stays below 1e-14
        expect(Math.abs(f(x, a) - want)).toBeLessThanOrEqual(1e-14 * want);
      }
    }
  });

  it("a variable base keeps Math.pow, and small constant exponents stay products", () => {
    expect(js("x ^ a")).toContain("Math.pow(x, a)");
    expect(js("x ^ 2")).toBe("(x * x)");
    expect(compiled("(-2) ^ x")(3, 0)).toBe(-8); // a negative base cannot go through a logarithm
  });
});
