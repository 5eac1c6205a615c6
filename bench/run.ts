/**
 * `npm run bench [-- name ...]`: runs every bench/<name>/index.ts (or only those named), each
 * exporting `run(args)`. Benchmarks print their own tables; timings are ratios against
 * references measured in the same run.
 */
import { readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface Bench {
  run(args: string[]): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const all = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, "index.ts")))
  .map((d) => d.name)
  .sort();
const args = process.argv.slice(2);
const named = args.filter((a) => !a.startsWith("-"));
const flags = args.filter((a) => a.startsWith("-"));
const unknown = named.filter((n) => !all.includes(n));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark(s) ${unknown.join(", ")}; available: ${all.join(", ")}\n`);
  process.exit(2);
}
for (const name of named.length > 0 ? named : all) {
  process.stdout.write(`\n## bench/${name}\n\n`);
  const mod = (await import(pathToFileURL(join(here, name, "index.ts")).href)) as Partial<Bench>;
  if (typeof mod.run !== "function") {
    process.stderr.write(`bench: bench/${name}/index.ts does not export run(flags); skipped\n`);
    process.exitCode = 1;
    continue;
  }
  await mod.run(flags);
}
