/**
 * Surrogate-grid nodes on a pool of worker threads: each node (one full model evaluation of the
 * fitted rows) runs in a worker, finished rows go to the cache at once, and the table comes back in
 * node order — identical to `evaluateTensorGrid` in process, only spread over the cores.
 */
import Tinypool from "tinypool";
import type { GridCache } from "./fit/grid-cache.ts";
import { nodeValues } from "./fit/tensor-surrogate.ts";
import type { FitParameter, ParameterValues } from "./fit/types.ts";
import type { GridNodeJob } from "./grid-task.ts";

const WORKER_URL = new URL("./grid-worker.mjs", import.meta.url).href;

/** Where the workers read the model and data from, and which rows they predict. */
export interface GridPoolSource {
  modelFile: string;
  armsFile: string;
  outcomesFile: string;
  pointIds: readonly string[];
}

/** Options of `evaluateGridInPool`. */
export interface GridPoolOptions {
  /** Worker threads (default 2). */
  workers?: number;
  cache?: GridCache;
  onNode?: (done: number, total: number) => void;
}

/** The model's predictions at every design node (rows in node order), computed on worker threads. */
export async function evaluateGridInPool(
  source: GridPoolSource,
  parameters: readonly FitParameter[],
  nodes: readonly (readonly number[])[],
  fixed: ParameterValues,
  options: GridPoolOptions = {},
): Promise<number[][]> {
  const table: (number[] | undefined)[] = nodes.map((_, k) => options.cache?.get(k));
  let done = table.filter(Boolean).length;
  options.onNode?.(done, nodes.length);
  const todo = nodes.map((_, k) => k).filter((k) => !table[k]);
  if (todo.length === 0) return table as number[][];
  const workers = Math.max(1, Math.min(options.workers ?? 2, todo.length));
  const pool = new Tinypool({ filename: WORKER_URL, minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  // tinypool unrefs idle workers; a ref'd timer keeps the event loop alive until the pool is destroyed.
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    await Promise.all(
      todo.map(async (k) => {
        const job: GridNodeJob = { ...source, pointIds: [...source.pointIds], values: nodeValues(parameters, nodes[k], fixed) };
        const row = (await pool.run(job)) as number[];
        table[k] = row;
        options.cache?.set(k, row);
        options.onNode?.(++done, nodes.length);
      }),
    );
  } finally {
    clearInterval(keepAlive);
    await pool.destroy();
  }
  return table as number[][];
}
