import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { BfrsimError, InputError } from "../../src/errors.ts";
import { mergeShards, normaliseSweepSpec, readManifest, runSweep } from "../../src/sweep/index.ts";

const EVALUATOR = fileURLToPath(new URL("./fixtures/ishigami-evaluator.ts", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/bfrsim.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bfrsim-sweep-"));
const file = (name: string) => join(dir, name);

// 4 x1 values (one of which, 99, makes the evaluator throw) x 2 x3 values x 6 Sobol samples of x2
const spec = normaliseSweepSpec({
  variables: { x1: [-1, 0.5, 99, 2], x3: "0:2:2" },
  sample: { method: "sobol", n: 6, variables: { x2: { min: -Math.PI, max: Math.PI } } },
  fixed: { a: 7 },
  seed: 3,
  evaluator: { module: EVALUATOR },
});

describe("runSweep", () => {
  afterAll(() => undefined);

  it("gives byte-identical output on 1 and 2 workers, with failed points recorded in their rows", async () => {
    const one = await runSweep(spec, { out: file("w1.csv"), workers: 1 });
    const two = await runSweep(spec, { out: file("w2.csv"), workers: 2, batchSize: 1 });
    expect(one.status).toBe("complete");
    expect(readFileSync(file("w1.csv"))).toEqual(readFileSync(file("w2.csv")));
    const lines = readFileSync(file("w1.csv"), "utf8").trim().split("\n");
    expect(lines[0]).toBe("index,x1,x3,x2,a,y,ySquared,error");
    expect(lines).toHaveLength(1 + 48);
    const failed = lines.filter((l) => l.split(",")[1] === "99");
    expect(failed).toHaveLength(12);
    // the message holds a comma, so it is quoted (RFC 4180) and stays one field
    for (const l of failed) expect(l).toMatch(/,,,"solver failed: step size underflow at x1 = 99, t = 1.5"$/);
    expect(two.errorCount).toBe(12);
    // the Ishigami value itself: y = sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1
    const row = lines[1 + 6 * 2 + 1].split(","); // x1 = 0.5, x3 = 0, sample 1
    const [x1, x3, x2] = [Number(row[1]), Number(row[2]), Number(row[3])];
    expect(Number(row[5])).toBeCloseTo(Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1), 12);
    const m = readManifest(file("w1.csv.manifest.json"));
    expect(m).toMatchObject({ status: "complete", total: 48, seed: 3, rows: 48, errorCount: 12, bfrsimVersion: expect.any(String) });
    expect(m.specHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("three shards merged equal the unsharded run byte for byte (stride and block slices)", async () => {
    await runSweep(spec, { out: file("full.csv"), workers: 2 });
    for (const mode of ["stride", "block"] as const) {
      const parts: string[] = [];
      for (let k = 0; k < 3; k++) {
        const out = file(`${mode}-${k}.csv`);
        await runSweep(spec, { out, workers: 1, shard: { index: k, count: 3, mode } });
        parts.push(out);
      }
      mergeShards([parts[2], parts[0], parts[1]], file(`merged-${mode}.csv`));
      expect(readFileSync(file(`merged-${mode}.csv`))).toEqual(readFileSync(file("full.csv")));
    }
  });

  it("merge names the missing indices and writes nothing when a shard is absent", () => {
    let err: unknown;
    try {
      mergeShards([file("stride-0.csv"), file("stride-2.csv")], file("gap.csv"));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BfrsimError);
    expect((err as Error).message).toMatch(/16 of 48 points missing \(indices 1, 4, 7, 10/);
    expect(existsSync(file("gap.csv"))).toBe(false);
  });

  it("refuses to overwrite an existing output without resume or force, and leaves it untouched", async () => {
    const before = readFileSync(file("w1.csv"));
    const mtime = statSync(file("w1.csv")).mtimeMs;
    await expect(runSweep(spec, { out: file("w1.csv"), workers: 1 })).rejects.toBeInstanceOf(InputError);
    expect(readFileSync(file("w1.csv"))).toEqual(before);
    expect(statSync(file("w1.csv")).mtimeMs).toBe(mtime);
    const again = await runSweep(spec, { out: file("w1.csv"), workers: 1, resume: true });
    expect(again).toMatchObject({ status: "complete", computed: 0, rows: 48 });
  });

  it("stops on abort keeping what was written, and a resume completes it identically", async () => {
    const controller = new AbortController();
    const slow = normaliseSweepSpec({ ...JSON.parse(JSON.stringify(spec)), evaluator: { module: EVALUATOR, config: { delayMs: 25 } } });
    const first = await runSweep(slow, {
      out: file("abort.csv"), workers: 1, batchSize: 2, signal: controller.signal,
      onProgress: (p) => { if (p.done >= 10) controller.abort(); },
    });
    expect(first.status).toBe("aborted");
    expect(first.rows).toBeLessThan(48);
    expect(existsSync(file("abort.csv.partial"))).toBe(true);
    const second = await runSweep(slow, { out: file("abort.csv"), workers: 2, resume: true });
    expect(second).toMatchObject({ status: "complete", rows: 48, resumed: first.rows, computed: 48 - first.rows });
    expect(readFileSync(file("abort.csv"))).toEqual(readFileSync(file("full.csv")));
  });

  it("writes JSON Lines in completion order with every index exactly once", async () => {
    await runSweep(spec, { out: file("c.jsonl"), format: "jsonl", order: "completion", workers: 2, batchSize: 3 });
    const rows = readFileSync(file("c.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.map((r) => r.index).sort((a, b) => a - b)).toEqual(Array.from({ length: 48 }, (_, i) => i));
    expect(rows.find((r) => r.index === 25)).toMatchObject({ x1: 99, y: null, error: expect.stringMatching(/underflow/) });
  });
});

describe("resume after the sweep process is killed", () => {
  it("SIGKILL mid-sweep, a torn last line, then --resume: identical to an uninterrupted run", async () => {
    const slow = { ...JSON.parse(JSON.stringify(spec)), evaluator: { module: EVALUATOR, config: { delayMs: 15 } } };
    writeFileSync(file("slow.json"), JSON.stringify(slow));
    const out = file("killed.csv");
    const child = spawn(process.execPath, [BIN, "sweep", file("slow.json"), "--out", out, "--workers", "1", "--batch", "1", "--quiet"],
      { stdio: "ignore" });
    const partial = `${out}.partial`;
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const rows = existsSync(partial) ? readFileSync(partial, "utf8").split("\n").length - 2 : 0;
        if (rows >= 8) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        } else if (Date.now() - started > 30_000) {
          clearInterval(poll);
          child.kill("SIGKILL");
          reject(new Error("sweep produced no rows in 30 s"));
        }
      }, 20);
    });
    await new Promise((r) => child.once("exit", r));
    expect(existsSync(out)).toBe(false);
    const written = readFileSync(partial, "utf8").split("\n").length - 2;
    expect(written).toBeLessThan(48);
    appendFileSync(partial, "47,2,2,1.23"); // a row torn mid-write by the kill
    const resumed = await runSweep(normaliseSweepSpec(slow), { out, workers: 2, resume: true });
    expect(resumed.resumed).toBe(written);
    expect(resumed.computed).toBe(48 - written);
    const reference = await runSweep(normaliseSweepSpec(slow), { out: file("uninterrupted.csv"), workers: 2 });
    expect(reference.status).toBe("complete");
    expect(readFileSync(out)).toEqual(readFileSync(file("uninterrupted.csv")));
  });
});
