/**
 * Sweep runner benchmark. Throughput (points/s) of a CPU-bound toy evaluator through the worker
 * pool on 1 and 2 workers, as ratios to the same points evaluated serially in this process (the
 * reference, measured in the same run); parallel efficiency = rate(2) / (2 · rate(1)). Then peak
 * RSS of 10,000- and 100,000-point sweeps, each in a child process: memory is flat when they match.
 * Also: CPU per point of the BFR-model evaluator against a full simulate() (interleaved, one
 * process), and 12-week programmes per second through the pool against the same points serially.
 * Targets (issue 5): ≥ 1.8× on 2 workers; < 300 MB for 100,000 points. `--quick`: fewer points.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { normaliseSweepSpec, planSweep, runSweep } from "../../src/sweep/index.ts";
import { createEvaluator } from "./toy-evaluator.ts";

const TOY = fileURLToPath(new URL("./toy-evaluator.ts", import.meta.url));
const RSS_CHILD = fileURLToPath(new URL("./rss-child.ts", import.meta.url));

function toySpec(points: number) {
  return normaliseSweepSpec({
    variables: { pressurePctAop: "40:80:10", sessionsPerWeek: [2, 3] },
    sample: { method: "lhs", n: Math.ceil(points / 10), variables: { loadPct1rm: { min: 20, max: 30 } } },
    seed: 1,
    evaluator: { module: TOY, config: { steps: 20_000 } },
  });
}

interface Rate {
  /** Points per wall-clock second once the workers are up (first row to last). */
  wall: number;
  /** Points per CPU second of this process (all threads): the pool's overhead, blind to other load. */
  cpu: number;
  /** Wall seconds including pool start-up. */
  totalS: number;
}

async function throughput(points: number, workers: number, dir: string, batchSize?: number): Promise<Rate> {
  let first: { t: number; done: number } | null = null;
  let last = { t: 0, done: 0 };
  const cpu0 = process.cpuUsage();
  const r = await runSweep(toySpec(points), {
    out: join(dir, `w${workers}-${batchSize ?? "auto"}.csv`), workers, batchSize,
    onProgress: (p) => {
      const t = performance.now();
      if (!first && p.done > 0) first = { t, done: p.done };
      last = { t, done: p.done };
    },
  });
  const cpu = process.cpuUsage(cpu0);
  const f = first ?? { t: 0, done: 0 };
  return { wall: (last.done - f.done) / ((last.t - f.t) / 1000), cpu: r.rows / ((cpu.user + cpu.system) / 1e6), totalS: r.elapsedS };
}

