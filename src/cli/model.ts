/**
 * `bfrsim model check|show|doc|export`: the model compiler from the command line.
 * All logic lives in src/model; this file parses flags and prints.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { InputError } from "../errors.ts";
import type { Command } from "./main.ts";
import { checkModelFile, compileModelFile, showModel, modelMarkdown, toSbml, toPython } from "../model/index.ts";

const USAGE = `bfrsim model <check|show|doc|export> [options] FILE

  check FILE                  list every error and warning with file:line:column (exit 2 on errors)
  show FILE                   states, parameters (units, ranges, sources, evidence), inputs, outputs
  doc FILE [--preamble MD] [--out PATH]
                              Markdown page of the equations and the parameter table, after the
                              hand-written MD page when given (docs/model.md = docs/model-overview.md + this)
  export --sbml|--python FILE [--out PATH]
                              SBML Level 3 Version 2, or a Python (NumPy) rhs module`;

/** Formats `bfrsim model export` writes. */
const EXPORT_FORMATS = ["--sbml", "--python"];

function parse(args: string[]): { sub: string; file: string; flags: Set<string>; out?: string; preamble?: string } {
  const [sub, ...rest] = args;
  const flags = new Set<string>();
  let out: string | undefined;
  let preamble: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--out") {
      out = rest[++i];
      if (out === undefined || out.startsWith("--")) throw new InputError("--out", out ?? null, "a file path after --out");
    } else if (a === "--preamble" && sub === "doc") {
      preamble = rest[++i];
      if (preamble === undefined || preamble.startsWith("--")) throw new InputError("--preamble", preamble ?? null, "a Markdown file after --preamble");
      if (!existsSync(preamble)) throw new InputError("--preamble", preamble, "an existing Markdown file");
    } else if (a.startsWith("-")) flags.add(a);
    else files.push(a);
  }
  if (!sub || !["check", "show", "doc", "export"].includes(sub)) throw new InputError("subcommand", sub ?? null, "check, show, doc or export");
  const allowed = sub === "export" ? EXPORT_FORMATS : [];
  for (const f of flags) {
    if (!allowed.includes(f)) {
      const expected = allowed.length ? `one of ${allowed.join(", ")} (and --out PATH)` : sub === "check" ? "no options" : "only --out PATH";
      throw new InputError(`bfrsim model ${sub} option`, f, expected);
    }
  }
  if (sub === "export" && flags.size !== 1) throw new InputError("export format", [...flags].join(" ") || null, "exactly one of --sbml or --python");
  if (files.length !== 1) throw new InputError("FILE", files.join(" ") || null, "exactly one model file");
  return { sub, file: files[0], flags, out, preamble };
}

function emit(text: string, out: string | undefined): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

export const command: Command = {
  name: "model",
  summary: "check, show, document or export a model file",
  usage: USAGE,
  async run(args: string[]): Promise<number> {
    const { sub, file, flags, out, preamble } = parse(args);
    if (sub === "check") {
      const { problems } = checkModelFile(file);
      const errors = problems.filter((p) => p.severity === "error").length;
      for (const p of problems) process.stdout.write(`${p.message} [${p.code}]\n`);
      process.stdout.write(`${file}: ${errors} error(s), ${problems.length - errors} warning(s)\n`);
      return errors ? 2 : 0;
    }
    const model = compileModelFile(file);
    if (sub === "show") emit(showModel(model), out);
    else if (sub === "doc") emit((preamble ? readFileSync(preamble, "utf8").trimEnd() + "\n\n" : "") + modelMarkdown(model), out);
    else if (flags.has("--sbml")) emit(toSbml(model), out);
    else if (flags.has("--python")) emit(toPython(model), out);
    else throw new InputError("export format", [...flags].join(" ") || null, "--sbml or --python");
    return 0;
  },
};
