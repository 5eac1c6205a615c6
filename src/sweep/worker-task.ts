/**
 * Runs inside each pool worker: creates the evaluator once per (module, config) and evaluates a
 * batch of points, turning a throw into an error record so one bad point never sinks the batch.
 */
import { importEvaluatorModule, type PointEvaluator } from "./evaluator.ts";
import type { Point } from "./spec.ts";

/** A batch of points sent to a worker. */
export interface BatchTask {
  moduleUrl: string;
  config: unknown;
  /** Outcome names to keep (null: all). */
  outcomes: readonly string[] | null;
  points: Array<[index: number, point: Point]>;
}

/** The result of one point: its outcomes, or the message of what it threw. */
export interface PointResult {
  index: number;
  values?: Record<string, number>;
  error?: string;
}

/** Marks a batch failure caused by createEvaluator itself: no point can succeed, so the sweep stops. */
export const EVALUATOR_CREATE_FAILED = "E_EVALUATOR_CREATE";

let cached: { key: string; evaluator: Promise<PointEvaluator> } | null = null;

function evaluatorFor(task: BatchTask): Promise<PointEvaluator> {
  const key = `${task.moduleUrl}\u0000${JSON.stringify(task.config ?? null)}`;
  if (!cached || cached.key !== key) {
    const evaluator = importEvaluatorModule(task.moduleUrl)
      .then((m) => m.createEvaluator(task.config))
      .catch((err: unknown) => {
        throw new Error(`${EVALUATOR_CREATE_FAILED}: createEvaluator failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    cached = { key, evaluator };
  }
  return cached.evaluator;
}

/** Evaluates every point of a batch, in order. */
export async function evaluateBatch(task: BatchTask): Promise<PointResult[]> {
  const evaluator = await evaluatorFor(task);
  const results: PointResult[] = [];
  for (const [index, point] of task.points) {
    try {
      const raw = await evaluator.evaluate(point);
      if (typeof raw !== "object" || raw === null) throw new Error(`evaluator returned ${String(raw)}, not an object of outcomes`);
      const values: Record<string, number> = {};
      for (const name of task.outcomes ?? Object.keys(raw)) {
        const v = raw[name];
        if (v !== undefined && typeof v !== "number") throw new Error(`outcome ${name} is ${typeof v}, not a number`);
        if (v !== undefined) values[name] = v;
      }
      results.push({ index, values });
    } catch (err) {
      results.push({ index, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return results;
}
