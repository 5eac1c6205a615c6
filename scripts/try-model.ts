/**
 * Scratch harness for models/bfr-ageing.yaml: builds piecewise-constant input schedules by hand
 * (the protocol code in src/simulate is the real thing), solves one session or a whole programme
 * as a single stiff solve, and prints the numbers used to sanity-check the physiology.
 *
 *   npx tsx scripts/try-model.ts session [pctAop] [load]   one knee-extension session + 48 h
 *   npx tsx scripts/try-model.ts pressures                   metabolic stress vs %AOP at 20 %1RM
 *   npx tsx scripts/try-model.ts programme                   12 weeks x 3/week + 12 weeks detraining, 3 arms
 *   npx tsx scripts/try-model.ts disuse | frequency | walking   bed rest +/- passive BFR; 1-3 sessions/week, dense block; BFR walking
 *   append name=value (qualified parameter, declared unit) to override parameters, e.g. age=25
 */
import { compileModelFile, modelProblem, stateTolerances, type CompiledModel } from "../src/model/index.ts";
import { solve } from "../src/ode/index.ts";

/** One constant-input interval: inputs in declared units; unspecified inputs are 0. */
interface Segment { t0: number; t1: number; u: Partial<Record<string, number>> }

/** A session option set (times in s). */
interface SessionSpec {
  load: number; // fraction of baseline 1RM
  pctAop: number; // cuff pressure as fraction of AOP (0 = no cuff)
  sets: readonly number[]; // reps per set
  restS: number;
  repS: number; // seconds per repetition
  duty: number; // fraction of set time contracting
  exercises: number; // exercises, cuff released 90 s between them
}

const BFR: SessionSpec = { load: 0.2, pctAop: 0.6, sets: [30, 15, 15, 15], restS: 30, repS: 2, duty: 0.8, exercises: 2 };
const LOW_LOAD: SessionSpec = { ...BFR, pctAop: 0 };
const HIGH_LOAD: SessionSpec = { load: 0.75, pctAop: 0, sets: [10, 10, 10, 10], restS: 90, repS: 2, duty: 0.8, exercises: 2 };

/** Segments of one session starting at `start` (s); cuffPressure in mmHg from the AOP. */
function session(start: number, s: SessionSpec, aopMmHg: number): Segment[] {
  const segs: Segment[] = [];
  let t = start;
  const cuff = s.pctAop * aopMmHg;
  for (let e = 0; e < s.exercises; e++) {
    s.sets.forEach((reps, i) => {
      const d = reps * s.repS;
      segs.push({ t0: t, t1: t + d, u: { cuffPressure: cuff, relativeLoad: s.load, contractionDuty: s.duty, exercising: 1 } });
      t += d;
      const rest = i < s.sets.length - 1 ? s.restS : 0;
      if (rest > 0) {
        segs.push({ t0: t, t1: t + rest, u: { cuffPressure: cuff } });
        t += rest;
      }
    });
    if (e < s.exercises - 1) {
      segs.push({ t0: t, t1: t + 90, u: {} });
      t += 90;
    }
  }
  return segs;
}

/** Input function and tstops from a segment list (inputs 0 outside every segment). */
function schedule(model: CompiledModel, segs: Segment[]) {
  const names = model.inputs.map((i) => i.name);
  const starts = Float64Array.from(segs, (s) => s.t0);
  const tstops = [...new Set(segs.flatMap((s) => [s.t0, s.t1]))].sort((a, b) => a - b);
  let last = 0;
  const inputs = (t: number, out: Float64Array): void => {
    out.fill(0);
    // segments are sorted; search from the last hit (the solver moves mostly forward)
    let k = last;
    if (k >= segs.length || starts[k] > t) k = 0;
    while (k < segs.length && segs[k].t1 <= t) k++;
    if (k < segs.length && segs[k].t0 <= t && t < segs[k].t1) {
      last = k;
      const u = segs[k].u;
      for (let j = 0; j < names.length; j++) out[j] = u[names[j]] ?? 0;
    }
  };
  return { inputs, tstops };
}

interface Run { t: Float64Array; get: (name: string) => Float64Array; stats: string }

/** Solves the model over [0, tEnd] with the given schedule; every name is a state or an output. */
/** Parameter overrides from the command line: `name=value` (declared units), applied to every run. */
const GLOBAL_OVERRIDES: Record<string, number> = Object.fromEntries(
  process.argv.filter((a) => a.includes("=")).map((a) => [a.split("=")[0], Number(a.split("=")[1])]),
);

