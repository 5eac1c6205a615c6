import { describe, it, expect } from "vitest";
import * as bfrsim from "../src/index.ts";

describe("the package entry point (src/index.ts)", () => {
  it("exports what the README's library example uses, and it runs", () => {
    const { loadModel, loadSubject, loadProtocol, simulate, summarizeProgramme } = bfrsim;
    const result = simulate(loadModel(), loadSubject("older-woman"), loadProtocol("review-older-adult").protocol, {
      tEndS: 2 * 7 * 86400,
    });
    expect(result.status).toBe("success");
    const csa = summarizeProgramme(result).find((t) => t.name === "adaptation.csaChangePct");
    expect(csa).toBeDefined();
    // two weeks of training: the CSA trajectory starts at 0 % and has grown (spec behaviour 1)
    expect(csa!.weekly[0]).toBeCloseTo(0, 6);
    expect(csa!.final).toBeGreaterThan(0);
  });

  it("exports each pipeline stage's entry points", () => {
    for (const name of ["solve", "compileModelFile", "compileSchedule", "runSweep", "compareWithModel", "writeFigure"]) {
      expect(typeof (bfrsim as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
