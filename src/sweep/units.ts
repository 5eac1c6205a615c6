/**
 * The unit of a sweep column, for table headers and axis labels: an outcome the simulate evaluator
 * records (`programme.<series>.<final|changePct>`, `session1|sessionMean.<series>.<statistic>`),
 * a protocol or subject variable, a cohort member characteristic, or a model parameter.
 *
 * Nothing here is a second unit table: outcomes take the unit `bfrsim simulate` prints for them
 * (PROGRAMME_OUTCOMES / SESSION_OUTCOMES), transformed by the statistic (changePct → %, an AUC →
 * unit·h); other series take the model's declared unit; protocol and subject fields take the unit
 * their validation ranges state; parameters their declared unit. A name none of these explains
 * has no unit (null): print the bare name, never a guessed unit. Browser-safe (no Node imports).
 */
import type { CompiledModel } from "../model/types.ts";
import { PROGRAMME_OUTCOMES, SESSION_OUTCOMES } from "../simulate/outcomes.ts";
import { PROTOCOL_RANGES } from "../simulate/protocol-validate.ts";
import { SUBJECT_RANGES } from "../simulate/subject-validate.ts";

/** What column units are read from: the model's states, outputs and parameters with their declared units. */
export type UnitModel = Pick<CompiledModel, "states" | "observables" | "parameters">;

const SESSION_PREFIXES = new Set(["session1", "sessionMean"]);
/** Units `bfrsim simulate` prints for a dimensionless quantity (an AUC of one is in h). */
const DIMENSIONLESS = new Set(["", "0-1", "0/1"]);
/** Protocol fields whose range is filed under another name (cuff.widthCm → cuffWidthCm). */
const PROTOCOL_RANGE_ALIASES: Readonly<Record<string, string>> = { widthCm: "cuffWidthCm" };
/** Units spelt in names by the project's convention (`aopMmHg`, `oneRepMaxKg`), longest first. */
const NAME_SUFFIX_UNITS: ReadonlyArray<readonly [string, string]> = [
  ["MmHg", "mmHg"], ["Cm2", "cm^2"], ["Kg", "kg"], ["Cm", "cm"], ["Yr", "yr"],
];

/** A declared model unit as `bfrsim simulate` prints units: "percent" → "%", "1" (dimensionless) → "". */
export function displayUnit(declared: string): string {
  const u = declared.trim();
  if (u === "1") return "";
  return u.replace(/\bpercent\b/g, "%");
}

/**
 * The unit of column `name` as `bfrsim simulate` prints it: "%" for CSA change, "fold·h" for an
 * IL-6 incremental AUC, "%AOP" for the cuff pressure, a parameter's declared unit; "" for a
 * dimensionless quantity (pH); null when the name is not one the model or protocol explains.
 */
export function columnUnit(name: string, model: UnitModel): string | null {
  const dot = name.indexOf(".");
  const prefix = dot < 0 ? "" : name.slice(0, dot);
  if (prefix === "programme") return programmeUnit(name.slice(dot + 1), model);
  if (SESSION_PREFIXES.has(prefix)) return sessionUnit(name.slice(dot + 1), model);
  if (prefix === "protocol") return protocolFieldUnit(name.slice(dot + 1));
  if (prefix === "subject" || prefix === "cohort") return subjectFieldUnit(name.slice(dot + 1));
  const parameter = model.parameters.find((p) => p.name === name);
  return parameter ? displayUnit(parameter.unit) : null;
}

/** "name (unit)" for an axis or header, the bare name when the unit is unknown or dimensionless. */
export function columnLabel(name: string, model: UnitModel): string {
  return withUnit(name, columnUnit(name, model));
}

/** `text (unit)`, or `text` alone when `unit` is null or empty. */
export function withUnit(text: string, unit: string | null): string {
  return unit ? `${text} (${unit})` : text;
}

/** `columnLabel` bound to one model, for figures that label their axes through a function. */
export function columnLabeller(model: UnitModel): (name: string) => string {
  return (name) => columnLabel(name, model);
}

/** Splits `series.statistic` at its last dot. */
function splitStatistic(rest: string): { series: string; statistic: string } | null {
  const k = rest.lastIndexOf(".");
  return k <= 0 ? null : { series: rest.slice(0, k), statistic: rest.slice(k + 1) };
}

/** The model's declared unit of a state or output, displayed; null when the model has no such series. */
function seriesUnit(series: string, model: UnitModel): string | null {
  const s = model.observables.find((o) => o.name === series) ?? model.states.find((o) => o.name === series);
  return s ? displayUnit(s.unit) : null;
}

function programmeUnit(rest: string, model: UnitModel): string | null {
  const parts = splitStatistic(rest);
  if (!parts) return null;
  const listed = PROGRAMME_OUTCOMES.find((o) => o.series === parts.series && o.statistic === parts.statistic);
  if (listed) return listed.unit;
  const unit = seriesUnit(parts.series, model);
  if (unit === null) return null;
  if (parts.statistic === "changePct") return "%";
  return parts.statistic === "final" ? unit : null;
}

/** The unit a series' session values are printed in: its peak/nadir row's unit, else the model's. */
function sessionValueUnit(series: string, model: UnitModel): string | null {
  const listed = SESSION_OUTCOMES.find((o) => o.series === series && (o.statistic === "peak" || o.statistic === "nadir"));
  return listed ? listed.unit : seriesUnit(series, model);
}

function sessionUnit(rest: string, model: UnitModel): string | null {
  const parts = splitStatistic(rest);
  if (!parts) return null;
  const listed = SESSION_OUTCOMES.find((o) => o.series === parts.series && o.statistic === parts.statistic);
  if (listed) return listed.unit;
  const unit = sessionValueUnit(parts.series, model);
  if (unit === null) return null;
  switch (parts.statistic) {
    case "peak":
    case "nadir":
      return unit;
    case "aucHours":
    case "iaucHours":
      // area under the series over time in hours: unit·h (h alone for a dimensionless series)
      return DIMENSIONLESS.has(unit) ? "h" : `${unit}·h`;
    case "peakChangePct":
      return "% of pre";
    default:
      return null;
  }
}

/** A validation range's unit when it is one (a parenthesised note such as "(0 = Monday)" is not); notes after a unit dropped. */
function rangeUnit(unit: string | undefined): string | null {
  if (unit === undefined || unit.startsWith("(")) return null;
  return unit.replace(/\s*\(.*\)$/, "");
}

function protocolFieldUnit(path: string): string | null {
  const leaf = path.slice(path.lastIndexOf(".") + 1);
  const key = PROTOCOL_RANGE_ALIASES[leaf] ?? leaf;
  const range = (PROTOCOL_RANGES as Record<string, { unit?: string }>)[key];
  return range ? rangeUnit(range.unit) : suffixUnit(leaf);
}

function subjectFieldUnit(path: string): string | null {
  const leaf = path.slice(path.lastIndexOf(".") + 1);
  const range = (SUBJECT_RANGES as Record<string, { unit?: string }>)[leaf];
  return range ? rangeUnit(range.unit) : suffixUnit(leaf);
}

/** The unit a camelCase field name ends in by the naming convention (`estimatedAopMmHg` → mmHg), or null. */
function suffixUnit(field: string): string | null {
  for (const [suffix, unit] of NAME_SUFFIX_UNITS) {
    if (field.length > suffix.length && field.endsWith(suffix) && /[a-z0-9]/.test(field[field.length - suffix.length - 1]!)) return unit;
  }
  return null;
}
