import { describe, expect, it } from "vitest";
import { optimiseOverPoints, selectOptimum } from "../../src/analysis/optimise.ts";
import { InputError } from "../../src/errors.ts";

// A toy prescription surface: gain rises with pressure and load, discomfort rises faster with pressure.
const evaluator = {
  evaluate(p: Record<string, number | string>) {
    const pressure = Number(p.pressurePctAop);
    const load = Number(p.loadPct1rm);
    if (pressure === 70 && load === 30) throw new Error("solver failed");
    return { csaGainPct: 0.05 * pressure + 0.1 * load, discomfort: 0.08 * pressure + 0.05 * load };
  },
};
const grid = [40, 50, 60, 70, 80, 90].flatMap((pressurePctAop) => [20, 30].map((loadPct1rm) => ({ pressurePctAop, loadPct1rm })));

describe("constrained optimum", () => {
  it("maximises CSA gain subject to ≤ 80 %AOP and a discomfort ceiling", async () => {
    const res = await optimiseOverPoints(grid, evaluator, {
      objective: "csaGainPct",
      constraints: [{ name: "pressurePctAop", max: 80 }, { name: "discomfort", max: 6.5 }],
    });
    // discomfort ≤ 6.5: (80, 20) → 7.4 too high, (70, 20) → 6.6 too high, (60, 30) → 6.3 feasible, (70, 30) failed
    expect(res.best).toMatchObject({ pressurePctAop: 60, loadPct1rm: 30 });
    expect(res.rows).toBe(12);
    expect(res.excludedBy.pressurePctAop).toBe(2);
  });
  it("minimises when asked, and reports no optimum when nothing is feasible", () => {
    const rows = [{ a: 1, y: 3 }, { a: 2, y: 1 }, { a: 3, y: 2 }];
    expect(selectOptimum(rows, { objective: "y", direction: "min" }).best).toEqual({ a: 2, y: 1 });
    expect(selectOptimum(rows, { objective: "y", constraints: [{ name: "a", min: 5 }] }).best).toBeNull();
  });
  it("ranks the top feasible rows best first, whatever the row order", () => {
    const rows = [5, 9, 1, 7, 3, 9.5, 8].map((y, i) => ({ i, y, c: i === 5 ? 99 : 0 }));
    const res = selectOptimum(rows, { objective: "y", top: 3, constraints: [{ name: "c", max: 1 }] });
    expect(res.ranked.map((r) => r.y)).toEqual([9, 8, 7]);
    expect(res.best).toBe(res.ranked[0]);
    const asc = selectOptimum(rows, { objective: "y", direction: "min", top: 2 });
    expect(asc.ranked.map((r) => r.y)).toEqual([1, 3]);
    expect(() => selectOptimum(rows, { objective: "y", top: 0 })).toThrow(/top = 0/);
  });
  it("a missing value (null from a table, empty CSV cell) is neither the optimum nor a satisfied constraint", () => {
    // minimising: a null objective read as 0 would win; a null constraint read as 0 would pass max: 1
    const rows = [{ y: null, c: 0 }, { y: 2, c: "" }, { y: 3, c: 0 }, { y: "", c: 0 }];
    const res = selectOptimum(rows, { objective: "y", direction: "min", constraints: [{ name: "c", max: 1 }] });
    expect(res.best).toEqual({ y: 3, c: 0 });
    expect(res.feasible).toBe(1);
    expect(res.excludedBy.c).toBe(1);
  });
  it("names an unknown column", () => {
    expect(() => selectOptimum([{ a: 1 }], { objective: "csaGain" })).toThrow(InputError);
  });
});
