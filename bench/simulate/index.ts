/**
 * Whole-programme benchmark (issue 4): the default `bfrsim simulate` — the review's proposed
 * older-adult protocol on the older-woman preset, 12 weeks × 3 sessions, one solve with the
 * schedule's breakpoints as tstops — timed as median CPU ms, against SciPy solve_ivp (LSODA and
 * Radau) on the same generated equations (`toPython`), the same parameters, initial state,
 * piecewise-constant inputs (integrated segment by segment between the breakpoints) and the same
 * rtol/atol, measured in the same run. Targets: median < 50 ms; ≥ 20× faster than SciPy's best.
 * Also prints the solver work, the solve-only time (no output series), simulate() with Rodas4P
 * (the 6-stage alternative) and how far apart the two final states are. `--quick`: fewer
 * samples and one SciPy run per method. BFRSIM_BENCH_DUMP=FILE writes the SciPy request (JSON)
 * to FILE for running scipy_programme.py by hand.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { modelProblem, stateTolerances, toPython } from "../../src/model/index.ts";
import { ratesDependOnTime } from "../../src/model/time-dependence.ts";
import { solve } from "../../src/ode/index.ts";
import { loadModel } from "../../src/simulate/default-model.ts";
import { createInputEvaluator } from "../../src/simulate/input-evaluator.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { DEFAULT_SIMULATE_OPTIONS, simulate } from "../../src/simulate/simulate.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { trajectoryPoints } from "../model/bfr-functions.ts";
import { cpuMedianMs } from "../ode/timing.ts";

const SCIPY = fileURLToPath(new URL("./scipy_programme.py", import.meta.url));
const TARGET_MS = 50;
const TARGET_RATIO = 20;

interface ScipyResult {
  method: string;
  cpu_s: number;
  runs: number;
  status: string;
  nfev: number;
  njev: number;
  nlu: number;
  y: number[];
}

export async function run(flags: string[]): Promise<void> {
  const quick = flags.includes("--quick");
  const model = loadModel();
  const { protocol } = loadProtocol();
  const subject = loadSubject();
  const { rtol, atol: atolDeclared } = DEFAULT_SIMULATE_OPTIONS;

  // bfrsim: the whole simulate() call, and the bare solve (no output grid) for the split.
  const result = simulate(model, subject, protocol);
  const simMs = cpuMedianMs(() => simulate(model, subject, protocol), { samples: quick ? 3 : 9, minBatchMs: 1 });
  const p = model.parameterVector(result.parameters);
  const y0 = Float64Array.from(model.initialState(p));
  const atol = stateTolerances(model, atolDeclared);
  const schedule = result.schedule;
  const autonomous = !ratesDependOnTime(model); // as simulate(): ∂f/∂t = 0 between tstops
  const bareSolve = () => {
    const evaluator = createInputEvaluator(schedule, model.inputs.map((i) => i.name));
    const problem = modelProblem(model, {
      p, y0, inputs: evaluator.inputsAt, tspan: [0, schedule.tEnd], tstops: schedule.tstops, inputsPiecewiseConstant: true,
    });
    const timeDerivative = autonomous ? (_t: number, _y: Float64Array, ft: Float64Array) => ft.fill(0) : undefined;
    return solve({ ...problem, jacobianSparsity: model.jacobianSparsity, timeDerivative }, {
      method: DEFAULT_SIMULATE_OPTIONS.method, rtol, atol, maxSteps: DEFAULT_SIMULATE_OPTIONS.maxSteps, saveat: [schedule.tEnd],
    });
  };
  // Rodas4P (6 stages) in the same run: at the default rtol and at 1e-4, the rtol where its
  // outcome error on this programme matches Rodas5P's at 1e-5 (docs/performance.md).
  const alternatives = ([["rodas4p", rtol], ["rodas4p", 1e-4]] as const).map(([method, altRtol]) => {
    const stats = simulate(model, subject, protocol, { method, rtol: altRtol }).stats;
    const ms = cpuMedianMs(() => simulate(model, subject, protocol, { method, rtol: altRtol }), { samples: quick ? 3 : 9, minBatchMs: 1 });
    return { method, rtol: altRtol, stats, ms };
  });
  const bare = bareSolve();
  const solveMs = cpuMedianMs(bareSolve, { samples: quick ? 3 : 9, minBatchMs: 1 });
  const ours = bare.y[bare.y.length - 1];
  const floor = modelFunctionCost(model, p, result, quick);

  // SciPy: same equations, parameters, state, inputs per segment (SI) and tolerances.
  const dir = mkdtempSync(join(tmpdir(), "bfrsim-bench-simulate-"));
  const modulePath = join(dir, "bfr_model.py");
  writeFileSync(modulePath, toPython(model));
  const evaluator = createInputEvaluator(schedule, model.inputs.map((i) => i.name));
  const declared = new Float64Array(model.inputs.length);
  const inputs = Array.from(schedule.breakpoints, (t) => {
    evaluator.inputsAt(t, declared);
    return model.inputs.map((inp, i) => declared[i] * inp.scale);
  });
  const request = {
    module: modulePath, p: Array.from(p), y0: Array.from(y0), breakpoints: Array.from(schedule.breakpoints),
    t_end: schedule.tEnd, inputs, rtol, atol: Array.from(atol), methods: ["LSODA", "Radau"], repeats: quick ? 1 : 3,
  };
  if (process.env.BFRSIM_BENCH_DUMP) writeFileSync(process.env.BFRSIM_BENCH_DUMP, JSON.stringify(request));
  const py = spawnSync("/usr/bin/python3", [SCIPY], { input: JSON.stringify(request), encoding: "utf8", maxBuffer: 1 << 26 });
  if (py.status !== 0) throw new Error(`scipy_programme.py failed: ${py.stderr.trim().split("\n").slice(-3).join(" ")}`);
  const scipy = JSON.parse(py.stdout) as ScipyResult[];

  const s = result.stats;
  const floorMs = (s.rhsEvaluations * floor.rhsUs + s.jacobianEvaluations * floor.jacobianUs) / 1000;
  const out: string[] = [];
  out.push(`Default programme: ${schedule.sessions.length} sessions over ${(schedule.tEnd / 604800).toFixed(1)} weeks, ` +
    `${model.states.length} states, ${schedule.tstops.length} tstops, ${DEFAULT_SIMULATE_OPTIONS.method}, rtol ${rtol}, ` +
    `atol ${atolDeclared} (declared units); load ${loadavg()[0].toFixed(1)}; CPU time, median.`);
  out.push("");
  out.push("| solver | CPU ms | steps (rejected) | RHS | Jacobians | LU | ratio to bfrsim simulate |");
  out.push("|---|---:|---:|---:|---:|---:|---:|");
  out.push(`| bfrsim simulate() | ${simMs.toFixed(1)} | ${s.acceptedSteps} (${s.rejectedSteps}) | ${s.rhsEvaluations} | ${s.jacobianEvaluations} | ${s.luDecompositions} | 1× |`);
  out.push(`| bfrsim solve only | ${solveMs.toFixed(1)} | | | | | ${(solveMs / simMs).toFixed(2)}× |`);
  for (const alt of alternatives) {
    const a = alt.stats;
    out.push(`| bfrsim simulate() ${alt.method}, rtol ${alt.rtol} | ${alt.ms.toFixed(1)} | ${a.acceptedSteps} (${a.rejectedSteps}) | ${a.rhsEvaluations} | ${a.jacobianEvaluations} | ${a.luDecompositions} | ${(alt.ms / simMs).toFixed(2)}× |`);
  }
  for (const r of scipy) {
    const ms = r.cpu_s * 1000;
    const tag = r.status === "success" ? "" : ` (${r.status})`;
    out.push(`| SciPy ${r.method}${tag} | ${ms.toFixed(0)} | | ${r.nfev} | ${r.njev} | ${r.nlu} | ${(ms / simMs).toFixed(1)}× |`);
  }
  out.push("");
  out.push(`model functions alone: RHS ${floor.rhsUs.toFixed(2)} µs × ${s.rhsEvaluations} + Jacobian ${floor.jacobianUs.toFixed(2)} µs × ` +
    `${s.jacobianEvaluations} = ${floorMs.toFixed(1)} ms (${((100 * floorMs) / simMs).toFixed(0)} % of simulate()); at these costs ` +
    `${TARGET_MS} ms allows ≤ ${Math.floor((TARGET_MS * 1000) / (8 * floor.rhsUs + floor.jacobianUs))} Rodas5P steps (8 RHS + 1 Jacobian each)`);
  for (const r of scipy) {
    if (r.status !== "success") continue;
    let worst = 0;
    let at = 0;
    for (let i = 0; i < ours.length; i++) {
      const d = Math.abs(ours[i] - r.y[i]) / (atol[i] + rtol * Math.abs(r.y[i]));
      if (d > worst) { worst = d; at = i; }
    }
    out.push(`final state vs SciPy ${r.method}: max |Δ| = ${worst.toFixed(1)} × (atol + rtol·|y|) (at ${model.states[at].name})`);
  }
  const ok = scipy.filter((r) => r.status === "success");
  const best = ok.length ? Math.min(...ok.map((r) => r.cpu_s * 1000)) : NaN;
  const bestName = ok.find((r) => r.cpu_s * 1000 === best)?.method ?? "none";
  out.push("");
  out.push(`${simMs < TARGET_MS ? "PASS" : "MISS"} median ${simMs.toFixed(1)} ms (target < ${TARGET_MS} ms)`);
  out.push(`${best / simMs >= TARGET_RATIO ? "PASS" : "MISS"} ${(best / simMs).toFixed(1)}× faster than SciPy's best (${bestName}, ${best.toFixed(0)} ms; target ≥ ${TARGET_RATIO}×)`);
  process.stdout.write(out.join("\n") + "\n");
}

/**
 * CPU µs per call of the generated RHS and Jacobian (inputs applied, as inside the solve), at 64
 * states along the simulated trajectory: what any method pays per evaluation.
 */
function modelFunctionCost(
  model: ReturnType<typeof loadModel>, p: Float64Array, result: ReturnType<typeof simulate>, quick: boolean,
): { rhsUs: number; jacobianUs: number } {
  const n = model.states.length;
  const points = trajectoryPoints(model, result, 64);
  const dydt = new Float64Array(n);
  const J = new Float64Array(n * n);
  const opts = { samples: quick ? 3 : 9, minBatchMs: 5 };
  // the forms the solve calls (modelProblem binds p: parameter-only subexpressions computed once)
  const bound = model.bindParameters(p);
  const rhsUs = (cpuMedianMs(() => { for (const q of points) bound.rhs(q.t, q.y, dydt, q.u); }, opts) * 1000) / points.length;
  const jacobianUs = (cpuMedianMs(() => { for (const q of points) bound.jacobian(q.t, q.y, J, q.u); }, opts) * 1000) / points.length;
  return { rhsUs, jacobianUs };
}
