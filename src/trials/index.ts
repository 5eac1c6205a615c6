// Trial data: loading with validation, arm → subject/protocol mapping, outcome → model output,
// comparison statistics. Index files only re-export.
export * from "./schema.ts";
export * from "./errors.ts";
export { parseCsv, type CsvField, type CsvRecord, type CsvIssue, type CsvParseResult } from "./csv.ts";
export * from "./load.ts";
export { mapArmSubjects, SUBJECT_MAPPING_DEFAULTS, type CohortMember } from "./map-subject.ts";
export { mapArmProtocol, PROTOCOL_MAPPING_DEFAULTS, type MappedProtocol } from "./map-protocol.ts";
export * from "./mapping.ts";
export * from "./outcome-map.ts";
export * from "./read-outcome.ts";
export * from "./compare.ts";
export * from "./fit/index.ts";
export * from "./fit-trials.ts";
export * from "./model-simulator.ts";
export * from "./comparison-plot.ts";
export * from "./parameter-selection.ts";
export * from "./row-selection.ts";
export * from "./comparison-groups.ts";
export * from "./comparison-figure.ts";
export * from "./calibrate.ts";
export * from "./validate-model.ts";
export { evaluateGridInPool, type GridPoolSource, type GridPoolOptions } from "./grid-pool.ts";
