/**
 * Loads protocols from YAML/JSON text, files or presets in `models/protocols/`, with file
 * positions in validation errors.
 */
import { fileStem, resolvePresetFile } from "./presets.ts";
import type { ValidatedProtocol } from "./protocol.ts";
import { validateProtocol } from "./protocol-validate.ts";
import { parseSourced, readSourced } from "./yaml-source.ts";

/** Default protocol of `bfrsim simulate`: the review's proposed older-adult BFR protocol. */
export const DEFAULT_PROTOCOL = "review-older-adult";

/** Loads a protocol from a preset name (e.g. `bfr-walking`) or a YAML/JSON file path. */
export function loadProtocol(nameOrFile: string = DEFAULT_PROTOCOL): ValidatedProtocol {
  const file = resolvePresetFile("protocols", nameOrFile, "protocol");
  const doc = readSourced(file, "protocol");
  return validateProtocol(doc.data, { name: fileStem(file), locate: doc.locate });
}

/** Parses and validates protocol text (YAML or JSON); `file` labels error positions. */
export function parseProtocol(text: string, file?: string): ValidatedProtocol {
  const doc = parseSourced(text, file);
  return validateProtocol(doc.data, { name: file ? fileStem(file) : undefined, locate: doc.locate });
}