function run(model: CompiledModel, segs: Segment[], tEnd: number, saveat: number[], overrides: Record<string, number> = {}): Run {
  const p = model.parameterVector({ ...GLOBAL_OVERRIDES, ...overrides });
  const { inputs, tstops } = schedule(model, segs);
  const problem = modelProblem(model, { p, inputs, tspan: [0, tEnd], tstops });
  const t0 = performance.now();
  const sol = solve(problem, { method: "rodas5p", rtol: 1e-5, atol: stateTolerances(model, 1e-6), saveat, maxSteps: 2_000_000 });
  const ms = performance.now() - t0;
  if (sol.status !== "success") console.log("solve:", sol.status, sol.message);
  const n = sol.t.length;
  const u = new Float64Array(model.inputs.length);
  const uSi = new Float64Array(model.inputs.length);
  const obs = model.observables.map(() => new Float64Array(n));
  const st = model.states.map(() => new Float64Array(n));
  const out = new Float64Array(model.observables.length);
  const decl = new Float64Array(model.states.length);
  for (let k = 0; k < n; k++) {
    inputs(sol.t[k], u);
    model.inputsToInternal(u, uSi);
    model.outputs(sol.t[k], sol.y[k], p, uSi, out);
    model.toDeclaredStates(sol.y[k], decl);
    out.forEach((v, i) => (obs[i][k] = v));
    decl.forEach((v, i) => (st[i][k] = v));
  }
  const get = (name: string): Float64Array => {
    if (name in model.index.states) return st[model.index.states[name]];
    if (name in model.index.outputs) return obs[model.index.outputs[name]];
    throw new Error(`no state or output "${name}"`);
  };
  const s = sol.stats;
  return { t: sol.t, get, stats: `${ms.toFixed(0)} ms, ${s.acceptedSteps} steps (${s.rejectedSteps} rejected), ${s.jacobianEvaluations} jacobians` };
}

const fmt = (v: number, d = 2) => v.toFixed(d);
const maxOf = (a: Float64Array) => a.reduce((m, v) => Math.max(m, v), -Infinity);
const minOf = (a: Float64Array) => a.reduce((m, v) => Math.min(m, v), Infinity);
const argMax = (a: Float64Array) => a.reduce((b, v, i) => (v > a[b] ? i : b), 0);
const at = (r: Run, name: string, tS: number) => {
  const k = r.t.findIndex((x) => x >= tS - 1e-9);
  return r.get(name)[k < 0 ? r.t.length - 1 : k];
};

function range(a: number, b: number, step: number): number[] {
  const out: number[] = [];
  for (let x = a; x <= b + 1e-9; x += step) out.push(x);
  return out;
}

/** PCr recovery time constant: time after `tEnd` for PCr to regain 63 % of its deficit. */
function pcrTau(r: Run, tEnd: number): number {
  const pcr = r.get("energetics.pcr");
  const k0 = r.t.findIndex((x) => x >= tEnd);
  const p0 = pcr[k0];
  const rest = 33;
  for (let k = k0; k < r.t.length; k++) if (pcr[k] >= p0 + 0.632 * (rest - p0)) return r.t[k] - tEnd;
  return NaN;
}

