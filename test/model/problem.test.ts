import { describe, it, expect } from "vitest";
import { fileURLToPath } from "node:url";
import { compileModelFile, modelProblem } from "../../src/model/index.ts";
import { solve } from "../../src/ode/index.ts";

const limb = fileURLToPath(new URL("../../models/examples/limb.yaml", import.meta.url));

/** Cuff at 200 mmHg with contractions for 60 s, off for 30 s, four times: inputs jump only at the tstops. */
function cuffCycles() {
  const tstops = [60, 90, 150, 180, 240, 270, 330];
  let reads = 0;
  const inputs = (t: number, v: Float64Array) => {
    reads++;
    const k = tstops.filter((s) => s <= t).length; // right-continuous segment index
    const on = k % 2 === 0;
    v[0] = on ? 200 : 0;
    v[1] = on ? 0.5 : 0;
  };
  return { tstops, inputs, reads: () => reads };
}

describe("modelProblem with inputsPiecewiseConstant", () => {
  it("reads the inputs once per segment and gives the very same solution", () => {
    const m = compileModelFile(limb);
    const every = cuffCycles(), once = cuffCycles();
    const opts = { method: "rodas5p", rtol: 1e-8, atol: 1e-12 } as const;
    const a = solve(modelProblem(m, { tspan: [0, 360], tstops: every.tstops, inputs: every.inputs }), opts);
    const b = solve(modelProblem(m, { tspan: [0, 360], tstops: once.tstops, inputs: once.inputs, inputsPiecewiseConstant: true }), opts);
    expect(a.status).toBe("success");
    expect(b.stats).toEqual(a.stats);
    expect(b.t).toEqual(a.t);
    b.y.forEach((y, k) => expect(Array.from(y)).toEqual(Array.from(a.y[k])));
    // the cuff changes the solution (so the inputs really reached the rhs)
    const flat = solve(modelProblem(m, { tspan: [0, 360] }), opts);
    expect(flat.y.at(-1)![0]).not.toBeCloseTo(a.y.at(-1)![0], 6);
    expect(every.reads()).toBe(a.stats.rhsEvaluations + a.stats.jacobianEvaluations);
    expect(once.reads()).toBeLessThan(every.reads() / 4);
    expect(once.reads()).toBeGreaterThanOrEqual(every.tstops.length + 1);
  });

  it("rejects tstops that are not strictly ascending, naming tstops", () => {
    const m = compileModelFile(limb);
    expect(() => modelProblem(m, { tspan: [0, 10], tstops: [5, 2], inputsPiecewiseConstant: true }))
      .toThrow(/tstops/);
  });
});
