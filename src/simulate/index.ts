// Subjects, protocols and their compilation to model inputs. Index files only re-export.
export * from "./subject.ts";
export * from "./protocol.ts";
