import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileGridCache, type GridCacheKey } from "../../../src/trials/fit/grid-cache.ts";
import { evaluateTensorGrid } from "../../../src/trials/fit/tensor-surrogate.ts";
import type { FitProblem } from "../../../src/trials/fit/types.ts";

const key = (over: Partial<GridCacheKey> = {}): GridCacheKey => ({
  parameters: ["a"], nodes: [[0], [1], [2], [3]], fixed: {}, pointIds: ["p0", "p1"], context: { model: "abc" }, ...over,
});

function problem(failAfter: number): { problem: FitProblem; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    problem: {
      parameters: [{ name: "a", initial: 1, range: [0, 3] }],
      points: [{ id: "p0", studyId: "s", observed: 0, sd: null }, { id: "p1", studyId: "s", observed: 0, sd: null }],
      predict: (p) => {
        if (++calls > failAfter) throw new Error("killed");
        return [p.a, 2 * p.a];
      },
    },
  };
}

describe("grid runs kept on disk", () => {
  it("a grid killed part-way resumes from the runs it finished, and a different key starts afresh", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-grid-"));
    const first = problem(2);
    expect(() => evaluateTensorGrid(first.problem, [[0, 1, 2, 3]], {}, undefined, fileGridCache(dir, key()))).toThrow("killed");
    expect(readdirSync(dir).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    const again = problem(Infinity);
    const cache = fileGridCache(dir, key());
    expect(cache.reused).toBe(2);
    const table = evaluateTensorGrid(again.problem, [[0, 1, 2, 3]], {}, undefined, cache);
    expect(again.calls()).toBe(2); // only the two nodes the killed run had not finished
    expect(table).toEqual([[0, 0], [1, 2], [2, 4], [3, 6]]);
    expect(fileGridCache(dir, key()).reused).toBe(4);
    expect(fileGridCache(dir, key({ context: { model: "changed" } })).reused).toBe(0);
    expect(fileGridCache(dir, key({ pointIds: ["p0", "p2"] })).reused).toBe(0);
    expect(fileGridCache(dir, key({ fixed: { b: 1 } })).reused).toBe(0);
  });
});