function sessionReport(model: CompiledModel, spec: SessionSpec, label: string, overrides: Record<string, number> = {}): void {
  const aop = overrides.aop ?? 150;
  const start = 600;
  const segs = session(start, spec, aop);
  const end = segs[segs.length - 1].t1;
  const saveat = [...range(0, end + 1800, 1), ...range(end + 1800 + 60, 48 * 3600, 60)];
  const r = run(model, segs, 48 * 3600, saveat, overrides);
  const win = (name: string) => r.get(name).subarray(0, r.t.findIndex((x) => x >= end + 1800));
  const lastSetEnd = segs.filter((s) => s.u.exercising === 1).at(-1)!.t1;
  const gh = r.get("exerkines.gh");
  const il6 = r.get("exerkines.il6");
  const mps = r.get("adaptation.mps");
  console.log(`\n== ${label}: ${r.stats}; session ${((end - start) / 60).toFixed(1)} min`);
  console.log(`StO2 rest ${fmt(at(r, "energetics.muscleOxygenSaturation", 0), 1)} % nadir ${fmt(minOf(win("energetics.muscleOxygenSaturation")), 1)} %`);
  console.log(`PCr min ${fmt(minOf(win("energetics.pcr")), 1)} mM (rest 33); recovery tau after last set ${fmt(pcrTau(r, lastSetEnd), 0)} s; Pi max ${fmt(maxOf(win("energetics.pi")), 1)} mM`);
  console.log(`pH min ${fmt(minOf(win("energetics.pH")), 3)}; muscle lactate max ${fmt(maxOf(win("energetics.muscleLactate")), 1)} mM; blood lactate max ${fmt(maxOf(win("energetics.bloodLactate")), 2)} mM`);
  console.log(`force capacity min ${fmt(100 * minOf(win("fatigue.forceCapacity")), 0)} %; type II recruitment max ${fmt(100 * maxOf(win("fatigue.type2Recruitment")), 0)} %; swelling max ${fmt(maxOf(win("cuff.muscleSwellingPct")), 1)} %; limb pooling max ${fmt(maxOf(win("cuff.limbSwellingPct")), 1)} %`);
  console.log(`GH peak ${fmt(maxOf(gh), 2)}x at ${fmt((r.t[argMax(gh)] - end) / 60, 0)} min after the session`);
  console.log(`IL-6 peak ${fmt(maxOf(il6), 2)}x at ${fmt((r.t[argMax(il6)] - end) / 3600, 1)} h; at 24 h ${fmt(at(r, "exerkines.il6", end + 86400), 3)}x; IL-10 peak ${fmt(maxOf(r.get("exerkines.il10")), 2)}x at ${fmt((r.t[argMax(r.get("exerkines.il10"))] - end) / 3600, 1)} h; IL-1ra peak ${fmt(maxOf(r.get("exerkines.il1ra")), 2)}x at ${fmt((r.t[argMax(r.get("exerkines.il1ra"))] - end) / 3600, 1)} h`);
  console.log(`MPS at 3 h ${fmt(at(r, "adaptation.mps", end + 3 * 3600), 2)}x, 24 h ${fmt(at(r, "adaptation.mps", end + 86400), 2)}x, 48 h ${fmt(at(r, "adaptation.mps", 48 * 3600 - 1), 2)}x; peak ${fmt(maxOf(mps), 2)}x`);
  console.log(`net myofibrillar protein change at 48 h ${fmt(100 * (at(r, "adaptation.myofibrillarProtein", 48 * 3600 - 1) - 1), 3)} %; NF-kB peak ${fmt(maxOf(r.get("signalling.nfkb")), 3)}; myostatin min ${fmt(minOf(r.get("exerkines.myostatin")), 3)}x`);
  console.log(`mTORC1 peak ${fmt(maxOf(r.get("signalling.mtorc1")), 2)}; AMPK peak ${fmt(maxOf(r.get("signalling.ampk")), 2)}; HIF-1a peak ${fmt(maxOf(r.get("signalling.hif1a")), 2)}; VEGF peak ${fmt(maxOf(r.get("exerkines.vegf")), 2)}x`);
  console.log(`RPE max ${fmt(maxOf(win("safety.rpe")), 1)}; discomfort max ${fmt(maxOf(win("safety.discomfort")), 1)}; SBP max ${fmt(maxOf(win("safety.systolicPressure")), 0)} mmHg; HR max ${fmt(maxOf(win("safety.heartRate")), 0)} bpm; endothelial stress max ${fmt(maxOf(win("safety.endothelialStress")), 2)}`);
}

function pressures(model: CompiledModel): void {
  console.log("\n%AOP  StO2nadir  PCrMin  pHmin  lacMax  typeII  GHpeak  MPS3h  discomfort  endoStress");
  for (const pct of [0, 0.2, 0.4, 0.6, 0.8, 1.0]) {
    const spec = { ...BFR, pctAop: pct };
    const segs = session(600, spec, 150);
    const end = segs[segs.length - 1].t1;
    const r = run(model, segs, end + 4 * 3600, [...range(0, end + 1800, 1), ...range(end + 1860, end + 4 * 3600, 60)]);
    const n = r.t.findIndex((x) => x >= end + 1800);
    const w = (name: string) => r.get(name).subarray(0, n);
    console.log([pct * 100, minOf(w("energetics.muscleOxygenSaturation")), minOf(w("energetics.pcr")), minOf(w("energetics.pH")),
      maxOf(w("energetics.muscleLactate")), 100 * maxOf(w("fatigue.type2Recruitment")), maxOf(r.get("exerkines.gh")),
      at(r, "adaptation.mps", end + 3 * 3600), maxOf(w("safety.discomfort")), maxOf(w("safety.endothelialStress"))]
      .map((v, i) => v.toFixed(i === 3 ? 3 : 1).padStart(i === 0 ? 4 : 8)).join(" "));
  }
}

