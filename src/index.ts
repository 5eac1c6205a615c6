// Public API of bfrsim. Index files only re-export.
export * from "./errors.ts";
export { VERSION } from "./version.ts";
export * from "./model/index.ts";
export * from "./simulate/index.ts";
export * from "./trials/index.ts";
export * from "./ode/index.ts";
export * from "./sweep/index.ts";
export * from "./analysis/index.ts";
export * from "./plot/index.ts";
export * from "./sweep/units.ts";
