/**
 * The Rosenbrock step controller after repeated rejections from one point: the next guess uses
 * the order the two rejected attempts showed (a stiff transient after a discontinuity is not in
 * the asymptotic h^5 regime yet), and the plain h^5 rule when they show order 5.
 */
import { describe, expect, it } from "vitest";
import { PredictiveController } from "../../src/ode/control.ts";

function afterTwoRejections(order: number): { h2: number; h3: number } {
  const c = new PredictiveController(5);
  c.accept(0.5, 1); // a history, so the "no step accepted yet" rule does not apply
  const h1 = 1;
  const e1 = 1000;
  const h2 = c.reject(e1, h1);
  const e2 = e1 * (h2 / h1) ** order;
  return { h2, h3: c.reject(e2, h2) };
}

describe("predictive controller, repeated rejection", () => {
  it("error falling like h^2: the third attempt aims at err ≈ 0.9^2 under order 2 (≥ 4× smaller step)", () => {
    const { h2, h3 } = afterTwoRejections(2);
    // Plain h^5 rule would give h2 / 2.44; order 2 asks for h2 / 7.97, capped at 5.
    expect(h2 / h3).toBeCloseTo(5, 10);
  });
  it("error falling like h^3: fac = err^(1/3)/0.9", () => {
    const { h2, h3 } = afterTwoRejections(3);
    const e2 = 1000 * h2 ** 3;
    expect(h3).toBeCloseTo(h2 / (Math.cbrt(e2) / 0.9), 12);
  });
  it("error falling like h^5 (asymptotic regime): the usual h^5 rule", () => {
    const { h2, h3 } = afterTwoRejections(5);
    const e2 = 1000 * h2 ** 5;
    expect(h3).toBeCloseTo(h2 / (e2 ** 0.2 / 0.9), 12);
  });
});