function programme(model: CompiledModel): void {
  const day = 86400;
  const weeks = 12;
  const detrain = 12;
  const arms: Array<[string, SessionSpec]> = [["BFR 20 %1RM 60 %AOP", BFR], ["high load 75 %1RM", HIGH_LOAD], ["low load 20 %1RM", LOW_LOAD]];
  console.log("\narm                    wk4 CSA%  wk12 CSA%  wk12 str%  wk24 CSA%  wk24 str%  mito  capil  infl  bmd%   solve");
  for (const [label, spec] of arms) {
    const segs: Segment[] = [];
    for (let w = 0; w < weeks; w++) for (const d of [0, 2, 4]) segs.push(...session((w * 7 + d) * day + 10 * 3600, spec, 150));
    const tEnd = (weeks + detrain) * 7 * day;
    const r = run(model, segs, tEnd, range(0, tEnd, day / 4));
    const wk = (w: number, name: string) => at(r, name, w * 7 * day);
    console.log(`${label.padEnd(22)} ${fmt(wk(4, "adaptation.csaChangePct")).padStart(8)} ${fmt(wk(12, "adaptation.csaChangePct")).padStart(10)} ${fmt(wk(12, "adaptation.strengthChangePct")).padStart(10)} ${fmt(wk(24, "adaptation.csaChangePct")).padStart(10)} ${fmt(wk(24, "adaptation.strengthChangePct")).padStart(10)} ${fmt(wk(12, "adaptation.mitochondrialContent")).padStart(5)} ${fmt(wk(12, "adaptation.capillarity")).padStart(6)} ${fmt(wk(12, "adaptation.inflammationBaseline")).padStart(5)} ${fmt(100 * (wk(12, "adaptation.bmd") - 1)).padStart(5)}   ${r.stats}`);
    if (label.startsWith("BFR")) {
      console.log(`   neural wk4 ${fmt(wk(4, "adaptation.neuralAdaptation"), 3)} wk12 ${fmt(wk(12, "adaptation.neuralAdaptation"), 3)} wk24 ${fmt(wk(24, "adaptation.neuralAdaptation"), 3)}; grip wk12 ${fmt(wk(12, "function.gripStrength"), 1)} kg; gait ${fmt(wk(12, "function.gaitSpeed"), 2)} m/s; TNF ${fmt(wk(12, "exerkines.tnfa"), 2)}x CRP ${fmt(wk(12, "exerkines.crp"), 2)}x myostatin ${fmt(wk(12, "exerkines.myostatin"), 2)}x`);
    }
  }
}

/** Bed rest for 11 days with or without twice-daily passive BFR (5 x 5 min cuff at 70 %AOP with passive motion). */
function disuse(model: CompiledModel): void {
  const day = 86400;
  for (const withBfr of [false, true]) {
    const segs: Segment[] = [];
    let t = 0;
    const add = (t1: number, u: Segment["u"]) => { segs.push({ t0: t, t1, u }); t = t1; };
    for (let d = 0; d < 11; d++) {
      for (const hour of [9, 16]) {
        const start = d * day + hour * 3600;
        add(start, { unloading: 1 });
        for (let k = 0; k < 5; k++) {
          add(t + 300, withBfr ? { unloading: 1, cuffPressure: 0.7 * 150, passiveMotion: 1 } : { unloading: 1, passiveMotion: 1 });
          add(t + 180, { unloading: 1 });
        }
      }
    }
    add(11 * day, { unloading: 1 });
    const r = run(model, segs, 11 * day, range(0, 11 * day, 3600));
    console.log(`11 days bed rest, passive motion ${withBfr ? "with" : "without"} BFR: CSA ${fmt(at(r, "adaptation.csaChangePct", 11 * day), 2)} %, strength ${fmt(at(r, "adaptation.strengthChangePct", 11 * day), 2)} %  (${r.stats})`);
  }
}

