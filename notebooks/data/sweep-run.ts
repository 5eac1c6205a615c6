/**
 * Runs a small sweep through bfrsim's sweep runner (worker threads, streamed rows, manifest) into
 * a temporary directory and reads the rows back: the data loaders call the same API as
 * `bfrsim sweep`, so the pages show what a user's sweep would give.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normaliseSweepSpec, type SweepSpec } from "../../src/sweep/spec.ts";
import { runSweep } from "../../src/sweep/run.ts";
import { readSweepRows, type SweepRow } from "../../src/sweep/read.ts";
import { BfrsimError } from "../../src/errors.ts";

/** Runs `raw` (a sweep spec object) and returns its spec and rows in index order; any failed point is an error. */
export async function runSmallSweep(raw: Record<string, unknown>, workers: number): Promise<{ spec: SweepSpec; rows: SweepRow[] }> {
  const spec = normaliseSweepSpec(raw);
  const dir = mkdtempSync(join(tmpdir(), "bfrsim-notebook-"));
  try {
    const result = await runSweep(spec, { out: join(dir, "rows.csv"), workers });
    if (result.status !== "complete" || result.errorCount > 0) {
      const first = result.errors[0];
      throw new BfrsimError("E_NOTEBOOK_DATA", `sweep for the notebooks: ${result.errorCount} failed point(s)${first ? `, e.g. #${first.index}: ${first.message}` : ""}`);
    }
    return { spec, rows: [...readSweepRows(result.file)] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
