/**
 * `bfrsim` command-line entry point: dispatches to one module per command (src/cli/<name>.ts).
 * Commands are loaded lazily so `bfrsim --help` stays fast.
 */
import { BfrsimError, isInputError } from "../errors.ts";
import { VERSION } from "../version.ts";
import { parseArgsFailure } from "./parse-flags.ts";
import { closestName } from "../suggest.ts";

/** A CLI command: parses its own flags, calls the library, prints; returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

/** Every command, in the order `--help` lists them. Add a line when you add src/cli/<name>.ts. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  simulate: { summary: "simulate a protocol for a subject and print the outcomes", load: () => import("./simulate.ts") },
  model: { summary: "check, show, document or export a model file (SBML, Python)", load: () => import("./model.ts") },
  sweep: { summary: "run a parallel, resumable, shardable parameter sweep", load: () => import("./sweep.ts") },
  cohort: { summary: "simulate a virtual cohort under one or more arms; responder distributions per arm", load: () => import("./cohort.ts") },
  compare: { summary: "compare simulated with published trial outcomes (RMSE, direction, Spearman, rubric)", load: () => import("./compare.ts") },
  power: { summary: "power of a simulated RCT per n per arm (virtual cohort, Welch test)", load: () => import("./power.ts") },
  sensitivity: { summary: "Morris or Sobol' sensitivity of outcomes to the model's parameter ranges", load: () => import("./sensitivity.ts") },
  fit: { summary: "calibrate model parameters to trial rows (weighted least squares, intervals, parameter file)", load: () => import("./fit.ts") },
  validate: { summary: "leave-one-study-out cross-validation: the out-of-sample comparison with trials", load: () => import("./validate.ts") },
  optimise: { summary: "best prescription for an outcome under constraints, with a Hill dose-response fit", load: () => import("./optimise.ts") },
  merge: { summary: "join shard outputs of a sweep, checking nothing is missing or duplicated", load: () => import("./merge.ts") },
};

function help(): string {
  const width = Math.max(8, ...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return [
    `bfrsim ${VERSION}: blood-flow-restriction training in older adults, simulated.`,
    "",
    "Usage: bfrsim <command> [options]    (bfrsim <command> --help for its options)",
    "",
    "Commands:",
    ...lines,
    "",
  ].join("\n");
}

/** Runs the CLI with `argv` (without node and script); resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // `bfrsim help simulate` is `bfrsim simulate --help`
  if (argv[0] === "help" && argv[1] !== undefined) return main([argv[1], "--help"]);
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(help());
    return 0;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(VERSION + "\n");
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    const near = closestName(name, Object.keys(COMMANDS));
    process.stderr.write(`bfrsim: unknown command "${name}"${near ? ` (did you mean "${near}"?)` : ""}. Commands: ${Object.keys(COMMANDS).join(", ")}\n`);
    return 2;
  }
  try {
    const { command } = await entry.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
      return 0;
    }
    return await command.run(rest);
  } catch (err) {
    if (err instanceof BfrsimError) {
      process.stderr.write(`bfrsim ${name}: ${err.message}\n`);
      return isInputError(err) ? 2 : 1;
    }
    const parse = parseArgsFailure(err);
    if (parse) {
      process.stderr.write(`bfrsim ${name}: ${parse} (bfrsim ${name} --help)\n`);
      return 2;
    }
    const io = fileSystemError(err);
    if (io) {
      process.stderr.write(`bfrsim ${name}: ${io}\n`);
      return 1;
    }
    throw err;
  }
}

/** A file-system failure (no such file, permission, disk full…) as one line, or undefined for anything else (a bug keeps its stack). */
function fileSystemError(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code !== "string" || typeof e.syscall !== "string") return undefined;
  return `${e.syscall} ${e.path ?? ""} failed: ${e.code}${e.message.includes(":") ? ` (${e.message.split(":")[1]!.split(",")[0]!.trim()})` : ""}`;
}
