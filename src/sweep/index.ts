// Sweeps: specs, sampling, the worker pool runner, shards and merging. Index files only re-export.
export * from "./prng.ts";
export * from "./sobol.ts";
export * from "./lhs.ts";
export * from "./scale.ts";
export * from "./suggest.ts";
export * from "./spec.ts";
export * from "./spec-flags.ts";
export * from "./plan.ts";
export * from "./evaluator.ts";
export * from "./shard.ts";
export * from "./rows.ts";
export * from "./progress.ts";
export * from "./manifest.ts";
export * from "./options.ts";
export * from "./run.ts";
export * from "./merge.ts";
export type { BatchTask, PointResult } from "./worker-task.ts";
