/**
 * Zero-crossing events: after each accepted step every g is evaluated at the step end; a sign
 * change (in the requested direction) is bracketed and located with the Illinois variant of
 * regula falsi on the step's dense output, to |Δt| ≤ 1e-12·max(|t|, h) (or 64 iterations).
 */
import type { EventSpec } from "./types.ts";
import type { Segment } from "./dense.ts";

/** A root found in the current step. */
export interface LocatedRoot {
  index: number;
  t: number;
}

/** Tracks the sign of every event function between steps. */
export class EventTracker {
  private readonly gPrev: Float64Array;
  private readonly yWork: Float64Array;
  /** Event that caused the last restart, and where (its own root at the restart is ignored). */
  private restartIndex = -1;
  private restartT = NaN;
  /** Roots found in the last `check`, sorted by time. */
  readonly roots: LocatedRoot[] = [];

  constructor(readonly specs: readonly EventSpec[], n: number) {
    this.gPrev = new Float64Array(specs.length);
    this.yWork = new Float64Array(n);
  }

  /** Records g at the start of the integration or after a restart caused by event `index`. */
  start(t: number, y: Float64Array, causedBy = -1): void {
    for (let e = 0; e < this.specs.length; e++) this.gPrev[e] = this.specs[e].g(t, y);
    this.restartIndex = causedBy;
    this.restartT = t;
  }

  /**
   * Looks for crossings on (seg.tStart, tEnd] with the end state yEnd; fills `roots` (sorted)
   * and returns how many were found. Updates the stored g values to the step end.
   */
  check(seg: Segment, tEnd: number, yEnd: Float64Array): number {
    this.roots.length = 0;
    const tStart = seg.tStart;
    const tol = 1e-12 * Math.max(Math.abs(tEnd), tEnd - tStart);
    for (let e = 0; e < this.specs.length; e++) {
      const spec = this.specs[e];
      const g0 = this.gPrev[e];
      const g1 = spec.g(tEnd, yEnd);
      this.gPrev[e] = g1;
      if (!crosses(g0, g1, spec.direction ?? 0)) continue;
      const tr = this.locate(spec, seg, tStart, g0, tEnd, g1, tol);
      if (e === this.restartIndex && tr - this.restartT <= 16 * tol) continue;
      this.roots.push({ index: e, t: tr });
    }
    if (this.roots.length > 1) this.roots.sort((a, b) => a.t - b.t);
    return this.roots.length;
  }

  /** Illinois regula falsi; returns the bracket end on the far side of the crossing. */
  private locate(spec: EventSpec, seg: Segment, a: number, fa: number, b: number, fb: number, tol: number): number {
    const y = this.yWork;
    let side = 0;
    for (let iter = 0; iter < 64 && b - a > tol; iter++) {
      let c = (a * fb - b * fa) / (fb - fa);
      if (!(c > a && c < b)) c = 0.5 * (a + b);
      seg.evaluate(c, y);
      const fc = spec.g(c, y);
      if (fc === 0) {
        return c;
      }
      if ((fc > 0) === (fb > 0)) {
        b = c;
        fb = fc;
        if (side === -1) fa *= 0.5;
        side = -1;
      } else {
        a = c;
        fa = fc;
        if (side === 1) fb *= 0.5;
        side = 1;
      }
    }
    return b;
  }
}

function crosses(g0: number, g1: number, direction: -1 | 0 | 1): boolean {
  const rising = g0 < 0 && g1 >= 0;
  const falling = g0 > 0 && g1 <= 0;
  if (direction === 1) return rising;
  if (direction === -1) return falling;
  return rising || falling;
}
