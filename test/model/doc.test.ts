import { describe, it, expect } from "vitest";
import { fileURLToPath } from "node:url";
import { compileModelFile, showModel, modelMarkdown } from "../../src/model/index.ts";

const example = (f: string) => fileURLToPath(new URL(`../../models/examples/${f}`, import.meta.url));

describe("generated model documentation", () => {
  it("show tables every parameter with value, unit, range, evidence and source", () => {
    const text = showModel(compileModelFile(example("decay.yaml")));
    expect(text).toMatch(/halfLife\s+30\s+min\s+\[10, 120\]\s+speculative\s+assumed:/);
    expect(text).toMatch(/concentration\s+ng\/mL\s+c0/);
  });

  it("doc renders each rate and assignment from its expression tree, and the parameter table", () => {
    const md = modelMarkdown(compileModelFile(example("michaelis-menten.yaml")));
    expect(md).toContain("$$\\frac{d\\,\\mathrm{substrate}}{dt} = \\frac{-\\mathrm{vmax}\\cdot\\mathrm{substrate}}{\\mathrm{km}+\\mathrm{substrate}}$$");
    expect(md).toMatch(/\| `km` \| 0\.5 \| mM \| \[0\.1, 2\] \| speculative \|/);
    const limb = modelMarkdown(compileModelFile(example("limb.yaml")));
    expect(limb).toContain("\\mathrm{hillInh}\\left(\\mathrm{cuff.pressureFraction},0.6,\\mathrm{cuff.occlusionSteepness}\\right)");
  });
});
