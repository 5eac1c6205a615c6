/**
 * The point-evaluator contract. A sweep evaluates each point with an evaluator created INSIDE each
 * worker from a module path, so any model (today a test fixture, later `simulate`) plugs in as one
 * file exporting:
 *
 * ```ts
 * export function createEvaluator(config: unknown): PointEvaluator;   // required
 * export const variables: string[];   // optional: the inputs it accepts (enables name checks)
 * export const outcomes: string[];    // optional: what it returns (fixes the output columns)
 * ```
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
  for (const key of ["variables", "outcomes"] as const) {
    const v = mod[key];
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === "string"))) {
      throw new InputError(`evaluator.${key}`, v, "an array of names when exported");
    }
  }
  return mod as unknown as EvaluatorModule;
}
