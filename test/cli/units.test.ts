// Units of sweep columns (src/sweep/units.ts): outcomes as `bfrsim simulate` prints them, transformed
// by their statistic; protocol and subject fields from their validation ranges; model parameters
// from their declared unit; anything else unknown (null), never guessed.
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/simulate/default-model.ts";
import { PROGRAMME_OUTCOMES, SESSION_OUTCOMES } from "../../src/simulate/outcomes.ts";
import { possibleOutcomeNames } from "../../src/sweep/simulate-evaluator.ts";
import { columnLabel, columnUnit, displayUnit, type UnitModel } from "../../src/sweep/units.ts";
import { valueWithUnit } from "../../src/cli/column-units.ts";

const model = loadModel();

/** A two-series, two-parameter model whose series are in none of simulate's outcome tables. */
const toy: UnitModel = {
  states: [
    { name: "limb.swelling", index: 0, unit: "percent", scale: 0.01, initial: 0 },
    { name: "limb.glucose", index: 1, unit: "mM", scale: 1, initial: 5 },
  ],
  observables: [{ name: "limb.activity", index: 0, unit: "1", scale: 1 }],
  parameters: [
    { name: "limb.k", index: 0, value: 1, unit: "1/min", range: [0.5, 2], source: "assumed: test", evidence: "limited", scale: 1 / 60, internalValue: 1 / 60, file: "toy.yaml" },
    { name: "limb.gain", index: 1, value: 1, unit: "percent/mmHg", range: [0.5, 2], source: "assumed: test", evidence: "limited", scale: 1, internalValue: 1, file: "toy.yaml" },
  ],
};

describe("columnUnit", () => {
  it("an end-of-programme outcome has the unit bfrsim simulate prints for it (CSA change: %)", () => {
    const csa = PROGRAMME_OUTCOMES.find((o) => o.series === "adaptation.csaChangePct")!;
    expect(columnUnit("programme.adaptation.csaChangePct.final", model)).toBe(csa.unit);
    expect(columnUnit("programme.adaptation.csaChangePct.final", model)).toBe("%");
    expect(columnUnit("programme.function.gaitSpeed.final", model)).toBe("m/s");
  });

  it("a change from baseline is in % whatever the series' own unit (CRP is a fold of its resting level)", () => {
    expect(columnUnit("programme.exerkines.crp.changePct", model)).toBe("%");
    expect(columnUnit("programme.limb.glucose.changePct", toy)).toBe("%");
  });

  it("session peaks and nadirs of a state or an output carry the series' unit (PCr in mM, IL-6 fold, StO2 %)", () => {
    expect(columnUnit("sessionMean.energetics.pcr.nadir", model)).toBe("mM"); // a state
    expect(columnUnit("session1.energetics.pi.peak", model)).toBe("mM"); // an output
    expect(columnUnit("session1.exerkines.il6.peak", model)).toBe("fold");
    expect(columnUnit("sessionMean.energetics.muscleOxygenSaturation.nadir", model)).toBe("%");
    // a dimensionless quantity has an empty unit, as simulate prints pH
    expect(columnUnit("sessionMean.energetics.pH.nadir", model)).toBe("");
  });

  it("an incremental AUC is the series' unit times hours: IL-6 and GH in fold·h", () => {
    expect(columnUnit("sessionMean.exerkines.il6.iaucHours", model)).toBe("fold·h");
    expect(columnUnit("session1.exerkines.gh.iaucHours", model)).toBe("fold·h");
    // the mTORC1 activity AUC of simulate's table: a 0-1 activity integrated over hours
    expect(columnUnit("sessionMean.signalling.mtorc1.aucHours", model)).toBe("h");
  });

  it("series outside simulate's tables take the model's declared unit, displayed as simulate does", () => {
    expect(columnUnit("programme.limb.swelling.final", toy)).toBe("%");
    expect(columnUnit("session1.limb.glucose.peak", toy)).toBe("mM");
    expect(columnUnit("sessionMean.limb.glucose.aucHours", toy)).toBe("mM·h");
    expect(columnUnit("sessionMean.limb.activity.iaucHours", toy)).toBe("h");
    expect(columnUnit("session1.limb.activity.peakChangePct", toy)).toBe("% of pre");
    expect(displayUnit("percent/mmHg")).toBe("%/mmHg");
  });

  it("protocol and subject variables have the units of their fields", () => {
    expect(columnUnit("protocol.cuff.pressure.pctAop", model)).toBe("%AOP");
    expect(columnUnit("protocol.intensity.loadPct1Rm", model)).toBe("%1RM");
    expect(columnUnit("protocol.sessionsPerWeek", model)).toBe("sessions/week");
    expect(columnUnit("protocol.cuff.pressure.mmHg", model)).toBe("mmHg");
    expect(columnUnit("protocol.cuff.widthCm", model)).toBe("cm");
    expect(columnUnit("subject.ageYr", model)).toBe("yr");
    expect(columnUnit("cohort.aopMmHg", model)).toBe("mmHg");
    expect(columnUnit("cohort.baselineCsaCm2", model)).toBe("cm^2");
  });

  it("a model parameter has its declared unit", () => {
    const aop = model.parameters.find((p) => p.name === "aop")!;
    expect(columnUnit("aop", model)).toBe(aop.unit);
    expect(columnUnit("aop", model)).toBe("mmHg");
    expect(columnUnit("limb.k", toy)).toBe("1/min");
    expect(columnUnit("limb.gain", toy)).toBe("%/mmHg");
  });

  it("an unknown name, statistic or series has no unit (null), and its label is the bare name", () => {
    for (const name of ["nonsense", "protocol", "programme.limb.swelling.peakiness", "session1.no.such.series.peak",
      "protocol.progression.pressure.increment", "cohort.female", "limb.k"]) {
      expect(columnUnit(name, model), name).toBeNull();
    }
    expect(columnLabel("nonsense", model)).toBe("nonsense");
    expect(columnLabel("sessionMean.energetics.pH.nadir", model)).toBe("sessionMean.energetics.pH.nadir");
    expect(columnLabel("programme.adaptation.csaChangePct.final", model)).toBe("programme.adaptation.csaChangePct.final (%)");
  });

  it("every outcome a BFR sweep records has a unit, and it agrees with simulate's table for that statistic", () => {
    for (const name of possibleOutcomeNames(model)) {
      const unit = columnUnit(name, model);
      expect(unit, name).not.toBeNull();
      const [, ...rest] = name.split(".");
      const statistic = rest.pop()!;
      const listed = [...SESSION_OUTCOMES, ...PROGRAMME_OUTCOMES].find((o) => o.series === rest.join(".") && o.statistic === statistic);
      if (listed) expect(unit, name).toBe(listed.unit);
    }
  });

  it("a value is printed with its unit, scales in parentheses", () => {
    expect(valueWithUnit(60, "%AOP")).toBe("60 %AOP");
    expect(valueWithUnit(5.5, "0-10")).toBe("5.5 (0-10)");
    expect(valueWithUnit(5.5, null)).toBe("5.5");
    expect(valueWithUnit("high-load", "%AOP")).toBe("high-load");
  });
});
