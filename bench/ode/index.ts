/**
 * Work-precision benchmark of the ODE engine against SciPy solve_ivp (LSODA, Radau, BDF; run
 * through /usr/bin/python3 in the same session) and the npm package odex (Hairer's ODEX in
 * JavaScript) on the stiff test-set problems and two non-stiff ones. Time is the median of
 * repeated solves after warm-up; digits are the test set's scd against the reference
 * solutions. `--quick` uses fewer repeats.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { solve, type OdeProblem } from "../../src/ode/index.ts";
import { HIRES, ROBER, VDPOL, scd } from "../../test/ode/fixtures/testset.ts";
import { ARENSTORF, KEPLER, keplerExact } from "../../test/ode/fixtures/nonstiff.ts";

/** The part of odex's API used here (loaded untyped: its shipped .ts source fails strict checks). */
interface OdexSolver {
  relativeTolerance: number;
  absoluteTolerance: number;
  maxSteps: number;
  solve(f: (x: number, y: number[]) => number[], x0: number, y0: number[], xEnd: number): { y: number[] };
}
const { Solver } = createRequire(import.meta.url)("odex") as { Solver: new (n: number) => OdexSolver };

interface Case {
  key: string;
  name: string;
  stiff: boolean;
  problem: OdeProblem;
  reference: readonly number[];
  atolFactor: number;
}

const CASES: Case[] = [
  { key: "hires", name: "HIRES", stiff: true, problem: HIRES.problem, reference: HIRES.reference, atolFactor: HIRES.atolFor(1) },
  { key: "rober", name: "Robertson", stiff: true, problem: ROBER.problem, reference: ROBER.reference, atolFactor: ROBER.atolFor(1) },
  { key: "vdpol", name: "Van der Pol", stiff: true, problem: VDPOL.problem, reference: VDPOL.reference, atolFactor: VDPOL.atolFor(1) },
  { key: "arenstorf", name: "Arenstorf", stiff: false, problem: ARENSTORF, reference: Array.from(ARENSTORF.y0), atolFactor: 1 },
  { key: "kepler", name: "Kepler", stiff: false, problem: KEPLER, reference: keplerExact(KEPLER.tspan[1]), atolFactor: 1 },
];
const RTOLS = [1e-4, 1e-6, 1e-8];

interface Row {
  problem: string;
  rtol: number;
  solver: string;
  ms: number;
  rhs: number;
  digits: number;
}