function serialRate(points: number): Rate {
  const plan = planSweep(toySpec(points));
  const ev = createEvaluator({ steps: 20_000 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < plan.size; i++) ev.evaluate(plan.pointAt(i));
  const cpu = process.cpuUsage(cpu0);
  const s = (performance.now() - t0) / 1000;
  return { wall: plan.size / s, cpu: plan.size / ((cpu.user + cpu.system) / 1e6), totalS: s };
}

function rss(points: number): { points: number; seconds: number; maxRssMB: number } {
  const r = spawnSync(process.execPath, ["--import", "tsx", RSS_CHILD, String(points)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`rss child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

/** The pressure × load × frequency grid of the programme rows (see `programmes`). */
function programmeSpec(points: number) {
  return normaliseSweepSpec({
    variables: {
      "protocol.sessionsPerWeek": [2, 3],
      "protocol.cuff.pressure.pctAop": points >= 48 ? [40, 50, 60, 70, 80, 90] : [40, 60, 80],
      "protocol.intensity.loadPct1Rm": points >= 48 ? [20, 25, 30, 35] : [20, 30],
    },
  });
}

/**
 * 12-week programmes through the BFR model (the default evaluator): a pressure × load × frequency
 * grid (6 × 4 × 2 = 48 points; `points` = 12 takes 3 pressures × 2 loads × 2 frequencies), as in the
 * issue's 10,000-point target sweep. Enough points that worker start-up and the last slow point
 * do not decide the rate.
 */
async function programmes(points: number, workers: number, dir: string): Promise<{ rate: number; totalS: number }> {
  const spec = programmeSpec(points);
  // Rate over the second half of the rows: by then every worker has compiled the model and warmed up.
  let first: { t: number; done: number } | null = null;
  let last = { t: 0, done: 0 };
  const r = await runSweep(spec, {
    out: join(dir, `prog${workers}.csv`), workers, batchSize: 1,
    onProgress: (p) => {
      const t = performance.now();
      if (!first && p.done >= points / 2) first = { t, done: p.done };
      last = { t, done: p.done };
    },
  });
  const f = first ?? { t: 0, done: 0 };
  return { rate: (last.done - f.done) / ((last.t - f.t) / 1000), totalS: r.elapsedS };
}

/**
 * The same evaluator in this process, over the second half of the same grid (the rows the sweep
 * rates are read from: a grid's halves differ in cost, 3 sessions a week cost more than 2), so
 * "× serial" is the pool's own overhead.
 */
async function programmeSerial(points: number): Promise<number> {
  const { createEvaluator: createSimulate } = await import("../../src/sweep/simulate-evaluator.ts");
  const plan = planSweep(programmeSpec(points));
  const ev = createSimulate(null);
  await ev.evaluate(plan.pointAt(0)); // warm-up (JIT, caches)
  const t0 = performance.now();
  for (let i = Math.floor(plan.size / 2); i < plan.size; i++) await ev.evaluate(plan.pointAt(i));
  return (plan.size - Math.floor(plan.size / 2)) / ((performance.now() - t0) / 1000);
}

/**
 * CPU per sweep point in this process, interleaved min / median of `n` rounds: the evaluator's
 * evaluate(point) (simulate with only the outcome series, then the outcome row) against the same
 * point through a full simulate() (every series) and simulationOutcomes — the path sweeps took
 * before — and the full simulate() alone. Same solve, same numbers; the difference is assembly
 * and summary work the row never reads.
 */
async function pointCost(n: number): Promise<{ whole: Array<{ name: string; min: number; median: number }>; post: Array<{ name: string; min: number; median: number }> }> {
  const sim = await import("../../src/sweep/simulate-evaluator.ts");
  const { loadModel } = await import("../../src/simulate/default-model.ts");
  const { loadProtocol } = await import("../../src/simulate/protocol-load.ts");
  const { loadSubject } = await import("../../src/simulate/subject-load.ts");
  const { applyOverrides } = await import("../../src/simulate/overrides.ts");
  const { simulate } = await import("../../src/simulate/simulate.ts");
  const { assembleSeries, selectSeries } = await import("../../src/simulate/series-assembly.ts");
  const model = loadModel();
  const base = loadProtocol();
  const subject = loadSubject();
  const evaluator = sim.createEvaluator(null);
  const point = { "protocol.cuff.pressure.pctAop": 60, "protocol.intensity.loadPct1Rm": 25 };
  const fullRun = () => {
    const r = applyOverrides({ protocol: base.protocol, subject, warnings: base.warnings }, sim.overridesOf(point));
    return simulate(model, r.subject, r.protocol, { parameters: r.parameters });
  };
  const whole = interleaved(n, [
    ["evaluate(point) (outcome series only)", () => evaluator.evaluate(point)],
    ["full simulate() + simulationOutcomes", () => sim.simulationOutcomes(fullRun())],
    ["full simulate() alone", fullRun],
  ]);
  // What differs between the paths, without the solve's noise: series assembly and the outcome
  // row, from one solution (its states back in SI, row-major, as the solver leaves them).
  const full = fullRun();
  const nS = model.states.length;
  const flat = new Float64Array(full.time.length * nS);
  full.states.forEach((s, i) => { for (let k = 0; k < full.time.length; k++) flat[k * nS + i] = s.values[k]! * model.states[i]!.scale; });
  const p = model.parameterVector(full.parameters);
  const post = (selection: ReturnType<typeof selectSeries>) => () =>
    sim.simulationOutcomes({ ...full, ...assembleSeries(model, full.schedule, p, full.time, flat, selection) });
  const postCases = interleaved(5 * n, [
    ["outcome series only", post(selectSeries(model, sim.outcomeSeries(model)))],
    ["every series (before)", post(selectSeries(model, "all"))],
  ]);
  return { whole, post: postCases };
}

/** CPU ms of each case, min and median over `n` interleaved rounds (after one warm-up each). */
function interleaved(n: number, cases: Array<[string, () => unknown]>): Array<{ name: string; min: number; median: number }> {
  for (const [, f] of cases) f();
  const times = cases.map(() => [] as number[]);
  for (let k = 0; k < n; k++) {
    const order = k % 2 ? [...cases.keys()].reverse() : [...cases.keys()];
    for (const i of order) {
      const c0 = process.cpuUsage();
      cases[i]![1]();
      const c = process.cpuUsage(c0);
      times[i]!.push((c.user + c.system) / 1000);
    }
  }
  return cases.map(([name], i) => {
    const t = times[i]!.sort((a, b) => a - b);
    return { name, min: t[0]!, median: t[t.length >> 1]! };
  });
}

export async function run(flags: string[]): Promise<void> {
  const quick = flags.includes("--quick");
  const points = quick ? 600 : 3000;
  const dir = mkdtempSync(join(tmpdir(), "bfrsim-bench-sweep-"));
  try {
    const load = loadavg()[0];
    const reference = serialRate(points);
    const one = await throughput(points, 1, dir, 4);
    const two = await throughput(points, 2, dir, 4);
    const oneAuto = await throughput(points, 1, dir);
    const twoAuto = await throughput(points, 2, dir);
    const print = (s: string) => process.stdout.write(s + "\n");
    print(`Throughput, ${points} points of a CPU-bound toy evaluator (RK4, 20,000 steps per point); 1-min load average before: ${load.toFixed(2)} on ${availableParallelism()} cores`);
    print(`| runner             | points/s (wall) | × serial | points per CPU-s | × serial | total s incl. start-up |`);
    print(`|--------------------|----------------:|---------:|-----------------:|---------:|-----------------------:|`);
    for (const [name, r] of [["serial, no pool", reference], ["1 worker, batch 4", one], ["2 workers, batch 4", two],
      ["1 worker, auto", oneAuto], ["2 workers, auto", twoAuto]] as const) {
      print(`| ${name.padEnd(18)} | ${r.wall.toFixed(1).padStart(15)} | ${(r.wall / reference.wall).toFixed(2).padStart(8)} | ${r.cpu.toFixed(1).padStart(16)} | ${(r.cpu / reference.cpu).toFixed(2).padStart(8)} | ${r.totalS.toFixed(2).padStart(22)} |`);
    }
    print(`(batch 4: 4 points per task, ~6 ms of work, so messaging and the main thread weigh; auto: the default, ~50 tasks per worker)`);
    print(`Speed-up 2 vs 1 worker with automatic batches (wall): ${(twoAuto.wall / oneAuto.wall).toFixed(2)}×`);
    const speedup = two.wall / one.wall;
    print(`Speed-up 2 vs 1 worker with batches of 4 (wall, steady state): ${speedup.toFixed(2)}× (parallel efficiency ${((speedup / 2) * 100).toFixed(0)} %), target ≥ 1.8×: ${speedup >= 1.8 ? "PASS" : "MISS"}${load > 0.5 ? " (other load on the machine lowers this; the CPU-s column is unaffected by it)" : ""}`);
    const cost = await pointCost(quick ? 6 : 12);
    print(`\nCPU per sweep point in one process (default 12-week programme at 60 %AOP, 25 %1RM), interleaved, ${quick ? 6 : 12} rounds:`);
    print(`| path                                   | min ms | median ms | min × old path |`);
    print(`|----------------------------------------|-------:|----------:|---------------:|`);
    for (const c of cost.whole) print(`| ${c.name.padEnd(38)} | ${c.min.toFixed(1).padStart(6)} | ${c.median.toFixed(1).padStart(9)} | ${(c.min / cost.whole[1]!.min).toFixed(3).padStart(14)} |`);
    print(`Series assembly + outcome row from one solution (no solve), ${quick ? 30 : 60} interleaved rounds:`);
    print(`| series assembled                       | min ms | median ms | min × before   |`);
    print(`|----------------------------------------|-------:|----------:|---------------:|`);
    for (const c of cost.post) print(`| ${c.name.padEnd(38)} | ${c.min.toFixed(1).padStart(6)} | ${c.median.toFixed(1).padStart(9)} | ${(c.min / cost.post[1]!.min).toFixed(3).padStart(14)} |`);
    const progPoints = quick ? 12 : 48;
    const progSerial = await programmeSerial(progPoints);
    const p1 = await programmes(progPoints, 1, dir);
    const p2 = await programmes(progPoints, 2, dir);
    print(`\n12-week programmes through simulate() (review-older-adult protocol, older-woman subject), ${progPoints}-point pressure × load × frequency grid; rate over the second half of the rows (workers warm):`);
    print(`| runner            | programmes/s | × serial | total s incl. start-up |`);
    print(`|-------------------|-------------:|---------:|-----------------------:|`);
    print(`| serial, no pool   | ${progSerial.toFixed(3).padStart(12)} |     1.00 |                      — |`);
    print(`| sweep, 1 worker   | ${p1.rate.toFixed(3).padStart(12)} | ${(p1.rate / progSerial).toFixed(2).padStart(8)} | ${p1.totalS.toFixed(1).padStart(22)} |`);
    print(`| sweep, 2 workers  | ${p2.rate.toFixed(3).padStart(12)} | ${(p2.rate / progSerial).toFixed(2).padStart(8)} | ${p2.totalS.toFixed(1).padStart(22)} |`);
    const minutes = 10_000 / p2.rate / 60;
    print(`Speed-up 2 vs 1 worker: ${(p2.rate / p1.rate).toFixed(2)}×; a 10,000-programme sweep on 2 workers would take ~${minutes.toFixed(0)} min (target < 5 min: ${minutes < 5 ? "PASS" : "MISS — bound by simulate() cost per programme"})`);
    const small = rss(quick ? 2000 : 10_000);
    const large = rss(quick ? 20_000 : 100_000);
    print(`\nPeak RSS (whole process incl. 2 worker threads), nearly free evaluator:`);
    print(`| points  | seconds | points/s | peak RSS MB |`);
    print(`|--------:|--------:|---------:|------------:|`);
    for (const r of [small, large]) print(`| ${String(r.points).padStart(7)} | ${r.seconds.toFixed(1).padStart(7)} | ${(r.points / r.seconds).toFixed(0).padStart(8)} | ${r.maxRssMB.toFixed(0).padStart(11)} |`);
    print(`\nRSS ratio ${large.points}/${small.points} points: ${(large.maxRssMB / small.maxRssMB).toFixed(2)} (flat ≈ 1); ${large.points}-point peak ${large.maxRssMB.toFixed(0)} MB, target < 300 MB: ${large.maxRssMB < 300 ? "PASS" : "MISS"}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
