import { afterEach, describe, expect, it, vi } from "vitest";
import { InputError } from "../../src/errors.ts";
import { solve, type OdeProblem, type SolveOptions } from "../../src/ode/index.ts";

const base: OdeProblem = { rhs: (_t, y, f) => { f[0] = -y[0]; f[1] = -y[1]; }, y0: [1, 2], tspan: [0, 1], names: ["pcr", "pi"] };

function inputError(problem: OdeProblem, options?: SolveOptions): InputError {
  try {
    solve(problem, options);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

describe("bad input is rejected with the field, the value and what was expected", () => {
  afterEach(() => vi.restoreAllMocks());
  const cases: [string, OdeProblem, SolveOptions | undefined, string][] = [
    ["y0 length differs from names", { ...base, y0: [1, 2, 3] }, undefined, "problem.y0"],
    ["non-finite y0", { ...base, y0: [1, NaN] }, undefined, "problem.y0[1]"],
    ["empty y0", { ...base, y0: [], names: undefined }, undefined, "problem.y0"],
    ["t1 before t0", { ...base, tspan: [1, 0] }, undefined, "problem.tspan[1]"],
    ["non-finite t0", { ...base, tspan: [-Infinity, 1] }, undefined, "problem.tspan[0]"],
    ["rhs not a function", { ...base, rhs: 3 as unknown as OdeProblem["rhs"] }, undefined, "problem.rhs"],
    ["non-finite tstop", { ...base, tstops: [0.5, NaN] }, undefined, "problem.tstops[1]"],
    ["event without g", { ...base, events: [{ name: "x" } as never] }, undefined, "problem.events[0].g"],
    ["event direction 2", { ...base, events: [{ name: "x", g: () => 1, direction: 2 as never }] }, undefined, "problem.events[0].direction"],
    ["rtol = 0", base, { rtol: 0 }, "options.rtol"],
    ["rtol negative", base, { rtol: -1e-6 }, "options.rtol"],
    ["rtol below rounding level", base, { rtol: 1e-16 }, "options.rtol"],
    ["atol = 0", base, { atol: 0 }, "options.atol"],
    ["atol wrong length", base, { atol: [1e-8, 1e-8, 1e-8] }, "options.atol"],
    ["atol component negative", base, { atol: [1e-8, -1] }, "options.atol[1]"],
    ["unknown method", base, { method: "rk4" }, "options.method"],
    ["saveat outside tspan", base, { saveat: [0, 2] }, "options.saveat[1]"],
    ["saveat not sorted", base, { saveat: [0.5, 0.2] }, "options.saveat[1]"],
    ["maxSteps not an integer", base, { maxSteps: 2.5 }, "options.maxSteps"],
    ["h0 negative", base, { h0: -0.1 }, "options.h0"],
    ["hmax zero", base, { hmax: 0 }, "options.hmax"],
  ];
  for (const [what, problem, options, field] of cases) {
    it(`${what} → ${field}`, () => {
      const err = inputError(problem, options);
      expect(err.field).toBe(field);
      expect(err.message).toContain(field);
      expect(err.expected.length).toBeGreaterThan(3);
      expect(err.code).toBe("E_INPUT");
    });
  }
  it("an unknown option warns (and is ignored) instead of failing", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const sol = solve(base, { rtoll: 1e-3 } as SolveOptions);
    expect(sol.status).toBe("success");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain("rtoll");
  });
});