/** Median wall time (ms) of `fn` after warm-up, repeating until ~budgetMs or maxReps. */
function timeMedian(fn: () => void, budgetMs: number, maxReps: number): number {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxReps && (times.length < 5 || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

function ours(c: Case, method: string, rtol: number, budget: number, reps: number): Row {
  const opts = { method, rtol, atol: rtol * c.atolFactor, maxSteps: 1e6 };
  const sol = solve(c.problem, opts);
  if (sol.status !== "success") throw new Error(`${c.name} ${method} ${rtol}: ${sol.message}`);
  const ms = timeMedian(() => solve(c.problem, opts), budget, reps);
  return { problem: c.name, rtol, solver: `bfrsim ${method}`, ms, rhs: sol.stats.rhsEvaluations, digits: scd(sol.y[sol.y.length - 1], c.reference) };
}

function odex(c: Case, rtol: number, budget: number, reps: number): Row {
  const n = c.problem.y0.length;
  const yIn = new Float64Array(n);
  const out = new Float64Array(n);
  let evals = 0;
  const f = (t: number, y: number[]) => {
    evals++;
    for (let i = 0; i < n; i++) yIn[i] = y[i];
    c.problem.rhs(t, yIn, out);
    return Array.from(out);
  };
  const run = () => {
    const s = new Solver(n);
    s.relativeTolerance = rtol;
    s.absoluteTolerance = rtol * c.atolFactor;
    s.maxSteps = 1e6;
    return s.solve(f, c.problem.tspan[0], Array.from(c.problem.y0), c.problem.tspan[1]);
  };
  evals = 0;
  const r = run();
  const rhs = evals;
  const ms = timeMedian(run, budget, reps);
  return { problem: c.name, rtol, solver: "odex", ms, rhs, digits: scd(r.y, c.reference) };
}

interface ScipyResult {
  problem: string; method: string; rtol: number; seconds: number; nfev: number; status: number; y: number[];
}

function scipy(cases: Case[], methods: string[], repeats: number): ScipyResult[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const req = {
    problems: cases.map((c) => c.key),
    methods,
    rtols: RTOLS,
    atol_factor: Object.fromEntries(cases.map((c) => [c.key, c.atolFactor])),
    repeats,
  };
  const r = spawnSync("/usr/bin/python3", [join(here, "scipy_reference.py")], { input: JSON.stringify(req), encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`SciPy reference failed (is python3-scipy installed? scripts/ensure-system-deps.sh bench): ${r.stderr}`);
  return JSON.parse(r.stdout) as ScipyResult[];
}

function fmt(v: number, d = 2): string {
  return v.toFixed(d);
}

/** Runs the benchmark and prints the work-precision tables. */
export async function run(flags: string[]): Promise<void> {
  const quick = flags.includes("--quick");
  const budget = quick ? 100 : 400;
  const reps = quick ? 11 : 51;
  const stiff = CASES.filter((c) => c.stiff);
  const nonstiff = CASES.filter((c) => !c.stiff);
  const sp = [...scipy(stiff, ["LSODA", "Radau", "BDF"], quick ? 3 : 5), ...scipy(nonstiff, ["LSODA", "RK45", "DOP853"], quick ? 3 : 5)];
  const rows: Row[] = [];
  for (const c of CASES) {
    for (const rtol of RTOLS) {
      for (const m of c.stiff ? ["auto", "rodas5p"] : ["auto", "dopri5"]) rows.push(ours(c, m, rtol, budget, reps));
      if (!c.stiff) rows.push(odex(c, rtol, budget, reps));
      for (const r of sp.filter((s) => s.problem === c.key && s.rtol === rtol)) {
        rows.push({ problem: c.name, rtol, solver: `scipy ${r.method}`, ms: r.seconds * 1e3, rhs: r.nfev, digits: r.status === 0 ? scd(r.y, c.reference) : NaN });
      }
    }
  }
  const lines = ["| problem | rtol | solver | time (ms) | RHS calls | digits | time ratio |", "|---|---|---|---:|---:|---:|---:|"];
  for (const c of CASES) {
    for (const rtol of RTOLS) {
      const group = rows.filter((r) => r.problem === c.name && r.rtol === rtol);
      const refName = c.stiff ? "scipy LSODA" : "odex";
      const ref = group.find((r) => r.solver === refName)!;
      for (const r of group) {
        const ratio = r.solver.startsWith("bfrsim") ? `${fmt(ref.ms / r.ms, 1)}× vs ${refName}` : "";
        lines.push(`| ${r.problem} | ${rtol.toExponential(0)} | ${r.solver} | ${fmt(r.ms, r.ms < 10 ? 3 : 1)} | ${r.rhs} | ${fmt(r.digits)} | ${ratio} |`);
      }
    }
  }
  process.stdout.write(lines.join("\n") + "\n\n");
  // Verdicts against the targets: ≥5× SciPy LSODA on stiff problems at equal or better
  // digits; at least as fast as odex on non-stiff ones.
  const verdicts: string[] = [];
  for (const c of CASES) {
    for (const rtol of RTOLS) {
      const group = rows.filter((r) => r.problem === c.name && r.rtol === rtol);
      const mine = group.find((r) => r.solver === "bfrsim auto")!;
      const ref = group.find((r) => r.solver === (c.stiff ? "scipy LSODA" : "odex"))!;
      const speed = ref.ms / mine.ms;
      const ok = c.stiff ? speed >= 5 && mine.digits >= ref.digits : speed >= 1;
      verdicts.push(`${ok ? "PASS" : "MISS"} ${c.name} rtol ${rtol.toExponential(0)}: auto ${fmt(speed, 1)}× ${c.stiff ? "LSODA" : "odex"} (digits ${fmt(mine.digits)} vs ${fmt(ref.digits)})`);
    }
  }
  process.stdout.write(verdicts.join("\n") + "\n");
}
