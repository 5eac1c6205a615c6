/**
 * Leave-one-study-out cross-validation: for each study, fit on the points of every other study,
 * then predict the held-out study's points with those estimates. The held-out points never reach
 * the fitter: it receives a problem built from the training points only.
 */
import { fitWeightedLeastSquares, type FitOptions } from "./least-squares.ts";
import type { FitPoint, FitProblem, FitResult } from "./types.ts";

/** A fitter: the default is weighted least squares; tests inject a spy. */
export type Fitter = (problem: FitProblem, options?: FitOptions) => FitResult;

/** One fold: which study was held out, the fit on the rest, and the out-of-sample predictions. */
export interface CrossValidationFold {
  heldOutStudy: string;
  trainingPoints: number;
  fit: FitResult | null;
  /** The fitter's error message when the fold's fit failed (the fold is kept, not dropped). */
  error: string | null;
  predictions: { point: FitPoint; predicted: number | null }[];
}

/** All folds and the pooled out-of-sample predictions. */
export interface CrossValidation {
  folds: CrossValidationFold[];
  /** Every point with its out-of-sample prediction (null where the fold failed). */
  outOfSample: { point: FitPoint; predicted: number | null }[];
}

/** Runs leave-one-study-out over the studies of `problem.points`; a failed fold is recorded and the rest continue. */
export function leaveOneStudyOut(problem: FitProblem, options: FitOptions = {}, fitter: Fitter = fitWeightedLeastSquares): CrossValidation {
  const studies = [...new Set(problem.points.map((p) => p.studyId))].sort();
  const folds = studies.map((study): CrossValidationFold => {
    const training = problem.points.filter((p) => p.studyId !== study);
    const heldOut = problem.points.filter((p) => p.studyId === study);
    try {
      const fit = fitter({ parameters: problem.parameters, points: training, predict: problem.predict }, options);
      const values = Object.fromEntries(fit.estimates.map((e) => [e.name, e.value]));
      const predicted = problem.predict(values, heldOut);
      return {
        heldOutStudy: study,
        trainingPoints: training.length,
        fit,
        error: null,
        predictions: heldOut.map((point, i) => ({ point, predicted: predicted[i] })),
      };
    } catch (err) {
      return {
        heldOutStudy: study,
        trainingPoints: training.length,
        fit: null,
        error: err instanceof Error ? err.message : String(err),
        predictions: heldOut.map((point) => ({ point, predicted: null })),
      };
    }
  });
  return { folds, outOfSample: folds.flatMap((f) => f.predictions) };
}
