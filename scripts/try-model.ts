/**
 * Behaviour report for models/bfr-ageing.yaml: runs the bundled presets through `simulate` (the
 * same runs as test/physiology) and prints, as Markdown, the numbers quoted in
 * docs/model-overview.md for the spec's twelve behaviours.
 *
 *   npx tsx scripts/try-model.ts [acute|pressures|fatigue|training|all] [name=value ...]
 *
 * name=value overrides a model parameter (qualified name, declared unit) in every run.
 */
import { loadModel } from "../src/simulate/default-model.ts";
import { loadProtocol } from "../src/simulate/protocol-load.ts";
import { loadSubject } from "../src/simulate/subject-load.ts";
import { remakeProtocol, remakeSubject } from "../src/simulate/remake.ts";
import { simulate, seriesOf, type SimulationResult } from "../src/simulate/simulate.ts";
import { valueAt } from "../src/simulate/summary.ts";
import { mvcLossAfterLastRepetition, setIntervals } from "../src/simulate/set-intervals.ts";
import { loadTrials } from "../src/trials/load.ts";
import { mapTrials } from "../src/trials/mapping.ts";

const DAY = 86400;
const WEEK = 7 * DAY;
const model = loadModel();
const overrides: Record<string, number> = Object.fromEntries(
  process.argv.slice(2).filter((a) => a.includes("=")).map((a) => [a.split("=")[0]!, Number(a.split("=")[1])]),
);

type Subject = string | { preset: string; overrides: Record<string, unknown> };

/** One programme from a preset with protocol overrides; prints nothing. */
function run(preset: string, po: Record<string, unknown> = {}, subject: Subject = "older-woman", tEndS?: number) {
  const protocol = remakeProtocol(loadProtocol(preset).protocol, po).protocol;
  const s = typeof subject === "string" ? loadSubject(subject) : remakeSubject(loadSubject(subject.preset), subject.overrides);
  const t0 = performance.now();
  const r = simulate(model, s, protocol, { parameters: overrides, ...(tEndS === undefined ? {} : { tEndS }) });
  return { r, ms: performance.now() - t0 };
}

const one = (preset: string, po: Record<string, unknown> = {}, subject: Subject = "older-woman") =>
  run(preset, { sessionsPerWeek: 1, weeks: 1, ...po }, subject, 3 * DAY).r;

function values(r: SimulationResult, name: string): Float64Array {
  const s = seriesOf(r, name);
  if (!s) throw new Error(`no series ${name}`);
  return s.values;
}
const at = (r: SimulationResult, name: string, t: number) => valueAt(r.time, values(r, name), t);
const final = (r: SimulationResult, name: string) => values(r, name).at(-1)!;
function extreme(r: SimulationResult, name: string, from: number, to: number, kind: "max" | "min" = "max") {
  const v = values(r, name);
  let best = kind === "max" ? -Infinity : Infinity;
  let tBest = NaN;
  r.time.forEach((t, k) => {
    if (t >= from && t <= to && (kind === "max" ? v[k]! > best : v[k]! < best)) { best = v[k]!; tBest = t; }
  });
  return { value: best, t: tBest };
}
const session0 = (r: SimulationResult) => r.schedule.sessions[0]!;
const f = (v: number, d = 1) => v.toFixed(d);

