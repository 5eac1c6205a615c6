// Public API of the ODE engine. Index files only re-export.
export type {
  EventRecord, EventSpec, JacobianFunction, MethodName, OdeProblem, OdeSolution, RhsFunction,
  SolveOptions, SolveStats, SolveStatus, TimeDerivativeFunction,
} from "./types.ts";
export { solve, solveOrThrow, remake } from "./solve.ts";
export { DEFAULT_SOLVE_OPTIONS, METHODS } from "./options.ts";
export { OdeSolveError, StepUnderflowError, MaxStepsError, NonFiniteError, SingularMatrixError } from "./errors.ts";
export { luFactor, luSolve } from "./linalg.ts";
export { SparseLu, PIVOT_THRESHOLD, type SparsityPattern } from "./sparse-lu.ts";
