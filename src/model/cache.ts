/**
 * On-disk compile cache. Compiling a model costs loading mathjs (~1 s) plus the compile itself;
 * a CLI call or sweep worker that compiles an unchanged model reads the generated code back
 * instead. One entry per model path, valid only while (a) the compiler is byte-identical (a hash
 * of src/model/*.ts and the mathjs and yaml versions) and (b) every file the model was built from
 * (root and imports) has the same sha256 as when it was compiled. Anything else — a missing,
 * corrupt, stale or unreadable entry — is a miss and the model is compiled afresh. Writes are
 * atomic (temp file + rename), so concurrent workers never read a half-written entry; a cache
 * that cannot be written (read-only disk) is skipped silently. At most 200 entries are kept per
 * directory (the least recently written go first).
 *
 * Location: `compileModelFile(path, { cache })`, else $BFRSIM_MODEL_CACHE (a directory, or
 * `off`), else node_modules/.cache/bfrsim/models in the package when writable, else
 * $XDG_CACHE_HOME (or ~/.cache)/bfrsim/models.
 */
import { createHash } from "node:crypto";
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, unlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ModelData } from "./assemble.ts";

/** Where to cache: a directory, `true` for the default location, `false` for no cache. */
export type CacheSetting = string | boolean;

const ENTRY_FORMAT = 1;
const HERE = dirname(fileURLToPath(import.meta.url));

let fingerprint: string | undefined;

/** Hash of everything that decides the compiler's output besides the model files. */
export function compilerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const h = createHash("sha256");
  h.update(`format ${ENTRY_FORMAT}\0`);
  for (const f of readdirSync(HERE).filter((x) => x.endsWith(".ts")).sort()) {
    h.update(f + "\0");
    h.update(readFileSync(join(HERE, f)));
  }
  const require = createRequire(import.meta.url);
  for (const pkg of ["mathjs", "yaml"]) {
    try {
      h.update(`${pkg} ${(require(`${pkg}/package.json`) as { version: string }).version}\0`);
    } catch {
      h.update(`${pkg} ?\0`); // not resolvable this way: still a stable key
    }
  }
  fingerprint = h.digest("hex");
  return fingerprint;
}

/** The cache directory for a setting, or undefined when caching is off. */
export function cacheDirectory(setting: CacheSetting = true): string | undefined {
  if (setting === false) return undefined;
  if (typeof setting === "string") return resolve(setting);
  const env = process.env.BFRSIM_MODEL_CACHE;
  if (env !== undefined && env !== "") {
    return ["off", "0", "false", "no"].includes(env.toLowerCase()) ? undefined : resolve(env);
  }
  const packageModules = resolve(HERE, "../../node_modules");
  if (writable(packageModules)) return join(packageModules, ".cache", "bfrsim", "models");
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(xdg, "bfrsim", "models");
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false; // missing, or read-only (e.g. a system-wide install): use the user's cache
  }
}

interface Entry {
  fingerprint: string;
  file: string;
  /** Every source file: absolute path and sha256 of its content. */
  sources: Array<[string, string]>;
  data: ModelData;
}

const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

function entryPath(dir: string, modelPath: string): string {
  return join(dir, `${sha256(resolve(modelPath)).slice(0, 32)}.json`);
}

/** The cached model data of `modelPath` when the entry is valid, else undefined. */
export function readCachedModel(dir: string, modelPath: string): ModelData | undefined {
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(entryPath(dir, modelPath), "utf8"), revive) as Entry;
  } catch {
    return undefined;
  }
  if (!entry || entry.fingerprint !== compilerFingerprint() || entry.file !== resolve(modelPath)) return undefined;
  if (!Array.isArray(entry.sources) || entry.sources.length === 0) return undefined;
  for (const [path, hash] of entry.sources) {
    try {
      if (sha256(readFileSync(path)) !== hash) return undefined;
    } catch {
      return undefined;
    }
  }
  return entry.data;
}

/** Stores `data` for `modelPath`, built from `sources` (path → text). Failures are ignored. */
export function writeCachedModel(dir: string, modelPath: string, sources: ReadonlyMap<string, string>, data: ModelData): void {
  const entry: Entry = {
    fingerprint: compilerFingerprint(),
    file: resolve(modelPath),
    sources: [...sources].map(([path, text]) => [path, sha256(Buffer.from(text, "utf8"))]),
    data,
  };
  const target = entryPath(dir, modelPath);
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, JSON.stringify(entry, replace));
    renameSync(temp, target);
  } catch {
    try { unlinkSync(temp); } catch { /* never written */ }
    return;
  }
  pruneCache(dir, MAX_ENTRIES);
}

/** Entries kept per cache directory: one per model path, so temporary copies would pile up. */
const MAX_ENTRIES = 200;

/** Deletes the least recently written entries beyond `keep`. Best effort. */
export function pruneCache(dir: string, keep: number): void {
  try {
    const entries = readdirSync(dir).filter((f) => f.endsWith(".json"));
    if (entries.length <= keep) return;
    const byAge = entries
      .map((f) => { try { return { f, t: statSync(join(dir, f)).mtimeMs }; } catch { return { f, t: 0 }; } })
      .sort((a, b) => a.t - b.t);
    for (const { f } of byAge.slice(0, entries.length - keep)) {
      try { unlinkSync(join(dir, f)); } catch { /* another process got there first */ }
    }
  } catch {
    /* unreadable directory: nothing to prune */
  }
}

// JSON has no NaN, ±Infinity or −0; model numbers may be any of them
const TAG = "\u0000num:";
function replace(_key: string, v: unknown): unknown {
  if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) return TAG + String(Object.is(v, -0) ? "-0" : v);
  return v;
}
function revive(_key: string, v: unknown): unknown {
  return typeof v === "string" && v.startsWith(TAG) ? Number(v.slice(TAG.length)) : v;
}
