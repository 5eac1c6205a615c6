import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { compileModelFile } from "../../src/model/index.ts";
import { missingOutputs } from "../../src/trials/outcome-map.ts";

describe("the outcome table against models/bfr-ageing.yaml", () => {
  it("names only outputs or states the model has (VO2peak is not modelled yet)", () => {
    const model = compileModelFile(fileURLToPath(new URL("../../models/bfr-ageing.yaml", import.meta.url)));
    const names = [...model.observables.map((o) => o.name), ...model.states.map((s) => s.name)];
    expect(missingOutputs(names).filter((n) => n !== "vo2peak")).toEqual([]);
  });
});
