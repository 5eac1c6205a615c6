// End to end with the model compiler and the ODE engine: a whole programme compiled by the
// schedule is one solve, with the protocol's discontinuities as tstops. Uses the small example
// limb model (cuff → inflow → muscle O2), not the full physiology.
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { compileModelFile, modelProblem } from "../../src/model/index.ts";
import { solve } from "../../src/ode/index.ts";
import { createInputEvaluator } from "../../src/simulate/input-evaluator.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { remakeProtocol } from "../../src/simulate/remake.ts";
import { compileSchedule, type InputSchedule } from "../../src/simulate/schedule.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";

const model = compileModelFile(fileURLToPath(new URL("../../models/examples/limb.yaml", import.meta.url)));
const woman = loadSubject("older-woman");

function run(schedule: InputSchedule, tEnd = schedule.tEnd) {
  const ev = createInputEvaluator(schedule, model.inputs.map((i) => i.name));
  const problem = modelProblem(model, {
    tspan: [0, tEnd],
    tstops: schedule.tstops.filter((t) => t < tEnd),
    inputs: ev.inputsAt,
  });
  return solve(problem, { rtol: 1e-6, atol: 1e-9 });
}

describe("a compiled schedule drives the model through the ODE engine", () => {
  it("the 12-week, 3/week review protocol is one successful solve", () => {
    const { protocol } = loadProtocol("review-older-adult");
    const schedule = compileSchedule(protocol, woman);
    const sol = run(schedule);
    expect(sol.status).toBe("success");
    expect(sol.t[sol.t.length - 1]).toBe(schedule.tEnd);
    // the solver stopped on every protocol discontinuity
    const times = new Set(Array.from(sol.t));
    expect(Array.from(schedule.tstops).every((t) => times.has(t))).toBe(true);
  });
  it("muscle O2 falls during a session and is lower through rests with the cuff kept on", () => {
    const { protocol } = loadProtocol("review-older-adult");
    const continuous = compileSchedule(protocol, woman);
    const deflated = compileSchedule(remakeProtocol(protocol, { "cuff.inflation": "deflated_in_rests" }).protocol, woman);
    const firstEnd = continuous.sessions[0]!.end + 600;
    const o2At = (sol: ReturnType<typeof run>, t: number) => sol.y[Array.from(sol.t).findIndex((x) => x >= t)]![0]!;
    const a = run(continuous, firstEnd);
    const b = run(deflated, firstEnd);
    const sets = continuous.sessions[0]!.sets;
    const restEnd = sets[1]!.start; // end of the first rest
    expect(o2At(a, sets[0]!.end)).toBeLessThan(o2At(a, 0));
    expect(o2At(a, restEnd)).toBeLessThan(o2At(b, restEnd));
  });
});
