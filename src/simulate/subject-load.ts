/**
 * Loads subjects from YAML/JSON files or presets in `models/subjects/`.
 */
import { fileStem, resolvePresetFile } from "./presets.ts";
import { validateSubject } from "./subject-validate.ts";
import type { Subject } from "./subject.ts";
import { readSourced } from "./yaml-source.ts";

/** Default subject of `bfrsim simulate`: the postmenopausal older-woman preset. */
export const DEFAULT_SUBJECT = "older-woman";

/** Loads a subject from a preset name (e.g. `older-woman`) or a YAML/JSON file path. */
export function loadSubject(nameOrFile: string = DEFAULT_SUBJECT): Subject {
  const file = resolvePresetFile("subjects", nameOrFile, "subject");
  const doc = readSourced(file, "subject");
  return validateSubject(doc.data, { name: fileStem(file), locate: doc.locate });
}
