import { describe, expect, it } from "vitest";
import { loadTrials } from "../../src/trials/load.ts";
import { mapTrials, type MappedTrials } from "../../src/trials/mapping.ts";
import { compareWithModel, modelArmSimulator, type RunSimulation } from "../../src/trials/model-simulator.ts";
import { loadModel } from "../../src/simulate/default-model.ts";
import type { SimulationResult } from "../../src/simulate/simulate.ts";
import { SimulationError } from "../../src/simulate/simulate.ts";
import type { CompiledModel } from "../../src/model/types.ts";

const all = mapTrials(loadTrials());

/** Only the arms of the given studies. */
function only(studies: string[]): MappedTrials {
  return {
    arms: all.arms.filter((a) => studies.includes(a.arm.studyId)),
    outcomes: all.outcomes.filter((o) => studies.includes(o.row.studyId)),
    failures: [],
  };
}

/**
 * A stand-in for simulate(): GH rises linearly after a session ending at 600 s, with a slope that
 * depends on the subject's sex, so the cohort average is known in closed form.
 */
const fakeRun: RunSimulation = (_model, subject, protocol, options) => {
  const tEnd = options?.tEndS ?? 86400;
  const n = 1001;
  const time = Float64Array.from({ length: n }, (_, i) => (tEnd * i) / (n - 1));
  const slope = subject.sex === "male" ? 0.01 : 0.03; // fold per s after the session
  const gh = time.map((t) => 1 + slope * Math.max(0, t - 600));
  return {
    time,
    outputs: [],
    states: [{ name: "exerkines.gh", unit: "1", values: gh }],
    schedule: { sessions: [{ start: 0, end: 600 }] },
    protocol,
    subject,
  } as unknown as SimulationResult;
};

describe("the model as the trials' simulator", () => {
  it("averages a mixed-sex cohort by share, reading GH 15 min after the end of the session", () => {
    const trials = only(["takarada2000"]);
    const arm = trials.arms.find((a) => a.key === "takarada2000/bfr-ke")!;
    const gh = trials.outcomes.find((o) => o.armKey === arm.key && o.row.outcome === "growth_hormone" && !o.row.directionOnly)!;
    expect(arm.cohort.map((c) => [c.subject.sex, c.share])).toEqual([["male", 0.5], ["female", 0.5]]);
    const [value] = modelArmSimulator({} as CompiledModel, {}, fakeRun)(arm, [gh], {});
    // fold change at 600 + 900 s: men 1 + 0.01·900 = 10, women 1 + 0.03·900 = 28 → mean 19
    expect(value).toBeCloseTo(19, 9);
  });

  it("a failed run keeps its rows with the error; a target the model lacks is an error on its row", () => {
    const trials = only(["takarada2000", "fry2010"]);
    const failing: RunSimulation = (m, s, p, o) => {
      if (p.name === "fry2010/bfr-ke") throw new SimulationError("solver failed at t = 5 s", {} as SimulationResult);
      return fakeRun(m, s, p, o);
    };
    const c = compareWithModel(trials, {} as CompiledModel, { run: failing });
    const fry = c.rows.filter((r) => r.study_id === "fry2010" && r.arm_id === "bfr-ke");
    expect(fry.length).toBeGreaterThan(0);
    expect(fry.every((r) => r.simulated === null && r.error === "solver failed at t = 5 s")).toBe(true);
    const lactate = c.rows.find((r) => r.study_id === "takarada2000" && r.outcome === "lactate")!;
    expect(lactate.simulated).toBeNull(); // the fake run has no energetics.bloodLactate
    expect(lactate.error).toBeNull();
    // a model that declares its names turns a missing target into an error on the row
    const declared = { name: "toy", observables: [], states: [{ name: "exerkines.gh" }] } as unknown as CompiledModel;
    const d = compareWithModel(only(["takarada2000"]), declared, { run: fakeRun });
    const lac = d.rows.find((r) => r.outcome === "lactate")!;
    expect(lac.error).toBe("model toy has no output or state energetics.bloodLactate");
    expect(d.rows.find((r) => r.outcome === "growth_hormone" && r.observed !== null)!.error).toBeNull();
  });

  it("runs the real model on single-session studies: every row gets a value or an error, never a silent gap", () => {
    const c = compareWithModel(only(["fujita2007", "pierce2006"]), loadModel());
    expect(c.rows.length).toBeGreaterThan(0);
    for (const r of c.rows) expect(r.simulated !== null || r.error !== null).toBe(true);
  });
});

describe("compareWithModelAsync", () => {
  it("stops at the next arm once its signal aborts, keeping what was simulated", async () => {
    const { compareWithModelAsync } = await import("../../src/trials/model-simulator.ts");
    const trials = only(["takarada2000", "fry2010", "fujita2007"]);
    const controller = new AbortController();
    const c = await compareWithModelAsync(trials, {} as CompiledModel, {
      run: fakeRun,
      signal: controller.signal,
      onArm: (_key, i) => {
        if (i === 1) setImmediate(() => controller.abort()); // fires between the 2nd and 3rd arm
      },
    });
    const simulatedArms = new Set(c.rows.filter((r) => r.error === null).map((r) => `${r.study_id}/${r.arm_id}`));
    const aborted = c.rows.filter((r) => r.error === "aborted before this arm was simulated");
    expect(simulatedArms.size).toBe(2);
    expect(aborted.length).toBeGreaterThan(0);
    expect(aborted.every((r) => r.simulated === null)).toBe(true);
    expect(c.rows.length).toBe(compareWithModel(trials, {} as CompiledModel, { run: fakeRun }).rows.length);
  });
});
