/** Where the bundled models and presets live, and the default model compiled once per process. */
import { fileURLToPath } from "node:url";
import { compileModelFile } from "../model/compile.ts";
import type { CompiledModel } from "../model/types.ts";

/** Absolute path of the bundled BFR-in-ageing model. */
export const DEFAULT_MODEL_FILE = fileURLToPath(new URL("../../models/bfr-ageing.yaml", import.meta.url));

const cache = new Map<string, CompiledModel>();

/** Compiles a model file once per process (the default model when no file is given). */
export function loadModel(file: string = DEFAULT_MODEL_FILE): CompiledModel {
  let model = cache.get(file);
  if (!model) {
    model = compileModelFile(file);
    cache.set(file, model);
  }
  return model;
}
