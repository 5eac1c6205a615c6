/**
 * The chain40 equations written by hand in TypeScript, as an engineer would without the
 * compiler: constants unpacked once into typed arrays (SI), one loop per RHS call. The
 * reference the compiled RHS is timed against.
 */
import { chainConstants } from "./generate.ts";

const PER_MIN = 1 / 60;

/** A hand-written rhs(t s, y mM, dydt mM/s) with the input feedRate given in mM/min. */
export function handwrittenChain(n: number, feedRatePerMin: number): (t: number, y: Float64Array, dydt: Float64Array) => void {
  const c = chainConstants(n);
  const vmax = Float64Array.from(c, (k) => k.vmax * PER_MIN);
  const km = Float64Array.from(c, (k) => k.km);
  const ki2 = Float64Array.from(c, (k) => k.ki * k.ki);
  const ka2 = 0.5 * 0.5;
  const degradation = 0.05 * PER_MIN;
  const feed = feedRatePerMin * PER_MIN;
  const flux = new Float64Array(n);
  return (_t, y, dydt) => {
    for (let i = 0; i < n; i++) {
      const x = y[i];
      let v = (vmax[i] * x) / (km[i] + x);
      if (i + 1 < n) {
        const next = y[i + 1];
        v *= next <= 0 ? 1 : ki2[i] / (ki2[i] + next * next);
      }
      if (i >= 2) {
        const a = y[i - 2];
        v *= 1 + (a <= 0 ? 0 : (a * a) / (ka2 + a * a));
      }
      flux[i] = v;
    }
    dydt[0] = feed - flux[0] - degradation * y[0];
    for (let i = 1; i < n; i++) dydt[i] = flux[i - 1] - flux[i] - degradation * y[i];
  };
}
