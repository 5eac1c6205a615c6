/**
 * `name=value` overrides, as `bfrsim simulate --set` and sweeps use them: `protocol.<path>` and
 * `subject.<path>` change (and re-validate) the protocol or subject; any other name is a model
 * parameter in its declared unit.
 */
import { InputError } from "../errors.ts";
import type { Protocol, ProtocolWarning } from "./protocol.ts";
import { parseOverrideValue, remakeProtocol, remakeSubject } from "./remake.ts";
import type { CompiledModel } from "../model/types.ts";
import type { Subject } from "./subject.ts";

export interface OverriddenRun {
  protocol: Protocol;
  subject: Subject;
  /** Model parameter overrides (declared units). */
  parameters: Record<string, number>;
  warnings: ProtocolWarning[];
}

/** Splits `NAME=VALUE` text into a name and a parsed value; bad syntax names the argument. */
export function parseAssignment(text: string, field = "--set"): [string, unknown] {
  const eq = text.indexOf("=");
  if (eq <= 0 || eq === text.length - 1) throw new InputError(field, text, "NAME=VALUE, e.g. protocol.cuff.pressure.pctAop=60");
  return [text.slice(0, eq).trim(), parseOverrideValue(text.slice(eq + 1))];
}

/** Applies overrides (name → value) to a protocol, a subject and the model parameters. */
export function applyOverrides(
  base: { protocol: Protocol; subject: Subject; warnings?: readonly ProtocolWarning[] },
  overrides: ReadonlyArray<readonly [string, unknown]>,
): OverriddenRun {
  const protocolSets: Record<string, unknown> = {};
  const subjectSets: Record<string, unknown> = {};
  const parameters: Record<string, number> = {};
  for (const [name, value] of overrides) {
    if (name.startsWith("protocol.")) protocolSets[name.slice("protocol.".length)] = value;
    else if (name.startsWith("subject.")) subjectSets[name.slice("subject.".length)] = value;
    else if (typeof value === "number") parameters[name] = value;
    else throw new InputError(name, value, "a number (model parameters take numbers in their declared unit)");
  }
  let protocol = base.protocol;
  let warnings = [...(base.warnings ?? [])];
  if (Object.keys(protocolSets).length) {
    const remade = remakeProtocol(protocol, protocolSets);
    protocol = remade.protocol;
    warnings = remade.warnings;
  }
  const subject = Object.keys(subjectSets).length ? remakeSubject(base.subject, subjectSets) : base.subject;
  return { protocol, subject, parameters, warnings };
}

/**
 * Refuses a model parameter override below 0 when the model file declares the parameter
 * non-negative (range [lo, hi] with lo ≥ 0): a negative AOP, rate constant or gain is a sign error,
 * not an exploration beyond the evidence (which parameterRangeWarnings allows, with a warning).
 */
export function checkParameterSigns(
  model: Pick<CompiledModel, "parameters" | "index">,
  overrides: Readonly<Record<string, number>>,
): void {
  for (const [name, value] of Object.entries(overrides)) {
    const k = model.index.parameters[name];
    if (k === undefined || !(value < 0)) continue;
    const p = model.parameters[k]!;
    const [lo, hi] = p.range;
    const unit = p.unit && p.unit !== "1" ? ` ${p.unit}` : "";
    if (lo >= 0) throw new InputError(`parameters.${name}`, value, `a value ≥ 0${unit} (a negative ${name} has no meaning; plausible range [${lo}, ${hi}]${unit})`);
  }
}

/**
 * Warnings for model parameter overrides outside the plausible range their model file declares:
 * allowed (exploring beyond the evidence is a legitimate question), but never silent.
 */
export function parameterRangeWarnings(
  model: Pick<CompiledModel, "parameters" | "index">,
  overrides: Readonly<Record<string, number>>,
): string[] {
  const warnings: string[] = [];
  for (const [name, value] of Object.entries(overrides)) {
    const k = model.index.parameters[name];
    if (k === undefined) continue; // unknown names are an error elsewhere
    const p = model.parameters[k]!;
    const [lo, hi] = p.range;
    if (value < lo || value > hi) {
      warnings.push(`${name} = ${value}${p.unit && p.unit !== "1" ? ` ${p.unit}` : ""} is outside its plausible range [${lo}, ${hi}] (evidence: ${p.evidence}); results extrapolate beyond what the model file's sources support`);
    }
  }
  return warnings;
}
