// Subjects, protocols and their compilation to model inputs. Index files only re-export.
export * from "./subject.ts";
export * from "./protocol.ts";
export * from "./aop.ts";
export * from "./subject-validate.ts";
export * from "./subject-load.ts";
export * from "./subject-parameters.ts";
export { listPresets } from "./presets.ts";
