// The browser's model (build-time module + hydrateModel) must simulate exactly what the Node
// compiler's model does: same generated code, same parameter handling and unit conversions.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadModel } from "../../src/simulate/default-model.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { remakeProtocol } from "../../src/simulate/remake.ts";
import { simulate } from "../../src/simulate/simulate.ts";
import { modelModuleSource } from "../../notebooks/data/emit-model.ts";
import { hydrateModel, type ModelModule } from "../../notebooks/lib/browser-model.ts";

describe("the notebooks' browser model", () => {
  it("simulates a session bit-for-bit like the compiled model, with subject parameters and overrides applied", async () => {
    const model = loadModel();
    const browser = await browserModelOf(model);
    expect(browser.contentHash).toBe(model.contentHash);
    const protocol = remakeProtocol(loadProtocol("review-older-adult").protocol, { weeks: 1, sessionsPerWeek: 1, "cuff.pressure.pctAop": 70 }).protocol;
    const subject = loadSubject("older-man");
    const parameters = { "signalling.swellingWeight": 1.5 };
    const a = simulate(model, subject, protocol, { tEndS: 17 * 3600, parameters });
    const b = simulate(browser, subject, protocol, { tEndS: 17 * 3600, parameters });
    expect(b.status).toBe("success");
    expect(Array.from(b.time)).toEqual(Array.from(a.time));
    for (const [k, s] of a.outputs.entries()) expect(Array.from(b.outputs[k].values), s.name).toEqual(Array.from(s.values));
    for (const [k, s] of a.states.entries()) expect(Array.from(b.states[k].values), s.name).toEqual(Array.from(s.values));
    // The override mattered (so the comparison is not of two default runs).
    const c = simulate(model, subject, protocol, { tEndS: 17 * 3600 });
    const mtor = a.states.findIndex((s) => s.name === "signalling.mtorc1");
    expect(Array.from(c.states[mtor].values)).not.toEqual(Array.from(a.states[mtor].values));
  });

  it("names the field when an override is not a parameter of the model or not a finite number", async () => {
    const model = loadModel();
    const browser = await browserModelOf(model);
    expect(() => browser.parameterVector({ "no.such": 1 })).toThrow(/parameters\.no\.such/);
    expect(() => browser.parameterVector({ "signalling.swellingWeight": Number.NaN })).toThrow(/finite number/);
    expect(Array.from(browser.parameterVector())).toEqual(Array.from(model.parameterVector()));
  });

  it("checks initial-state overrides and suggests misspelt names exactly as the compiled model does", async () => {
    const model = loadModel();
    const browser = await browserModelOf(model);
    const p = browser.parameterVector();
    const misspelt = "signalling.swellingWieght";
    const message = (f: () => unknown) => { try { f(); } catch (e) { return (e as Error).message; } return "no error"; };
    expect(message(() => browser.parameterVector({ [misspelt]: 1 }))).toBe(message(() => model.parameterVector({ [misspelt]: 1 })));
    expect(message(() => browser.parameterVector({ [misspelt]: 1 }))).toMatch(/did you mean "signalling\.swellingWeight"/);
    const state = browser.states[0].name;
    expect(() => browser.initialState(p, { [state]: Number.NaN })).toThrow(new RegExp(`initial\\.${state.replace(/\./g, "\\.")}`));
    expect(() => browser.initialState(p.subarray(1))).toThrow(/parameter vector of length/);
    expect(Array.from(browser.initialState(p, { [state]: 2 }))).toEqual(Array.from(model.initialState(model.parameterVector(), { [state]: 2 })));
    expect(Array.from(browser.jacobianSparsity.rowPtr)).toEqual(Array.from(model.jacobianSparsity.rowPtr));
  });
});

/** The browser's model built from the module emit-model.ts writes for `model`. */
async function browserModelOf(model: ReturnType<typeof loadModel>) {
  const dir = mkdtempSync(join(tmpdir(), "bfrsim-model-"));
  const file = join(dir, "model.mjs");
  writeFileSync(file, modelModuleSource(model));
  return hydrateModel((await import(pathToFileURL(file).href)) as ModelModule);
}
