// The project's promise about its model files, checked on every model it ships (not on fixtures):
// every parameter carries a unit and a source — a reference of its file with a citation, or
// "assumed: <why>" (the loader also requires thin evidence to come with a wide range).
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { compileModelFile } from "../../src/model/index.ts";

const models = fileURLToPath(new URL("../../models/", import.meta.url));
const shipped = [
  "bfr-ageing.yaml",
  ...readdirSync(join(models, "examples")).filter((f) => f.endsWith(".yaml")).map((f) => `examples/${f}`),
];

describe("shipped model files", () => {
  for (const file of shipped) {
    it(`${file}: every parameter has a unit, a resolvable source and a value inside its range`, () => {
      const model = compileModelFile(join(models, file));
      expect(model.parameters.length).toBeGreaterThan(0);
      for (const p of model.parameters) {
        const where = `${file}: ${p.name}`;
        expect(p.unit, where).not.toBe("");
        const cited = typeof p.citation === "string" && p.citation.trim().length > 0;
        const assumed = /^assumed:\s*\S/.test(p.source);
        expect(cited || assumed, `${where}: source ${JSON.stringify(p.source)}`).toBe(true);
        expect(p.value >= p.range[0] && p.value <= p.range[1], `${where}: ${p.value} in [${p.range}]`).toBe(true);
      }
    });
  }
});
