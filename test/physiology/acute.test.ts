// Behaviours of one session that the literature reports (shared/design/model-spec.md, items 3, 4,
// 5, 7 and 12), asserted as direction, ordering and rough magnitude.
import { describe, expect, it } from "vitest";
import { DAY, S, at, extreme, firstSession, oneSession, series } from "./helpers.ts";

const LOW_LOAD = { "intensity.loadPct1Rm": 20, progression: {} };
const NO_CUFF = { "cuff.pressure.pctAop": 0 };

/** Session peak/nadir of a series from the session start to 1 h after it ends. */
function sessionExtreme(pctAop: number, name: string, kind: "max" | "min", load = 20, sets?: string) {
  const r = oneSession("review-older-adult", {
    ...LOW_LOAD, "intensity.loadPct1Rm": load, "cuff.pressure.pctAop": pctAop, ...(sets ? { sets } : {}),
  });
  const { start, end } = firstSession(r);
  return extreme(r, name, start, end + 3600, kind).value;
}

describe("metabolic stress and recruitment rise with cuff pressure (spec 3; Suga 2010, 2012; Ilett 2019)", () => {
  const pressures = [0, 20, 40, 60, 80, 100];
  const cases = [
    { name: S.muscleLactate, kind: "max" as const, rising: true },
    { name: S.pi, kind: "max" as const, rising: true },
    { name: S.pH, kind: "min" as const, rising: false },
    { name: S.sto2, kind: "min" as const, rising: false },
    { name: S.type2, kind: "max" as const, rising: true },
  ];
  for (const c of cases) {
    it(`${c.name} ${c.rising ? "rises" : "falls"} monotonically with %AOP at 20 %1RM, with diminishing returns`, () => {
      const v = pressures.map((p) => sessionExtreme(p, c.name, c.kind));
      const sign = c.rising ? 1 : -1;
      const steps = v.slice(1).map((x, i) => sign * (x - v[i]!));
      for (const d of steps) expect(d).toBeGreaterThanOrEqual(-1e-6 * Math.abs(v[0]!));
      expect(sign * (v[5]! - v[0]!)).toBeGreaterThan(0);
      // the last 20 %AOP adds less than the largest earlier step
      expect(steps[4]!).toBeLessThan(Math.max(...steps.slice(0, 4)));
    });
  }

  it("at a high load the cuff adds less metabolic stress than at a low load (Suga 2010)", () => {
    const rel = (load: number) => {
      const off = sessionExtreme(0, S.muscleLactate, "max", load, "3x15");
      const on = sessionExtreme(60, S.muscleLactate, "max", load, "3x15");
      return (on - off) / off;
    };
    expect(rel(70)).toBeLessThan(rel(20));
  });
});

describe("GH after low-load BFR (spec 4; Takarada 2000, Shimizu 2016 in older adults)", () => {
  it("rises several-fold with the cuff and many times less without it, peaking within an hour", () => {
    const bfr = oneSession("review-older-adult", LOW_LOAD);
    const off = oneSession("review-older-adult", { ...LOW_LOAD, ...NO_CUFF });
    const { start, end } = firstSession(bfr);
    const peakBfr = extreme(bfr, S.gh, start, end + 3 * 3600);
    const peakOff = extreme(off, S.gh, start, end + 3 * 3600);
    expect(peakBfr.value).toBeGreaterThan(2); // older adults ~3.4-fold (Shimizu 2016)
    expect(peakBfr.value - 1).toBeGreaterThan(3 * (peakOff.value - 1));
    expect(peakBfr.t - end).toBeLessThan(3600);
  });
});

describe("IL-6 and the anti-inflammatory cascade after a session (spec 5; Ostrowski 1999)", () => {
  const r = oneSession("review-older-adult", LOW_LOAD);
  const { start, end } = firstSession(r);
  const il6 = extreme(r, S.il6, start, end + DAY);

  it("IL-6 rises transiently and is back near baseline within about a day", () => {
    expect(il6.value).toBeGreaterThan(1.1);
    const base = series(r, S.il6)[0]!;
    expect(at(r, S.il6, end + DAY) - base).toBeLessThan(0.2 * (il6.value - base));
  });

  it("IL-10 and IL-1ra rise after IL-6, with a delay", () => {
    for (const name of [S.il10, S.il1ra]) {
      const p = extreme(r, name, start, end + DAY);
      expect(p.value).toBeGreaterThan(1.01);
      expect(p.t).toBeGreaterThan(il6.t);
    }
  });
});

describe("MPS after one low-load BFR session (spec 12; Fujita 2007 +46 %, Fry 2010 +56 % in older men)", () => {
  it("rises by tens of percent about 3 h after BFR and much less without the cuff", () => {
    const bfr = oneSession("review-older-adult", LOW_LOAD, "older-man");
    const off = oneSession("review-older-adult", { ...LOW_LOAD, ...NO_CUFF }, "older-man");
    const { end } = firstSession(bfr);
    const base = series(bfr, S.mps)[0]!;
    const riseBfr = at(bfr, S.mps, end + 3 * 3600) / base - 1;
    const riseOff = at(off, S.mps, end + 3 * 3600) / base - 1;
    expect(riseBfr).toBeGreaterThan(0.2);
    expect(riseBfr).toBeLessThan(1.5);
    expect(riseOff).toBeLessThan(0.5 * riseBfr);
  });
});

describe("anabolic resistance and sex (spec 7)", () => {
  /** MPS area above basal over 48 h after one session, fold·h. */
  const mpsResponse = (subject: Parameters<typeof oneSession>[2]) => {
    const r = oneSession("review-older-adult", LOW_LOAD, subject);
    const v = series(r, S.mps);
    const base = v[0]!;
    const { start } = firstSession(r);
    let auc = 0;
    for (let k = 1; k < r.time.length; k++) {
      if (r.time[k]! <= start || r.time[k]! > start + 2 * DAY) continue;
      auc += 0.5 * (v[k]! + v[k - 1]! - 2 * base) * (r.time[k]! - r.time[k - 1]!);
    }
    return auc / 3600;
  };

  it("an older man gains less MPS per session than a young adult", () => {
    expect(mpsResponse("older-man")).toBeLessThan(mpsResponse("young-adult"));
  });

  it("the postmenopausal (oestrogen) term lowers the response of an otherwise identical woman", () => {
    const post = mpsResponse("older-woman");
    const pre = mpsResponse({ preset: "older-woman", overrides: { menopausalStatus: "premenopausal" } });
    expect(post).toBeLessThan(pre);
    expect(post).toBeGreaterThan(0);
  });
});
