/**
 * One surrogate-grid node computed in a worker thread: the model's predictions of the fitted trial
 * rows (named by their point ids) at one parameter vector. Each worker loads and maps the trial
 * data and compiles the model once, then serves nodes; the result is the same row the in-process
 * `trialFitProblem(...).predict` gives.
 */
import type { CompiledModel } from "../model/types.ts";
import { loadModel } from "../simulate/default-model.ts";
import type { ParameterValues } from "./fit/types.ts";
import { trialFitProblem, trialPointId } from "./fit-trials.ts";
import type { FitPoint } from "./fit/types.ts";
import { loadTrials } from "./load.ts";
import { mapTrials, type MappedOutcome, type MappedTrials } from "./mapping.ts";
import { modelArmSimulator } from "./model-simulator.ts";

/** Everything a worker needs for one node (plain data: it crosses the thread boundary). */
export interface GridNodeJob {
  modelFile: string;
  armsFile: string;
  outcomesFile: string;
  /** Fitted rows, in the grid table's column order. */
  pointIds: string[];
  /** Parameter values of the node, with the fixed ones. */
  values: ParameterValues;
}

let loaded: { key: string; model: CompiledModel; trials: MappedTrials; byId: Map<string, MappedOutcome> } | null = null;

/** The model's predictions of the job's rows at its parameter values. */
export function runGridNode(job: GridNodeJob): number[] {
  const key = `${job.modelFile}\u0000${job.armsFile}\u0000${job.outcomesFile}`;
  if (!loaded || loaded.key !== key) {
    const trials = mapTrials(loadTrials({ armsFile: job.armsFile, outcomesFile: job.outcomesFile }));
    loaded = { key, model: loadModel(job.modelFile), trials, byId: new Map(trials.outcomes.map((o) => [trialPointId(o), o])) };
  }
  const { model, trials, byId } = loaded;
  const rowOf = new Map<string, MappedOutcome>();
  const points: FitPoint[] = job.pointIds.map((id) => {
    const mo = byId.get(id);
    if (!mo) throw new Error(`grid worker: no outcome row ${id} in ${job.outcomesFile}`);
    rowOf.set(id, mo);
    return { id, studyId: mo.row.studyId, observed: mo.row.value ?? 0, sd: mo.row.sd };
  });
  const problem = trialFitProblem(trials, { points, rowOf, excluded: [] }, [], modelArmSimulator(model));
  return problem.predict(job.values, points);
}
