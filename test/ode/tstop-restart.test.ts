/**
 * A tstop where the RHS is smooth must cost little: the state is continuous there, so the step
 * the error allowed before the stop carries over (no fresh initial-step estimate and ramp-up).
 */
import { describe, expect, it } from "vitest";
import { solve } from "../../src/ode/index.ts";

describe("restart after a tstop keeps the step size", () => {
  const rhs = (_t: number, y: Float64Array, d: Float64Array) => { d[0] = -y[0]; d[1] = -0.5 * y[1] + y[0]; };
  const base = { rhs, y0: [1, 0], tspan: [0, 10] as const };
  const stops = Array.from({ length: 50 }, (_, k) => 0.2 * (k + 1) - 0.0371);
  for (const method of ["rodas5p", "dopri5"]) {
    it(`${method}: 50 stops in a smooth problem cost < 1.5 extra attempts each, accuracy kept`, () => {
      const opts = { method, rtol: 1e-6, atol: 1e-9 };
      const free = solve(base, opts);
      const stopped = solve({ ...base, tstops: stops }, opts);
      const attempts = (s: typeof free) => s.stats.acceptedSteps + s.stats.rejectedSteps;
      expect(stopped.status).toBe("success");
      expect(attempts(stopped)).toBeLessThanOrEqual(attempts(free) + 1.5 * stops.length);
      // y0(t) = e^{−t}, y1(t) = 2(e^{−t/2} − e^{−t}).
      const y = stopped.y[stopped.y.length - 1];
      expect(Math.abs(y[0] - Math.exp(-10)) / Math.exp(-10)).toBeLessThan(1e-5);
      const y1 = 2 * (Math.exp(-5) - Math.exp(-10));
      expect(Math.abs(y[1] - y1) / y1).toBeLessThan(1e-5);
    });
  }
});
