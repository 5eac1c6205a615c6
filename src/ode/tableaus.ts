/**
 * Coefficient tables of the integration methods. A method is its table; the steppers in
 * dopri5.ts and rodas.ts read these and share one driver loop (driver.ts).
 */

/**
 * Dormand–Prince 5(4) explicit Runge–Kutta pair with FSAL (7 stages, 6 new RHS calls a step).
 * Dormand JR, Prince PJ (1980) "A family of embedded Runge-Kutta formulae", J Comput Appl Math
 * 6:19-26, doi:10.1016/0771-050X(80)90013-3. Error coefficients e = b − b̂ and the 4th-order
 * continuous extension (d) as given in Hairer, Nørsett, Wanner, Solving ODEs I, 2nd ed. (1993),
 * §II.5 and §II.6 (the DOPRI5 code's dense output).
 */
export const DOPRI5 = {
  c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
  a: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ],
  /** Error weights e_i = b_i − b̂_i for stages 1..7 (stage 2 has zero weight). */
  e: [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40],
  /** Dense-output coefficients for stages 1..7 (stage 2 has zero weight). */
  d: [
    -12715105075 / 11282082432,
    0,
    87487479700 / 32700410799,
    -10690763975 / 1880347072,
    701980252875 / 199316789632,
    -1453857185 / 822651844,
    69997945 / 29380423,
  ],
  order: 5,
  /** Order of the embedded error estimate + 1, i.e. the exponent base of the controller. */
  errorOrder: 5,
} as const;

/**
 * Rodas5P: 8-stage, order-5 stiffly accurate L-stable Rosenbrock method with an embedded
 * order-4 solution and a 4th-order dense output.
 * Steinebach G (2023) "Construction of Rosenbrock–Wanner method Rodas5P and numerical
 * benchmarks within the Julia Differential Equations package", BIT Numer Math 63:27,
 * doi:10.1007/s10543-023-00967-x. Coefficients in the transformed ("W-form") formulation of
 * Hairer & Wanner, Solving ODEs II, §IV.7 (eq. 7.25): with W = I/(hγ) − J,
 *   W k_i = f(t + c_i h, y + Σ_j a_ij k_j) + Σ_j (C_ij / h) k_j + h d_i ∂f/∂t,
 * y₁ = y + k₁·(a_s) … (stiffly accurate: the last three stages are evaluated at t + h and
 * y₁ = U₆ + k₆ + k₇ + k₈, with k₈ the error estimate).
 * Values as published with the paper (and distributed in OrdinaryDiffEq.jl, MIT).
 */
export const RODAS5P = {
  name: "rodas5p",
  gamma: 0.21193756319429014,
  /** a[i][j] for stages 2..6 (row i−1 holds stage i); stages 7 and 8 add k6, k7 to stage 6's point. */
  a: [
    [],
    [3.0],
    [2.849394379747939, 0.45842242204463923],
    [-6.954028509809101, 2.489845061869568, -10.358996098473584],
    [2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641],
    [-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256, 0.030198172008377946],
  ],
  /** C[i][j] for stages 2..8. */
  C: [
    [],
    [-14.155112264123755],
    [-17.97296035885952, -2.859693295451294],
    [147.12150275711716, -1.41221402718213, 71.68940251302358],
    [165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306],
    [24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471],
    [30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623, -28.087943162872662],
    [37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002, -54.66780262877968, -9.48861652309627],
  ],
  /** Stage times c_i for stages 1..8 (stages 6..8 sit at t + h). */
  c: [0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716, 0.4288403609558664, 1, 1, 1],
  /** Time-derivative weights d_i for stages 1..5 (zero for 6..8). */
  d: [0.21193756319429014, -0.42387512638858027, -0.3384627126235924, 1.8046452872882734, 2.325825639765069],
  /** Dense output: three rows of weights over k1..k8. */
  h: [
    [25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204, 0.524948541321073, 1.1241088310450404, 0.4272876194431874, -0.17202221070155493],
    [-9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796, 20.176138334709044, 15.98066361424651, -6.789040303419874, -6.710236069923372],
    [11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643, -52.072871366152654, -59.78993625266729, -0.15582684282751913, 4.883087185713722],
  ],
  order: 5,
  errorOrder: 5,
} as const;

/** What the Rodas stepper (rodas.ts) reads from a method's table. */
export interface RosenbrockTable {
  readonly name: "rodas5p" | "rodas4p";
  readonly gamma: number;
  /** Point rows a[s] of stages 1.. (row s holds stage s+1); the last row is the stage at t + h. */
  readonly a: readonly (readonly number[])[];
  /** C[s] for every stage (row 0 empty). */
  readonly C: readonly (readonly number[])[];
  readonly c: readonly number[];
  /** Time-derivative weights of the stages before the one at t + h. */
  readonly d: readonly number[];
  /** Dense output: two or three rows of weights over the stages. */
  readonly h: readonly (readonly number[])[];
  readonly errorOrder: number;
}

/**
 * Rodas4P: 6-stage, order-4 stiffly accurate L-stable Rosenbrock method with an embedded
 * order-3 solution (error estimate k6) and a third-order dense output, built to avoid order
 * reduction on DAEs and method-of-lines problems. Steinebach G (1995) "Order-reduction of
 * ROW-methods for DAEs and method of lines applications", Preprint 1741, FB Mathematik, TH
 * Darmstadt; γ = 1/4. Same W-form and stage structure as Rodas5P above (stage 5 at t + h, stage
 * 6 adds k5 to its point, y₁ = U₆ + k₆); values as distributed with Hairer's RODAS code
 * (METH = 3) and OrdinaryDiffEq.jl.
 */
export const RODAS4P = {
  name: "rodas4p",
  gamma: 0.25,
  a: [
    [],
    [3],
    [1.831036793486759, 0.4955183967433795],
    [2.304376582692669, -0.05249275245743001, -1.176798761832782],
    [-7.170454962423024, -4.741636671481785, -16.31002631330971, -1.062004044111401],
  ],
  C: [
    [],
    [-12],
    [-8.791795173947035, -2.207865586973518],
    [10.81793056857153, 6.780270611428266, 19.5348594464241],
    [34.19095006749676, 15.49671153725963, 54.7476087596413, 14.16005392148534],
    [34.62605830930532, 15.30084976114473, 56.99955578662667, 18.40807009793095, -5.714285714285717],
  ],
  c: [0, 0.75, 0.21, 0.63, 1, 1],
  d: [0.25, -0.5, -0.023504, -0.0362],
  h: [
    [25.09876703708589, 11.62013104361867, 28.49148307714626, -5.664021568594133, 0, 0],
    [1.638054557396973, -0.7373619806678748, 8.47791821923899, 15.9925314877952, -1.882352941176471, 0],
  ],
  order: 4,
  /** Embedded order 3: the controller's exponent is 1/4, as in Hairer's RODAS. */
  errorOrder: 4,
} as const;
