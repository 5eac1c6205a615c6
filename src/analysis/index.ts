// Analysis: dose-response fits, global sensitivity, trial power, constrained optima. Index files only re-export.
// studentTCdf/studentTQuantile are also exported by src/trials; only the names unique to analysis go out here.
export { noncentralTCdf, normalCdf, normalQuantile, regularizedBeta, regularizedGammaQ } from "./special.ts";
export * from "./hill.ts";
export * from "./morris.ts";
export * from "./sobol-indices.ts";
export * from "./power.ts";
export * from "./optimise.ts";
