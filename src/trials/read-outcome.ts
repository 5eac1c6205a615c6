/**
 * Reading a simulated output series the way a trial reported it: the value at a time, a change
 * vs baseline, a fold change, the peak or mean over a post-session window, then the outcome
 * rule's transform and the conversion to the reported unit. This is the bridge from `simulate()`
 * output to `compare`: `simulateOutcome = (arm, mo) => readOutcome(mo.target!, seriesOf(arm, mo.target!.output), anchors)`.
 */
import { InputError } from "../errors.ts";
import type { OutcomeTarget } from "./outcome-map.ts";

/** One output sampled over time (strictly increasing times, s). */
export interface OutputSeries {
  timeS: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** Where the reading's anchors are on the simulation clock, s. */
export interface ReadingAnchors {
  /** Start of the programme (default 0). */
  programmeStartS?: number;
  /** End of the (first) session, for single-session readings. */
  sessionEndS?: number;
  /** Baseline value of the output (default: the value at the programme start). */
  baseline?: number;
}

/** The simulated value of an outcome on the row's reported scale; null when the series does not reach the time. */
export function readOutcome(target: OutcomeTarget, series: OutputSeries, anchors: ReadingAnchors = {}): number | null {
  const start = anchors.programmeStartS ?? 0;
  const anchor = target.anchor === "programme_start" ? start : anchors.sessionEndS;
  if (anchor === undefined) throw new InputError("anchors.sessionEndS", undefined, "the end of the session, s, for a session-anchored reading");
  const y0 = anchors.baseline ?? valueAt(series, start);
  if (y0 === null) return null;
  let raw: number | null;
  const r = target.reading;
  if (r.endsWith("_at")) {
    const y = valueAt(series, anchor + (target.timeS ?? 0));
    raw = y === null ? null : change(r, y, y0);
  } else {
    const [w0, w1] = target.windowS ?? [0, 0];
    const y = r.startsWith("peak_") ? extremeIn(series, anchor + w0, anchor + w1, y0) : meanIn(series, anchor + w0, anchor + w1);
    raw = y === null ? null : change(r, y, y0);
  }
  if (raw === null) return null;
  if (target.transform === "sqrt_area") raw = 100 * (Math.sqrt(Math.max(0, 1 + raw / 100)) - 1);
  return r.includes("abs_change") ? raw / target.observedScale : raw;
}

function change(reading: string, y: number, y0: number): number {
  if (reading.startsWith("value")) return y;
  if (reading.includes("abs_change")) return y - y0;
  if (reading.includes("fold_change")) return y / y0;
  return (100 * (y - y0)) / y0; // pct_change and window_mean_pct_change
}

/** Linear interpolation of the series at `t`; null outside its time span. */
export function valueAt(series: OutputSeries, t: number): number | null {
  const { timeS: ts, values: ys } = series;
  const n = ts.length;
  if (n === 0 || t < ts[0] || t > ts[n - 1]) return null;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ts[mid] <= t) lo = mid;
    else hi = mid;
  }
  if (ts[hi] === ts[lo]) return ys[lo];
  const f = (t - ts[lo]) / (ts[hi] - ts[lo]);
  return ys[lo] + f * (ys[hi] - ys[lo]);
}

/** The value farthest from the baseline in [a, b] (samples plus the interpolated ends). */
function extremeIn(series: OutputSeries, a: number, b: number, y0: number): number | null {
  const ya = valueAt(series, a);
  const yb = valueAt(series, b);
  if (ya === null || yb === null) return null;
  let best = Math.abs(ya - y0) >= Math.abs(yb - y0) ? ya : yb;
  for (let i = 0; i < series.timeS.length; i++) {
    const t = series.timeS[i];
    if (t > a && t < b && Math.abs(series.values[i] - y0) > Math.abs(best - y0)) best = series.values[i];
  }
  return best;
}

/** Time-average over [a, b] by the trapezoid rule on the samples and interpolated ends. */
function meanIn(series: OutputSeries, a: number, b: number): number | null {
  const ya = valueAt(series, a);
  const yb = valueAt(series, b);
  if (ya === null || yb === null) return null;
  if (b <= a) return ya;
  let area = 0;
  let tPrev = a;
  let yPrev = ya;
  for (let i = 0; i < series.timeS.length; i++) {
    const t = series.timeS[i];
    if (t <= a || t >= b) continue;
    area += 0.5 * (series.values[i] + yPrev) * (t - tPrev);
    tPrev = t;
    yPrev = series.values[i];
  }
  area += 0.5 * (yb + yPrev) * (b - tPrev);
  return area / (b - a);
}
