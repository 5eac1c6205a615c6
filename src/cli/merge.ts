/** `bfrsim merge OUT SHARD...`: join shard outputs of one sweep, checking none is missing or duplicated. */
import { InputError } from "../errors.ts";
import { mergeShards } from "../sweep/index.ts";
import type { Command } from "./main.ts";

const USAGE = `bfrsim merge OUT SHARD... [--force]

  OUT        merged output file (rows sorted by point index; OUT.manifest.json beside it)
  SHARD...   shard outputs of one sweep (bfrsim sweep --shard i/N), each with its manifest
  --force    overwrite OUT if it exists

Fails (exit 1, nothing written) when any point index is missing or duplicated, listing them.`;

export const command: Command = {
  name: "merge",
  summary: "join the shard outputs of a sweep, checking nothing is missing or duplicated",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const force = args.includes("--force");
    const files = args.filter((a) => a !== "--force");
    const bad = files.find((a) => a.startsWith("-"));
    if (bad) throw new InputError("option", bad, "--force (see bfrsim merge --help)");
    const [out, ...shards] = files;
    if (!out || shards.length === 0) throw new InputError("arguments", args.join(" "), "OUT followed by one or more shard files");
    const r = mergeShards(shards, out, { force });
    process.stderr.write(`bfrsim merge: ${r.rows} rows from ${shards.length} shard(s) in ${r.out}${r.errorCount ? ` (${r.errorCount} failed points)` : ""}\n`);
    return 0;
  },
};
