/**
 * Typed integration failures. Each carries where it happened (t, h), the last accepted state and
 * `partial`: the solution computed up to that point, so a failed run never loses its work.
 */
import { BfrsimError } from "../errors.ts";
import type { OdeSolution } from "./types.ts";

/** Base class of every failure inside the integrator. */
export class OdeSolveError extends BfrsimError {
  /** Time of the last accepted state (problem time units). */
  readonly t: number;
  /** Step size being attempted when the failure occurred. */
  readonly h: number;
  /** Last accepted state (a copy). */
  readonly y: Float64Array;
  /** The solution up to the failure (status "failed"); set by `solve` before returning. */
  partial?: OdeSolution;
  constructor(code: string, message: string, t: number, h: number, y: Float64Array) {
    super(code, message);
    this.t = t;
    this.h = h;
    this.y = Float64Array.from(y);
  }
}

/** The step size fell below what floating point can resolve at t. */
export class StepUnderflowError extends OdeSolveError {
  constructor(t: number, h: number, y: Float64Array) {
    super(
      "E_STEP_UNDERFLOW",
      `step size underflow at t = ${t}: h = ${h.toExponential(3)} is below the resolution of t ` +
        `(the problem may have a singularity or a discontinuity missing from tstops)`,
      t, h, y,
    );
  }
}

/** More than `options.maxSteps` steps (accepted + rejected) were needed. */
export class MaxStepsError extends OdeSolveError {
  readonly maxSteps: number;
  constructor(maxSteps: number, t: number, h: number, y: Float64Array) {
    super(
      "E_MAX_STEPS",
      `maximum number of steps (options.maxSteps = ${maxSteps}) reached at t = ${t} (h = ${h.toExponential(3)}); ` +
        `raise maxSteps or check the problem for stiffness or a blow-up`,
      t, h, y,
    );
    this.maxSteps = maxSteps;
  }
}

/** The right-hand side (or Jacobian) returned NaN or ±Infinity. */
export class NonFiniteError extends OdeSolveError {
  /** Index of the first offending component. */
  readonly component: number;
  /** Its name (problem.names[i]) or `y[i]`. */
  readonly componentName: string;
  /** Time at which the non-finite value was produced. */
  readonly tEval: number;
  constructor(component: number, componentName: string, tEval: number, what: string, t: number, h: number, y: Float64Array) {
    super(
      "E_NONFINITE",
      `non-finite ${what} for component ${componentName} at t = ${tEval} ` +
        `(last accepted state at t = ${t}, h = ${h.toExponential(3)})`,
      t, h, y,
    );
    this.component = component;
    this.componentName = componentName;
    this.tEval = tEval;
  }
}

/** The Rosenbrock iteration matrix I/(hγ) − J was singular even after reducing h. */
export class SingularMatrixError extends OdeSolveError {
  constructor(t: number, h: number, y: Float64Array, column: number) {
    super(
      "E_SINGULAR",
      `singular iteration matrix at t = ${t} (h = ${h.toExponential(3)}, zero pivot in column ${column}, 1-based); ` +
        `the Jacobian may be non-finite or the step size degenerate`,
      t, h, y,
    );
  }
}
