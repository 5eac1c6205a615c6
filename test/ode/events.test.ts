import { describe, expect, it } from "vitest";
import { solve, type EventSpec, type OdeProblem } from "../../src/ode/index.ts";

const G = 9.81;
const RESTITUTION = 0.9;
const H0 = 10;

/** Analytic impact times of a ball dropped from H0 with restitution e. */
function impactTimes(count: number): number[] {
  const t1 = Math.sqrt((2 * H0) / G);
  const v1 = G * t1;
  const out = [t1];
  let v = v1;
  for (let k = 1; k < count; k++) {
    v *= RESTITUTION;
    out.push(out[k - 1] + (2 * v) / G);
  }
  return out;
}

function bouncingBall(tEnd: number, bounce: Partial<EventSpec> = {}): OdeProblem {
  return {
    rhs: (_t, y, f) => { f[0] = y[1]; f[1] = -G; },
    y0: [H0, 0],
    tspan: [0, tEnd],
    names: ["height", "velocity"],
    events: [{
      name: "impact",
      g: (_t, y) => y[0],
      direction: -1,
      affect: (_t, y) => { y[1] = -RESTITUTION * y[1]; },
      ...bounce,
    }],
  };
}

describe("events", () => {
  for (const method of ["dopri5", "rodas5p", "auto"]) {
    it(`${method}: a bouncing ball's impacts are located to 1e-8`, () => {
      const expected = impactTimes(6);
      const sol = solve(bouncingBall(expected[5] + 0.1), { method, rtol: 1e-10, atol: 1e-12 });
      expect(sol.status).toBe("success");
      expect(sol.events.map((e) => e.name)).toEqual(Array(6).fill("impact"));
      sol.events.forEach((e, k) => {
        expect(Math.abs(e.t - expected[k])).toBeLessThan(1e-8);
        expect(Math.abs(e.y[0])).toBeLessThan(1e-8);
      });
      // The ball never goes (meaningfully) below the floor.
      for (const y of sol.y) expect(y[0]).toBeGreaterThan(-1e-8);
    });
  }

  it("a terminal event stops the run at the root with status 'terminated'", () => {
    const [t1] = impactTimes(1);
    const sol = solve(bouncingBall(10, { terminal: true, affect: undefined }), { rtol: 1e-10, atol: 1e-12 });
    expect(sol.status).toBe("terminated");
    expect(sol.events).toHaveLength(1);
    expect(Math.abs(sol.t[sol.t.length - 1] - t1)).toBeLessThan(1e-10);
    expect(sol.message).toContain("impact");
  });

  it("direction filters crossings: only rising zeros of sin(t) are reported", () => {
    const sol = solve(
      {
        rhs: (t, _y, f) => { f[0] = Math.cos(t); },
        y0: [0],
        tspan: [0, 20],
        events: [
          { name: "rising", g: (_t, y) => y[0] - 0.5, direction: 1 },
          { name: "any", g: (_t, y) => y[0] - 0.5 },
        ],
      },
      { rtol: 1e-10, atol: 1e-12 },
    );
    // y = sin t; sin t = 0.5 rises at π/6 + 2kπ and falls at 5π/6 + 2kπ.
    const rising = sol.events.filter((e) => e.name === "rising").map((e) => e.t);
    const any = sol.events.filter((e) => e.name === "any").map((e) => e.t);
    const expectedRising = [0, 1, 2, 3].map((k) => Math.PI / 6 + 2 * k * Math.PI).filter((t) => t < 20);
    expect(rising).toHaveLength(expectedRising.length);
    rising.forEach((t, k) => expect(Math.abs(t - expectedRising[k])).toBeLessThan(1e-9));
    expect(any.length).toBe(expectedRising.length + [0, 1, 2].filter((k) => 5 * Math.PI / 6 + 2 * k * Math.PI < 20).length);
  });
});

describe("tstops", () => {
  // dy/dt = 1 before t = 1, −2 on [1, 2.5), +0.5 after: piecewise linear, so exact if the jumps
  // are stepped on exactly (each side of a jump sees its own RHS).
  const rate = (t: number) => (t < 1 ? 1 : t < 2.5 ? -2 : 0.5);
  const exact = (t: number) => (t < 1 ? t : t < 2.5 ? 1 - 2 * (t - 1) : -2 + 0.5 * (t - 2.5));
  const problem: OdeProblem = { rhs: (t, _y, f) => { f[0] = rate(t); }, y0: [0], tspan: [0, 4], tstops: [2.5, 1] };
  for (const method of ["dopri5", "rodas5p", "auto"]) {
    it(`${method}: each tstop is an output time and a RHS with jumps there integrates exactly`, () => {
      const sol = solve(problem, { method, rtol: 1e-6, atol: 1e-9 });
      const ts = Array.from(sol.t);
      expect(ts).toContain(1);
      expect(ts).toContain(2.5);
      sol.t.forEach((t, k) => expect(Math.abs(sol.y[k][0] - exact(t))).toBeLessThan(1e-12));
    });
  }
  it("the same RHS without tstops is integrated less exactly (the test can tell)", () => {
    const sol = solve({ ...problem, tstops: undefined }, { method: "dopri5", rtol: 1e-6, atol: 1e-9 });
    const y = sol.y[sol.y.length - 1][0];
    expect(Math.abs(y - exact(4))).toBeGreaterThan(1e-12);
  });
  it("tstops a few ulps apart or from the ends (sums of durations) do not break the run", () => {
    const sol = solve(
      { rhs: (t, _y, f) => { f[0] = t < 0.3 ? 1 : 0; }, y0: [0], tspan: [0, 1], tstops: [0.1 + 0.2, 0.3, 1 - 1e-16, 5e-324] },
      { rtol: 1e-8 },
    );
    expect(sol.status).toBe("success");
    expect(sol.t[sol.t.length - 1]).toBe(1);
    expect(Math.abs(sol.y[sol.y.length - 1][0] - 0.3)).toBeLessThan(1e-14);
  });
  it("an event reset a few ulps before the end still finishes at t1", () => {
    const sol = solve(
      {
        rhs: (_t, _y, f) => { f[0] = 1; },
        y0: [0],
        tspan: [0, 1],
        events: [{ name: "almost end", g: (t) => t - (1 - 2e-16), affect: () => {} }],
      },
      { saveat: [0.5, 1] },
    );
    expect(sol.status).toBe("success");
    expect(Array.from(sol.t)).toEqual([0.5, 1]);
  });
  it("a rhs using t <= stop (left-continuous) is also integrated exactly", () => {
    const sol = solve(
      { rhs: (t, _y, f) => { f[0] = t <= 1 ? 1 : -2; }, y0: [0], tspan: [0, 2], tstops: [1] },
      { method: "rodas5p", rtol: 1e-6, atol: 1e-9 },
    );
    expect(Math.abs(sol.y[sol.y.length - 1][0] - (1 - 2))).toBeLessThan(1e-12);
  });
});

