/**
 * CPU-bound stand-in for a programme simulation: RK4 integration of a damped, driven oscillator
 * for `config.steps` steps (default 20,000 ≈ a few ms). `steps: 0` makes it nearly free, to measure
 * the runner's own overhead and memory.
 */
import type { PointEvaluator } from "../../src/sweep/evaluator.ts";

export const variables = ["pressurePctAop", "loadPct1rm", "sessionsPerWeek"];
export const outcomes = ["toyGain", "toyFinal"];

/** Integrates x'' + c x' + k x = F sin(t) and returns summary numbers. */
function integrate(k: number, c: number, force: number, steps: number): { peak: number; final: number } {
  const h = 1e-3;
  let x = 0;
  let v = 0;
  let t = 0;
  let peak = 0;
  const acc = (tt: number, xx: number, vv: number) => force * Math.sin(tt) - c * vv - k * xx;
  for (let i = 0; i < steps; i++) {
    const a1 = acc(t, x, v);
    const a2 = acc(t + h / 2, x + (h / 2) * v, v + (h / 2) * a1);
    const a3 = acc(t + h / 2, x + (h / 2) * (v + (h / 2) * a1), v + (h / 2) * a2);
    const a4 = acc(t + h, x + h * (v + (h / 2) * a2), v + h * a3);
    x += h * (v + (h / 6) * (a1 + a2 + a3));
    v += (h / 6) * (a1 + 2 * a2 + 2 * a3 + a4);
    t += h;
    if (Math.abs(x) > peak) peak = Math.abs(x);
  }
  return { peak, final: x };
}

export function createEvaluator(config: { steps?: number } | null): PointEvaluator {
  const steps = config?.steps ?? 20_000;
  return {
    evaluate(p) {
      const r = integrate(1 + Number(p.pressurePctAop) / 40, 0.1 + Number(p.loadPct1rm) / 100, Number(p.sessionsPerWeek ?? 2), steps);
      return { toyGain: r.peak, toyFinal: r.final };
    },
  };
}
