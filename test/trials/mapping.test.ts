import { describe, expect, it } from "vitest";
import { loadTrials } from "../../src/trials/load.ts";
import { mapTrials, type MappedArm } from "../../src/trials/mapping.ts";
import { OUTCOME_RULES, mapOutcome, missingOutputs } from "../../src/trials/outcome-map.ts";
import { OUTCOME_KINDS } from "../../src/trials/schema.ts";

const data = loadTrials();
const mapped = mapTrials(data);
const arm = (key: string): MappedArm => {
  const m = mapped.arms.find((a) => a.key === key);
  if (!m) throw new Error(`no arm ${key}`);
  return m;
};
const row = (key: string, outcome: string, i = 0) => mapped.outcomes.filter((o) => o.armKey === key && o.row.outcome === outcome)[i]!;

describe("arm → subject and protocol (checked by hand against arms.csv)", () => {
  it("ozaki2011 bfr-walk: older women walking 20 min at 45 %HRR, 4/wk for 10 wk, 160-200 mmHg thigh cuff 5 cm", () => {
    const m = arm("ozaki2011/bfr-walk");
    expect(m.cohort).toHaveLength(1);
    expect(m.cohort[0]).toMatchObject({ share: 1, preset: "older-woman" });
    expect(m.cohort[0].subject).toMatchObject({ ageYr: 64, sex: "female", menopausalStatus: "postmenopausal" });
    const p = m.protocol;
    expect(p.modality).toBe("walking");
    expect(p.intensity).toEqual({ pctHrr: 45 });
    expect(p.sets).toEqual([{ durationS: 1200 }]);
    expect(p.sessionsPerWeek).toBe(4);
    expect(p.weeks).toBe(10);
    expect(p.detrainingWeeks).toBe(0);
    expect(p.cuff).toMatchObject({ site: "thigh", widthCm: 5, pressure: { mmHg: 180 } });
    // mmHg without an AOP: the %AOP estimate is made explicit
    expect(m.pressureEstimate).not.toBeNull();
    const est = m.pressureEstimate!;
    expect(est.pctAop).toBeCloseTo((100 * 180) / est.aop.aopMmHg, 10);
    expect(est.pctAopRange[0]).toBeLessThan(est.pctAop);
    expect(est.pctAopRange[1]).toBeGreaterThan(est.pctAop);
    expect(m.assumptions.some((a) => a.startsWith("cuff pressure 180 mmHg with no AOP reported"))).toBe(true);
    expect(m.assumptions.some((a) => /cuff width/.test(a))).toBe(false);
  });

  it("ozaki2011 con-walk: the same walking without a cuff", () => {
    const p = arm("ozaki2011/con-walk").protocol;
    expect(p.cuff.site).toBe("none");
    expect(p.cuff.pressure).toEqual({ mmHg: 0 });
    expect(arm("ozaki2011/con-walk").pressureEstimate).toBeNull();
  });

  it("vechin2015 bfr-lp: leg press at 25 %1RM, 30-15-15-15, 50 %AOP, 12 wk, 14 men and 9 women", () => {
    const m = arm("vechin2015/bfr-lp");
    expect(m.cohort.map((c) => [c.subject.sex, c.share])).toEqual([
      ["male", 14 / 23],
      ["female", 9 / 23],
    ]);
    expect(m.cohort[0].subject.ageYr).toBe(64.04);
    expect(m.protocol).toMatchObject({ modality: "leg_press", intensity: { loadPct1Rm: 25 }, weeks: 12 });
    expect(m.protocol.sets.map((s) => s.reps)).toEqual([30, 15, 15, 15]);
    expect(m.protocol.cuff.pressure).toEqual({ pctAop: 50 });
    expect(m.pressureEstimate).toBeNull();
    expect(m.assumptions).toContain("sessions per week not reported: 3");
    expect(m.assumptions.some((a) => a.startsWith("cuff site not reported: thigh"))).toBe(true);
  });

  it("yasuda2015b bfr-band: arm curls, so an upper-arm cuff; 12 wk training then 12 wk detraining", () => {
    const p = arm("yasuda2015b/bfr-band").protocol;
    expect(p.cuff.site).toBe("upper_arm");
    expect(p.weeks).toBe(12);
    expect(p.detrainingWeeks).toBe(12);
  });

  it("yasuda2015b con-band: the same elastic-band exercise without the cuff takes the cuff arm's load", () => {
    const m = arm("yasuda2015b/con-band");
    expect(m.protocol.intensity.loadPct1Rm).toBe(arm("yasuda2015b/bfr-band").protocol.intensity.loadPct1Rm);
    expect(m.protocol.sets).toEqual(arm("yasuda2015b/bfr-band").protocol.sets);
    expect(m.assumptions.some((a) => a.includes("as the study's cuff arm bfr-band"))).toBe(true);
  });

  it("nielsen2012 bfr-ke: 23 sessions in 19 days at 100 mmHg in young men", () => {
    const m = arm("nielsen2012/bfr-ke");
    expect(m.cohort[0].preset).toBe("young-adult");
    expect(m.protocol.sessionsPerWeek).toBe(8.5);
    expect(m.protocol.weeks).toBe(2.7);
    expect(m.protocol.cuff.pressure).toEqual({ mmHg: 100 });
  });

  it("barbalho2019: bed-bound ICU patients, passive mobilisation, unloaded for ~11 days", () => {
    const p = arm("barbalho2019/bfr-passive").protocol;
    expect(p.passiveMotion).toBe(true);
    expect(p.weeks * 7).toBeCloseTo(11, 10);
    expect(p.immobilisation).toEqual({ startDay: 0, durationDays: 11 });
  });

  it("acute designs are one session; no-exercise controls have no sessions", () => {
    const fry = arm("fry2010/bfr-ke");
    expect(fry.protocol).toMatchObject({ sessionsPerWeek: 1, weeks: 1, weekdays: [0] });
    expect(fry.assumptions).toContain("acute design: one session on day 0");
    expect(arm("pierce2006/con").protocol.sessionsPerWeek).toBe(0);
    expect(arm("abe2010/con-none").protocol.sessionsPerWeek).toBe(0);
  });

  it("a missing age takes the midpoint of the population's range, and says so", () => {
    const m = arm("abe2010/bfr-walk");
    expect(m.cohort[0].subject.ageYr).toBe(69);
    expect(m.assumptions).toContain("age not reported: midpoint 69 y of the population's range 60-78 y");
  });

  it("every arm maps, every cohort's shares sum to 1, and every cuff arm has a pressure", () => {
    expect(mapped.failures).toEqual([]);
    expect(mapped.arms).toHaveLength(data.arms.length);
    for (const m of mapped.arms) {
      expect(m.cohort.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
      if (m.protocol.cuff.site !== "none") {
        const { pctAop, mmHg } = m.protocol.cuff.pressure;
        expect((pctAop ?? 0) > 0 || (mmHg ?? 0) > 0).toBe(true);
      }
    }
  });
});

describe("outcome row → model output and time", () => {
  it("covers every outcome kind of the schema (other has no output)", () => {
    expect(Object.keys(OUTCOME_RULES).sort()).toEqual([...OUTCOME_KINDS].sort());
    expect(OUTCOME_RULES.other).toBeNull();
  });

  it("Takarada GH ×290 at 15 min: gh fold change 900 s after the session", () => {
    const o = row("takarada2000/bfr-ke", "growth_hormone");
    expect(o.target).toMatchObject({ output: "exerkines.gh", reading: "fold_change_at", anchor: "session_end", timeS: 900, windowS: null });
  });

  it("ozaki2011 CSA +3.1 % at 10 wk: csaChangePct at 10 weeks from the start", () => {
    const o = row("ozaki2011/bfr-walk", "muscle_csa");
    expect(o.target).toMatchObject({ output: "adaptation.csaChangePct", reading: "value_at", anchor: "programme_start", timeS: 10 * 7 * 86400 });
  });

  it("lactate in mg/dL is converted to the model's mmol/L (÷ 9.008)", () => {
    const o = row("shimizu2016/bfr-rt", "lactate");
    expect(o.target!.output).toBe("energetics.bloodLactate");
    expect(o.target!.reading).toBe("peak_abs_change");
    expect(41 * o.target!.observedScale).toBeCloseTo(4.55, 2);
  });

  it("MPS after one session is the mean over 0-3 h after it, with the assumption stated", () => {
    const o = row("fujita2007/bfr-ke", "protein_synthesis_rate");
    expect(o.target).toMatchObject({ output: "adaptation.mps", reading: "window_mean_pct_change", windowS: [0, 10800] });
    expect(o.target!.assumptions[0]).toMatch(/sampling time not reported/);
  });

  it("thickness reads the CSA change through √ (geometric similarity)", () => {
    expect(row("ozaki2016/ws", "muscle_thickness").target!.transform).toBe("sqrt_area");
  });

  it("reports rows it cannot compare, with the reason", () => {
    const other = row("lopes2021/bfr", "other");
    expect(other.target).toBeNull();
    expect(other.unmappedReason).toBe('no model output for outcome "other" (measure=resting SBP)');
    const ghAbs = row("kim2014/bfr", "growth_hormone");
    expect(ghAbs.target).toBeNull();
    expect(ghAbs.unmappedReason).toMatch(/growth_hormone as abs_change cannot be compared with exerkines\.gh/);
    const unmapped = mapped.outcomes.filter((o) => o.target === null);
    expect(unmapped.every((o) => typeof o.unmappedReason === "string" && o.unmappedReason.length > 0)).toBe(true);
    expect(unmapped.length + mapped.outcomes.filter((o) => o.target).length).toBe(data.outcomes.length);
  });

  it("a missing time on a training row is read at the end of training", () => {
    const armRow = data.arms.find((a) => a.studyId === "cook2017" && a.armId === "bfr-kefl")!;
    const r = data.outcomes.find((o) => o.studyId === "cook2017" && o.armId === "bfr-kefl" && o.outcome === "muscle_csa")!;
    const m = mapOutcome(r, armRow, 12);
    expect(m.ok && m.target.timeS).toBe(12 * 7 * 86400);
    expect(m.ok && m.target.assumptions).toEqual(["time not reported: read at the end of training (12 weeks)"]);
  });

  it("reads Pierce's acute MVC loss as the fall of force capacity at the end of the session", () => {
    const o = row("pierce2006/isc-ex", "strength_isometric");
    expect(o.target).toMatchObject({ output: "fatigue.forceCapacity", reading: "pct_change_at", anchor: "session_end", timeS: 0 });
  });

  it("names the outputs a model lacks", () => {
    const all = [
      "adaptation.strengthChangePct", "fatigue.forceCapacity", "function.gripStrength", "adaptation.csaChangePct",
      "adaptation.mps", "exerkines.gh", "exerkines.igf1", "exerkines.il6", "exerkines.myostatin", "energetics.bloodLactate", "vo2peak",
    ];
    expect(missingOutputs(all)).toEqual([]);
    expect(missingOutputs(all.filter((n) => n !== "exerkines.gh" && n !== "vo2peak"))).toEqual(["exerkines.gh", "vo2peak"]);
  });
});
