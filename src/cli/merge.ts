/** `bfrsim merge OUT SHARD...`: join shard outputs of one sweep, checking none is missing or duplicated. */
import { InputError } from "../errors.ts";
import { mergeSweepOutputs, parseOutputFormat, type OutputFormat } from "../sweep/index.ts";
import type { Command } from "./main.ts";

const USAGE = `bfrsim merge OUT SHARD... [--format csv|jsonl|arrow|parquet] [--force]

  OUT        merged output file (rows sorted by point index; OUT.manifest.json beside it)
  SHARD...   shard outputs of one sweep (bfrsim sweep --shard i/N), each with its manifest
  --format F format of OUT (default: from OUT's extension — .csv .jsonl .arrow .parquet — else
             the shards' format); e.g. CSV shards into one Parquet file
  --force    overwrite OUT if it exists

Fails (exit 1, nothing written) when any point index is missing or duplicated, listing them.`;

export const command: Command = {
  name: "merge",
  summary: "join the shard outputs of a sweep, checking nothing is missing or duplicated",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    let force = false;
    let format: OutputFormat | undefined;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "--force") force = true;
      else if (a === "--format") {
        if (args[i + 1] === undefined) throw new InputError(a, null, "a value after the flag");
        format = parseOutputFormat(args[++i], a);
      } else if (a.startsWith("-")) throw new InputError("option", a, "--format or --force (see bfrsim merge --help)");
      else files.push(a);
    }
    const [out, ...shards] = files;
    if (!out || shards.length === 0) throw new InputError("arguments", args.join(" "), "OUT followed by one or more shard files");
    const r = await mergeSweepOutputs(shards, out, { force, format });
    process.stderr.write(`bfrsim merge: ${r.rows} rows from ${shards.length} shard(s) in ${r.out}${r.errorCount ? ` (${r.errorCount} failed points)` : ""}\n`);
    return 0;
  },
};