/** Per-session table: BFR vs no cuff vs high load (older woman) and BFR in a young adult. */
function acute(): void {
  const low = { "intensity.loadPct1Rm": 20, progression: {} };
  const arms: [string, SimulationResult][] = [
    ["BFR 20 %1RM, 60 %AOP", one("review-older-adult", low)],
    ["20 %1RM, no cuff", one("review-older-adult", { ...low, "cuff.pressure.pctAop": 0 })],
    ["high load 75 %1RM", one("high-load")],
    ["young adult, BFR", one("review-older-adult", low, "young-adult")],
  ];
  const rows: [string, (r: SimulationResult) => string][] = [
    ["StO2 nadir, %", (r) => f(extreme(r, "energetics.muscleOxygenSaturation", session0(r).start, session0(r).end, "min").value)],
    ["PCr min, mM", (r) => f(extreme(r, "energetics.pcr", session0(r).start, session0(r).end, "min").value)],
    ["pH min", (r) => f(extreme(r, "energetics.pH", session0(r).start, session0(r).end, "min").value, 2)],
    ["muscle / blood lactate peak, mM", (r) => `${f(extreme(r, "energetics.muscleLactate", session0(r).start, session0(r).end + 3600).value)} / ${f(extreme(r, "energetics.bloodLactate", session0(r).start, session0(r).end + 3600).value)}`],
    ["type II recruitment max", (r) => f(extreme(r, "fatigue.type2Recruitment", session0(r).start, session0(r).end).value, 2)],
    ["force capacity min", (r) => f(extreme(r, "fatigue.forceCapacity", session0(r).start, session0(r).end, "min").value, 2)],
    ["muscle swelling max, %", (r) => f(extreme(r, "cuff.muscleSwellingPct", session0(r).start, session0(r).end + 3600).value)],
    ["GH peak, fold (min after)", (r) => { const p = extreme(r, "exerkines.gh", session0(r).start, session0(r).end + 3 * 3600); return `${f(p.value)} (${f((p.t - session0(r).end) / 60, 0)})`; }],
    ["IL-6 peak, fold (h after); at 24 h", (r) => { const p = extreme(r, "exerkines.il6", session0(r).start, session0(r).end + DAY); return `${f(p.value, 2)} (${f((p.t - session0(r).end) / 3600)}); ${f(at(r, "exerkines.il6", session0(r).end + DAY), 2)}`; }],
    ["MPS at 3 h / 24 h, fold", (r) => `${f(at(r, "adaptation.mps", session0(r).end + 3 * 3600), 2)} / ${f(at(r, "adaptation.mps", session0(r).end + DAY), 2)}`],
    ["RPE max, discomfort max", (r) => `${f(extreme(r, "safety.rpe", session0(r).start, session0(r).end).value)}, ${f(extreme(r, "safety.discomfort", session0(r).start, session0(r).end).value)}`],
    ["SBP max, mmHg", (r) => f(extreme(r, "safety.systolicPressure", session0(r).start, session0(r).end).value, 0)],
  ];
  console.log(`| | ${arms.map((a) => a[0]).join(" | ")} |\n|---|${arms.map(() => "---").join("|")}|`);
  for (const [label, get] of rows) console.log(`| ${label} | ${arms.map(([, r]) => get(r)).join(" | ")} |`);
}

/** Session peaks against %AOP at 20 %1RM (behaviour 3). */
function pressures(): void {
  const names: [string, string, "max" | "min"][] = [
    ["muscle lactate, mM", "energetics.muscleLactate", "max"], ["Pi, mM", "energetics.pi", "max"],
    ["pH", "energetics.pH", "min"], ["StO2, %", "energetics.muscleOxygenSaturation", "min"],
    ["type II recruitment", "fatigue.type2Recruitment", "max"], ["arterial inflow, % of unrestricted", "cuff.arterialInflowPct", "min"],
    ["GH, fold", "exerkines.gh", "max"],
  ];
  const pcts = [0, 20, 40, 60, 80, 100];
  const runs = pcts.map((p) => one("review-older-adult", { "intensity.loadPct1Rm": 20, progression: {}, "cuff.pressure.pctAop": p }));
  console.log(`| %AOP | ${pcts.join(" | ")} |\n|---|${pcts.map(() => "---").join("|")}|`);
  for (const [label, name, kind] of names) {
    console.log(`| ${label} | ${runs.map((r) => f(extreme(r, name, session0(r).start, session0(r).end + 3600, kind).value, kind === "min" && name.endsWith("pH") ? 2 : 1)).join(" | ")} |`);
  }
}

/** Repetitions to task failure in one fresh set at a load (%1RM): the fatigue calibration's targets (Brzycki 1993). */
function repsToFailure(loadPct1Rm: number): number {
  const po = { sessionsPerWeek: 1, weeks: 1, "intensity.loadPct1Rm": loadPct1Rm, sets: "1x200", exercisesPerSession: 1 };
  const protocol = remakeProtocol(loadProtocol("high-load").protocol, po).protocol;
  const r = simulate(model, loadSubject("older-woman"), protocol, { parameters: overrides, tEndS: DAY / 2, sampling: { sessionStepS: 0.25 } });
  const s = session0(r);
  const reps = values(r, "fatigue.repetitionsDone");
  const k = r.time.findIndex((t, i) => t > s.start && reps[i]! < 0.5);
  return k < 0 ? Infinity : (r.time[k]! - s.start) / protocol.cadenceS;
}

/** MVC loss (%) at the end of the first session. */
const mvcLoss = (r: SimulationResult) => 100 * (1 - at(r, "fatigue.forceCapacity", session0(r).end));

/** Stretches of the first session during which a set is prescribed, as sample-index ranges. */
const setsOf = (r: SimulationResult) => setIntervals(r, session0(r).start, session0(r).end);

/** MVC loss (%) immediately after the last repetition of the first session's final set. */
const lossAfterLastRepetition = (r: SimulationResult) => 100 * mvcLossAfterLastRepetition(r, session0(r).start, session0(r).end);

