/**
 * A store for the model's predictions at surrogate grid nodes, so a long grid interrupted or killed
 * part-way loses nothing: each node's row is written to disk as soon as it is computed, and a rerun
 * with the same key (model, data, parameters, grid, rows) reuses every row already there.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Rows of model predictions by node index. */
export interface GridCache {
  get(node: number): number[] | undefined;
  set(node: number, row: readonly number[]): void;
  /** Nodes found already computed when the cache was opened. */
  readonly reused: number;
  readonly file: string | null;
}

/** What identifies a grid's predictions; hashed into the cache key. */
export interface GridCacheKey {
  parameters: readonly string[];
  /** The parameter vectors run (design nodes), in order. */
  nodes: readonly (readonly number[])[];
  fixed: Readonly<Record<string, number>>;
  pointIds: readonly string[];
  /** Anything else the predictions depend on (model content hash, data file hashes, solver options). */
  context: Readonly<Record<string, unknown>>;
}

/** SHA-256 of the key's canonical JSON. */
export function gridCacheKeyHash(key: GridCacheKey): string {
  const canonical = JSON.stringify({ ...key, fixed: Object.entries(key.fixed).sort(), context: Object.entries(key.context).sort() });
  return createHash("sha256").update(canonical).digest("hex");
}

/** An in-memory cache (nothing persisted). */
export function memoryGridCache(): GridCache {
  const rows = new Map<number, number[]>();
  return { get: (k) => rows.get(k), set: (k, r) => void rows.set(k, [...r]), reused: 0, file: null };
}

/**
 * A cache persisted in `dir` as `grid-<hash>.json` (rewritten atomically after each node); rows of
 * a file whose key differs are never used.
 */
export function fileGridCache(dir: string, key: GridCacheKey): GridCache {
  const hash = gridCacheKeyHash(key);
  const file = path.join(dir, `grid-${hash.slice(0, 24)}.json`);
  const rows = new Map<number, number[]>();
  try {
    const doc = JSON.parse(readFileSync(file, "utf8")) as { hash?: string; rows?: Record<string, number[]> };
    if (doc.hash === hash && doc.rows) {
      for (const [k, r] of Object.entries(doc.rows)) {
        if (Array.isArray(r) && r.length === key.pointIds.length && r.every(Number.isFinite)) rows.set(Number(k), r);
      }
    }
  } catch {
    // no file yet, or unreadable: start empty
  }
  const reused = rows.size;
  const save = () => {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ hash, key, rows: Object.fromEntries(rows) }));
    renameSync(tmp, file);
  };
  return {
    get: (k) => rows.get(k),
    set: (k, r) => {
      rows.set(k, [...r]);
      save();
    },
    reused,
    file,
  };
}
