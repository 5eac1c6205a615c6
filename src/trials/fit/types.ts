/**
 * The calibration problem, independent of the physiology: parameters with ranges, observed
 * points with their spreads, and a vectorised `predict(params, points)`. The model plugs in by
 * simulating the points' arms; tests plug in small known functions.
 */

/** A parameter to estimate, bounded by its plausible range (docs/model-format.md `range`). */
export interface FitParameter {
  /** Qualified parameter name, e.g. `adaptation.csaGainPerSession`. */
  name: string;
  /** Starting value (inside the range). */
  initial: number;
  /** Plausible range [lo, hi]; the fit never leaves it. */
  range: [number, number];
  /** Unit of the value (informational; written to the parameter file). */
  unit?: string;
}

/** One observation to fit: an outcome row's value and spread, with the study it belongs to. */
export interface FitPoint {
  /** Stable id, e.g. `ozaki2011/bfr-walk/muscle_csa/10weeks`. */
  id: string;
  /** Study the point belongs to (the unit of leave-one-study-out). */
  studyId: string;
  observed: number;
  /** Reported SD of the observation, or null (then `defaultSigma` of the fit applies). */
  sd: number | null;
}

/** Parameter values keyed by name. */
export type ParameterValues = Record<string, number>;

/** Model predictions for the points, in the points' order and units. */
export type Predict = (params: ParameterValues, points: readonly FitPoint[]) => number[];

/** A calibration problem: what to estimate, against what, with which model. */
export interface FitProblem {
  parameters: readonly FitParameter[];
  points: readonly FitPoint[];
  predict: Predict;
}

/** One estimated parameter with its uncertainty. */
export interface ParameterEstimate {
  name: string;
  value: number;
  unit?: string;
  range: [number, number];
  /** Standard error from the Jacobian covariance (null when the covariance is singular). */
  se: number | null;
  /** 95 % interval value ± t(0.975, n − p)·se (null when se is). */
  ci95: [number, number] | null;
  /** True when the estimate sits on (within 1e-6 of the width of) a bound: Jacobian intervals are then unreliable. */
  atBound: boolean;
}

/** The result of a weighted least-squares fit. */
export interface FitResult {
  estimates: ParameterEstimate[];
  /** Parameter correlation matrix (rows/columns in `estimates` order); null if singular. */
  correlations: number[][] | null;
  /** Covariance matrix of the estimates; null if singular. */
  covariance: number[][] | null;
  /** Weighted sum of squared residuals Σ ((obs − pred)/σ)². */
  chiSquare: number;
  /** Number of points and of parameters, and degrees of freedom n − p. */
  n: number;
  p: number;
  dof: number;
  /** Residual variance factor used to scale the covariance (χ²/dof, or 1 with absoluteSigma). */
  varianceScale: number;
  iterations: number;
  /** Predictions at the estimate, in the points' order. */
  predictions: number[];
  /** The σ used for each point (SD, or the default). */
  sigmas: number[];
}
