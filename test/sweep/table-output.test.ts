import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tableFromIPC, type Table } from "apache-arrow";
import { readParquet } from "parquet-wasm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BfrsimError, InputError } from "../../src/errors.ts";
import {
  mergeSweepOutputs, normaliseSweepSpec, parseCsvLine, readManifest, readSweepColumn, readSweepRows, readTableRows, runSweep, writeSweepTable,
} from "../../src/sweep/index.ts";

const EVALUATOR = fileURLToPath(new URL("./fixtures/dose-table-evaluator.ts", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/bfrsim.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bfrsim-table-"));
const file = (name: string) => join(dir, name);

// 4 doses (13 fails; 0 gives a NaN outcome) x 2 arms (one with a comma and quotes) x 5 LHS samples of ec50
const spec = normaliseSweepSpec({
  variables: { dose: [0, 20, 13, 60], arm: ["low load", 'high, "heavy" load'] },
  sample: { method: "lhs", n: 5, variables: { ec50: { min: 20, max: 60 } } },
  seed: 4,
  evaluator: { module: EVALUATOR },
});
const COLUMNS = ["index", "dose", "arm", "ec50", "response", "perDose", "error"];
const TYPES = ["Int32", "Float64", "Utf8", "Float64", "Float64", "Float64", "Utf8"];

type Cell = number | string | null;

/** The CSV output as typed rows: "" and non-finite numbers are null; arm and error stay strings. */
function csvRows(path: string): Cell[][] {
  const [header, ...lines] = readFileSync(path, "utf8").trim().split("\n");
  expect(parseCsvLine(header)).toEqual(COLUMNS);
  return lines.map((line) => parseCsvLine(line).map((cell, k) => {
    if (cell === "") return null;
    if (COLUMNS[k] === "arm" || COLUMNS[k] === "error") return cell;
    const n = Number(cell);
    return Number.isFinite(n) ? n : null;
  }));
}

function rowsOf(table: Table): Cell[][] {
  return table.toArray().map((r) => COLUMNS.map((c) => (r as Record<string, Cell>)[c] ?? null));
}

const readArrow = (path: string): Table => tableFromIPC(readFileSync(path));
const readParquetTable = (path: string): Table => tableFromIPC(readParquet(new Uint8Array(readFileSync(path))).intoIPCStream());

describe("Arrow and Parquet sweep outputs", () => {
  it("read back with apache-arrow and parquet-wasm, equal the CSV run cell for cell with typed columns", async () => {
    await runSweep(spec, { out: file("ref.csv"), workers: 1 });
    // extension picks the format; several record batches / row groups; 2 workers, batches of one point
    await runSweep(spec, { out: file("t.arrow"), workers: 2, batchSize: 1, tableBatchRows: 7 });
    await runSweep(spec, { out: file("t.parquet"), workers: 2, batchSize: 3, tableBatchRows: 7 });
    const expected = csvRows(file("ref.csv"));
    expect(expected).toHaveLength(40);
    expect(expected.filter((r) => r[1] === 13).every((r) => r[6] === 'model failed: "cuff" slipped, dose = 13' && r[4] === null)).toBe(true);
    for (const table of [readArrow(file("t.arrow")), readParquetTable(file("t.parquet"))]) {
      expect(table.numRows).toBe(40);
      expect(table.schema.fields.map((f) => f.name)).toEqual(COLUMNS);
      expect(table.schema.fields.map((f) => String(f.type))).toEqual(TYPES);
      expect(rowsOf(table)).toEqual(expected);
    }
    const arrow = readArrow(file("t.arrow"));
    expect(arrow.batches.map((b) => b.numRows)).toEqual([7, 7, 7, 7, 7, 5]);
    const provenance = JSON.parse(arrow.schema.metadata.get("bfrsim")!);
    expect(provenance).toMatchObject({ specHash: readManifest(file("t.arrow.manifest.json")).specHash, seed: 4, pointsTotal: 40 });
    expect(readFileSync(file("t.parquet")).subarray(0, 4).toString()).toBe("PAR1");
    expect(readManifest(file("t.parquet.manifest.json"))).toMatchObject({ format: "parquet", status: "complete", rows: 40, errorCount: 10 });
    expect(existsSync(file("t.parquet.partial"))).toBe(false);
  });

  it("are the same table whatever the worker count, row order or shard split", async () => {
    await runSweep(spec, { out: file("w1.parquet"), workers: 1, tableBatchRows: 7 });
    await runSweep(spec, { out: file("completion.parquet"), workers: 2, batchSize: 2, order: "completion", tableBatchRows: 7 });
    expect(readFileSync(file("completion.parquet"))).toEqual(readFileSync(file("w1.parquet")));
    const csvShards: string[] = [];
    const arrowShards: string[] = [];
    for (let k = 0; k < 3; k++) {
      csvShards.push(file(`s${k}.csv`));
      arrowShards.push(file(`s${k}.arrow`));
      await runSweep(spec, { out: csvShards[k], workers: 1, shard: { index: k, count: 3, mode: "block" } });
      await runSweep(spec, { out: arrowShards[k], workers: 1, shard: { index: k, count: 3 } });
    }
    await mergeSweepOutputs([csvShards[2], csvShards[0], csvShards[1]], file("merged.parquet"), { tableBatchRows: 7 });
    expect(readFileSync(file("merged.parquet"))).toEqual(readFileSync(file("w1.parquet")));
    await mergeSweepOutputs(arrowShards, file("merged.arrow"), { tableBatchRows: 7 });
    expect(readFileSync(file("merged.arrow"))).toEqual(readFileSync(file("t.arrow")));
    // back to CSV: the same cells (a NaN outcome was stored as null, so it comes back empty)
    await mergeSweepOutputs(arrowShards, file("merged.csv"));
    expect(csvRows(file("merged.csv"))).toEqual(csvRows(file("ref.csv")));
    expect(readManifest(file("merged.parquet.manifest.json"))).toMatchObject({ tool: "bfrsim merge", format: "parquet", rows: 40, shard: null });
  });

  it("merging refuses a missing shard and writes nothing", async () => {
    await expect(mergeSweepOutputs([file("s0.arrow"), file("s2.arrow")], file("gap.parquet")))
      .rejects.toThrow(/13 of 40 points missing \(indices 1, 4, 7/);
    expect(existsSync(file("gap.parquet"))).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith("gap.parquet"))).toBe(false);
  });

  it("a run stopped midway and resumed writes the same files, byte for byte, recomputing nothing", async () => {
    for (const format of ["arrow", "parquet"] as const) {
      const out = file(`stopped.${format}`);
      const controller = new AbortController();
      const first = await runSweep(spec, {
        out, workers: 1, batchSize: 2, tableBatchRows: 7, evaluatorConfig: { delayMs: 20 }, signal: controller.signal,
        onProgress: (p) => { if (p.done >= 12) controller.abort(); },
      });
      expect(first.status).toBe("aborted");
      expect(first.rows).toBeLessThan(40);
      expect(existsSync(out)).toBe(false);
      // the partial file is the JSON Lines stream: one complete row per written point
      expect(readFileSync(`${out}.partial`, "utf8").trim().split("\n")).toHaveLength(first.rows);
      const second = await runSweep(spec, { out, workers: 2, tableBatchRows: 7, resume: true });
      expect(second).toMatchObject({ status: "complete", rows: 40, resumed: first.rows, computed: 40 - first.rows });
      expect(readFileSync(out)).toEqual(readFileSync(file(format === "arrow" ? "t.arrow" : "w1.parquet")));
    }
  });

  it("a table that cannot be written keeps every row, and --resume writes it without evaluating again", async () => {
    const out = file("blocked.arrow");
    mkdirSync(`${out}.converting`); // a directory where the table's temporary file must go
    const err = await runSweep(spec, { out, workers: 2, tableBatchRows: 7 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BfrsimError);
    expect((err as Error).message).toMatch(/all 40 rows are kept in .*blocked\.arrow\.partial: rerun with --resume/);
    expect(existsSync(out)).toBe(false);
    expect(readManifest(`${out}.manifest.json`)).toMatchObject({ status: "incomplete", rows: 40 });
    rmdirSync(`${out}.converting`);
    const resumed = await runSweep(spec, { out, workers: 2, tableBatchRows: 7, resume: true });
    expect(resumed).toMatchObject({ status: "complete", computed: 0, resumed: 40 });
    expect(readFileSync(out)).toEqual(readFileSync(file("t.arrow")));
  });

  it("writeSweepTable refuses a row without a valid point index and leaves no file behind", async () => {
    const rows = () => [{ index: 0, dose: 1, error: null }, { index: 1.5, dose: 2, error: null }];
    for (const format of ["arrow", "parquet"] as const) {
      const out = file(`bad-index.${format}`);
      await expect(writeSweepTable(rows, out, { format, columns: ["index", "dose", "error"] })).rejects.toThrow(/index = 1\.5 is not a point index/);
      expect(readdirSync(dir).some((f) => f.startsWith(`bad-index.${format}`))).toBe(false);
    }
  });

  it("readSweepRows and readSweepColumn give the same values from Arrow, Parquet and CSV", () => {
    const fromCsv = [...readSweepRows(file("ref.csv"))].map((r) => ({ ...r, perDose: Number.isFinite(r.perDose) ? r.perDose : null }));
    expect([...readSweepRows(file("t.arrow"))]).toEqual(fromCsv);
    expect([...readSweepRows(file("t.parquet"))]).toEqual(fromCsv);
    const response = readSweepColumn(file("ref.csv"), "response");
    expect(readSweepColumn(file("t.arrow"), "response")).toEqual(response);
    expect(readSweepColumn(file("t.parquet"), "response")).toEqual(response);
  });

  it("a bad format is an InputError naming the field, the value and the formats, before anything is written", async () => {
    await expect(runSweep(spec, { out: file("x.out"), format: "xlsx" as never })).rejects.toThrow(InputError);
    await expect(runSweep(spec, { out: file("x.out"), format: "xlsx" as never })).rejects.toThrow(/format = "xlsx": expected one of csv, jsonl, arrow, parquet/);
    const bfrsim = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
    const sweep = bfrsim("sweep", "--set", "dose=0,20", "--set", "arm=low load", "--evaluator", EVALUATOR, "--format", "feather2", "--out", "bad.arrow");
    expect(sweep.status).toBe(2);
    expect(sweep.stderr).toMatch(/--format = "feather2": expected one of csv, jsonl, arrow, parquet/);
    expect(readdirSync(dir).some((f) => f.startsWith("bad.arrow"))).toBe(false);
    const merge = bfrsim("merge", "m.out", file("s0.arrow"), "--format", "hdf5");
    expect(merge.status).toBe(2);
    expect(merge.stderr).toMatch(/--format = "hdf5": expected one of csv, jsonl, arrow, parquet/);
  });
});

describe("bfrsim sweep and merge with table formats from the command line", () => {
  it("--out FILE.parquet picks Parquet, and merge joins CSV shards into one Arrow file equal to the unsharded run", () => {
    const bfrsim = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
    const common = ["--set", "dose=0,20,13", "--set", "arm=low load", "--sample", "lhs:3", "--sample-var", "ec50=20..60",
      "--seed", "2", "--evaluator", EVALUATOR, "--workers", "1", "--quiet"];
    expect(bfrsim("sweep", ...common, "--out", "cli.parquet").status).toBe(0);
    for (const k of [0, 1]) expect(bfrsim("sweep", ...common, "--shard", `${k}/2`, "--out", `cli-${k}.csv`).status).toBe(0);
    const merged = bfrsim("merge", "cli-all.arrow", "cli-1.csv", "cli-0.csv");
    expect(merged.status).toBe(0);
    expect(merged.stderr).toMatch(/9 rows from 2 shard\(s\) in cli-all\.arrow \(3 failed points\)/);
    const fromParquet = readParquetTable(file("cli.parquet"));
    const fromMerge = readArrow(file("cli-all.arrow"));
    expect(fromMerge.schema.fields.map((f) => String(f.type))).toEqual(TYPES);
    expect(rowsOf(fromMerge)).toEqual(rowsOf(fromParquet));
    expect(rowsOf(fromMerge).map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe("writeSweepTable then readTableRows (property)", () => {
  it("gives back every row: numbers exactly, non-finite as null, any string (commas, quotes, newlines, emoji), in order", async () => {
    const cell = fc.oneof(fc.double(), fc.constant(null));
    const label = fc.oneof(fc.string({ unit: "grapheme", maxLength: 12 }), fc.constantFrom('a, "b"', "x\ny", "🦵 cuff", ""));
    const rowsArb = fc.array(fc.record({ dose: cell, arm: label, y: cell, error: fc.option(label, { nil: null }) }), { minLength: 0, maxLength: 30 });
    let run = 0;
    await fc.assert(fc.asyncProperty(rowsArb, fc.integer({ min: 1, max: 8 }), async (raw, batchRows) => {
      const rows = raw.map((r, index) => ({ index, ...r }));
      for (const format of ["arrow", "parquet"] as const) {
        const out = file(`prop-${run++}.${format}`);
        await writeSweepTable(() => rows, out, { format, columns: ["index", "dose", "arm", "y", "error"], batchRows });
        const back = [...readTableRows(out, format)];
        const expected = rows.map((r) => ({ ...r, dose: finiteOrNull(r.dose), y: finiteOrNull(r.y) }));
        expect(back).toEqual(expected);
      }
    }), { numRuns: 25, seed: 20261123 });
  });
});

function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}
