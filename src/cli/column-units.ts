/**
 * Units of a sweep run's columns for the CLI's tables and figures: the BFR model's (the simulate
 * and cohort evaluators run it) via src/sweep/units.ts; a custom evaluator's columns mean what its
 * module says, so they get none. The model is the one the run used: --model, else the manifest's.
 */
import { existsSync } from "node:fs";
import { COHORT_EVALUATOR } from "../analysis/cohort-run.ts";
import { loadModel } from "../simulate/default-model.ts";
import { manifestPath, readManifest, type SweepSpec } from "../sweep/index.ts";
import { columnUnit } from "../sweep/units.ts";

/** A column's unit ("" dimensionless), or null when unknown or the evaluator is not the BFR model's. */
export type UnitOf = (column: string) => string | null;

/** Units of the columns of a run of `spec` (model file `modelFlag`, else the spec's evaluator config, else the default). */
export function runColumnUnits(spec: Pick<SweepSpec, "evaluator">, modelFlag?: string): UnitOf {
  const module = spec.evaluator.module;
  if (module !== undefined && module !== COHORT_EVALUATOR) return () => null;
  const config = spec.evaluator.config as { model?: unknown } | undefined;
  const model = loadModel(modelFlag ?? (typeof config?.model === "string" ? config.model : undefined));
  return (column) => columnUnit(column, model);
}

/** Units of the columns of sweep output `file`, from its manifest's spec (none without a manifest). */
export function fileColumnUnits(file: string, modelFlag?: string): UnitOf {
  const path = manifestPath(file);
  if (!existsSync(path)) return () => null;
  return runColumnUnits(readManifest(path).spec, modelFlag);
}

/** `value unit` for a number with a known unit (a scale such as 0-10 in parentheses: `5.5 (0-10)`), the value alone otherwise. */
export function valueWithUnit(value: number | string, unit: string | null): string {
  if (!unit || typeof value !== "number") return String(value);
  return /^\d/.test(unit) ? `${value} (${unit})` : `${value} ${unit}`;
}
