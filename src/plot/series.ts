/**
 * Tidy rows from a simulation result for plotting: one row per (time, series) in a time window,
 * time converted to the window's display unit. Browser-safe (no Node imports).
 */
import type { SimulationResult, Series } from "../simulate/simulate.ts";

/** A plotted point: time in the window's unit, a value in the series' declared unit. */
export interface SeriesRow {
  time: number;
  value: number;
  /** Display label of the series (e.g. "muscle lactate"). */
  series: string;
  /** Optional group (e.g. the training arm), for colouring several results in one panel. */
  group?: string;
}

/** A time window: from/to in s of programme time, shown relative to `originS` in `unitS` seconds. */
export interface TimeWindow {
  fromS: number;
  toS: number;
  originS: number;
  /** Seconds per display unit (60 = minutes, 3600 = hours, 604800 = weeks). */
  unitS: number;
}

/** The named state or output of `result`, or undefined when the model has no such series. */
export function findSeries(result: Pick<SimulationResult, "states" | "outputs">, name: string): Series | undefined {
  return result.outputs.find((s) => s.name === name) ?? result.states.find((s) => s.name === name);
}

/** Rows of one series inside `window` (empty when the model lacks the series). */
export function windowRows(
  result: Pick<SimulationResult, "time" | "states" | "outputs">,
  name: string,
  label: string,
  window: TimeWindow,
  group?: string,
): SeriesRow[] {
  const s = findSeries(result, name);
  if (!s) return [];
  const rows: SeriesRow[] = [];
  const t = result.time;
  const push = (at: number, v: number) => {
    if (Number.isFinite(v)) rows.push({ time: (at - window.originS) / window.unitS, value: v, series: label, group });
  };
  for (let k = 0; k < t.length; k++) {
    // The window opens between output samples (hourly at rest): hold the last sample's value from
    // the window's start up to the first sample inside, so a window opening before a session shows
    // the resting level and a step (the cuff inflating at the session start) is drawn as a step,
    // not as a ramp across the gap.
    if (k > 0 && t[k - 1] < window.fromS && t[k] > window.fromS) {
      push(window.fromS, s.values[k - 1]);
      if (t[k] <= window.toS) push(t[k], s.values[k - 1]);
    }
    if (t[k] >= window.fromS && t[k] <= window.toS) push(t[k], s.values[k]);
  }
  return rows;
}

/**
 * One row per day of a series read at `hourOfDay` (before the day's session): the baseline
 * trajectory, without each session's acute spike. Time in weeks from the programme start.
 */
export function dailyRows(
  result: Pick<SimulationResult, "time" | "states" | "outputs">,
  name: string,
  label: string,
  hourOfDay: number,
  group?: string,
): SeriesRow[] {
  const s = findSeries(result, name);
  if (!s) return [];
  const t = result.time;
  const rows: SeriesRow[] = [];
  const tEnd = t[t.length - 1] ?? 0;
  let k = 0;
  for (let day = 0; day * 86400 + hourOfDay * 3600 <= tEnd; day++) {
    const at = day * 86400 + hourOfDay * 3600;
    while (k + 1 < t.length && t[k + 1] <= at) k++;
    const v = interpolate(t, s.values, k, at);
    if (Number.isFinite(v)) rows.push({ time: at / 604800, value: v, series: label, group });
  }
  return rows;
}

function interpolate(t: Float64Array, v: Float64Array, k: number, at: number): number {
  if (k + 1 >= t.length || t[k + 1] === t[k]) return v[k];
  const w = (at - t[k]) / (t[k + 1] - t[k]);
  return v[k] + Math.max(0, Math.min(1, w)) * (v[k + 1] - v[k]);
}
