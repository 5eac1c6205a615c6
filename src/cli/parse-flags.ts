/**
 * Flag parsing for the commands built on node:util parseArgs (simulate, compare, fit, validate):
 * every parse failure becomes an InputError naming the flag and what was expected, never a
 * TypeError with a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { InputError } from "../errors.ts";
import { closestName } from "../suggest.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** A value that parseArgs would take for an option but that is a (negative) number: `-1`, `-0.5`, `-2e3`. */
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * `--name -1` → `--name=-1` for string options, so a negative number reaches the flag's own check
 * ("expected a positive number") instead of being taken for an unknown option.
 */
function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    const name = a.startsWith("--") ? a.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === "string" && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * Parses `args` with `options` (strict, no positionals). An unknown flag is an InputError naming
 * the closest known flag; a flag without its value says so; a stray argument says the command
 * takes none. `command` is the command's name, for the pointer to its --help.
 */
export function parseFlags<O extends Options>(args: string[], options: O, command: string) {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, strict: true, allowPositionals: false });
  } catch (err) {
    const code = (err as { code?: string }).code ?? "";
    if (!code.startsWith("ERR_PARSE_ARGS")) throw err;
    const message = (err as Error).message;
    const help = `(bfrsim ${command} --help)`;
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      const arg = /'([^']*)'/.exec(message)?.[1] ?? args.find((a) => !a.startsWith("-")) ?? "?";
      throw new InputError("argument", arg, `no positional arguments ${help}`);
    }
    const flag = /'(-{1,2}[^' =]+)/.exec(message)?.[1] ?? "?";
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const at = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
      const value = at < 0 ? undefined : args[at]!.includes("=") ? args[at]!.slice(args[at]!.indexOf("=") + 1) : args[at + 1];
      const what = options[flag.replace(/^-+/, "")]?.type === "boolean" ? "no value (it is a switch)" : "a value after the flag";
      throw new InputError(flag, value ?? null, `${what} ${help}`);
    }
    const near = closestName(flag.replace(/=.*$/, ""), Object.keys(options).map((k) => `--${k}`));
    throw new InputError("option", flag, `one of the options of bfrsim ${command}${near ? `; did you mean ${near}?` : ""} ${help}`);
  }
}

/** One line for a parseArgs failure that escaped a command (its code starts with ERR_PARSE_ARGS), or undefined. */
export function parseArgsFailure(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (!(err instanceof Error) || typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS")) return undefined;
  return err.message.split("\n")[0];
}