/** Repetitions performed in each set of the first session (2-s cadence of the review protocol). */
function repetitionsPerSet(r: SimulationResult, cadenceS = 2): number[] {
  const reps = values(r, "fatigue.repetitionsDone");
  return setsOf(r).map(([first, last]) => {
    let total = 0;
    for (let k = first + 1; k <= last; k++) total += reps[k - 1]! * (r.time[k]! - r.time[k - 1]!);
    return total / cadenceS;
  });
}

/** Fatigue: the calibration targets (repetitions to failure) and the held-out MVC losses (Pierce 2006, Jessee 2019). */
function fatigue(): void {
  console.log(`repetitions to failure, one fresh set (older woman): 75 %1RM ${f(repsToFailure(75))}, 60 %1RM ${f(repsToFailure(60))} (Brzycki 1993: 10 and ~15; Epley: 10 and 20)`);
  const review = (load: number, aop: number, exercisesPerSession: number) =>
    mvcLoss(one("review-older-adult", { "intensity.loadPct1Rm": load, progression: {}, "cuff.pressure.pctAop": aop, exercisesPerSession }));
  console.log(`MVC loss at the end of the session, %: 1 exercise 20 %1RM 60 %AOP ${f(review(20, 60, 1))}, no cuff ${f(review(20, 0, 1))}; 2 exercises 25 %1RM 60 %AOP ${f(review(25, 60, 2))}, 30 %1RM ${f(review(30, 60, 2))}`);
  const pierce = mapTrials(loadTrials()).arms.find((a) => a.key === "pierce2006/isc-ex")!;
  const member = pierce.cohort.reduce((a, b) => (b.share > a.share ? b : a));
  const rp = simulate(model, member.subject, pierce.protocol, { parameters: overrides, tEndS: DAY });
  const jessee = (load: number, aop: number) => one("review-older-adult", { "intensity.loadPct1Rm": load, progression: {}, "cuff.pressure.pctAop": aop, exercisesPerSession: 1, sets: "4x90" }, "young-adult");
  const runs = [[15, 0], [15, 40], [15, 80], [70, 0]].map(([l, a]) => ({ label: `${l}/${a}`, r: jessee(l!, a!) }));
  const post0 = new Map(runs.map(({ label, r }) => [label, lossAfterLastRepetition(r)]));
  const ratio = (a: string, b: string) => f(post0.get(a)! / post0.get(b)!, 2);
  console.log(`Pierce 2006 arm as mapped: ${f(mvcLoss(rp))} % (observed 55.8 %)`);
  console.log(`Jessee 2019, 4 sets to failure (up to 90 repetitions, young adult), MVC loss immediately after the last repetition (Post-0) / at the end of the prescribed session, %: ${runs.map(({ label, r }) => `${label} ${f(post0.get(label)!)} / ${f(mvcLoss(r))}`).join(", ")}; repetitions per set ${runs.map(({ label, r }) => `${label} ${repetitionsPerSet(r).map((n) => f(n, 0)).join("-")}`).join(", ")}`);
  console.log(`Jessee 2019 ratios at Post-0: 15/80 to 15/0 ${ratio("15/80", "15/0")} (observed 1.36, CI band 0.86-2.17), 70/0 to 15/0 ${ratio("70/0", "15/0")} (observed 0.49, CI band 0.22-0.94)`);
  console.log(`after an early stop (15 %1RM, 80 %AOP; HR bpm, SBP mmHg, glycolytic ATP synthesis mM/min at the last sample before the stop -> 30 s after it; rest before the session): ${afterStop(runs.find((x) => x.label === "15/80")!.r)}`);
}

/** Heart rate, systolic pressure and glycolysis before and 30 s after each early stop of the first session (the subject is no longer exercising). */
function afterStop(r: SimulationResult): string {
  const ended = values(r, "fatigue.setEnded");
  const hr = values(r, "safety.heartRate"), sbp = values(r, "safety.systolicPressure"), gly = values(r, "energetics.glycolyticRate");
  const s = session0(r);
  const rest = (v: Float64Array) => Math.min(...Array.from(v).filter((_, k) => r.time[k]! < s.start));
  const out: string[] = [];
  setsOf(r).forEach(([first, last], i) => {
    let k = first;
    while (k <= last && ended[k]! < 0.5) k++;
    if (k > last || k === first) return;
    const t = r.time[k]! + 30;
    out.push(`set ${i + 1} at ${f(r.time[k]! - r.time[first]!, 0)} s: HR ${f(hr[k - 1]!)} -> ${f(at(r, "safety.heartRate", t))}, SBP ${f(sbp[k - 1]!)} -> ${f(at(r, "safety.systolicPressure", t))}, glycolysis ${f(gly[k - 1]!, 2)} -> ${f(at(r, "energetics.glycolyticRate", t), 2)}`);
  });
  return `${out.join("; ")} (rest HR ${f(rest(hr))}, SBP ${f(rest(sbp))})`;
}

