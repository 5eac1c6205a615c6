// Calibration machinery (bfrsim fit / validate): bounded weighted least squares, Jacobian and
// profile intervals, leave-one-study-out cross-validation, parameter files with provenance.
export * from "./types.ts";
export { toValues } from "./values.ts";
export { fitWeightedLeastSquares, FIT_DEFAULTS, type FitOptions } from "./least-squares.ts";
export { jacobian, jacobianUncertainty } from "./uncertainty.ts";
export { profileParameter, type Profile, type ProfilePoint, type ProfileOptions } from "./profile.ts";
export { leaveOneStudyOut, type Fitter, type CrossValidation, type CrossValidationFold } from "./cross-validate.ts";
export { studentTQuantile, studentTCdf, incompleteBeta, logGamma, CHI_SQUARE_1_95 } from "./student-t.ts";
export * from "./parameter-file.ts";
export { gridSurrogate, naturalSplineSecondDerivatives, splineAt } from "./grid-surrogate.ts";
export { evenGrid, tensorNodes, nodeValues, evaluateTensorGrid, tensorSurrogate } from "./tensor-surrogate.ts";
export { fileGridCache, memoryGridCache, gridCacheKeyHash, type GridCache, type GridCacheKey } from "./grid-cache.ts";
export { tensorGridDesign, quadraticDesign, quadraticSurrogate, evaluateDesign, startAtBestNode, type SurrogateDesign } from "./surrogate-design.ts";
