import { describe, expect, it } from "vitest";
import { solve } from "../../src/ode/index.ts";
import { ARENSTORF, KEPLER, keplerExact } from "./fixtures/nonstiff.ts";

function returnError(method: string, rtol: number): { err: number; switches: number } {
  const sol = solve(ARENSTORF, { method, rtol, atol: rtol });
  expect(sol.status).toBe("success");
  const y = sol.y[sol.y.length - 1];
  const y0 = ARENSTORF.y0;
  let err = 0;
  for (let i = 0; i < 4; i++) err = Math.max(err, Math.abs(y[i] - y0[i]));
  return { err, switches: sol.stats.methodSwitches };
}

describe("Arenstorf orbit", () => {
  for (const method of ["dopri5", "auto"]) {
    it(`${method}: returns to its start after one period, closer as rtol tightens`, () => {
      const loose = returnError(method, 1e-7);
      const tight = returnError(method, 1e-11);
      expect(tight.err).toBeLessThan(1e-5);
      expect(tight.err).toBeLessThan(loose.err / 100);
      expect(tight.switches).toBe(0);
    });
  }
  it("rodas5p also closes the orbit (a stiff method on a non-stiff problem)", () => {
    expect(returnError("rodas5p", 1e-10).err).toBeLessThan(1e-4);
  });
});

describe("Kepler two-body problem (e = 0.5)", () => {
  const times = Array.from({ length: 41 }, (_, k) => k * 0.5);
  for (const method of ["dopri5", "auto", "rodas5p"]) {
    it(`${method}: matches the solution of Kepler's equation over three orbits`, () => {
      const sol = solve(KEPLER, { method, rtol: 1e-10, atol: 1e-12, saveat: times });
      expect(Array.from(sol.t)).toEqual(times);
      let worst = 0;
      sol.t.forEach((t, k) => {
        const ex = keplerExact(t);
        for (let i = 0; i < 4; i++) worst = Math.max(worst, Math.abs(sol.y[k][i] - ex[i]));
      });
      expect(worst).toBeLessThan(method === "rodas5p" ? 1e-6 : 1e-7);
    });
  }
  it("conserves energy and angular momentum to the tolerance", () => {
    const sol = solve(KEPLER, { rtol: 1e-10, atol: 1e-12 });
    const energy = (y: Float64Array) => 0.5 * (y[2] ** 2 + y[3] ** 2) - 1 / Math.hypot(y[0], y[1]);
    const momentum = (y: Float64Array) => y[0] * y[3] - y[1] * y[2];
    const E0 = energy(sol.y[0]);
    const L0 = momentum(sol.y[0]);
    for (const y of sol.y) {
      expect(Math.abs(energy(y) - E0)).toBeLessThan(1e-8);
      expect(Math.abs(momentum(y) - L0)).toBeLessThan(1e-8);
    }
  });
});
