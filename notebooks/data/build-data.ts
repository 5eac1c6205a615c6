/**
 * Build-time data for the notebooks (`npm run notebooks:data`, run by `notebooks` and
 * `notebooks:build`): compiles the model into a browser module, exports the presets, and runs the
 * small programme, sweep, compare and sensitivity computations the pages draw. Everything that
 * reads files or starts workers happens here, in Node; the pages only fetch the results.
 *
 * Usage: tsx notebooks/data/build-data.ts [--size quick|full] [--out DIR] [--reuse]
 * (default full, out notebooks/public/data; BFRSIM_NOTEBOOK_SIZE also sets the size). --reuse keeps
 * existing files made by the same bfrsim version, model hash and size (for a fast live preview).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { InputError } from "../../src/errors.ts";
import { VERSION } from "../../src/version.ts";
import { loadModel } from "../../src/simulate/default-model.ts";
import { listPresets } from "../../src/simulate/presets.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { modelModuleSource } from "./emit-model.ts";
import { programmeData } from "./programme.ts";
import { doseResponseData } from "./dose-response.ts";
import { trialsData } from "./trials.ts";
import { sensitivityData } from "./sensitivity.ts";
import { SIZES, type DataSize } from "./sizes.ts";

const DEFAULT_OUT = fileURLToPath(new URL("../public/data/", import.meta.url));

function writeAtomic(file: string, text: string): void {
  writeFileSync(file + ".tmp", text);
  renameSync(file + ".tmp", file);
}

/** Whether `file` exists and was made by this bfrsim version from this model at this size. */
function isCurrent(file: string, stamp: { bfrsim: string; model: { contentHash: string }; size: string }): boolean {
  if (!existsSync(file)) return false;
  try {
    const d = JSON.parse(readFileSync(file, "utf8"));
    return d.bfrsim === stamp.bfrsim && d.model?.contentHash === stamp.model.contentHash && d.size === stamp.size;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: "string" }, out: { type: "string" }, reuse: { type: "boolean" } }, strict: true });
  const sizeName = values.size ?? process.env.BFRSIM_NOTEBOOK_SIZE ?? "full";
  if (!(sizeName in SIZES)) throw new InputError("--size", sizeName, `one of ${Object.keys(SIZES).join(", ")}`);
  const size: DataSize = SIZES[sizeName as DataSize["name"]];
  const out = values.out ?? DEFAULT_OUT;
  mkdirSync(out, { recursive: true });
  const model = loadModel();
  const stamp = { bfrsim: VERSION, model: { name: model.name, contentHash: model.contentHash }, size: size.name, generated: new Date().toISOString() };
  const step = async (name: string, make: () => unknown): Promise<void> => {
    if (values.reuse && isCurrent(join(out, `${name}.json`), stamp)) {
      process.stderr.write(`notebooks data: ${name}.json is current (model ${model.contentHash.slice(0, 12)}, ${size.name}): kept\n`);
      return;
    }
    const t0 = performance.now();
    const data = await make();
    writeAtomic(join(out, `${name}.json`), JSON.stringify({ ...stamp, elapsedS: (performance.now() - t0) / 1000, ...(data as object) }));
    process.stderr.write(`notebooks data: ${name}.json in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  };
  writeAtomic(join(out, "model.js"), modelModuleSource(model));
  await step("presets", () => ({
    protocols: Object.fromEntries(listPresets("protocols").map((n) => [n, loadProtocol(n).protocol])),
    subjects: Object.fromEntries(listPresets("subjects").map((n) => [n, loadSubject(n)])),
  }));
  await step("programme", () => programmeData(model, size));
  await step("dose-response", () => doseResponseData(size));
  await step("trials", () => trialsData(model, size));
  await step("sensitivity", () => sensitivityData(size));
}

main().catch((err: unknown) => {
  process.stderr.write(`notebooks data: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
