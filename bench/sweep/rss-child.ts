/**
 * Runs one sweep of `argv[2]` points with the nearly free toy evaluator on 2 workers and prints
 * JSON { points, seconds, maxRssMB } — in its own process so peak RSS belongs to this sweep alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { normaliseSweepSpec, runSweep } from "../../src/sweep/index.ts";

const points = Number(process.argv[2]);
const dir = mkdtempSync(join(tmpdir(), "bfrsim-rss-"));
const spec = normaliseSweepSpec({
  variables: { sessionsPerWeek: [2, 3] },
  sample: { method: "sobol", n: points / 2, variables: { pressurePctAop: { min: 40, max: 80 }, loadPct1rm: { min: 20, max: 30 } } },
  evaluator: { module: fileURLToPath(new URL("./toy-evaluator.ts", import.meta.url)), config: { steps: 0 } },
});
const t0 = performance.now();
const r = await runSweep(spec, { out: join(dir, "rss.csv"), workers: 2 });
const seconds = (performance.now() - t0) / 1000;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ points: r.rows, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + "\n");
