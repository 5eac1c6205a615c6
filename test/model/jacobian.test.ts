import { describe, it, expect } from "vitest";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { compileModelFile, modelProblem, stateTolerances, type CompiledModel } from "../../src/model/index.ts";
import { remake, solve } from "../../src/ode/index.ts";
import { parseExpr } from "../../src/model/expr.ts";
import { differentiate, expandHelpers } from "../../src/model/derivative.ts";
import { jsExpr } from "../../src/model/codegen.ts";

const path = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
// the CommonJS build, as the compiler loads it (units.ts): one mathjs in the process, not two
const { derivative } = createRequire(import.meta.url)("mathjs") as typeof import("mathjs");

/** Deterministic uniform numbers in [0, 1) (LCG, Numerical Recipes constants). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Central finite-difference Jacobian of the model's rhs. */
function fdJacobian(m: CompiledModel, y: Float64Array, p: Float64Array, u: Float64Array): Float64Array {
  const n = y.length;
  const J = new Float64Array(n * n);
  const fp = new Float64Array(n), fm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const h = 1e-6 * Math.max(Math.abs(y[j]), 1e-3 * m.states[j].scale);
    const yp = y.slice(), ym = y.slice();
    yp[j] += h; ym[j] -= h;
    m.rhs(0, yp, fp, p, u); m.rhs(0, ym, fm, p, u);
    for (let i = 0; i < n; i++) J[i * n + j] = (fp[i] - fm[i]) / (2 * h);
  }
  return J;
}

function compareAtRandomPoints(m: CompiledModel, u: Float64Array, points: number, seed: number): void {
  const rand = lcg(seed);
  const n = m.states.length;
  const p = m.parameterVector();
  const base = m.initialState(p);
  const nonzero = new Set<number>();
  for (let k = 0; k < m.jacobianSparsity.rows.length; k++) nonzero.add(m.jacobianSparsity.rows[k] * n + m.jacobianSparsity.cols[k]);
  const J = new Float64Array(n * n).fill(NaN); // must overwrite every entry
  for (let trial = 0; trial < points; trial++) {
    const y = Float64Array.from(base, (v, i) => (0.05 + 2 * rand()) * (v !== 0 ? v : m.states[i].scale));
    m.jacobian(0, y, J, p, u);
    const fd = fdJacobian(m, y, p, u);
    const norm = Math.max(...fd.map(Math.abs));
    for (let e = 0; e < n * n; e++) {
      expect(Math.abs(J[e] - fd[e])).toBeLessThanOrEqual(1e-6 * norm + 1e-9 * Math.abs(fd[e]));
      if (!nonzero.has(e)) expect(J[e]).toBe(0);
    }
  }
}

