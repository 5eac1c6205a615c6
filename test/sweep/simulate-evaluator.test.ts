import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseSweepSpec, parseCsvLine, runSweep } from "../../src/sweep/index.ts";

describe("sweeping the BFR model (the default evaluator)", () => {
  it("cuff pressure 40 vs 80 %AOP: discomfort rises steeply while CSA gain changes little (model spec behaviour 10)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-sweep-sim-"));
    const spec = normaliseSweepSpec({ variables: { "protocol.cuff.pressure.pctAop": [40, 80] } });
    const r = await runSweep(spec, { out: join(dir, "p.csv"), workers: 2, batchSize: 1 });
    expect(r).toMatchObject({ status: "complete", rows: 2, errorCount: 0 });
    const [header, ...rows] = readFileSync(join(dir, "p.csv"), "utf8").trim().split("\n").map(parseCsvLine);
    const col = (name: string) => {
      const k = header.indexOf(name);
      expect(k, `column ${name}`).toBeGreaterThan(0);
      return rows.map((row) => Number(row[k]));
    };
    const discomfort = col("sessionMean.safety.discomfort.peak");
    const csa = col("programme.adaptation.csaChangePct.final");
    expect(discomfort[1]).toBeGreaterThan(1.5 * discomfort[0]);
    expect(csa.every(Number.isFinite)).toBe(true);
    expect(Math.abs(csa[1] - csa[0])).toBeLessThan(0.25 * Math.abs(csa[0]));
  }, 180_000); // two 12-week programmes: seconds alone, minutes when the shared machine is saturated
});

describe("whole protocols as arms", () => {
  it("a point's protocol variable picks the preset (loaded once), and a bad one is refused by the preflight", async () => {
    const { checkPoint, protocolCache } = await import("../../src/sweep/simulate-evaluator.ts");
    const baseFor = protocolCache(undefined);
    const high = baseFor({ protocol: "high-load" });
    expect(high.protocol.name).toBe("high-load");
    expect(baseFor({ protocol: "high-load", x: 1 })).toBe(high);
    expect(baseFor({}).protocol.name).toBe("review-older-adult");
    expect(() => checkPoint({ protocol: "high-load", "protocol.weeks": 1 }, null)).not.toThrow();
    expect(() => checkPoint({ protocol: "low-lod" }, null)).toThrow(/protocol = "low-lod"/);
  });
});

describe("outcome names known before running", () => {
  it("every outcome a simulation returns is among possibleOutcomeNames (so a misspelt --report is caught up front)", async () => {
    const { createEvaluator, possibleOutcomeNames } = await import("../../src/sweep/simulate-evaluator.ts");
    const { loadModel } = await import("../../src/simulate/default-model.ts");
    const possible = new Set(possibleOutcomeNames(loadModel()));
    const row = await createEvaluator(null).evaluate({ "protocol.weeks": 1 });
    expect(Object.keys(row).length).toBeGreaterThan(20);
    for (const name of Object.keys(row)) expect(possible.has(name), name).toBe(true);
    expect(possible.has("sessionMean.exerkines.il6.iaucHours")).toBe(true);
  });
});

describe("the evaluator simulates only the series its outcomes read", () => {
  it("its row is identical, bit for bit and name for name, to the outcomes of a full simulate()", async () => {
    const { createEvaluator, simulationOutcomes, outcomeSeries } = await import("../../src/sweep/simulate-evaluator.ts");
    const { loadModel } = await import("../../src/simulate/default-model.ts");
    const { loadProtocol } = await import("../../src/simulate/protocol-load.ts");
    const { loadSubject } = await import("../../src/simulate/subject-load.ts");
    const { applyOverrides } = await import("../../src/simulate/overrides.ts");
    const { simulate } = await import("../../src/simulate/simulate.ts");
    const model = loadModel();
    const series = outcomeSeries(model);
    expect(series).toEqual(expect.arrayContaining(["exerkines.il6", "exerkines.gh", "exerkines.il10", "adaptation.csaChangePct"]));
    expect(series.length).toBeLessThan((model.states.length + model.observables.length) / 2);
    const evaluator = createEvaluator(null);
    const points: Array<Record<string, string | number>> = [
      { "protocol.weeks": 2, "protocol.cuff.pressure.pctAop": 80, "protocol.intensity.loadPct1Rm": 30 },
      { protocol: "high-load", "protocol.weeks": 2, "protocol.sessionsPerWeek": 2 },
    ];
    for (const point of points) {
      const row = await evaluator.evaluate(point);
      const base = loadProtocol(point.protocol as string | undefined);
      const sets = Object.entries(point).filter(([k]) => k !== "protocol");
      const run = applyOverrides({ protocol: base.protocol, subject: loadSubject(), warnings: base.warnings }, sets);
      const expected = simulationOutcomes(simulate(model, run.subject, run.protocol, { parameters: run.parameters }));
      expect(Object.keys(row)).toEqual(Object.keys(expected));
      for (const [name, v] of Object.entries(expected)) expect(Object.is(row[name], v), `${name}: ${row[name]} vs ${v}`).toBe(true);
    }
  }, 60_000);
});
