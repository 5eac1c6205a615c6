import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { compileModelFile, modelProblem } from "../../src/model/index.ts";
import type { CompiledModel } from "../../src/model/types.ts";

const file = (rel: string) => fileURLToPath(new URL(`../../${rel}`, import.meta.url));
const SHIPPED = [
  "models/bfr-ageing.yaml",
  "models/examples/decay.yaml",
  "models/examples/limb.yaml",
  "models/examples/michaelis-menten.yaml",
  "models/examples/two-compartment.yaml",
  "bench/model/chain40.yaml",
];

/** Indices where two vectors differ in any bit of their value (NaN equals NaN; 0 and −0 differ). */
function differences(a: Float64Array, b: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

/** A random evaluation point: perturbed parameters, states and inputs, with zeros and negatives to reach every branch. */
function point(m: CompiledModel) {
  const factor = fc.oneof(
    { weight: 8, arbitrary: fc.double({ min: 0.25, max: 4, noNaN: true }) },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.double({ min: -2, max: -0.1, noNaN: true }) },
  );
  const n = m.states.length;
  return fc.record({
    pf: fc.array(factor, { minLength: m.parameters.length, maxLength: m.parameters.length }),
    yf: fc.array(factor, { minLength: n, maxLength: n }),
    y1: fc.array(fc.double({ min: -1, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
    u: fc.array(fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 300, noNaN: true })), {
      minLength: m.inputs.length, maxLength: m.inputs.length,
    }),
    t: fc.double({ min: 0, max: 1e6, noNaN: true }),
  }).map(({ pf, yf, y1, u, t }) => {
    const p = m.parameterVector();
    pf.forEach((f, k) => { p[k] *= f; });
    const y0 = m.initialState(m.parameterVector());
    // states: the default initial value scaled, or (where that is 0) an O(1) value in the state's unit
    const y = Float64Array.from(y0, (v, i) => (v !== 0 ? v * yf[i] : y1[i] * m.states[i].scale));
    return { p, y, u: m.inputsToInternal(u, new Float64Array(u.length)), t };
  });
}

describe("parameter-invariant code motion (model.derived)", () => {
  for (const rel of SHIPPED) {
    it(`${rel}: rhs, Jacobian and outputs reading derived constants equal the plain ones bit for bit`, () => {
      const m = compileModelFile(file(rel), { cache: false });
      const n = m.states.length;
      const plain = { dydt: new Float64Array(n), J: new Float64Array(n * n), out: new Float64Array(m.observables.length) };
      const moved = { dydt: new Float64Array(n), J: new Float64Array(n * n), out: new Float64Array(m.observables.length) };
      fc.assert(fc.property(point(m), ({ p, y, u, t }) => {
        const c = new Float64Array(m.derived.size);
        m.derived.compute(p, c);
        m.rhs(t, y, plain.dydt, p, u);
        m.derived.rhs(t, y, moved.dydt, p, u, c);
        m.jacobian(t, y, plain.J, p, u);
        m.derived.jacobian(t, y, moved.J, p, u, c);
        m.outputs(t, y, p, u, plain.out);
        m.derived.outputs(t, y, p, u, moved.out, c);
        expect(differences(plain.dydt, moved.dydt)).toEqual([]);
        expect(differences(plain.J, moved.J)).toEqual([]);
        expect(differences(plain.out, moved.out)).toEqual([]);
        const bound = m.bindParameters(p);
        moved.J.fill(0);
        bound.rhs(t, y, moved.dydt, u);
        bound.jacobian(t, y, moved.J, u);
        bound.outputs(t, y, u, moved.out);
        expect(differences(plain.dydt, moved.dydt)).toEqual([]);
        expect(differences(plain.J, moved.J)).toEqual([]);
        expect(differences(plain.out, moved.out)).toEqual([]);
      }), { seed: 20261123, numRuns: rel.includes("bfr-ageing") ? 150 : 60 });
    });
  }

  it("bfr-ageing: parameter-only work (ln 2 / half-life, 10^-restingPH, resting ADP activation) leaves the rhs", () => {
    const m = compileModelFile(file("models/bfr-ageing.yaml"), { cache: false });
    expect(m.generated.rhs).toContain("Math.log(2)");
    const tenToMinusRestingPH = "Math.exp((-P_energetics$restingPH) * 2.302585092994046)"; // 10^-restingPH
    expect(m.generated.rhs).toContain(tenToMinusRestingPH);
    expect(m.generated.rhsDerived).not.toContain("Math.log(2)");
    expect(m.generated.rhsDerived).not.toContain(tenToMinusRestingPH);
    expect(m.generated.rhsDerived).not.toMatch(/const A_energetics\$restingAdpActivation =/);
    expect(m.generated.jacobianDerived).not.toContain("Math.log(2)");
    expect(m.derived.size).toBeGreaterThan(20);
  });

  it("bindParameters and modelProblem copy p: changing the caller's vector afterwards changes nothing", () => {
    const m = compileModelFile(file("models/examples/decay.yaml"), { cache: false });
    const p = m.parameterVector();
    const y = m.initialState(p);
    const before = new Float64Array(1), after = new Float64Array(1), fromProblem = new Float64Array(1);
    const bound = m.bindParameters(p);
    const problem = modelProblem(m, { p, tspan: [0, 1] });
    bound.rhs(0, y, before, new Float64Array(0));
    p.fill(2 * p[0]);
    bound.rhs(0, y, after, new Float64Array(0));
    problem.rhs(0, y, fromProblem);
    expect(after[0]).toBe(before[0]);
    expect(fromProblem[0]).toBe(before[0]);
    expect(before[0]).toBeLessThan(0); // decay
  });

  it("bindParameters rejects a parameter vector of the wrong length, naming p", () => {
    const m = compileModelFile(file("models/examples/decay.yaml"), { cache: false });
    expect(() => m.bindParameters(new Float64Array(m.parameters.length + 1))).toThrow(/p.*length/);
  });
});
