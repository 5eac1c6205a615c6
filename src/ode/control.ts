/**
 * Step-size selection: the initial step (Hairer–Wanner, Solving ODEs I, §II.4, "HINIT"), the
 * PI controller of DOPRI5 (Hairer, Solving ODEs I §IV.2 of vol. II; β = 0.04) and the predictive
 * (Gustafsson 1994) controller of Hairer's RODAS for the Rosenbrock method.
 */
import type { RhsEvaluator } from "./stepper.ts";

/** Safety factor on the optimal step. */
const SAFE = 0.9;

/** A step-size controller: proposes the next h from the error norm of the last attempt. */
export interface StepController {
  /** Clears history (after a restart or a method switch). */
  reset(): void;
  /** Next step size after accepting a step of size h with error norm err (≤ 1). */
  accept(err: number, h: number): number;
  /** Smaller step size after rejecting a step of size h with error norm err (> 1). */
  reject(err: number, h: number): number;
}

/** DOPRI5's PI controller: fac = err^(1/5 − 0.75β) / errOld^β, 0.2 ≤ hNew/h ≤ 10. */
export class PIController implements StepController {
  private errOld = 1e-4;
  private rejectedLast = false;
  private readonly beta = 0.04;
  private readonly expo: number;
  constructor(errorOrder: number) {
    this.expo = 1 / errorOrder - 0.75 * this.beta;
  }
  reset(): void {
    this.errOld = 1e-4;
    this.rejectedLast = false;
  }
  accept(err: number, h: number): number {
    const fac11 = Math.pow(err, this.expo);
    let fac = fac11 / Math.pow(this.errOld, this.beta);
    fac = Math.max(1 / 10, Math.min(5, fac / SAFE));
    let hNew = h / fac;
    this.errOld = Math.max(err, 1e-4);
    if (this.rejectedLast) hNew = Math.min(hNew, h);
    this.rejectedLast = false;
    return hNew;
  }
  reject(err: number, h: number): number {
    this.rejectedLast = true;
    const fac11 = Math.pow(err, this.expo);
    return h / Math.min(5, fac11 / SAFE);
  }
}

/** RODAS's predictive controller: 0.2 ≤ hNew/h ≤ 6, with Gustafsson's correction. */
export class PredictiveController implements StepController {
  private hAcc = 0;
  private errAcc = 1e-2;
  private accepted = 0;
  private rejectedLast = false;
  /** Step size and error norm of the last rejected attempt. */
  private hRej = 0;
  private errRej = 0;
  private readonly expo: number;
  constructor(errorOrder: number) {
    this.expo = 1 / errorOrder;
  }
  reset(): void {
    this.hRej = 0;
    this.errRej = 0;
    this.hAcc = 0;
    this.errAcc = 1e-2;
    this.accepted = 0;
    this.rejectedLast = false;
  }
  accept(err: number, h: number): number {
    const e = Math.max(err, 1e-10);
    let fac = Math.max(1 / 6, Math.min(5, Math.pow(e, this.expo) / SAFE));
    if (this.accepted > 0) {
      let facGus = (this.hAcc / h) * Math.pow((e * e) / this.errAcc, this.expo) / SAFE;
      facGus = Math.max(1 / 6, Math.min(5, facGus));
      fac = Math.max(fac, facGus);
    }
    this.accepted++;
    this.hAcc = h;
    this.errAcc = Math.max(1e-2, err);
    let hNew = h / fac;
    if (this.rejectedLast) hNew = Math.min(hNew, h);
    this.rejectedLast = false;
    return hNew;
  }
  reject(err: number, h: number): number {
    const wasRejected = this.rejectedLast;
    const [hPrev, errPrev] = [this.hRej, this.errRej];
    this.rejectedLast = true;
    this.hRej = h;
    this.errRej = err;
    // Repeated rejection before any accepted step: the initial guess was far off.
    if (this.accepted === 0 && wasRejected) return h * 0.1;
    let expo = this.expo;
    if (wasRejected && errPrev > err && hPrev > h) {
      // Second rejection from the same point: the error fell more slowly than h^order (a fast
      // transient just after a discontinuity, where the asymptotic order does not hold yet).
      // Use the order the two attempts show, between 1 and the method's, for the next guess.
      const observed = Math.log(errPrev / err) / Math.log(hPrev / h);
      expo = 1 / Math.min(1 / this.expo, Math.max(1, observed));
    }
    const fac = Math.max(1 / 6, Math.min(5, Math.pow(err, expo) / SAFE));
    return h / fac;
  }
}

/**
 * Initial step from the local behaviour of f (Hairer's HINIT) for a method of order `order`.
 * Uses one extra RHS evaluation. `f0` = f(t, y); y1, f1 are scratch.
 */
export function initialStep(
  ev: RhsEvaluator, t: number, y: Float64Array, f0: Float64Array, order: number,
  hLimit: number, atol: Float64Array, rtol: number, y1: Float64Array, f1: Float64Array,
): number {
  const n = ev.n;
  let dnf = 0;
  let dny = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol[i] + rtol * Math.abs(y[i]);
    dnf += (f0[i] / sk) ** 2;
    dny += (y[i] / sk) ** 2;
  }
  let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
  h = Math.min(h, hLimit);
  for (let i = 0; i < n; i++) y1[i] = y[i] + h * f0[i];
  if (!ev.f(t + h, y1, f1)) {
    // Let the driver's non-finite handling shrink the step from a cautious guess.
    ev.clear();
    return Math.min(h * 1e-3, hLimit);
  }
  let der2 = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol[i] + rtol * Math.abs(y[i]);
    der2 += ((f1[i] - f0[i]) / sk) ** 2;
  }
  der2 = Math.sqrt(der2) / h;
  const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
  const h1 = der12 <= 1e-15 ? Math.max(1e-6, h * 1e-3) : Math.pow(0.01 / der12, 1 / order);
  return Math.min(100 * h, h1, hLimit);
}
