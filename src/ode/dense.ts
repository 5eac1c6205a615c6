/**
 * Dense output: one step's interpolant (a Segment: kind, start, h, five n-vectors of
 * coefficients) and the store of all segments behind `solution.sol(t)`.
 */
import { DENSE_DOPRI5, type DenseKind } from "./stepper.ts";

/**
 * Evaluates a step's interpolant at θ = (t − tStart)/h into out.
 * dopri5: y0 + θ(Δ + (1−θ)(b + θ(c + (1−θ)d)))  (Hairer's CONTD5);
 * Rodas5P: (1−θ)y0 + θ(y1 + (1−θ)(k1 + θ(k2 + θ k3)))  (Steinebach 2023).
 * The result goes to out[outOffset .. outOffset + n).
 */
export function interpolate(
  kind: DenseKind, coef: Float64Array, offset: number, n: number, theta: number, out: Float64Array, outOffset = 0,
): void {
  const th1 = 1 - theta;
  const o0 = offset, o1 = offset + n, o2 = offset + 2 * n, o3 = offset + 3 * n, o4 = offset + 4 * n;
  if (kind === DENSE_DOPRI5) {
    for (let i = 0; i < n; i++) {
      out[outOffset + i] = coef[o0 + i] + theta * (coef[o1 + i] + th1 * (coef[o2 + i] + theta * (coef[o3 + i] + th1 * coef[o4 + i])));
    }
  } else {
    for (let i = 0; i < n; i++) {
      out[outOffset + i] = th1 * coef[o0 + i] + theta * (coef[o1 + i] + th1 * (coef[o2 + i] + theta * (coef[o3 + i] + theta * coef[o4 + i])));
    }
  }
}

/** The interpolant of the step just accepted. */
export class Segment {
  kind: DenseKind = DENSE_DOPRI5;
  tStart = 0;
  h = 1;
  readonly coef: Float64Array;
  constructor(readonly n: number) {
    this.coef = new Float64Array(5 * n);
  }
  /** Writes y(t) into out (t within the step). */
  evaluate(t: number, out: Float64Array): void {
    interpolate(this.kind, this.coef, 0, this.n, (t - this.tStart) / this.h, out);
  }
  /** Writes y(t) into out[offset .. offset + n) (t within the step). */
  evaluateInto(t: number, out: Float64Array, offset: number): void {
    interpolate(this.kind, this.coef, 0, this.n, (t - this.tStart) / this.h, out, offset);
  }
}

/** Every accepted step's interpolant, growing geometrically; answers y(t) over the span. */
export class DenseStore {
  private count = 0;
  private kinds = new Uint8Array(64);
  private starts = new Float64Array(64);
  private ends = new Float64Array(64);
  private hs = new Float64Array(64);
  private coefs: Float64Array;
  constructor(private readonly n: number) {
    this.coefs = new Float64Array(64 * 5 * n);
  }

  /** Appends a segment valid on [seg.tStart, tEnd]. */
  push(seg: Segment, tEnd: number): void {
    if (this.count === this.kinds.length) this.grow();
    const c = this.count++;
    this.kinds[c] = seg.kind;
    this.starts[c] = seg.tStart;
    this.ends[c] = tEnd;
    this.hs[c] = seg.h;
    this.coefs.set(seg.coef, c * 5 * this.n);
  }

  private grow(): void {
    const cap = this.kinds.length * 2;
    const grow64 = (a: Float64Array, len: number) => {
      const b = new Float64Array(len);
      b.set(a);
      return b;
    };
    const k = new Uint8Array(cap);
    k.set(this.kinds);
    this.kinds = k;
    this.starts = grow64(this.starts, cap);
    this.ends = grow64(this.ends, cap);
    this.hs = grow64(this.hs, cap);
    this.coefs = grow64(this.coefs, cap * 5 * this.n);
  }

  /** The span covered so far. */
  get span(): [number, number] {
    return this.count === 0 ? [NaN, NaN] : [this.starts[0], this.ends[this.count - 1]];
  }

  /** Returns a function t ↦ y(t) over the covered span (throws RangeError outside it). */
  toFunction(): (t: number, out?: Float64Array) => Float64Array {
    const n = this.n;
    const count = this.count;
    const kinds = this.kinds.slice(0, count);
    const starts = this.starts.slice(0, count);
    const ends = this.ends.slice(0, count);
    const hs = this.hs.slice(0, count);
    const coefs = this.coefs.slice(0, count * 5 * n);
    const t0 = count ? starts[0] : NaN;
    const t1 = count ? ends[count - 1] : NaN;
    return (t: number, out?: Float64Array): Float64Array => {
      if (!(t >= t0 && t <= t1)) throw new RangeError(`sol(t): t = ${t} is outside the integrated span [${t0}, ${t1}]`);
      const y = out ?? new Float64Array(n);
      // Last segment whose start ≤ t (binary search). At an event reset two segments meet at the
      // same time; the later one (the state after the reset) wins, as for a right-continuous path.
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= t) lo = mid;
        else hi = mid - 1;
      }
      interpolate(kinds[lo] as DenseKind, coefs, lo * 5 * n, n, (t - starts[lo]) / hs[lo], y);
      return y;
    };
  }
}
