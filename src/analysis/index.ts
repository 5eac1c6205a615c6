// Analysis: dose-response fits, global sensitivity, trial power, constrained optima. Index files only re-export.
// studentTCdf/studentTQuantile are also exported by src/trials; only the names unique to analysis go out here.
export { noncentralTCdf, normalCdf, normalQuantile, regularizedBeta, regularizedGammaQ } from "./special.ts";
export * from "./hill.ts";
export * from "./morris.ts";
export * from "./sobol-indices.ts";
export * from "./power.ts";
export * from "./optimise.ts";
export * from "./responders.ts";
export * from "./power-curve.ts";
export * from "./cohort.ts";
export * from "./cohort-run.ts";
export * from "./parameter-ranges.ts";
export * from "./sensitivity-run.ts";
export * from "./dose-response.ts";
