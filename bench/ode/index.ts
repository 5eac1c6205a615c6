/**
 * Work-precision benchmark of the ODE engine against SciPy solve_ivp (LSODA, Radau, BDF; run
 * through /usr/bin/python3 in the same session) and the npm package odex (Hairer's ODEX in
 * JavaScript) on the stiff test-set problems and two non-stiff ones. Time is the median CPU time
 * of repeated solves after warm-up (timing.ts); digits are the test set's scd against the
 * reference solutions. Two comparisons: at the same rtol, and at equal digits (our cheapest run on
 * a finer rtol grid that is at least as accurate as the reference run). `--quick`: fewer samples.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { solve, type OdeProblem } from "../../src/ode/index.ts";
import { HIRES, ROBER, VDPOL, scd } from "../../test/ode/fixtures/testset.ts";
import { ARENSTORF, KEPLER, keplerExact } from "../../test/ode/fixtures/nonstiff.ts";
import { cpuMedianMs } from "./timing.ts";

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
/** Finer grid for the equal-digits comparison: 10^-3 … 10^-10.5 in half decades. */
const GRID = Array.from({ length: 16 }, (_, i) => 10 ** -(3 + i / 2));

interface Row {
  problem: string;
  rtol: number;
  solver: string;
  ms: number;
  rhs: number;
  digits: number;
}

interface Timing {
  samples: number;
  minBatchMs: number;
}

function ours(c: Case, method: string, rtol: number, timing: Timing): Row {
  const opts = { method, rtol, atol: rtol * c.atolFactor, maxSteps: 1e6 };
  const sol = solve(c.problem, opts);
  if (sol.status !== "success") throw new Error(`${c.name} ${method} ${rtol}: ${sol.message}`);
  const ms = cpuMedianMs(() => solve(c.problem, opts), timing);
  return { problem: c.name, rtol, solver: `bfrsim ${method}`, ms, rhs: sol.stats.rhsEvaluations, digits: scd(sol.y[sol.y.length - 1], c.reference) };
}

function odex(c: Case, rtol: number, timing: Timing): Row {
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
  const ms = cpuMedianMs(run, timing);
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

const fmt = (v: number, d = 2) => v.toFixed(d);
const fmtMs = (ms: number) => fmt(ms, ms < 10 ? 3 : 1);

function sameRtolTable(rows: Row[]): string[] {
  const lines = ["| problem | rtol | solver | CPU ms | RHS calls | digits | speed-up |", "|---|---|---|---:|---:|---:|---:|"];
  for (const c of CASES) {
    for (const rtol of RTOLS) {
      const group = rows.filter((r) => r.problem === c.name && r.rtol === rtol);
      const refName = c.stiff ? "scipy LSODA" : "odex";
      const ref = group.find((r) => r.solver === refName)!;
      for (const r of group) {
        const ratio = r.solver.startsWith("bfrsim") ? `${fmt(ref.ms / r.ms, 1)}× ${refName}` : "";
        lines.push(`| ${r.problem} | ${rtol.toExponential(0)} | ${r.solver} | ${fmtMs(r.ms)} | ${r.rhs} | ${fmt(r.digits)} | ${ratio} |`);
      }
    }
  }
  return lines;
}

/** For each reference run, our cheapest grid run with at least its digits. */
function equalDigits(rows: Row[], grid: Row[]): { lines: string[]; verdicts: string[] } {
  const lines = ["| problem | reference run | its digits | CPU ms | bfrsim auto run | digits | CPU ms | speed-up |", "|---|---|---:|---:|---|---:|---:|---:|"];
  const verdicts: string[] = [];
  for (const c of CASES) {
    const refName = c.stiff ? "scipy LSODA" : "odex";
    const target = c.stiff ? 5 : 1;
    for (const rtol of RTOLS) {
      const ref = rows.find((r) => r.problem === c.name && r.rtol === rtol && r.solver === refName)!;
      // Only rtols from which every tighter grid run is also as accurate (no lucky cancellations).
      const runs = grid.filter((g) => g.problem === c.name).sort((a, b) => b.rtol - a.rtol);
      const ok = runs.filter((g, i) => runs.slice(i).every((h) => h.digits >= ref.digits));
      const best = ok.sort((a, b) => a.ms - b.ms)[0];
      if (!best) {
        lines.push(`| ${c.name} | ${refName} ${rtol.toExponential(0)} | ${fmt(ref.digits)} | ${fmtMs(ref.ms)} | none as accurate | | | |`);
        verdicts.push(`MISS ${c.name} vs ${refName} rtol ${rtol.toExponential(0)}: no grid run reached ${fmt(ref.digits)} digits`);
        continue;
      }
      const speed = ref.ms / best.ms;
      lines.push(`| ${c.name} | ${refName} ${rtol.toExponential(0)} | ${fmt(ref.digits)} | ${fmtMs(ref.ms)} | rtol ${best.rtol.toExponential(1)} | ${fmt(best.digits)} | ${fmtMs(best.ms)} | ${fmt(speed, 1)}× |`);
      verdicts.push(`${speed >= target ? "PASS" : "MISS"} ${c.name} vs ${refName} rtol ${rtol.toExponential(0)}: ${fmt(speed, 1)}× at ≥ ${fmt(ref.digits)} digits (target ${target}×)`);
    }
  }
  return { lines, verdicts };
}

/** Runs the benchmark and prints the work-precision tables. */
export async function run(flags: string[]): Promise<void> {
  const quick = flags.includes("--quick");
  const timing: Timing = { samples: quick ? 5 : 15, minBatchMs: quick ? 5 : 20 };
  const stiff = CASES.filter((c) => c.stiff);
  const nonstiff = CASES.filter((c) => !c.stiff);
  const reps = quick ? 3 : 7;
  const sp = [...scipy(stiff, ["LSODA", "Radau", "BDF"], reps), ...scipy(nonstiff, ["LSODA", "RK45", "DOP853"], reps)];
  const rows: Row[] = [];
  const grid: Row[] = [];
  for (const c of CASES) {
    for (const rtol of RTOLS) {
      for (const m of c.stiff ? ["auto", "rodas5p", "rodas4p"] : ["auto", "dopri5"]) rows.push(ours(c, m, rtol, timing));
      if (!c.stiff) rows.push(odex(c, rtol, timing));
      for (const r of sp.filter((s) => s.problem === c.key && s.rtol === rtol)) {
        rows.push({ problem: c.name, rtol, solver: `scipy ${r.method}`, ms: r.seconds * 1e3, rhs: r.nfev, digits: r.status === 0 ? scd(r.y, c.reference) : NaN });
      }
    }
    for (const rtol of GRID) grid.push(ours(c, "auto", rtol, { samples: quick ? 3 : 7, minBatchMs: 5 }));
  }
  const eq = equalDigits(rows, grid);
  const out = [
    "Same rtol (atol = rtol × problem factor; CPU time, median):",
    "",
    ...sameRtolTable(rows),
    "",
    "Equal or better digits (bfrsim auto on a half-decade rtol grid; a grid rtol counts only if every",
    "tighter one is also as accurate as the reference run):",
    "",
    ...eq.lines,
    "",
    ...eq.verdicts,
  ];
  process.stdout.write(out.join("\n") + "\n");
}
