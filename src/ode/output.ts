/**
 * Collects the solution's output: every accepted step, or only the `saveat` times (filled from
 * the dense output of the step that covers them, never by forcing steps onto them). With saveat
 * the states go into one row-major block sized for every saveat time, so saving a point
 * allocates nothing; the per-point vectors of `solution.y` are views made only when read.
 */
import type { Segment } from "./dense.ts";

/** Output times and states, in order. */
export class OutputCollector {
  /** Output times. */
  readonly t: number[] = [];
  /** Without saveat: a copy of every saved state. */
  private readonly copies: Float64Array[] = [];
  private next = 0;
  /** With saveat: saved states row-major, n per point (allocated at the first point). */
  private block: Float64Array | null = null;
  private used = 0;
  constructor(private readonly saveat: Float64Array | null, private readonly n: number) {}

  /** Saves the initial state (or the saveat times equal to t0). */
  start(t0: number, y0: Float64Array): void {
    if (!this.saveat) {
      this.push(t0, y0);
      return;
    }
    while (this.next < this.saveat.length && this.saveat[this.next] <= t0) {
      this.push(this.saveat[this.next++], y0);
    }
  }

  /** Saves the output of a step that ends at tEnd with state yEnd; seg interpolates inside. */
  step(seg: Segment | null, tEnd: number, yEnd: Float64Array): void {
    const s = this.saveat;
    if (!s) {
      this.push(tEnd, yEnd);
      return;
    }
    while (this.next < s.length && s[this.next] <= tEnd) {
      const ts = s[this.next++];
      if (ts === tEnd || !seg) {
        this.push(ts, yEnd);
      } else {
        this.t.push(ts);
        seg.evaluateInto(ts, this.slot(), this.used - this.n);
      }
    }
  }

  /** True when a saveat time falls strictly before tEnd (so the step's interpolant is needed). */
  wantsInterpolation(tEnd: number): boolean {
    const s = this.saveat;
    return s !== null && this.next < s.length && s[this.next] < tEnd;
  }

  /** Saves an extra point (the state after an event's reset) when every step is saved. */
  extra(t: number, y: Float64Array): void {
    if (!this.saveat) this.push(t, y);
  }

  /** With saveat: the saved states row-major (n per point, as many points as `t`); else null. */
  flat(): Float64Array | null {
    if (!this.saveat) return null;
    return this.block ? this.block.subarray(0, this.used) : new Float64Array(0);
  }

  /** The saved states, one vector per output time (views into the block with saveat). */
  states(): Float64Array[] {
    const flat = this.flat();
    if (!flat) return this.copies;
    const n = this.n;
    const out: Float64Array[] = new Array(this.t.length);
    for (let k = 0; k < out.length; k++) out[k] = flat.subarray(k * n, (k + 1) * n);
    return out;
  }

  private push(t: number, y: Float64Array): void {
    this.t.push(t);
    if (!this.saveat) {
      this.copies.push(Float64Array.from(y));
      return;
    }
    this.slot().set(y, this.used - this.n);
  }

  /** Reserves the next point's n values in the block; returns the block (the point ends at `used`). */
  private slot(): Float64Array {
    this.block ??= new Float64Array(this.saveat!.length * this.n);
    this.used += this.n;
    return this.block;
  }
}
