// The creatine kinase system is closed: PCr + free creatine is a fixed pool, so PCr can approach
// the pool but never pass it, free creatine and ADP stay positive and Pi stays above 0
// (Kemp 2007, PMID 17628042: resting PCr 33, Pi 4.5 mM; free creatine ~9 mM of a ~42 mM pool).
// Mitochondria are driven by ADP (Mader 2003 control), so as ADP falls towards 0 after exercise
// oxidative PCr resynthesis stops. Two ways this used to break: cohort draws of resting PCr and
// the total pool were independent (37 vs 36 mM allowed), and for a subject whose oxidative
// capacity is barely above the basal flux, the ADP control above rest had almost no slope below
// rest, so PCr kept rising past the pool (negative ADP, a non-finite pH rate) — 2 of 60 virtual
// older women failed in `bfrsim power`'s documented example.
import { describe, expect, it } from "vitest";
import { cohortBases, memberTrueAopMmHg } from "../../src/analysis/cohort-evaluator.ts";
import { populationFrom } from "../../src/analysis/cohort-run.ts";
import { resolvePopulation, sampleCohortMember } from "../../src/analysis/cohort.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { remakeProtocol } from "../../src/simulate/remake.ts";
import { simulate, type SimulationResult } from "../../src/simulate/simulate.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { model, series, WEEK } from "./helpers.ts";

const protocol = remakeProtocol(loadProtocol("review-older-adult").protocol, {
  "cuff.pressure.pctAop": 40,
  "progression.pressure.increment": 0,
}).protocol;

/** Largest and smallest value of a series over the run. */
function range(r: SimulationResult, name: string): [number, number] {
  const v = series(r, name);
  let lo = Infinity, hi = -Infinity;
  for (const x of v) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return [lo, hi];
}

function declared(name: string): { value: number; range: readonly number[] } {
  const p = model.parameters.find((q) => q.name === name);
  if (!p) throw new Error(`no parameter ${name}`);
  return p;
}

describe("the creatine pool stays closed for any parameter draw", () => {
  it("every member of a 60-person cohort of older women (65-85 y, seed 0) completes 3 weeks of BFR at 40 %AOP", () => {
    const population = resolvePopulation({ ...populationFrom("older-women"), ageYr: { min: 65, max: 85 } });
    const bases = cohortBases(model);
    const failed: string[] = [];
    for (let m = 0; m < 60; m++) {
      const member = sampleCohortMember(population, bases, 0, m);
      const parameters = { ...member.parameters, aop: memberTrueAopMmHg(member, member.subject, protocol.cuff).trueAopMmHg };
      try {
        const r = simulate(model, member.subject, protocol, { parameters, tEndS: 3 * WEEK, series: ["energetics.pcr", "energetics.pi"] });
        const [piMin] = range(r, "energetics.pi");
        if (!(piMin > 0)) failed.push(`member ${m}: Pi min ${piMin}`);
      } catch (err) {
        failed.push(`member ${m}: ${(err as Error).message}`);
      }
    }
    expect(failed).toEqual([]);
  }, 60_000);

  it("with a creatine pool barely above resting PCr and an oxidative capacity barely above the basal flux, PCr never passes the pool", () => {
    const pcrRest = declared("energetics.pcrRest").value;
    const restingCreatine = 1; // mM, five times below the declared range's floor on purpose
    const young = declared("energetics.oxidativeCapacityYoung");
    const decline = declared("energetics.oxidativeDeclinePerYear");
    const r = simulate(model, loadSubject("older-woman"), protocol, {
      parameters: {
        "energetics.restingCreatine": restingCreatine,
        "energetics.oxidativeCapacityYoung": Math.min(...young.range),
        "energetics.oxidativeDeclinePerYear": Math.max(...decline.range),
      },
      // mitochondria as after training (relaxing back over weeks): the oxidative target at rest
      // is above the basal ATP use, so only ADP control keeps PCr inside the pool
      initial: { "adaptation.mitochondrialContent": 1.4 },
      tEndS: 2 * WEEK,
      series: ["energetics.pcr", "energetics.pi", "energetics.pH"],
    });
    const pool = pcrRest + restingCreatine;
    const [, pcrMax] = range(r, "energetics.pcr");
    const [piMin] = range(r, "energetics.pi");
    const [pHMin, pHMax] = range(r, "energetics.pH");
    expect(r.status).toBe("success");
    expect(pcrMax).toBeLessThanOrEqual(pool * (1 + 1e-3));
    expect(piMin).toBeGreaterThan(0);
    expect(pHMin).toBeGreaterThan(6.2);
    expect(pHMax).toBeLessThan(7.3);
  }, 30_000);
});
