import { describe, expect, it } from "vitest";
import { noncentralTCdf, normalCdf, normalQuantile, regularizedBeta, studentTCdf, studentTQuantile } from "../../src/analysis/special.ts";

describe("special functions against closed forms and printed tables", () => {
  it("I_x(a, 1) = x^a and I_x(1, b) = 1 - (1-x)^b", () => {
    for (const x of [0.01, 0.3, 0.77, 0.999]) {
      expect(regularizedBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 13);
      expect(regularizedBeta(x, 1, 4.2)).toBeCloseTo(1 - (1 - x) ** 4.2, 13);
    }
  });
  it("t with 1 df is Cauchy: F(t) = 1/2 + atan(t)/π; with 2 df F(t) = 1/2 + t/(2√(2+t²))", () => {
    for (const t of [-30, -2, -0.3, 0, 0.7, 5]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
  });
  it("reproduces the familiar two-sided 5 % critical values (Fisher & Yates tables)", () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032, 3);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
  });
  it("normal CDF: Φ(0) = 1/2, symmetry, and the far tail Φ(-8) ≈ 6.221e-16", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.3) + normalCdf(-1.3)).toBeCloseTo(1, 15);
    expect(normalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 6);
  });
  it("noncentral t with δ = 0 is the central t", () => {
    for (const [t, nu] of [[1.5, 10], [-0.4, 3], [2.5, 40]]) expect(noncentralTCdf(t, nu, 0)).toBeCloseTo(studentTCdf(t, nu), 8);
  });
});