/** Sessions per week (1, 2, 3) over 12 weeks, and a dense block of 23 sessions in 19 days. */
function frequency(model: CompiledModel): void {
  const day = 86400;
  for (const days of [[0], [0, 3], [0, 2, 4]]) {
    const segs: Segment[] = [];
    for (let w = 0; w < 12; w++) for (const d of days) segs.push(...session((w * 7 + d) * day + 10 * 3600, BFR, 150));
    const r = run(model, segs, 12 * 7 * day, range(0, 12 * 7 * day, day));
    console.log(`${days.length}/week x 12 wk BFR: CSA ${fmt(at(r, "adaptation.csaChangePct", 84 * day), 2)} %, strength ${fmt(at(r, "adaptation.strengthChangePct", 84 * day), 2)} %`);
  }
  const dense: Segment[] = [];
  for (let k = 0; k < 23; k++) {
    const d = Math.floor((k * 19) / 23);
    const hour = k % 2 === 0 ? 9 : 16;
    dense.push(...session(d * day + hour * 3600, { ...BFR, sets: [30, 15, 15, 15] }, 150));
  }
  dense.sort((a, b) => a.t0 - b.t0);
  const r = run(model, dense, 31 * day, range(0, 31 * day, day / 4));
  console.log(`23 sessions in 19 days (young man): CSA day 19 ${fmt(at(r, "adaptation.csaChangePct", 19 * day), 2)} %, strength day 24 ${fmt(at(r, "adaptation.strengthChangePct", 24 * day), 2)} %, day 31 ${fmt(at(r, "adaptation.strengthChangePct", 31 * day), 2)} %`);
}

/** BFR walking (Ozaki 2011 style): 20 min treadmill 4 d/week for 10 weeks, cuff on throughout. */
function walking(model: CompiledModel): void {
  const day = 86400;
  const load = 0.15; // walking at ~45 %HRR as an equivalent fraction of 1RM (assumed)
  for (const pct of [0, 0.7]) {
    const segs: Segment[] = [];
    for (let w = 0; w < 10; w++) for (const d of [0, 1, 3, 4]) {
      const t0 = (w * 7 + d) * day + 10 * 3600;
      segs.push({ t0, t1: t0 + 1200, u: { cuffPressure: pct * 150, relativeLoad: load, contractionDuty: 0.4, exercising: 1 } });
    }
    const r = run(model, segs, 70 * day, range(0, 70 * day, day / 4));
    const n = r.t.findIndex((x) => x >= 1.5 * day);
    console.log(`walking ${load * 100} %1RM-equivalent, cuff ${pct * 100} %AOP: StO2 nadir day 1 ${fmt(minOf(r.get("energetics.muscleOxygenSaturation").subarray(0, n)), 1)} %, type II max ${fmt(100 * maxOf(r.get("fatigue.type2Recruitment").subarray(0, n)), 0)} %; 10 wk CSA ${fmt(at(r, "adaptation.csaChangePct", 70 * day - 1), 2)} %, strength ${fmt(at(r, "adaptation.strengthChangePct", 70 * day - 1), 2)} %`);
  }
}

const model = compileModelFile(new URL("../models/bfr-ageing.yaml", import.meta.url).pathname);
const positional = process.argv.slice(2).filter((a) => !a.includes("="));
const cmd = positional[0] ?? "session";
if (cmd === "session") {
  const pct = Number(positional[1] ?? 0.6);
  const load = Number(positional[2] ?? 0.2);
  sessionReport(model, { ...BFR, pctAop: pct, load }, `BFR ${load * 100} %1RM at ${pct * 100} %AOP`);
  sessionReport(model, { ...LOW_LOAD, load }, `same load without cuff`);
  sessionReport(model, HIGH_LOAD, "high load 75 %1RM, no cuff");
  sessionReport(model, { ...BFR, pctAop: pct, load }, `young man, BFR ${load * 100} %1RM`, { age: 22, isFemale: 0, postmenopausal: 0 });
} else if (cmd === "pressures") pressures(model);
else if (cmd === "programme") programme(model);
else if (cmd === "disuse") disuse(model);
else if (cmd === "frequency") frequency(model);
else if (cmd === "walking") walking(model);
