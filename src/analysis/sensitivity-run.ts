/**
 * Global sensitivity of model outcomes to parameters, run as a sweep: a Morris or Saltelli design
 * over the parameters' ranges (src/sweep/designs.ts) evaluated on the worker pool (resumable,
 * shardable), then Morris elementary effects or Sobol' indices per outcome from the rows.
 */
import { InputError } from "../errors.ts";
import { normaliseSweepSpec, readSweepColumn, type SweepSpec, type VariableRange, type VariableValue } from "../sweep/index.ts";
import { morrisFromSweep, type MorrisIndex } from "./morris.ts";
import { sobolFromSweep, type SobolIndex } from "./sobol-indices.ts";

/** What `sensitivitySpec` builds. */
export interface SensitivitySpecOptions {
  method: "morris" | "sobol";
  /** Factors: name → range (declared units). */
  ranges: Record<string, Required<VariableRange>>;
  /** Morris trajectories or Saltelli base rows. Default 10 (Morris) or 64 (Sobol). */
  n?: number;
  /** Morris grid levels (even). Default 4. */
  levels?: number;
  /** Constant settings for every point (e.g. protocol.weeks). */
  fixed?: Record<string, VariableValue>;
  outcomes?: string[];
  seed?: number;
  evaluator?: { module?: string; config?: unknown };
}

/** Default design sizes. */
export const SENSITIVITY_DEFAULTS = { morrisTrajectories: 10, sobolRows: 64, levels: 4 };

/** The sweep spec of a sensitivity design (one factorial combination). */
export function sensitivitySpec(o: SensitivitySpecOptions): SweepSpec {
  if (o.method !== "morris" && o.method !== "sobol") throw new InputError("method", o.method, '"morris" or "sobol"');
  const n = o.n ?? (o.method === "morris" ? SENSITIVITY_DEFAULTS.morrisTrajectories : SENSITIVITY_DEFAULTS.sobolRows);
  return normaliseSweepSpec({
    sample: { method: o.method === "morris" ? "morris" : "saltelli", n, ...(o.method === "morris" ? { levels: o.levels ?? SENSITIVITY_DEFAULTS.levels } : {}), variables: o.ranges },
    fixed: o.fixed ?? {},
    outcomes: o.outcomes,
    seed: o.seed ?? 0,
    evaluator: o.evaluator ?? {},
  });
}

/** Indices of one outcome: Morris (ranked by μ*) or Sobol' (ranked by total index). */
export type OutcomeSensitivity =
  | { outcome: string; method: "morris"; used: number; indices: MorrisIndex[] }
  | { outcome: string; method: "sobol"; used: number; indices: SobolIndex[] };

/** Sensitivity indices of each outcome from a completed sensitivity sweep's output file. */
export function sensitivityFromFile(spec: SweepSpec, file: string, outcomes: readonly string[], options: { bootstrap?: number; seed?: number } = {}): OutcomeSensitivity[] {
  const method = spec.sample?.method;
  if (method !== "morris" && method !== "saltelli") throw new InputError("spec.sample.method", method ?? null, '"morris" or "saltelli"');
  if (Object.keys(spec.variables).some((k) => spec.variables[k].length !== 1)) {
    throw new InputError("spec.variables", Object.keys(spec.variables), "single values only (a sensitivity design is one factorial combination)");
  }
  return outcomes.map((outcome) => {
    const y = readSweepColumn(file, outcome);
    if (method === "morris") {
      const r = morrisFromSweep(spec, y);
      return { outcome, method: "morris" as const, used: r.trajectoriesUsed, indices: [...r].sort((a, b) => b.muStar - a.muStar) };
    }
    const r = sobolFromSweep(spec, y, { bootstrap: options.bootstrap ?? 200, seed: options.seed ?? 0 });
    return { outcome, method: "sobol" as const, used: r.rowsUsed, indices: [...r].sort((a, b) => b.total.estimate - a.total.estimate) };
  });
}
