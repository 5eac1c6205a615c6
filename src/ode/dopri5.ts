/**
 * Dormand–Prince 5(4) stepper (table in tableaus.ts): FSAL, 4th-order dense output, and the
 * stiffness indicator h·ρ ≈ h‖k7 − k6‖/‖y1 − y6‖ of Hairer's DOPRI5 (Solving ODEs I, §IV.2
 * of vol. II; the code's IASTI test) that the "auto" method uses to switch to Rodas5P.
 */
import { DOPRI5 } from "./tableaus.ts";
import { DENSE_DOPRI5, errorNorm, RhsEvaluator, type Stepper } from "./stepper.ts";

const [, c2, c3, c4, c5] = DOPRI5.c;
const A = DOPRI5.a;
const a21 = A[1][0];
const [a31, a32] = A[2];
const [a41, a42, a43] = A[3];
const [a51, a52, a53, a54] = A[4];
const [a61, a62, a63, a64, a65] = A[5];
const [b1, , b3, b4, b5, b6] = A[6];
const [e1, , e3, e4, e5, e6, e7] = DOPRI5.e;
const [d1, , d3, d4, d5, d6, d7] = DOPRI5.d;

/** Explicit Dormand–Prince 5(4) with FSAL. */
export class Dopri5Stepper implements Stepper {
  readonly name = "dopri5" as const;
  readonly denseKind = DENSE_DOPRI5;
  readonly errorOrder = DOPRI5.errorOrder;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private readonly k7: Float64Array;
  private readonly yStage: Float64Array;
  private readonly err: Float64Array;
  /** h·ρ estimate of the last attempted step (NaN when undefined). */
  stiffnessRatio = NaN;

  constructor(
    private readonly ev: RhsEvaluator,
    private readonly rtol: number,
    private readonly atol: Float64Array,
  ) {
    const n = ev.n;
    this.k2 = new Float64Array(n);
    this.k3 = new Float64Array(n);
    this.k4 = new Float64Array(n);
    this.k5 = new Float64Array(n);
    this.k6 = new Float64Array(n);
    this.k7 = new Float64Array(n);
    this.yStage = new Float64Array(n);
    this.err = new Float64Array(n);
  }

  attempt(t: number, y: Float64Array, k1: Float64Array, h: number, tEnd: number, yNew: Float64Array): number {
    const n = this.ev.n;
    const { k2, k3, k4, k5, k6, k7, yStage: ys, err, ev } = this;
    for (let i = 0; i < n; i++) ys[i] = y[i] + h * a21 * k1[i];
    if (!ev.f(t + c2 * h, ys, k2)) return Infinity;
    for (let i = 0; i < n; i++) ys[i] = y[i] + h * (a31 * k1[i] + a32 * k2[i]);
    if (!ev.f(t + c3 * h, ys, k3)) return Infinity;
    for (let i = 0; i < n; i++) ys[i] = y[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]);
    if (!ev.f(t + c4 * h, ys, k4)) return Infinity;
    for (let i = 0; i < n; i++) ys[i] = y[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]);
    if (!ev.f(t + c5 * h, ys, k5)) return Infinity;
    for (let i = 0; i < n; i++) {
      ys[i] = y[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]);
    }
    if (!ev.f(tEnd, ys, k6)) return Infinity;
    for (let i = 0; i < n; i++) {
      yNew[i] = y[i] + h * (b1 * k1[i] + b3 * k3[i] + b4 * k4[i] + b5 * k5[i] + b6 * k6[i]);
    }
    if (!ev.f(tEnd, yNew, k7)) return Infinity;
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      err[i] = e1 * k1[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] + e6 * k6[i] + e7 * k7[i];
      const dk = k7[i] - k6[i];
      const dy = yNew[i] - ys[i];
      num += dk * dk;
      den += dy * dy;
    }
    this.stiffnessRatio = den > 0 ? Math.abs(h) * Math.sqrt(num / den) : 0;
    return errorNorm(err, 0, h, y, yNew, this.atol, this.rtol, n);
  }

  accepted(f0: Float64Array): boolean {
    f0.set(this.k7);
    return true;
  }

  invalidate(): void {
    this.stiffnessRatio = NaN;
  }

  denseCoefficients(y: Float64Array, yNew: Float64Array, k1: Float64Array, h: number, out: Float64Array): void {
    const n = this.ev.n;
    const { k3, k4, k5, k6, k7 } = this;
    for (let i = 0; i < n; i++) {
      const ydiff = yNew[i] - y[i];
      const bspl = h * k1[i] - ydiff;
      out[i] = y[i];
      out[n + i] = ydiff;
      out[2 * n + i] = bspl;
      out[3 * n + i] = ydiff - h * k7[i] - bspl;
      out[4 * n + i] = h * (d1 * k1[i] + d3 * k3[i] + d4 * k4[i] + d5 * k5[i] + d6 * k6[i] + d7 * k7[i]);
    }
  }
}
