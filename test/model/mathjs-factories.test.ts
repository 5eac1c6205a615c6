import { describe, it, expect } from "vitest";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { COMPILER_FACTORIES, COMPILER_FUNCTIONS } from "../../src/model/mathjs-factories.ts";
import { modelMath } from "../../src/model/units.ts";

const require = createRequire(import.meta.url);
const lib = join(dirname(require.resolve("mathjs/package.json")), "lib", "cjs");

interface Factory { (deps: object): unknown; fn: string; dependencies: string[]; meta?: { isTransformFunction?: boolean } }

describe("the compiler's mathjs instance is built from the factories it needs only", () => {
  it("COMPILER_FACTORIES is exactly the dependency closure of parse, unit and createUnit in the installed mathjs", () => {
    const all = require(join(lib, "factoriesAny.js")) as Record<string, Factory>;
    const byFunction = new Map<string, string>();
    for (const [name, f] of Object.entries(all)) {
      if (typeof f === "function" && f.fn && !f.meta?.isTransformFunction) byFunction.set(f.fn, name);
    }
    const needed = new Set<string>();
    const todo: string[] = [...COMPILER_FUNCTIONS];
    while (todo.length) {
      const fn = todo.pop()!;
      const name = byFunction.get(fn);
      if (!name || needed.has(name)) continue; // config, on, math: provided by create()
      needed.add(name);
      for (const d of all[name].dependencies) todo.push(d.replace(/^\?/, ""));
    }
    expect(new Set(COMPILER_FACTORIES.map(([, name]) => name))).toEqual(needed);
    for (const [file, name] of COMPILER_FACTORIES) {
      expect((require(join(lib, `${file}.js`)) as Record<string, unknown>)[name], `${file}.js`).toBe(all[name]);
    }
  });

  it("parses units exactly as the full mathjs bundle does", () => {
    const full = (require("mathjs") as typeof import("mathjs")).create((require("mathjs") as typeof import("mathjs")).all);
    full.createUnit("mM", "1 mmol/L");
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
