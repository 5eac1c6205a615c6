import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  cuffWidthFactor,
  pctAopToPressure,
  pressureToPctAop,
  resolveAop,
  thighAop18cm,
} from "../../src/simulate/aop.ts";
import { validateSubject } from "../../src/simulate/subject-validate.ts";
import type { Subject } from "../../src/simulate/subject.ts";

function subject(over: Record<string, unknown> = {}): Subject {
  return validateSubject({
    ageYr: 23, sex: "male", bodyMassKg: 75, heightCm: 178, thighCircumferenceCm: 55, armCircumferenceCm: 30,
    sbpMmHg: 120, dbpMmHg: 70, oneRepMaxKg: 70, baselineCsaCm2: 80, gripStrengthKg: 45, gaitSpeedMPerS: 1.4,
    ...over,
  });
}

describe("thigh AOP, 18-cm cuff (Rev Bras Med Esporte 2019 equation)", () => {
  it("reproduces the published equation for a participant like the derivation sample", () => {
    // 65.290 + 1.110*55 + 0.178*120 + 1.153*23 - 7.984*1, worked by hand = 166.235 mmHg
    const est = thighAop18cm(subject());
    expect(est.aopMmHg).toBeCloseTo(166.235, 3);
    expect(est.seMmHg).toBeCloseTo(15.289, 3);
  });
  it("lands inside the 18-cm thigh AOPs reported in young adults (Brown 2018: 170 ± 26 mmHg)", () => {
    const est = resolveAop(subject(), "thigh", 18);
    expect(Math.abs(est.aopMmHg - 170)).toBeLessThan(26);
    expect(est.method).toBe("thigh-equation-18cm");
  });
  it("gives women 7.984 mmHg less than men with the same limb, pressure and age", () => {
    const m = thighAop18cm(subject()).aopMmHg;
    const f = thighAop18cm(subject({ sex: "female", menopausalStatus: "premenopausal" })).aopMmHg;
    expect(m - f).toBeCloseTo(7.984, 6);
  });
  it("rises 1.11 mmHg per cm of thigh circumference", () => {
    const a = thighAop18cm(subject({ thighCircumferenceCm: 50 })).aopMmHg;
    const b = thighAop18cm(subject({ thighCircumferenceCm: 60 })).aopMmHg;
    expect(b - a).toBeCloseTo(11.1, 6);
  });
  it("does not extrapolate the young sample's age slope to older adults, and says so in a large error", () => {
    const at34 = thighAop18cm(subject({ ageYr: 33.71 }));
    const at70 = thighAop18cm(subject({ ageYr: 70 }));
    expect(at70.aopMmHg).toBeCloseTo(at34.aopMmHg, 6);
    expect(at70.seMmHg).toBeGreaterThan(40);
    expect(at70.seMmHg).toBeGreaterThan(at34.seMmHg * 2);
  });
});

describe("cuff width", () => {
  it("a 5-cm thigh cuff needs 235/144 of a 13.5-cm cuff's pressure (Loenneke 2012)", () => {
    expect(cuffWidthFactor("thigh", 5) / cuffWidthFactor("thigh", 13.5)).toBeCloseTo(235 / 144, 10);
  });
  it("13.5-cm and 18-cm thigh cuffs are treated alike (Brown 2018: 161 vs 170 mmHg, n.s.)", () => {
    expect(cuffWidthFactor("thigh", 18)).toBe(cuffWidthFactor("thigh", 13.5));
  });
  it("AOP falls monotonically as the cuff widens", () => {
    fc.assert(
      fc.property(fc.double({ min: 3, max: 25, noNaN: true }), fc.double({ min: 3, max: 25, noNaN: true }), (a, b) => {
        const [narrow, wide] = a < b ? [a, b] : [b, a];
        for (const site of ["thigh", "upper_arm"] as const) {
          expect(cuffWidthFactor(site, narrow)).toBeGreaterThanOrEqual(cuffWidthFactor(site, wide));
        }
      }),
    );
  });
  it("a narrow-cuff estimate carries a much larger error than a wide-cuff one (Spitz 2024)", () => {
    const s = subject();
    expect(resolveAop(s, "thigh", 5).seMmHg).toBeGreaterThan(3 * resolveAop(s, "thigh", 18).seMmHg);
  });
  it("upper-arm AOP with a wide cuff sits near systolic pressure, higher with a 6-cm cuff (Brown 2018 161 vs 133)", () => {
    const s = subject();
    expect(resolveAop(s, "upper_arm", 13).aopMmHg).toBeCloseTo(120, 6);
    expect(resolveAop(s, "upper_arm", 6).aopMmHg / resolveAop(s, "upper_arm", 13).aopMmHg).toBeCloseTo(161 / 133, 10);
  });
});

describe("measured AOP", () => {
  it("is used as is when site and width match", () => {
    const s = subject({ measuredAop: [{ site: "thigh", cuffWidthCm: 11.5, aopMmHg: 190 }] });
    const est = resolveAop(s, "thigh", 11.5);
    expect(est).toMatchObject({ aopMmHg: 190, method: "measured" });
    expect(est.seMmHg).toBeLessThan(5);
  });
  it("is width-adjusted for another cuff at the same site instead of falling back to the equation", () => {
    const s = subject({ measuredAop: [{ site: "thigh", cuffWidthCm: 13.5, aopMmHg: 144 }] });
    const est = resolveAop(s, "thigh", 5);
    expect(est.method).toBe("measured-width-adjusted");
    expect(est.aopMmHg).toBeCloseTo(235, 6);
  });
  it("the measurement with the closest width is the one adjusted", () => {
    const s = subject({
      measuredAop: [
        { site: "thigh", cuffWidthCm: 5, aopMmHg: 300 },
        { site: "thigh", cuffWidthCm: 10, aopMmHg: 180 },
      ],
    });
    const est = resolveAop(s, "thigh", 12);
    expect(est.aopMmHg).toBeCloseTo((180 * cuffWidthFactor("thigh", 12)) / cuffWidthFactor("thigh", 10), 9);
  });
  it("of another site is ignored", () => {
    const s = subject({ measuredAop: [{ site: "upper_arm", cuffWidthCm: 5, aopMmHg: 200 }] });
    expect(resolveAop(s, "thigh", 18).method).toBe("thigh-equation-18cm");
  });
});

describe("%AOP ↔ mmHg", () => {
  it("60 %AOP of 150 mmHg is 90 mmHg", () => {
    expect(pctAopToPressure(60, 150)).toBeCloseTo(90, 12);
    expect(pressureToPctAop(90, 150)).toBeCloseTo(60, 12);
  });
  it("round-trips for any pressure and AOP", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 50, max: 400, noNaN: true }), (p, aop) => {
        expect(pctAopToPressure(pressureToPctAop(p, aop), aop)).toBeCloseTo(p, 9);
      }),
    );
  });
  it("refuses a non-positive AOP", () => {
    expect(() => pressureToPctAop(100, 0)).toThrow(/aopMmHg/);
  });
});
