/**
 * Where preset files live and how a preset name or a file path is told apart.
 */
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { InputError } from "../errors.ts";

/** Absolute directory of the repository's `models/` folder. */
export const MODELS_DIR = fileURLToPath(new URL("../../models/", import.meta.url));

/** Names of the presets (file stems) in `models/<kind>/`. */
export function listPresets(kind: "subjects" | "protocols"): string[] {
  const dir = path.join(MODELS_DIR, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => f.replace(/\.(ya?ml|json)$/, ""))
    .sort();
}

/**
 * Resolves `nameOrFile` to a file: an existing path (or anything with a `/` or an extension) is a
 * file; otherwise it is a preset name in `models/<kind>/`.
 */
export function resolvePresetFile(kind: "subjects" | "protocols", nameOrFile: string, field: string): string {
  if (existsSync(nameOrFile) || nameOrFile.includes("/") || /\.(ya?ml|json)$/.test(nameOrFile)) return nameOrFile;
  for (const ext of [".yaml", ".yml", ".json"]) {
    const file = path.join(MODELS_DIR, kind, nameOrFile + ext);
    if (existsSync(file)) return file;
  }
  throw new InputError(field, nameOrFile, `a file or one of the presets: ${listPresets(kind).join(", ")}`);
}

/** The file stem, used as a default name. */
export function fileStem(file: string): string {
  return path.basename(file).replace(/\.(ya?ml|json)$/, "");
}