describe("symbolic Jacobian", () => {
  it("matches finite differences on a model using every helper and branch", () => {
    const m = compileModelFile(path("./fixtures/helpers.yaml"));
    compareAtRandomPoints(m, Float64Array.of(0.7), 25, 7);
  });

  it("matches finite differences on a composed model (imports, connect, merged inputs)", () => {
    const m = compileModelFile(path("../../models/examples/limb.yaml"));
    const u = new Float64Array(m.inputs.length);
    m.inputsToInternal(Float64Array.from(m.inputs, (i) => (i.name === "cuffPressure" ? 120 : 0.6)), u);
    compareAtRandomPoints(m, u, 10, 11);
  });

  it("has the sparsity of the coupling: the two-compartment system is full, decay is 1×1", () => {
    const two = compileModelFile(path("../../models/examples/two-compartment.yaml"));
    expect(Array.from(two.jacobianSparsity.rows)).toEqual([0, 0, 1, 1]);
    expect(Array.from(two.jacobianSparsity.cols)).toEqual([0, 1, 0, 1]);
    compareAtRandomPoints(two, new Float64Array(0), 3, 3);
  });

  it("elementary derivatives agree with mathjs derivative", () => {
    const cases = ["x^3 * exp(-x / k) / (k + x)", "tanh(x * y) + log(x) * sqrt(y)", "x ^ y - log10(x * k)", "(x - y) / (x + y)^2"];
    const rand = lcg(5);
    for (const text of cases) {
      const { expr } = parseExpr(text, () => true);
      const ours = new Function("x", "y", "k", `return ${jsExpr(differentiate(expandHelpers(expr!), "x"), (s) => s)};`);
      const theirs = derivative(text, "x");
      for (let i = 0; i < 5; i++) {
        const scope = { x: 0.2 + 2 * rand(), y: 0.2 + 2 * rand(), k: 0.5 + rand() };
        const want = theirs.evaluate(scope) as number;
        expect(ours(scope.x, scope.y, scope.k)).toBeCloseTo(want, 10);
      }
    }
  });

  it("matches finite differences on the full BFR model, entry by entry relative to its row, with a complete sparsity pattern", () => {
    const m = compileModelFile(path("../../models/bfr-ageing.yaml"));
    const n = m.states.length;
    const { rows, cols, rowPtr } = m.jacobianSparsity;
    const inPattern = new Set<number>();
    for (let k = 0; k < rows.length; k++) inPattern.add(rows[k] * n + cols[k]);
    const rand = lcg(2024);
    const p = m.parameterVector();
    const base = m.initialState(p);
    const u = new Float64Array(m.inputs.length);
    const J = new Float64Array(n * n), fp = new Float64Array(n), fm = new Float64Array(n);
    const bad: string[] = [];
    const name = (i: number) => m.states[i].name;
    for (let trial = 0; trial < 12; trial++) {
      m.inputsToInternal(m.inputs.map((i) => (i.unit === "mmHg" ? 250 : 1) * rand()), u);
      const y = Float64Array.from(base, (v, i) => (0.5 + rand()) * (v !== 0 ? v : m.states[i].scale));
      m.jacobian(0, y, J, p, u);
      for (let j = 0; j < n; j++) {
        const yScale = Math.max(Math.abs(y[j]), 1e-3 * m.states[j].scale);
        const h = 1e-6 * yScale;
        const yp = y.slice(), ym = y.slice();
        yp[j] += h; ym[j] -= h;
        m.rhs(0, yp, fp, p, u); m.rhs(0, ym, fm, p, u);
        for (let i = 0; i < n; i++) {
          const fd = (fp[i] - fm[i]) / (2 * h);
          const at = `trial ${trial}: d ${name(i)} / d ${name(j)}: J ${J[i * n + j]}, finite difference ${fd}`;
          if (!inPattern.has(i * n + j)) {
            if (fd !== 0 || J[i * n + j] !== 0) bad.push(`${at} (outside the sparsity pattern)`); // the pattern misses no dependency
            continue;
          }
          // |∂f_i/∂y_j error| · y_j small next to |f_i|: scale-free across the model's SI units
          if (Math.abs(J[i * n + j] - fd) * yScale > 1e-5 * (Math.abs(fp[i]) + Math.abs(fm[i])) + 1e-300) bad.push(at);
        }
      }
    }
    expect(bad).toEqual([]);
    // CSR view agrees with the coordinate lists
    expect(rowPtr.length).toBe(n + 1);
    for (let i = 0; i < n; i++) for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) expect(rows[k]).toBe(i);
    expect(rowPtr[n]).toBe(rows.length);
  });

  it("modelProblem hands the stiff solver the sparsity pattern, and the sparse solve matches the dense one", () => {
    const m = compileModelFile(path("../../models/bfr-ageing.yaml"));
    const duty = m.index.inputs.contractionDuty, cuff = m.index.inputs.cuffPressure;
    const inputs = (t: number, u: Float64Array) => { u.fill(0); u[cuff] = 180; u[duty] = t < 60 ? 0.5 : 0; };
    const sparse = modelProblem(m, { tspan: [0, 120], inputs, tstops: [60] });
    expect(sparse.jacobianSparsity).toBe(m.jacobianSparsity);
    const dense = remake(sparse, { jacobianSparsity: undefined });
    const opts = { method: "rodas5p" as const, rtol: 1e-6, atol: stateTolerances(m, 1e-9), saveat: [120] };
    const a = solve(sparse, opts), b = solve(dense, opts);
    expect(a.status).toBe("success");
    const moved = a.y[0].filter((v, i) => Math.abs(v - sparse.y0[i]) > 1e-3 * Math.abs(sparse.y0[i])).length;
    expect(moved).toBeGreaterThan(3);
    a.y[0].forEach((v, i) => expect(Math.abs(v - b.y[0][i])).toBeLessThanOrEqual(1e-7 * Math.abs(b.y[0][i]) + 1e-3 * opts.atol[i]));
  });
});

