import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { compileModelFile } from "../../src/model/index.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { remakeProtocol } from "../../src/simulate/remake.ts";
import { simulate, seriesOf, SimulationError } from "../../src/simulate/simulate.ts";
import { applyOverrides, parseAssignment } from "../../src/simulate/overrides.ts";
import { InputError } from "../../src/errors.ts";

// The small example limb model (cuff → inflow → muscle O2) keeps these tests fast; the physiology
// of the full model is tested in test/physiology.
const model = compileModelFile(fileURLToPath(new URL("../../models/examples/limb.yaml", import.meta.url)));
const woman = loadSubject("older-woman");
const twoWeeks = remakeProtocol(loadProtocol("review-older-adult").protocol, { weeks: 2 }).protocol;

describe("simulate", () => {
  it("solves a programme once and returns every state and output on the grid", () => {
    const r = simulate(model, woman, twoWeeks);
    expect(r.status).toBe("success");
    expect(r.time[r.time.length - 1]).toBe(r.schedule.tEnd);
    expect(r.states.map((s) => s.name)).toEqual(model.states.map((s) => s.name));
    expect(r.outputs.map((s) => s.name)).toEqual(model.observables.map((s) => s.name));
    for (const s of [...r.states, ...r.outputs]) expect(s.values).toHaveLength(r.time.length);
    // the example model does not take the subject's parameters, and says so
    expect(r.warnings.some((w) => w.includes("no parameter for subject field"))).toBe(true);
  });

  it("muscle O2 saturation is lower during a session than before it", () => {
    const r = simulate(model, woman, twoWeeks);
    const sat = seriesOf(r, "oxygen.saturationPct")!;
    const s0 = r.schedule.sessions[0]!;
    const before = sat.values[r.time.findIndex((t) => t >= s0.start)]!;
    let min = Infinity;
    r.time.forEach((t, k) => { if (t > s0.start && t < s0.end) min = Math.min(min, sat.values[k]!); });
    expect(min).toBeLessThan(before);
  });

  it("a failed solve throws a SimulationError that keeps what was computed", () => {
    try {
      simulate(model, woman, twoWeeks, { maxSteps: 50 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SimulationError);
      const partial = (err as SimulationError).partial;
      expect(partial.status).toBe("failed");
      expect(partial.time.length).toBeGreaterThan(0);
      expect(partial.time[partial.time.length - 1]).toBeLessThan(partial.schedule.tEnd);
    }
  });

  it("a parameter override outside its declared plausible range is run, with a warning naming it", () => {
    const [lo, hi] = model.parameters[model.index.parameters["aop"]!]!.range;
    const inside = simulate(model, woman, twoWeeks, { parameters: { aop: (lo + hi) / 2 } });
    expect(inside.warnings.some((w) => w.includes("plausible range"))).toBe(false);
    const outside = simulate(model, woman, twoWeeks, { parameters: { aop: hi * 1.5 } });
    expect(outside.status).toBe("success");
    const w = outside.warnings.find((x) => x.includes("plausible range"));
    expect(w).toContain(`aop = ${hi * 1.5}`);
    expect(w).toContain(`[${lo}, ${hi}]`);
  });

  it("an unknown parameter override is an input error", () => {
    expect(() => simulate(model, woman, twoWeeks, { parameters: { "cuff.aopp": 1 } })).toThrow(InputError);
  });
});

describe("overrides", () => {
  it("routes protocol.*, subject.* and model parameters, re-validating the protocol", () => {
    const base = { protocol: twoWeeks, subject: woman };
    const run = applyOverrides(base, [
      parseAssignment("protocol.cuff.pressure.pctAop=60"),
      parseAssignment("subject.ageYr=80"),
      parseAssignment("cuff.shape=2"),
    ]);
    expect(run.protocol.cuff.pressure).toEqual({ pctAop: 60 });
    expect(run.subject.ageYr).toBe(80);
    expect(run.parameters).toEqual({ "cuff.shape": 2 });
    expect(() => applyOverrides(base, [parseAssignment("protocol.cuff.pressure.pctAop=120")])).toThrow(/pctAop/);
  });

  it("rejects malformed assignments naming the argument", () => {
    expect(() => parseAssignment("pressure")).toThrow(/--set = "pressure": expected NAME=VALUE/);
    expect(() => applyOverrides({ protocol: twoWeeks, subject: woman }, [["cuff.aop", "high"]])).toThrow(/expected a number/);
  });
});
