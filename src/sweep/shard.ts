/**
 * Deterministic slices of a sweep, so one sweep can run as a Slurm job array or a Kubernetes
 * Indexed Job: shard k of N takes i % N == k ("stride", the default, which balances cost when
 * cost varies along the enumeration) or the k-th contiguous block ("block").
 */
import { InputError } from "../errors.ts";

/** Which slice of a sweep to run. */
export interface Shard {
  /** 0-based shard number, 0 ≤ index < count. */
  index: number;
  count: number;
  /** Default "stride". */
  mode?: "stride" | "block";
}

/** Checks a shard; `field` names it in errors. */
export function validateShard(shard: unknown, field = "shard"): Required<Shard> {
  const s = shard as Partial<Shard> | null;
  if (!s || typeof s !== "object") throw new InputError(field, shard, "{ index, count, mode? }");
  if (!Number.isInteger(s.count) || (s.count as number) < 1) throw new InputError(`${field}.count`, s.count, "a positive integer");
  if (!Number.isInteger(s.index) || (s.index as number) < 0 || (s.index as number) >= (s.count as number)) {
    throw new InputError(`${field}.index`, s.index, `an integer from 0 to ${(s.count as number) - 1}`);
  }
  const mode = s.mode ?? "stride";
  if (mode !== "stride" && mode !== "block") throw new InputError(`${field}.mode`, mode, '"stride" or "block"');
  return { index: s.index as number, count: s.count as number, mode };
}

/** Parses the CLI form "i/N" (0-based i), e.g. "2/8". */
export function parseShard(text: string): Required<Shard> {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new InputError("--shard", text, '"i/N" with 0 ≤ i < N, e.g. "0/4"');
  return validateShard({ index: Number(m[1]), count: Number(m[2]) }, "--shard");
}

/** The first and one-past-last index of a block shard. */
function blockBounds(total: number, s: Required<Shard>): [number, number] {
  return [Math.floor((total * s.index) / s.count), Math.floor((total * (s.index + 1)) / s.count)];
}

/** Number of points in a shard of a `total`-point sweep. */
export function shardSize(total: number, shard: Required<Shard>): number {
  if (shard.mode === "block") {
    const [a, b] = blockBounds(total, shard);
    return b - a;
  }
  return total > shard.index ? Math.floor((total - 1 - shard.index) / shard.count) + 1 : 0;
}

/** The point indices of a shard in ascending order, generated lazily. */
export function* shardIndices(total: number, shard: Required<Shard>): Generator<number> {
  if (shard.mode === "block") {
    const [a, b] = blockBounds(total, shard);
    for (let i = a; i < b; i++) yield i;
  } else {
    for (let i = shard.index; i < total; i += shard.count) yield i;
  }
}