describe("saveat and dense output", () => {
  const decay: OdeProblem = { rhs: (_t, y, f) => { f[0] = -y[0]; }, y0: [1], tspan: [0, 5] };
  it("saveat returns exactly the requested times, interpolated without forcing extra steps", () => {
    const saveat = [0, 0.3, 1.7, 2, 4.99, 5];
    const free = solve(decay, { rtol: 1e-8, atol: 1e-10 });
    const sol = solve(decay, { rtol: 1e-8, atol: 1e-10, saveat });
    expect(Array.from(sol.t)).toEqual(saveat);
    expect(sol.stats.acceptedSteps).toBe(free.stats.acceptedSteps);
    sol.t.forEach((t, k) => expect(Math.abs(sol.y[k][0] - Math.exp(-t))).toBeLessThan(1e-8));
  });
  it("saveat output is also one row-major block, yFlat, that y's vectors read from", () => {
    const twoDecays: OdeProblem = { rhs: (_t, y, f) => { f[0] = -y[0]; f[1] = -2 * y[1]; }, y0: [1, 1], tspan: [0, 2] };
    const saveat = [0, 0.5, 1, 2];
    const sol = solve(twoDecays, { rtol: 1e-9, atol: 1e-12, saveat });
    expect(sol.yFlat).toBeInstanceOf(Float64Array);
    expect(sol.yFlat!.length).toBe(2 * saveat.length);
    saveat.forEach((t, k) => {
      expect(Math.abs(sol.yFlat![2 * k] - Math.exp(-t))).toBeLessThan(1e-8);
      expect(Math.abs(sol.yFlat![2 * k + 1] - Math.exp(-2 * t))).toBeLessThan(1e-8);
      expect(Array.from(sol.y[k])).toEqual([sol.yFlat![2 * k], sol.yFlat![2 * k + 1]]);
    });
    expect(sol.y).toBe(sol.y); // made once, then kept
    const frozen = Object.freeze(solve(twoDecays, { rtol: 1e-9, atol: 1e-12, saveat }));
    expect(frozen.y.length).toBe(saveat.length);
    expect(frozen.y).toBe(frozen.y);
    expect(Object.keys(sol)).toContain("y");
    // Without saveat there is no block: every step is saved as its own vector.
    expect(solve(twoDecays, { rtol: 1e-6 }).yFlat).toBeUndefined();
  });
  it("an aborted saveat solve returns only the points it reached, in y and yFlat alike", () => {
    let calls = 0;
    const controller = new AbortController();
    const slow: OdeProblem = { rhs: (_t, y, f) => { if (++calls === 200) controller.abort(); f[0] = -y[0]; }, y0: [1], tspan: [0, 100] };
    const saveat = Array.from({ length: 101 }, (_, k) => k);
    const sol = solve(slow, { method: "dopri5", rtol: 1e-10, atol: 1e-12, saveat, signal: controller.signal });
    expect(sol.status).toBe("aborted");
    expect(sol.t.length).toBeLessThan(saveat.length);
    expect(sol.y.length).toBe(sol.t.length);
    expect(sol.yFlat!.length).toBe(sol.t.length);
  });
  it("dense: true gives sol(t) over the whole span, across tstops and event resets", () => {
    const expected = impactTimes(3);
    const sol = solve(bouncingBall(expected[2]), { rtol: 1e-10, atol: 1e-12, dense: true });
    // Between the first two impacts the ball follows a parabola.
    const v = RESTITUTION * G * expected[0];
    for (const frac of [0.1, 0.5, 0.9]) {
      const t = expected[0] + frac * (expected[1] - expected[0]);
      const dt = t - expected[0];
      expect(Math.abs(sol.sol!(t)[0] - (v * dt - 0.5 * G * dt * dt))).toBeLessThan(1e-8);
    }
    // At an impact the interpolant is right-continuous: the velocity after the bounce.
    const vAfter = sol.sol!(sol.events[0].t)[1];
    expect(Math.abs(vAfter - v)).toBeLessThan(1e-8);
    expect(sol.sol!(sol.events[0].t * (1 - 1e-9))[1]).toBeLessThan(0);
  });
});
