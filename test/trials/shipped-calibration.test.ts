// The default parameters are the documented fit, not hand-tuned: every value in the shipped
// calibration file (models/parameters/*.yaml, written by `bfrsim fit`) is what the model carries,
// to the three significant digits the module files state.
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { loadModel } from "../../src/simulate/default-model.ts";
import { readParameterValues } from "../../src/trials/parameter-selection.ts";

const dir = fileURLToPath(new URL("../../models/parameters/", import.meta.url));

describe("shipped calibration", () => {
  const model = loadModel();
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  it("exists", () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(`${file}: the model's defaults are its estimates`, () => {
      const fitted = readParameterValues(join(dir, file), model);
      expect(Object.keys(fitted).length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(fitted)) {
        const shipped = model.parameters[model.index.parameters[name]!]!.value;
        expect(shipped, name).toBe(Number(value.toPrecision(3)));
      }
    });
  }
});
