import { describe, it, expect } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileModelFile, toPython } from "../../src/model/index.ts";

const path = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

describe("Python export", () => {
  it.each([
    ["./fixtures/helpers.yaml", [0.7]],
    ["../../models/examples/limb.yaml", [120 * 133.322, 0.5]],
  ])("%s: the Python rhs gives the same derivatives as the compiled JavaScript", (rel, u) => {
    const m = compileModelFile(path(rel));
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-py-"));
    writeFileSync(join(dir, "model_rhs.py"), toPython(m));
    const p = m.parameterVector();
    const y0 = m.initialState(p);
    const points = [0.3, 1, 1.7].map((f) => Array.from(y0, (v, i) => (v || m.states[i].scale) * f * (1 + 0.1 * i)));
    const code = [
      "import json, sys",
      `sys.path.insert(0, ${JSON.stringify(dir)})`,
      "import model_rhs as m",
      `pts = json.loads(${JSON.stringify(JSON.stringify(points))})`,
      `u = ${JSON.stringify(u)}`,
      "print(json.dumps([list(map(float, m.rhs(0.0, y, m.P_DEFAULT, u))) for y in pts]))",
    ].join("\n");
    const py = JSON.parse(execFileSync("/usr/bin/python3", ["-c", code], { encoding: "utf8" })) as number[][];
    const dydt = new Float64Array(m.states.length);
    points.forEach((y, k) => {
      m.rhs(0, Float64Array.from(y), dydt, p, Float64Array.from(u));
      dydt.forEach((v, i) => expect(py[k][i]).toBeCloseTo(v, 12));
    });
  });
});
