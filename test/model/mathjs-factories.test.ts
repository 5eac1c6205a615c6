import { describe, it, expect } from "vitest";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { COMPILER_FACTORIES, COMPILER_FUNCTIONS, DEFERRED_FACTORIES, DEFERRED_FUNCTIONS } from "../../src/model/mathjs-factories.ts";
import { modelMath } from "../../src/model/units.ts";

const require = createRequire(import.meta.url);
const lib = join(dirname(require.resolve("mathjs/package.json")), "lib", "cjs");

let bundle: ReturnType<typeof import("mathjs").create> | undefined;
/** mathjs with every function (the reference), with the format's mM unit. */
function fullBundle() {
  if (!bundle) {
    const mathjs = require("mathjs") as typeof import("mathjs");
    bundle = mathjs.create(mathjs.all);
    bundle.createUnit("mM", "1 mmol/L");
  }
  return bundle;
}

interface Factory { (deps: object): unknown; fn: string; dependencies: string[]; meta?: { isTransformFunction?: boolean } }

describe("the compiler's mathjs instance is built from the factories it needs only", () => {
  it("COMPILER_FACTORIES and DEFERRED_FACTORIES are exactly the dependency closures in the installed mathjs", () => {
    const all = require(join(lib, "factoriesAny.js")) as Record<string, Factory>;
    const byFunction = new Map<string, string>();
    for (const [name, f] of Object.entries(all)) {
      if (typeof f === "function" && f.fn && !f.meta?.isTransformFunction) byFunction.set(f.fn, name);
    }
    /** Factory export names needed by `roots`, not following dependencies through `stop`. */
    const closure = (roots: readonly string[], stop: ReadonlySet<string>) => {
      const needed = new Set<string>();
      const todo = [...roots];
      while (todo.length) {
        const fn = todo.pop()!;
        const name = byFunction.get(fn);
        if (!name || needed.has(name)) continue; // config, on, math: provided by create()
        needed.add(name);
        if (!stop.has(fn)) for (const d of all[name].dependencies) todo.push(d.replace(/^\?/, ""));
      }
      return needed;
    };
    const deferred = new Set<string>(DEFERRED_FUNCTIONS);
    const eager = closure(COMPILER_FUNCTIONS, deferred);
    for (const fn of DEFERRED_FUNCTIONS) eager.delete(byFunction.get(fn)!);
    const rest = [...closure(DEFERRED_FUNCTIONS, new Set())].filter((name) => !eager.has(name));
    expect(new Set(COMPILER_FACTORIES.map(([, name]) => name))).toEqual(eager);
    expect(new Set(DEFERRED_FACTORIES.map(([, name]) => name))).toEqual(new Set(rest));
    for (const [file, name] of [...COMPILER_FACTORIES, ...DEFERRED_FACTORIES]) {
      expect((require(join(lib, `${file}.js`)) as Record<string, unknown>)[name], `${file}.js`).toBe(all[name]);
    }
  });

  it("the stand-ins for pow, fix and round give what mathjs's own functions give", () => {
    const math = modelMath() as unknown as Record<"pow" | "fix" | "round", (...a: unknown[]) => unknown>;
    const full = fullBundle() as unknown as Record<"pow" | "fix" | "round", (...a: unknown[]) => unknown>;
    expect((math.pow as { signatures?: unknown }).signatures, "the compiler's instance uses the stand-in, not a typed pow").toBeUndefined();
    const same = (a: unknown, b: unknown) => Object.is(a, b) || String(a) === String(b);
    const num = fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 }), fc.constantFrom(0, -0, 0.5, -0.5, 1, -1, Infinity, -Infinity, NaN));
    fc.assert(fc.property(num, num, (x, y) => same(math.pow(x, y), full.pow(x, y))), { numRuns: 2000 });
    fc.assert(fc.property(num, (x) => same(math.fix(x), full.fix(x)) && same(math.round(x), full.round(x))), { numRuns: 200 });
    expect(same(math.pow(-8, 1 / 3), full.pow(-8, 1 / 3))).toBe(true); // complex result from mathjs's own pow
  });

  it("parses units exactly as the full mathjs bundle does", () => {
    const full = fullBundle();
    const math = modelMath();
    for (const text of ["mmHg", "kPa", "mM/min", "mmol/L", "1/s", "cm^2", "kg m^-1 s^-2", "mg/dL", "W/kg", "h", "year", "ng/mL", "umol/L"]) {
      const a = math.unit(1, text) as unknown as { value: number; dimensions: number[] };
      const b = full.unit(1, text) as unknown as { value: number; dimensions: number[] };
      expect([a.value, a.dimensions], text).toEqual([b.value, b.dimensions]);
    }
    const node = math.parse("a > 0 ? hill(x, k, n) * 37 mmHg : max(b, 2)^2");
    expect(node.toString()).toBe(full.parse("a > 0 ? hill(x, k, n) * 37 mmHg : max(b, 2)^2").toString());
  });
});
