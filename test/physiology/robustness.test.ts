// Every parameter value inside a declared range, and every subject the validators accept, must
// simulate: a failure there is a model or numerics bug, not an unusual person. Each case below
// failed once in a systematic scan (cohorts at 1.5x the parameter spreads under every protocol
// preset, a Latin-hypercube dose grid, subject extremes); the comment says what went wrong.
import { describe, expect, it } from "vitest";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { remakeProtocol, remakeSubject } from "../../src/simulate/remake.ts";
import { simulate, type SimulationResult } from "../../src/simulate/simulate.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { cohortBases, memberTrueAopMmHg } from "../../src/analysis/cohort-evaluator.ts";
import { populationFrom } from "../../src/analysis/cohort-run.ts";
import { resolvePopulation, sampleCohortMember } from "../../src/analysis/cohort.ts";
import { DAY, model, series, WEEK } from "./helpers.ts";

const review = loadProtocol("review-older-adult").protocol;

function declared(name: string): { value: number; range: readonly number[] } {
  const p = model.parameters.find((q) => q.name === name);
  if (!p) throw new Error(`no parameter ${name}`);
  return p;
}

function last(r: SimulationResult, name: string): number {
  const v = series(r, name);
  return v[v.length - 1];
}

describe("parameters anywhere in their declared ranges simulate", () => {
  // d(effort^n)/d effort = n effort^(n-1) is infinite at rest (effort 0) when n < 1: the Jacobian
  // of adaptation.neuralAdaptation was non-finite at t = 0 and 3 of 100 cohort members (1.5x
  // spreads, seed 0: members 53, 65, 82) failed under every protocol preset
  it("a neural-effort exponent below 1 (concave effort dependence) trains more neural gain from submaximal sets, not a failure", () => {
    const protocol = remakeProtocol(review, { weeks: 2 }).protocol;
    const exponent = declared("adaptation.neuralEffortExponent");
    const run = (n: number) =>
      simulate(model, loadSubject("older-woman"), protocol, {
        parameters: { "adaptation.neuralEffortExponent": n },
        tEndS: 2 * WEEK,
        series: ["adaptation.neuralAdaptation"],
      });
    const concave = run(Math.min(...exponent.range));
    const typical = run(exponent.value);
    expect(Math.min(...exponent.range)).toBeLessThan(1);
    expect(concave.status).toBe("success");
    // relative effort < 1 in submaximal sets, so effort^0.75 > effort^1.5
    expect(last(concave, "adaptation.neuralAdaptation")).toBeGreaterThan(last(typical, "adaptation.neuralAdaptation"));
  }, 30_000);

  // far from task failure the failure switch's exp argument is (1 + w) / (w / 4): 804 at the
  // range floor w = 0.005 of fatigue.forceSmoothingWidth, past exp's range, so the Jacobian of
  // fatigue.setStopped was Inf / Inf at t = 0 (one-at-a-time scan of every parameter's range ends)
  it("the sharpest declared task-failure corner (force smoothing width 0.005) simulates and trains as the default corner does", () => {
    const protocol = remakeProtocol(review, { weeks: 2 }).protocol;
    const width = declared("fatigue.forceSmoothingWidth");
    const run = (w: number) =>
      simulate(model, loadSubject("older-woman"), protocol, {
        parameters: { "fatigue.forceSmoothingWidth": w },
        tEndS: 2 * WEEK,
        series: ["adaptation.strengthChangePct", "fatigue.repetitionsDone"],
      });
    const sharp = run(Math.min(...width.range));
    const typical = run(width.value);
    expect(sharp.status).toBe("success");
    // the smoothing is numerical: a sharper corner moves the trained strength by a few per cent of itself
    const gain = last(typical, "adaptation.strengthChangePct");
    expect(gain).toBeGreaterThan(0);
    expect(Math.abs(last(sharp, "adaptation.strengthChangePct") - gain)).toBeLessThan(0.1 * gain);
  }, 30_000);
});

describe("anabolic resistance blunts the response above rest at any age", () => {
  // the age ceiling of mTORC1 activity, 1 - resistance x age factor, fell below resting activity for
  // independent draws inside the declared ranges (resistance 0.6, resting 0.3: from ~77 y on); the
  // basal drive turned negative and mTORC1 ran away: a step-size underflow at 80-85 y, a "successful"
  // run with mTORC1 at -6e4 at 95 y (found by drawing every parameter across its range for a
  // 95-year-old at 100 %AOP). Nonagenarians still grow muscle: Fiatarone 1990 (JAMA 263:3029,
  // doi 10.1001/jama.1990.03440220053029), 90 y, +9 % midthigh muscle area in 8 weeks
  it.each([80, 95])("at %i y with the strongest declared anabolic resistance and the highest resting mTORC1, mTORC1 stays in 0..1 and 3 weeks of BFR training still add muscle", (ageYr) => {
    const resistance = declared("signalling.anabolicResistanceAt70");
    const basal = declared("signalling.mtorc1Basal");
    const r = simulate(model, remakeSubject(loadSubject("older-woman"), { ageYr }), remakeProtocol(review, { weeks: 3 }).protocol, {
      parameters: { "signalling.anabolicResistanceAt70": Math.max(...resistance.range), "signalling.mtorc1Basal": Math.max(...basal.range) },
      series: ["signalling.mtorc1", "adaptation.csaChangePct"],
    });
    expect(r.status).toBe("success");
    const mtorc1 = series(r, "signalling.mtorc1");
    expect(Math.min(...mtorc1)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...mtorc1)).toBeLessThanOrEqual(1);
    expect(last(r, "adaptation.csaChangePct")).toBeGreaterThan(0);
  }, 30_000);
});

describe("virtual cohorts at wider than default parameter spreads simulate", () => {
  // a stress test of the sampling: 1.5x the evidence-grade spreads puts many parameters near
  // their range ends at once; members 53, 65 and 82 of this cohort failed at t = 0 (neural-effort
  // exponent below 1). One session each keeps the test short: failures at a draw's corner show
  // at the first contraction or before
  it("every one of 100 older adults (seed 0, 1.5x spreads) completes the first session of the review protocol", () => {
    const population = resolvePopulation({ ...populationFrom("older-adults"), parameterVariability: 1.5 });
    const bases = cohortBases(model);
    const failed: string[] = [];
    for (let m = 0; m < 100; m++) {
      const member = sampleCohortMember(population, bases, 0, m);
      const parameters = { ...member.parameters, aop: memberTrueAopMmHg(member, member.subject, review.cuff).trueAopMmHg };
      try {
        // the first session starts at 10:00 and lasts ~20 min: half a day covers it and its recovery
        const r = simulate(model, member.subject, review, { parameters, tEndS: DAY / 2, series: [] });
        if (r.status !== "success") failed.push(`member ${m}: ${r.status}`);
      } catch (err) {
        failed.push(`member ${m}: ${(err as Error).message}`);
      }
    }
    expect(failed).toEqual([]);
  }, 60_000);
});
