/**
 * Sweep specs from command-line flags, alone or layered over a spec file:
 *   --set NAME=40:80:10 | NAME=F,M | NAME=70     factorial variable (range, list or single value)
 *   --sample lhs:N | sobol:N | saltelli:N | morris:N   sample over the --sample-var ranges (saltelli/morris: sensitivity designs)
 *   --sample-var NAME=MIN..MAX[:log]             a sampled variable's range
 *   --outcomes A,B                               outcomes to record
 *   --seed N                                     sampling seed
 */
import { InputError } from "../errors.ts";

/** Spec-shaping flags collected by the CLI. */
export interface SpecFlags {
  set?: string[];
  sample?: string;
  sampleVars?: string[];
  outcomes?: string;
  seed?: string;
}

function splitAssignment(text: string, flag: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq < 1 || eq === text.length - 1) throw new InputError(flag, text, "NAME=VALUE");
  return [text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
}

function scalar(text: string): number | string {
  const n = Number(text);
  return text !== "" && Number.isFinite(n) ? n : text;
}

/** Parses "40:80:10", "F,M" or "70" into a spec variable value (range strings are validated later). */
export function parseSetValue(text: string): unknown {
  if (text.includes(":")) return text;
  if (text.includes(",")) return text.split(",").map((s) => scalar(s.trim()));
  return [scalar(text)];
}

function parseSampleRange(name: string, text: string): Record<string, unknown> {
  const m = /^([^.]+|[^.]*\.[^.]+)\.\.(.+?)(?::(log|linear))?$/.exec(text);
  if (!m) throw new InputError(`--sample-var ${name}`, text, "MIN..MAX or MIN..MAX:log, e.g. 0.01..1:log");
  return { min: Number(m[1]), max: Number(m[2]), scale: m[3] ?? "linear" };
}

/** Returns `base` (a raw spec object, e.g. from a file) with the flags applied on top. */
export function applySpecFlags(base: Record<string, unknown>, flags: SpecFlags): Record<string, unknown> {
  const spec: Record<string, unknown> = { ...base };
  if (flags.set?.length) {
    const vars = { ...((base.variables as Record<string, unknown>) ?? {}) };
    const given = new Set<string>();
    for (const a of flags.set) {
      const [name, value] = splitAssignment(a, "--set");
      // a second --set of one name would silently replace the first: a list is NAME=A,B
      if (given.has(name)) throw new InputError(`--set ${name}`, value, `one --set per variable (several values as a list: ${name}=A,B or a range FROM:TO:STEP)`);
      given.add(name);
      vars[name] = parseSetValue(value);
    }
    spec.variables = vars;
  }
  if (flags.sample !== undefined || flags.sampleVars?.length) {
    const sample = { ...((base.sample as Record<string, unknown>) ?? {}) };
    if (flags.sample !== undefined) {
      const m = /^(lhs|sobol|saltelli|morris):(.+)$/.exec(flags.sample);
      if (!m) throw new InputError("--sample", flags.sample, '"lhs:N", "sobol:N", "saltelli:N" or "morris:N"');
      sample.method = m[1];
      sample.n = Number(m[2]);
      if (!Number.isInteger(sample.n)) throw new InputError("--sample", flags.sample, `"${m[1]}:N" with N a whole number, e.g. "${m[1]}:100"`);
    }
    const vars = { ...((sample.variables as Record<string, unknown>) ?? {}) };
    for (const a of flags.sampleVars ?? []) {
      const [name, value] = splitAssignment(a, "--sample-var");
      vars[name] = parseSampleRange(name, value);
    }
    sample.variables = vars;
    spec.sample = sample;
  }
  if (flags.outcomes !== undefined) spec.outcomes = flags.outcomes.split(",").map((s) => s.trim()).filter(Boolean);
  if (flags.seed !== undefined) {
    const n = Number(flags.seed);
    spec.seed = flags.seed.trim() !== "" && Number.isFinite(n) ? n : flags.seed;
  }
  return spec;
}