/** Weeks-scale behaviours (1, 2, 6, 8, 9, 10, 11), with solver cost of the default programme. */
function training(): void {
  const csa = "adaptation.csaChangePct";
  const str = "adaptation.strengthChangePct";
  const bfr = run("review-older-adult", { detrainingWeeks: 12 });
  const arms: [string, SimulationResult][] = [
    ["BFR (review protocol, 25→35 %1RM, 60→70 %AOP)", bfr.r],
    ["high load 75 %1RM", run("high-load").r],
    ["low load 25→35 %1RM, no cuff", run("low-load").r],
    ["BFR walking (Ozaki 2011 style), 10 wk", run("bfr-walking").r],
    ["walking, no cuff, 10 wk", run("bfr-walking", { "cuff.pressure.mmHg": 0, progression: {} }).r],
  ];
  console.log(`default programme: ${bfr.r.stats.acceptedSteps} steps, ${f(bfr.ms, 0)} ms (12 weeks + 12 weeks detraining)\n`);
  console.log("| arm (older woman) | CSA % | strength % |\n|---|---|---|");
  for (const [label, r] of arms) {
    const end = label.startsWith("BFR (") ? 12 * WEEK : r.time.at(-1)!;
    console.log(`| ${label} | ${f(at(r, csa, end))} | ${f(at(r, str, end))} |`);
  }
  console.log(`\ndetraining (BFR): CSA ${f(at(bfr.r, csa, 12 * WEEK))} → ${f(at(bfr.r, csa, 16 * WEEK))} → ${f(at(bfr.r, csa, 24 * WEEK))} %, strength ${f(at(bfr.r, str, 12 * WEEK))} → ${f(at(bfr.r, str, 16 * WEEK))} → ${f(at(bfr.r, str, 24 * WEEK))} % at weeks 12, 16, 24`);
  const freq = [1, 2, 3].map((n) => final(run("review-older-adult", { sessionsPerWeek: n }).r, csa));
  console.log(`frequency: 1/2/3 sessions a week → CSA ${freq.map((g) => f(g)).join(" / ")} % at 12 weeks`);
  const dense = run("review-older-adult", { sessionsPerWeek: (23 / 19) * 7, weeks: 19 / 7, progression: {} }).r;
  const standard = run("review-older-adult", { progression: {} }).r;
  console.log(`dense: 23 sessions in 19 days → CSA ${f(at(dense, csa, 19 * DAY), 2)} % at day 19 vs ${f(at(standard, csa, 19 * DAY), 2)} % at 3/week`);
  const p = [40, 60, 80, 100].map((x) => run("review-older-adult", { "cuff.pressure.pctAop": x, progression: { loadPct1Rm: { increment: 5, everyWeeks: 4, max: 35 } } }).r);
  const disc = p.map((r) => extreme(r, "safety.discomfort", session0(r).start, session0(r).end).value);
  console.log(`%AOP 40/60/80/100: discomfort ${disc.map((d) => f(d)).join(" / ")}, endothelial stress ${p.map((r) => f(final(r, "safety.endothelialStress"), 2)).join(" / ")}, CSA ${p.map((r) => f(final(r, csa))).join(" / ")} %`);
  const withCuff = run("passive-bfr").r;
  const without = run("passive-bfr", { "cuff.pressure.mmHg": 0 }).r;
  console.log(`14 days bed rest: CSA ${f(final(without, csa))} % without, ${f(final(withCuff, csa))} % with twice-daily passive BFR`);
  const mps = (s: Subject) => { const r = one("review-older-adult", { "intensity.loadPct1Rm": 20, progression: {} }, s); return at(r, "adaptation.mps", session0(r).end + 3 * 3600); };
  console.log(`MPS 3 h after one 20 %1RM BFR session: older man ${f(mps("older-man"), 2)}, young adult ${f(mps("young-adult"), 2)}, older woman ${f(mps("older-woman"), 2)}, premenopausal otherwise identical ${f(mps({ preset: "older-woman", overrides: { menopausalStatus: "premenopausal" } }), 2)} fold`);
}

const what = process.argv.slice(2).find((a) => !a.includes("=")) ?? "all";
if (what === "acute" || what === "all") acute();
if (what === "pressures" || what === "all") { console.log(); pressures(); }
if (what === "fatigue" || what === "all") { console.log(); fatigue(); }
if (what === "training" || what === "all") { console.log(); training(); }
