import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pruneCache } from "../../src/model/cache.ts";
import { cacheDirectory, compileModelFile, checkModelFile, modelMarkdown, toPython, toSbml } from "../../src/model/index.ts";

const examples = fileURLToPath(new URL("../../models/examples/", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

/** A private copy of the composed limb example (root file + two imports) and an empty cache. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "bfrsim-cache-"));
  cpSync(join(examples, "limb.yaml"), join(dir, "limb.yaml"));
  cpSync(join(examples, "limb"), join(dir, "limb"), { recursive: true });
  return { model: join(dir, "limb.yaml"), cache: join(dir, "cache"), dir };
}

function entryFile(cache: string): string {
  const files = readdirSync(cache).filter((f) => f.endsWith(".json"));
  expect(files).toHaveLength(1);
  return join(cache, files[0]);
}

/** Rewrites the cache entry's stored model name, so a later compile shows whether it read the entry. */
function markEntry(cache: string, name: string, edit?: (entry: Record<string, any>) => void): void {
  const path = entryFile(cache);
  const entry = JSON.parse(readFileSync(path, "utf8"));
  entry.data.name = name;
  edit?.(entry);
  writeFileSync(path, JSON.stringify(entry));
}

describe("the on-disk compile cache", () => {
  let ws: ReturnType<typeof workspace>;
  beforeAll(() => { ws = workspace(); });

  it("a model read back from the cache computes exactly what a fresh compile computes", () => {
    const fresh = compileModelFile(ws.model, { cache: false });
    compileModelFile(ws.model, { cache: ws.cache }); // writes the entry
    markEntry(ws.cache, "fromCache");
    const cached = compileModelFile(ws.model, { cache: ws.cache });
    expect(cached.name).toBe("fromCache"); // it really came from the entry
    const n = fresh.states.length;
    const p = fresh.parameterVector({ aop: 180 });
    const y = fresh.initialState(p).map((v, i) => v * (1 + 0.1 * i));
    const u = fresh.inputsToInternal([150, 0.5], new Float64Array(2));
    const [d1, d2] = [new Float64Array(n), new Float64Array(n)];
    fresh.rhs(30, y, d1, p, u);
    cached.rhs(30, y, d2, p, u);
    expect(Array.from(d2)).toEqual(Array.from(d1));
    const [j1, j2] = [new Float64Array(n * n), new Float64Array(n * n)];
    fresh.jacobian(30, y, j1, p, u);
    cached.jacobian(30, y, j2, p, u);
    expect(Array.from(j2)).toEqual(Array.from(j1));
    // the parameter-derived-constant forms come back too, and agree with the plain functions
    expect(cached.derived.size).toBe(fresh.derived.size);
    expect(cached.generated.rhsDerived).toMatch(/^function rhsDerived\(/);
    expect(cached.generated.jacobianDerived).toBe(fresh.generated.jacobianDerived);
    const c = new Float64Array(cached.derived.size);
    cached.derived.compute(p, c);
    const [d3, j3] = [new Float64Array(n), new Float64Array(n * n)];
    cached.derived.rhs(30, y, d3, p, u, c);
    cached.derived.jacobian(30, y, j3, p, u, c);
    expect(Array.from(d3)).toEqual(Array.from(d1));
    expect(Array.from(j3)).toEqual(Array.from(j1));
    expect(Array.from(cached.initialState(cached.parameterVector({ aop: 180 })))).toEqual(Array.from(fresh.initialState(p)));
    expect(Array.from(cached.jacobianSparsity.rowPtr)).toEqual(Array.from(fresh.jacobianSparsity.rowPtr));
    expect(cached.equations.dims).toEqual(fresh.equations.dims);
    expect(cached.parameters).toEqual(fresh.parameters);
    expect(cached.contentHash).toBe(fresh.contentHash);
    // exporters and docs read the cached expression trees: same documents (bar the marked name)
    const named = (text: string) => text.split("fromCache").join("limb");
    expect(named(toSbml(cached))).toBe(toSbml(fresh));
    expect(named(toPython(cached))).toBe(toPython(fresh));
    expect(named(modelMarkdown(cached))).toBe(modelMarkdown(fresh));
    expect(cached.warnings.map((w) => w.message)).toEqual(fresh.warnings.map((w) => w.message));
  });

  it("editing an imported file invalidates the entry", () => {
    compileModelFile(ws.model, { cache: ws.cache });
    markEntry(ws.cache, "stale");
    expect(compileModelFile(ws.model, { cache: ws.cache }).name).toBe("stale");
    const cuff = join(ws.dir, "limb", "cuff.yaml");
    writeFileSync(cuff, readFileSync(cuff, "utf8") + "\n# reviewed\n");
    expect(compileModelFile(ws.model, { cache: ws.cache }).name).toBe("limb");
  });

  it("editing the root file invalidates the entry and the new values are used", () => {
    compileModelFile(ws.model, { cache: ws.cache });
    markEntry(ws.cache, "stale");
    const text = readFileSync(ws.model, "utf8");
    const edited = text.replace(/(aop:\s*\n\s*value:\s*)[\d.]+/, "$122");
    expect(edited).not.toBe(text);
    writeFileSync(ws.model, edited);
    const m = compileModelFile(ws.model, { cache: ws.cache });
    expect(m.name).toBe("limb");
    expect(m.parameters[m.index.parameters.aop].value).toBe(22);
  });

  it("an entry written by another compiler version, or corrupt, is ignored", () => {
    compileModelFile(ws.model, { cache: ws.cache });
    markEntry(ws.cache, "otherCompiler", (e) => { e.fingerprint = "0".repeat(64); });
    expect(compileModelFile(ws.model, { cache: ws.cache }).name).toBe("limb");
    writeFileSync(entryFile(ws.cache), "{ not json");
    expect(compileModelFile(ws.model, { cache: ws.cache }).name).toBe("limb");
    expect(() => JSON.parse(readFileSync(entryFile(ws.cache), "utf8"))).not.toThrow(); // rewritten
  });

  it("a broken model is never cached: its errors are reported every time", () => {
    const broken = join(ws.dir, "broken.yaml");
    cpSync(fileURLToPath(new URL("./fixtures/broken-units.yaml", import.meta.url)), broken);
    const cache = join(ws.dir, "cache-broken");
    const first = checkModelFile(broken, { cache });
    expect(first.model).toBeUndefined();
    expect(checkModelFile(broken, { cache }).problems.map((p) => p.message)).toEqual(first.problems.map((p) => p.message));
  });

  it("a cache hit in a fresh process does not load mathjs", () => {
    const { model, cache } = workspace();
    const script = `
      import { compileModelFile } from ${JSON.stringify(join(root, "src/model/index.ts"))};
      import { createRequire } from "node:module";
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("/mathjs/lib/"));
      compileModelFile(${JSON.stringify(model)}, { cache: ${JSON.stringify(cache)} });
      const afterMiss = loaded();
      console.log(JSON.stringify({ afterMiss }));`;
    const run = () => {
      const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
      expect(r.stderr).not.toMatch(/Error/);
      return JSON.parse(r.stdout.trim().split("\n").pop()!) as { afterMiss: boolean };
    };
    expect(run().afterMiss).toBe(true); // the first process compiled (and needed mathjs)
    expect(run().afterMiss).toBe(false); // the second was served from the cache
  });

  it("is located by the option, else $BFRSIM_MODEL_CACHE (a directory or off), else the package's node_modules/.cache", () => {
    const saved = process.env.BFRSIM_MODEL_CACHE;
    try {
      delete process.env.BFRSIM_MODEL_CACHE;
      expect(cacheDirectory()).toBe(join(root, "node_modules", ".cache", "bfrsim", "models"));
      expect(cacheDirectory(false)).toBeUndefined();
      expect(cacheDirectory("rel/dir")).toBe(join(process.cwd(), "rel/dir"));
      process.env.BFRSIM_MODEL_CACHE = "off";
      expect(cacheDirectory()).toBeUndefined();
      expect(cacheDirectory(ws.cache)).toBe(ws.cache); // the option wins over the environment
      process.env.BFRSIM_MODEL_CACHE = ws.cache;
      expect(cacheDirectory()).toBe(ws.cache);
    } finally {
      if (saved === undefined) delete process.env.BFRSIM_MODEL_CACHE;
      else process.env.BFRSIM_MODEL_CACHE = saved;
    }
  });

  it("keeps only the most recently written entries when pruned", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-cache-prune-"));
    for (let i = 0; i < 5; i++) {
      const f = join(dir, `entry${i}.json`);
      writeFileSync(f, "{}");
      utimesSync(f, 1e6 + i * 100, 1e6 + i * 100); // entry4 is the newest
    }
    writeFileSync(join(dir, "notes.txt"), "not an entry");
    pruneCache(dir, 3);
    expect(readdirSync(dir).sort()).toEqual(["entry2.json", "entry3.json", "entry4.json", "notes.txt"]);
  });
});

