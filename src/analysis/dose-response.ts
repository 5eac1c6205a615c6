/**
 * Dose-response summaries of a sweep's rows: a Hill/Emax curve of an outcome against one dose
 * variable (e.g. CSA gain against %AOP), fitted separately for each combination of the other
 * factorial variables (e.g. per load), with EC50, Emax, Hill slope and their intervals.
 */
import { InputError } from "../errors.ts";
import { manifestPath, readManifest, readSweepRows, type VariableValue } from "../sweep/index.ts";
import { didYouMean } from "../suggest.ts";
import { fitHill, type HillFit } from "./hill.ts";

/** A fit for one group of rows (or why it could not be fitted). */
export interface GroupFit {
  /** Values of the other factorial variables that define the group. */
  group: Record<string, VariableValue>;
  points: number;
  fit: Omit<HillFit, "predict"> | null;
  /** Response predicted at each distinct dose of the group (null without a fit). */
  predicted: Array<{ dose: number; observedMean: number; predicted: number | null }>;
  error?: string;
}

/** Fits a Hill curve of `response` against `dose` per combination of the other varying factorial variables. */
export function doseResponseFits(file: string, dose: string, response: string, options: { level?: number } = {}): GroupFit[] {
  const spec = readManifest(manifestPath(file)).spec;
  const inputs = [...Object.keys(spec.variables), ...Object.keys(spec.sample?.variables ?? {}), ...Object.keys(spec.fixed)];
  if (!inputs.includes(dose)) throw new InputError("dose", dose, `an input variable of the sweep (${inputs.join(", ")})${didYouMean(dose, inputs)}`);
  const groupBy = Object.keys(spec.variables).filter((k) => k !== dose && spec.variables[k].length > 1);
  const groups = new Map<string, { group: Record<string, VariableValue>; x: number[]; y: number[] }>();
  let checked = false;
  for (const row of readSweepRows(file)) {
    if (!checked) {
      if (!(response in row)) throw new InputError("response", response, `a column of ${file}${didYouMean(response, Object.keys(row))}`);
      checked = true;
    }
    const x = row[dose];
    const y = row[response];
    if (row.error || typeof x !== "number" || typeof y !== "number" || !Number.isFinite(y)) continue;
    const key = JSON.stringify(groupBy.map((g) => row[g]));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { group: Object.fromEntries(groupBy.map((n) => [n, row[n] as VariableValue])), x: [], y: [] }));
    g.x.push(x);
    g.y.push(y);
  }
  return [...groups.values()].map(({ group, x, y }) => {
    const doses = [...new Set(x)].sort((a, b) => a - b);
    const observedMean = (d: number) => {
      const ys = y.filter((_, i) => x[i] === d);
      return ys.reduce((a, b) => a + b, 0) / ys.length;
    };
    try {
      const { predict, ...fit } = fitHill(x, y, { level: options.level });
      return { group, points: x.length, fit, predicted: doses.map((d) => ({ dose: d, observedMean: observedMean(d), predicted: predict(d) })) };
    } catch (err) {
      return { group, points: x.length, fit: null, predicted: doses.map((d) => ({ dose: d, observedMean: observedMean(d), predicted: null })), error: (err as Error).message };
    }
  });
}
