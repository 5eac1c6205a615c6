/**
 * The point-evaluator contract. A sweep evaluates each point with an evaluator created INSIDE each
 * worker from a module path, so any model (today a test fixture, later `simulate`) plugs in as one
 * file exporting:
 *
 * ```ts
 * export function createEvaluator(config: unknown): PointEvaluator;   // required
 * export const variables: string[];   // optional: the inputs it accepts (enables name checks)
 * export const outcomes: string[];    // optional: what it returns (fixes the output columns)
 * export function checkPoint(point, config): void;  // optional: throws InputError for a point it
 *                                     // cannot take (bad name or value), cheaply, without evaluating
 * ```
 * `checkPoint` runs in the main thread before anything is written, on point 0 and on point 0 with
 * each factorial value and each sampled range end substituted (`preflightPoints`).
 */
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../errors.ts";
import type { Point } from "./spec.ts";

/** Evaluates one point of a sweep into named numeric outcomes. Throwing marks the point failed. */
export interface PointEvaluator {
  evaluate(point: Point): Record<string, number> | Promise<Record<string, number>>;
}

/** What an evaluator module exports. */
export interface EvaluatorModule {
  createEvaluator(config: unknown): PointEvaluator | Promise<PointEvaluator>;
  variables?: readonly string[];
  outcomes?: readonly string[];
  checkPoint?(point: Point, config: unknown): void;
}

/** Resolves a module path (relative to `baseDir`, default the working directory) to a file URL. */
export function evaluatorModuleUrl(modulePath: string, baseDir = process.cwd()): string {
  if (/^(file|data|node):/.test(modulePath)) return modulePath;
  return pathToFileURL(isAbsolute(modulePath) ? modulePath : resolve(baseDir, modulePath)).href;
}

/** Imports an evaluator module and checks its exports. */
export async function importEvaluatorModule(moduleUrl: string): Promise<EvaluatorModule> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(moduleUrl)) as Record<string, unknown>;
  } catch (err) {
    throw new InputError("evaluator", moduleUrl, `an importable module (${(err as Error).message.split("\n")[0]})`);
  }
  if (typeof mod.createEvaluator !== "function") {
    throw new InputError("evaluator", moduleUrl, "a module exporting createEvaluator(config)");
  }
  if (mod.checkPoint !== undefined && typeof mod.checkPoint !== "function") {
    throw new InputError("evaluator.checkPoint", typeof mod.checkPoint, "a function checkPoint(point, config) when exported");
  }
  for (const key of ["variables", "outcomes"] as const) {
    const v = mod[key];
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === "string"))) {
      throw new InputError(`evaluator.${key}`, v, "an array of names when exported");
    }
  }
  return mod as unknown as EvaluatorModule;
}
