/**
 * Collects the solution's output: every accepted step, or only the `saveat` times (filled from
 * the dense output of the step that covers them, never by forcing steps onto them).
 */
import type { Segment } from "./dense.ts";

/** Output times and states, in order. */
export class OutputCollector {
  readonly t: number[] = [];
  readonly y: Float64Array[] = [];
  private next = 0;
  /** With saveat, every output state is a view into one block (no allocation per point). */
  private block: Float64Array | null = null;
  private used = 0;
  constructor(private readonly saveat: Float64Array | null) {}

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
        const y = this.slot(yEnd.length);
        seg.evaluate(ts, y);
        this.t.push(ts);
        this.y.push(y);
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

  private push(t: number, y: Float64Array): void {
    this.t.push(t);
    if (!this.saveat) {
      this.y.push(Float64Array.from(y));
      return;
    }
    const out = this.slot(y.length);
    out.set(y);
    this.y.push(out);
  }

  /** The next saveat output vector: a view into the block sized for every saveat time. */
  private slot(n: number): Float64Array {
    this.block ??= new Float64Array(this.saveat!.length * n);
    const out = this.block.subarray(this.used, this.used + n);
    this.used += n;
    return out;
  }
}
