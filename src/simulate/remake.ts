/**
 * Variations of a validated protocol or subject, SciML `remake` style: a copy with some fields
 * changed (dotted paths such as `cuff.pressure.pctAop` or `ageYr`), validated again. Sweeps and
 * `--set name=value` use this; the original is never modified.
 */
import { InputError } from "../errors.ts";
import type { Protocol, ProtocolInput, ValidatedProtocol } from "./protocol.ts";
import { validateProtocol } from "./protocol-validate.ts";
import { defaultContractionDuty } from "./schedule-physiology.ts";
import type { Subject } from "./subject.ts";
import { validateSubject } from "./subject-validate.ts";

/** Field overrides keyed by dotted path, e.g. `{ "intensity.loadPct1Rm": 30 }`. */
export type Overrides = Readonly<Record<string, unknown>>;

/** The validated protocol as input data again (what `validateProtocol` accepts). */
export function protocolToInput(protocol: Protocol): ProtocolInput {
  const { setsPattern, sets, contractionDuty, ...rest } = structuredClone(protocol) as Protocol & Record<string, unknown>;
  void setsPattern;
  // A duty equal to the cadence-derived default is left out so a remade cadence re-derives it
  // (passive and no-exercise protocols carry 0, which is not an input one may give).
  const derived = defaultContractionDuty(protocol.modality, protocol.cadenceS, protocol.repPauseS);
  return { ...rest, sets, ...(contractionDuty !== derived ? { contractionDuty } : {}) } as ProtocolInput;
}

/** A copy of `protocol` with `overrides` applied and validated again (warnings recomputed). */
export function remakeProtocol(protocol: Protocol, overrides: Overrides): ValidatedProtocol {
  const input = protocolToInput(protocol) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(overrides)) {
    // A pressure is either %AOP or mmHg: setting one replaces the other.
    if (path === "cuff.pressure.pctAop" || path === "cuff.pressure.mmHg") {
      setPath(input, "cuff.pressure", { [path.slice("cuff.pressure.".length)]: value }, "protocol");
    } else if (path === "sets" && typeof value === "string") {
      input.sets = value;
    } else {
      setPath(input, path, value, "protocol");
    }
  }
  return validateProtocol(input, { name: protocol.name });
}

/** A copy of `subject` with `overrides` applied and validated again. */
export function remakeSubject(subject: Subject, overrides: Overrides): Subject {
  const input = structuredClone(subject) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(overrides)) setPath(input, path, value, "subject");
  return validateSubject(input, { name: subject.name });
}

/** Reads a `--set` value: a number, true/false, or the text itself. */
export function parseOverrideValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed !== "" && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  return trimmed;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown, root: string): void {
  const keys = path.split(".");
  if (keys.some((k) => k === "" || k === "__proto__" || k === "constructor" || k === "prototype")) {
    throw new InputError(`${root}.${path}`, value, "a dotted field path such as cuff.pressure.pctAop");
  }
  let obj = target;
  for (const key of keys.slice(0, -1)) {
    const next = obj[key];
    if (next === undefined || next === null) obj[key] = {};
    else if (typeof next !== "object") throw new InputError(`${root}.${path}`, value, `a path inside an object (${key} is a value)`);
    obj = obj[key] as Record<string, unknown>;
  }
  obj[keys[keys.length - 1]!] = value;
}
