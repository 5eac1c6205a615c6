// Subjects, protocols and their compilation to model inputs. Index files only re-export.
export * from "./subject.ts";
export * from "./protocol.ts";
export * from "./aop.ts";
export * from "./subject-validate.ts";
export * from "./subject-load.ts";
export * from "./subject-parameters.ts";
export { listPresets } from "./presets.ts";
export * from "./protocol-validate.ts";
export * from "./protocol-load.ts";
export { SOFT_LIMITS, progressedValue } from "./protocol-limits.ts";
export { parseSetsPattern, formatSetsPattern } from "./sets-pattern.ts";
export { defaultContractionDuty, relativeLoadOf, ENDURANCE_LOAD_ANCHORS } from "./schedule-physiology.ts";
export { sessionCount, sessionStartTimes, WEEKDAY_PATTERNS, SECONDS_PER_DAY, SECONDS_PER_WEEK } from "./session-times.ts";
export * from "./schedule.ts";
export * from "./input-evaluator.ts";
export * from "./remake.ts";
export * from "./session-dose.ts";
