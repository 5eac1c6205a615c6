import { describe, expect, it } from "vitest";
import { fitHill, hillResponse } from "../../src/analysis/hill.ts";
import { InputError } from "../../src/errors.ts";
import { normalDeviate, xoshiro128ss } from "../../src/sweep/prng.ts";

const TRUE = { e0: 2, emax: 10, ec50: 35, n: 2.5 };
const doses = [0, 10, 20, 30, 40, 50, 60, 70, 80].flatMap((d) => [d, d, d]);

describe("Hill / Emax dose-response fit", () => {
  it("recovers the parameters exactly from noiseless data", () => {
    const y = doses.map((d) => hillResponse(d, TRUE.e0, TRUE.emax, TRUE.ec50, TRUE.n));
    const fit = fitHill(doses, y);
    expect(fit.e0.estimate).toBeCloseTo(TRUE.e0, 5);
    expect(fit.emax.estimate).toBeCloseTo(TRUE.emax, 5);
    expect(fit.ec50.estimate).toBeCloseTo(TRUE.ec50, 4);
    expect(fit.hill.estimate).toBeCloseTo(TRUE.n, 5);
  });
  it("95 % intervals cover the true parameters in about 95 % of noisy replicate data sets", () => {
    const random = xoshiro128ss(17);
    const covered = [0, 0, 0, 0];
    const R = 80;
    for (let rep = 0; rep < R; rep++) {
      const y = doses.map((d) => hillResponse(d, TRUE.e0, TRUE.emax, TRUE.ec50, TRUE.n) + 0.4 * normalDeviate(random));
      const fit = fitHill(doses, y);
      [[fit.e0, TRUE.e0], [fit.emax, TRUE.emax], [fit.ec50, TRUE.ec50], [fit.hill, TRUE.n]].forEach(([p, t], k) => {
        const { ci } = p as { ci: [number, number] };
        if (ci[0] <= (t as number) && (t as number) <= ci[1]) covered[k]++;
      });
    }
    // Binomial(80, 0.95): fewer than 70 covered has probability < 0.2 %; asymptotic CIs may undercover slightly.
    for (const c of covered) expect(c).toBeGreaterThanOrEqual(70);
  });
  it("fits a falling curve (negative Emax), e.g. an exerkine suppressed with dose", () => {
    const y = doses.map((d) => hillResponse(d, 5, -3, 20, 1.2));
    const fit = fitHill(doses, y);
    expect(fit.emax.estimate).toBeCloseTo(-3, 4);
    expect(fit.ec50.estimate).toBeCloseTo(20, 3);
  });
  it("refuses too few observations, negative doses and mismatched lengths", () => {
    expect(() => fitHill([1, 2, 3], [1, 2, 3])).toThrow(InputError);
    expect(() => fitHill([0, 1, -2, 3, 4], [1, 2, 3, 4, 5])).toThrow(/x\[2\]/);
    expect(() => fitHill([0, 1, 2, 3, 4], [1, 2, 3])).toThrow(/y/);
  });
});
