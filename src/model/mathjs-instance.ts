/**
 * The compiler's mathjs instance: the expression parser and units only (conventions: no whole
 * bundle), built from the factory files listed in mathjs-factories.ts. `pow`, `fix` and `round`,
 * which the Unit class depends on, are stand-ins that build mathjs's own functions on their first
 * real use: `pow` answers the case unit parsing needs (numbers, a non-negative base or an integer
 * exponent: exactly Math.pow in mathjs too) itself and hands every other case to mathjs's `pow`.
 * Should mathjs's file layout ever change, the package's dependency sets give the same instance,
 * only slower to load (the compile cache is keyed on the mathjs version, so results never mix).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { MathJsInstance } from "mathjs";
import { COMPILER_FACTORIES, DEFERRED_FACTORIES } from "./mathjs-factories.ts";

type MathjsModule = typeof import("mathjs");
type Factories = Record<string, unknown>;
type AnyFunction = (...args: unknown[]) => unknown;
/** mathjs's `factory(name, dependencies, create)` (utils/factory.js). */
type FactoryHelper = <D>(name: string, dependencies: string[], create: (deps: D) => AnyFunction) => unknown;

/**
 * A new mathjs instance with parse, unit and createUnit, passed through `setUp` (which defines the
 * format's units and so also shows any factory missing from the lists: then the bundle's
 * dependency sets are used).
 */
export function createCompilerMath(setUp: (math: MathJsInstance) => void): MathJsInstance {
  const require = createRequire(import.meta.url);
  try {
    const lib = join(dirname(require.resolve("mathjs/package.json")), "lib", "cjs");
    const load = (list: ReadonlyArray<readonly [string, string]>): Factories => {
      const out: Factories = {};
      for (const [file, name] of list) {
        const f = (require(join(lib, `${file}.js`)) as Factories)[name];
        if (typeof f !== "function") throw new Error(`mathjs ${file}.js exports no ${name}`);
        out[name] = f;
      }
      return out;
    };
    const eager = load(COMPILER_FACTORIES);
    const { create } = require(join(lib, "core", "create.js")) as Pick<MathjsModule, "create">;
    const { factory } = require(join(lib, "utils", "factory.js")) as { factory: FactoryHelper };
    let complete: MathJsInstance | undefined;
    const real = (name: "pow" | "fix" | "round"): AnyFunction => {
      complete ??= create({ ...eager, ...load(DEFERRED_FACTORIES) } as never);
      return complete[name] as unknown as AnyFunction;
    };
    const math = create({ ...eager, ...standIns(factory, real) } as never);
    setUp(math);
    return math;
  } catch {
    const { create, parseDependencies, unitDependencies, createUnitDependencies } = require("mathjs") as MathjsModule;
    const math = create({ parseDependencies, unitDependencies, createUnitDependencies });
    setUp(math);
    return math;
  }
}

function standIns(factory: FactoryHelper, real: (name: "pow" | "fix" | "round") => AnyFunction): Factories {
  const deferred = (name: "fix" | "round") => factory(name, [], () => {
    let fn: AnyFunction | undefined;
    return (...args: unknown[]) => (fn ??= real(name))(...args);
  });
  const createPow = factory("pow", ["config"], ({ config }: { config: { predictable: boolean } }) => {
    let fn: AnyFunction | undefined;
    return (x: unknown, y: unknown) => {
      // mathjs: pow(number x, number y) is Math.pow(x, y) when y is finite and an integer or x >= 0
      // (outside predictable mode, which has its own rules for negative bases)
      if (typeof x === "number" && typeof y === "number" && !config.predictable && Number.isFinite(y) && (x >= 0 || Number.isInteger(y))) {
        return Math.pow(x, y);
      }
      return (fn ??= real("pow"))(x, y);
    };
  });
  return { createPow, createFix: deferred("fix"), createRound: deferred("round") };
}
