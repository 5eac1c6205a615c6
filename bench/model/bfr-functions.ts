/**
 * CPU ns per call of bfr-ageing's generated functions at 64 states along the default programme's
 * trajectory (inputs as inside the solve): the plain rhs/Jacobian (`model.rhs`, parameters read
 * and every parameter-only subexpression recomputed per call) against the forms reading the
 * derived constants computed once per parameter vector (`model.derived`, what modelProblem and
 * simulate() call). The variants are timed in alternating rounds in one process and each one's
 * fastest round is kept (other processes on the shared machine only ever add time).
 * Run alone: `npx tsx bench/model/bfr-functions.ts [--quick]`.
 */
import { loadModel, loadProtocol, loadSubject, simulate } from "../../src/simulate/index.ts";
import { createInputEvaluator } from "../../src/simulate/input-evaluator.ts";

export interface FunctionCosts {
  /** ns per call, fastest round. */
  rhsPlainNs: number;
  rhsDerivedNs: number;
  jacobianPlainNs: number;
  jacobianDerivedNs: number;
  /** ns for one derived.compute(p, c) (once per solve). */
  computeNs: number;
  derivedSize: number;
}

/** A point along a simulated trajectory as the solve sees it: t (s), inputs and state in SI. */
export interface TrajectoryPoint { t: number; u: Float64Array; y: Float64Array }

/** `count` points spread evenly over a simulation's output grid, inputs applied as inside the solve. */
export function trajectoryPoints(
  model: ReturnType<typeof loadModel>, result: ReturnType<typeof simulate>, count: number,
): TrajectoryPoint[] {
  const evaluator = createInputEvaluator(result.schedule, model.inputs.map((i) => i.name));
  const declared = new Float64Array(model.inputs.length);
  return Array.from({ length: count }, (_, q) => {
    const k = Math.floor(((q + 0.5) / count) * result.time.length);
    const t = result.time[k];
    evaluator.inputsAt(t, declared);
    const u = model.inputsToInternal(declared, new Float64Array(model.inputs.length));
    return { t, u, y: Float64Array.from(result.states, (st, i) => st.values[k] * model.states[i].scale) };
  });
}

/** CPU ns per call of `fn` over one batch of `calls` calls. */
function cpuNs(fn: () => void, calls: number): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) fn();
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1000) / calls;
}

/** Interleaved min-of-`rounds` CPU ns per call of each variant (64 trajectory points per call of each fn). */
export function bfrFunctionCosts(quick: boolean): FunctionCosts {
  const model = loadModel();
  const { protocol } = loadProtocol();
  const subject = loadSubject();
  const result = simulate(model, subject, protocol);
  const p = model.parameterVector(result.parameters);
  const c = new Float64Array(model.derived.size);
  model.derived.compute(p, c);
  const points = trajectoryPoints(model, result, 64);
  const n = model.states.length;
  const dydt = new Float64Array(n);
  const J = new Float64Array(n * n);
  const { rhs, jacobian } = model;
  const d = model.derived;
  const variants: Record<Exclude<keyof FunctionCosts, "derivedSize">, () => void> = {
    rhsPlainNs: () => { for (const q of points) rhs(q.t, q.y, dydt, p, q.u); },
    rhsDerivedNs: () => { for (const q of points) d.rhs(q.t, q.y, dydt, p, q.u, c); },
    jacobianPlainNs: () => { for (const q of points) jacobian(q.t, q.y, J, p, q.u); },
    jacobianDerivedNs: () => { for (const q of points) d.jacobian(q.t, q.y, J, p, q.u, c); },
    computeNs: () => { for (let i = 0; i < 64; i++) d.compute(p, c); },
  };
  const keys = Object.keys(variants) as Array<keyof typeof variants>;
  const best = Object.fromEntries(keys.map((k) => [k, Infinity])) as Record<keyof typeof variants, number>;
  for (const k of keys) for (let i = 0; i < 200; i++) variants[k](); // warm up: every variant optimised
  const rounds = quick ? 10 : 30;
  const calls = quick ? 40 : 100;
  for (let r = 0; r < rounds; r++) {
    for (const k of r % 2 ? keys : [...keys].reverse()) best[k] = Math.min(best[k], cpuNs(variants[k], calls) / 64);
  }
  return { ...best, derivedSize: model.derived.size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = bfrFunctionCosts(process.argv.includes("--quick"));
  const f = (v: number) => v.toFixed(0);
  process.stdout.write(
    `bfr-ageing generated functions, CPU ns per call (fastest of interleaved rounds), ${r.derivedSize} derived constants\n` +
    `rhs:      plain ${f(r.rhsPlainNs)}  derived ${f(r.rhsDerivedNs)}  (${(r.rhsPlainNs / r.rhsDerivedNs).toFixed(2)}×)\n` +
    `jacobian: plain ${f(r.jacobianPlainNs)}  derived ${f(r.jacobianDerivedNs)}  (${(r.jacobianPlainNs / r.jacobianDerivedNs).toFixed(2)}×)\n` +
    `derived.compute(p, c): ${f(r.computeNs)} ns, once per solve\n`,
  );
}
